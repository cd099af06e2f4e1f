/**
 * /api/auth/wechat — WeChat sign-in (ACC-1): `start` sends the browser to WeChat, `callback` comes back with
 * a code and signs the browser in. Both answer 404 「本系统未开通微信登录」 when WeChat is not configured.
 */
import Router from "@koa/router";
import type { Context } from "koa";
import type { AppDeps, AppState } from "../../app.js";
import { WECHAT_SIGN_IN } from "../../auth/authSettings.js";
import { publicOriginOf } from "../../auth/signInServices.js";
import { wechatSignInCompleter } from "../../commands/wechatSignInCompleter.js";
import { wechatSignInStarter } from "../../commands/wechatSignInStarter.js";
import { WechatNotConfiguredError } from "../../errors.js";
import { sessionTokenOf, setSessionCookie } from "../../middleware/session.js";
import type { WechatOAuth } from "../../providers/wechat/wechatOAuth.js";
import { parseInput } from "../parseInput.js";
import { wechatCallbackQuerySchema, wechatStartQuerySchema } from "./authSchemas.js";

/** Router for the WeChat authorization-code flow. */
export function wechatRouter(deps: AppDeps): Router<AppState> {
  const { store } = deps.ports;
  const router = new Router<AppState>({ prefix: "/api/auth/wechat" });
  const wechatOf = (): WechatOAuth => {
    if (!deps.signIn.wechat) throw new WechatNotConfiguredError();
    return deps.signIn.wechat;
  };

  router.get("/start", async (ctx) => {
    const wechat = wechatOf();
    const { returnTo } = parseInput(wechatStartQuerySchema, ctx.query);
    const { authorizeUrl, browserSecret } = await wechatSignInStarter(
      { store, clock: deps.clock, cipher: deps.cipher, wechat, rateLimiter: deps.rateLimiter },
      {
        returnTo,
        redirectUri: `${publicOriginOf(ctx, deps.signIn)}/api/auth/wechat/callback`,
        address: ctx.ip,
        browserSecret: ctx.cookies.get(WECHAT_SIGN_IN.cookieName),
      },
    );
    setBindingCookie(ctx, browserSecret);
    ctx.redirect(authorizeUrl);
  });

  router.get("/callback", async (ctx) => {
    const wechat = wechatOf();
    const { code, state } = parseInput(wechatCallbackQuerySchema, ctx.query);
    const { token, returnTo } = await wechatSignInCompleter(
      { store, clock: deps.clock, wechat },
      {
        code,
        state,
        browserSecret: ctx.cookies.get(WECHAT_SIGN_IN.cookieName),
        previousToken: sessionTokenOf(ctx),
      },
    );
    setSessionCookie(ctx, token);
    // returnTo was checked to be a same-origin path when the round trip started, and stored server-side.
    ctx.redirect(returnTo);
  });

  return router;
}

/**
 * The cookie binding a round trip to this browser. SameSite=Lax still sends it on WeChat's top-level GET
 * redirect back to us; its path keeps it off every other request.
 */
function setBindingCookie(ctx: Context, secret: string): void {
  ctx.cookies.set(WECHAT_SIGN_IN.cookieName, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secure,
    path: WECHAT_SIGN_IN.cookiePath,
    maxAge: WECHAT_SIGN_IN.stateTtlMs,
    overwrite: true,
  });
}
