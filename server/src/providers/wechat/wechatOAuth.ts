/**
 * WeChat web authorization (ACC-1, the production identity provider): builds the authorize URL and
 * exchanges the returned code for the user's openid at `/sns/oauth2/access_token`. The app secret travels
 * only in that request's query string, so neither a URL nor a raw WeChat answer is ever logged or thrown.
 */
import { WechatCodeInvalidError, WechatUnavailableError } from "../../errors.js";

/** The scopes of the web flow: `snsapi_base` is silent, `snsapi_userinfo` asks the user first. */
export type WechatScope = "snsapi_base" | "snsapi_userinfo";

/** Configuration of the adapter (from env.ts); `fetch` is replaceable for tests of odd transports. */
export interface WechatOAuthOptions {
  appId: string;
  appSecret: string;
  /** e.g. https://open.weixin.qq.com/connect/oauth2/authorize */
  authorizeUrl: string;
  /** e.g. https://api.weixin.qq.com */
  apiUrl: string;
  scope: WechatScope;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Who WeChat says signed in: the openid for this app id, and the unionid when WeChat gives one. */
export interface WechatIdentity {
  openId: string;
  unionId?: string;
}

// errcodes meaning the code itself is no good (expired, used, missing): the user starts again.
const CODE_ERRORS = new Set([40029, 40163, 41008]);
// errcodes meaning our configuration is refused: an operator has to act, the user cannot.
const CONFIG_ERRORS = new Set([40001, 40002, 40013, 40125, 40164, 41002, 41004, 48001, 50001]);
const BUSY_ERRORS = new Set([-1, 45009, 45011]);
const ID_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;

/** The WeChat OAuth2 web flow for one official-account app id. */
export class WechatOAuth {
  readonly #options: WechatOAuthOptions;
  readonly #fetch: typeof fetch;

  constructor(options: WechatOAuthOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The app id, e.g. for /healthz; the secret has no getter. */
  get appId(): string {
    return this.#options.appId;
  }

  /** Where to send the browser. WeChat wants its parameters in this order and the `#wechat_redirect` suffix. */
  authorizeUrl(redirectUri: string, state: string): string {
    const query = new URLSearchParams([
      ["appid", this.#options.appId],
      ["redirect_uri", redirectUri],
      ["response_type", "code"],
      ["scope", this.#options.scope],
      ["state", state],
    ]);
    return `${this.#options.authorizeUrl}?${query.toString()}#wechat_redirect`;
  }

  /**
   * Exchanges an authorization code for the user's identity. Throws `WechatCodeInvalidError` when WeChat
   * refuses the code, `WechatUnavailableError` for anything else (busy, timeout, configuration refused).
   */
  async exchangeCode(code: string): Promise<WechatIdentity> {
    const url = new URL("/sns/oauth2/access_token", this.#options.apiUrl);
    url.search = new URLSearchParams([
      ["appid", this.#options.appId],
      ["secret", this.#options.appSecret],
      ["code", code],
      ["grant_type", "authorization_code"],
    ]).toString();
    let text: string;
    try {
      const response = await this.#fetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
      if (!response.ok) throw new WechatUnavailableError(undefined, { httpStatus: response.status });
    } catch (error) {
      if (error instanceof WechatUnavailableError) throw error;
      // Never rethrow the fetch error: its message or cause may quote the URL, secret included.
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new WechatUnavailableError("微信服务暂时无法连接，请稍后重试或使用手机号登录", {
        reason: timedOut ? "timeout" : "network",
      });
    }
    return identityOf(parse(text));
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Falls through: WeChat answered something that is not its JSON (a proxy page, a truncated body).
  }
  throw new WechatUnavailableError(undefined, { reason: "unreadable" });
}

function identityOf(answer: Record<string, unknown>): WechatIdentity {
  const { errcode, openid, unionid } = answer;
  if (typeof errcode === "number" && errcode !== 0) throw errorFor(errcode);
  if (typeof openid !== "string" || !ID_SHAPE.test(openid)) {
    throw new WechatUnavailableError(undefined, { reason: "unreadable" });
  }
  return typeof unionid === "string" && ID_SHAPE.test(unionid)
    ? { openId: openid, unionId: unionid }
    : { openId: openid };
}

/** Maps a WeChat errcode onto what the user is told; the errcode goes along for the operator. */
function errorFor(errcode: number): Error {
  if (CODE_ERRORS.has(errcode)) return new WechatCodeInvalidError({ errcode });
  if (BUSY_ERRORS.has(errcode)) return new WechatUnavailableError("微信服务繁忙，请稍后重试", { errcode });
  if (CONFIG_ERRORS.has(errcode)) {
    return new WechatUnavailableError("微信登录配置有误，请联系管理员或使用手机号登录", { errcode });
  }
  return new WechatUnavailableError(undefined, { errcode });
}
