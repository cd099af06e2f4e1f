/**
 * A small fake of WeChat's OAuth2 web flow on 127.0.0.1, for the WeChat adapter and route suites: the
 * authorize endpoint redirects back with a code for whoever `signedInAs` names; the token endpoint checks
 * app id, secret, code (single use) and grant type like WeChat does, or answers `failWith` / hangs.
 */
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";

/** A WeChat user as the fake knows them. */
export interface FakeWechatUser {
  openId: string;
  unionId?: string;
}

/** A running fake and the knobs a test turns. */
export interface FakeWechat {
  appId: string;
  appSecret: string;
  /** Value for SHENBAO_WECHAT_AUTHORIZE_URL. */
  authorizeUrl: string;
  /** Value for SHENBAO_WECHAT_API_URL. */
  apiUrl: string;
  /** The WeChat user who "taps 同意" at the authorize endpoint next. */
  signedInAs: FakeWechatUser;
  /** When set, the token endpoint answers this WeChat error instead. */
  failWith: { errcode: number; errmsg: string } | undefined;
  /** When true, the token endpoint never answers (to test the timeout). */
  hang: boolean;
  /** Query strings the token endpoint received. */
  tokenRequests: URLSearchParams[];
  /** Env variables pointing the app at this fake. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts the fake on a free port. */
export async function startFakeWechat(): Promise<FakeWechat> {
  const codes = new Map<string, { user: FakeWechatUser; used: boolean }>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/connect/oauth2/authorize") return authorize(url.searchParams, response);
    if (url.pathname === "/sns/oauth2/access_token") return token(url.searchParams, response);
    response.writeHead(404).end();
  });

  const fake: FakeWechat = {
    appId: "wx0123456789abcdef",
    appSecret: `fake-secret-${randomBytes(8).toString("hex")}`,
    authorizeUrl: "",
    apiUrl: "",
    signedInAs: { openId: "oFAKE_first_user" },
    failWith: undefined,
    hang: false,
    tokenRequests: [],
    env: () => ({
      SHENBAO_WECHAT_APP_ID: fake.appId,
      SHENBAO_WECHAT_APP_SECRET: fake.appSecret,
      SHENBAO_WECHAT_AUTHORIZE_URL: fake.authorizeUrl,
      SHENBAO_WECHAT_API_URL: fake.apiUrl,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function authorize(query: URLSearchParams, response: ServerResponse): void {
    const redirectUri = query.get("redirect_uri");
    const valid =
      query.get("appid") === fake.appId &&
      query.get("response_type") === "code" &&
      ["snsapi_base", "snsapi_userinfo"].includes(query.get("scope") ?? "") &&
      redirectUri?.startsWith("http");
    if (!valid || !redirectUri) {
      response.writeHead(400, { "content-type": "text/plain" }).end("bad authorize request");
      return;
    }
    const code = randomBytes(16).toString("hex");
    codes.set(code, { user: { ...fake.signedInAs }, used: false });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", query.get("state") ?? "");
    response.writeHead(302, { location: back.toString() }).end();
  }

  function token(query: URLSearchParams, response: ServerResponse): void {
    fake.tokenRequests.push(query);
    if (fake.hang) return;
    const issued = codes.get(query.get("code") ?? "");
    let answer: Record<string, unknown>;
    if (fake.failWith) answer = { ...fake.failWith };
    else if (query.get("appid") !== fake.appId) answer = { errcode: 40013, errmsg: "invalid appid" };
    else if (query.get("secret") !== fake.appSecret) answer = { errcode: 40125, errmsg: "invalid appsecret" };
    else if (query.get("grant_type") !== "authorization_code")
      answer = { errcode: 40002, errmsg: "invalid grant_type" };
    else if (!issued) answer = { errcode: 40029, errmsg: "invalid code" };
    else if (issued.used) answer = { errcode: 40163, errmsg: "code been used" };
    else {
      issued.used = true;
      answer = {
        access_token: randomBytes(16).toString("hex"),
        expires_in: 7200,
        refresh_token: randomBytes(16).toString("hex"),
        openid: issued.user.openId,
        scope: "snsapi_base",
        ...(issued.user.unionId ? { unionid: issued.user.unionId } : {}),
      };
    }
    // WeChat labels its JSON text/plain; the adapter must not rely on the content type.
    response.writeHead(200, { "content-type": "text/plain" }).end(JSON.stringify(answer));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  const origin = `http://127.0.0.1:${address.port}`;
  fake.authorizeUrl = `${origin}/connect/oauth2/authorize`;
  fake.apiUrl = origin;
  return fake;
}
