/**
 * The configured sign-in providers beside the built-in phone codes (ACC-1, ACC-2): WeChat when its app id and
 * secret are set, and the public address links and redirects are built on.
 */
import type { Context } from "koa";
import type { Env } from "../env.js";
import { WechatOAuth } from "../providers/wechat/wechatOAuth.js";

/** What the sign-in routes need from configuration. */
export interface SignInServices {
  /** Undefined when WeChat sign-in is not configured; its routes then answer 404. */
  wechat: WechatOAuth | undefined;
  /** `SHENBAO_PUBLIC_URL`'s origin, if set. */
  publicOrigin: string | undefined;
}

/** Builds the sign-in services from `env` (which already checked that id and secret come together). */
export function openSignInServices(
  env: Pick<
    Env,
    | "SHENBAO_PUBLIC_URL"
    | "SHENBAO_WECHAT_APP_ID"
    | "SHENBAO_WECHAT_APP_SECRET"
    | "SHENBAO_WECHAT_AUTHORIZE_URL"
    | "SHENBAO_WECHAT_API_URL"
    | "SHENBAO_WECHAT_SCOPE"
    | "SHENBAO_WECHAT_TIMEOUT_MS"
  >,
): SignInServices {
  const wechat =
    env.SHENBAO_WECHAT_APP_ID && env.SHENBAO_WECHAT_APP_SECRET
      ? new WechatOAuth({
          appId: env.SHENBAO_WECHAT_APP_ID,
          appSecret: env.SHENBAO_WECHAT_APP_SECRET,
          authorizeUrl: env.SHENBAO_WECHAT_AUTHORIZE_URL,
          apiUrl: env.SHENBAO_WECHAT_API_URL,
          scope: env.SHENBAO_WECHAT_SCOPE,
          timeoutMs: env.SHENBAO_WECHAT_TIMEOUT_MS,
        })
      : undefined;
  return {
    wechat,
    publicOrigin: env.SHENBAO_PUBLIC_URL ? new URL(env.SHENBAO_PUBLIC_URL).origin : undefined,
  };
}

/**
 * The origin users reach this site at: the configured one, else the request's protocol and host (which
 * honour X-Forwarded-Proto / -Host only behind a trusted proxy). Not `ctx.origin`: Koa 3 made that the
 * request's Origin header.
 */
export function publicOriginOf(ctx: Pick<Context, "protocol" | "host">, services: SignInServices): string {
  return services.publicOrigin ?? `${ctx.protocol}://${ctx.host}`;
}
