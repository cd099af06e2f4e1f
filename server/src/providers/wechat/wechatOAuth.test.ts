import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WechatCodeInvalidError, WechatUnavailableError } from "../../errors.js";
import { startFakeWechat, type FakeWechat } from "../../../test/fakeWechat.js";
import { WechatOAuth, type WechatOAuthOptions } from "./wechatOAuth.js";

const REDIRECT = "https://shenbao.example/api/auth/wechat/callback";

let fake: FakeWechat;

beforeEach(async () => {
  fake = await startFakeWechat();
});
afterEach(async () => {
  await fake.close();
});

function adapter(overrides: Partial<WechatOAuthOptions> = {}): WechatOAuth {
  return new WechatOAuth({
    appId: fake.appId,
    appSecret: fake.appSecret,
    authorizeUrl: fake.authorizeUrl,
    apiUrl: fake.apiUrl,
    scope: "snsapi_base",
    timeoutMs: 2_000,
    ...overrides,
  });
}

/** Plays the user tapping 同意 at the fake's authorize page; returns the code WeChat sends back. */
async function authorizeAtFake(wechat: WechatOAuth): Promise<string> {
  const response = await fetch(wechat.authorizeUrl(REDIRECT, "some-state"), { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location") ?? "");
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get("state")).toBe("some-state");
  return back.searchParams.get("code") ?? "";
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error("expected a rejection");
  return error;
}

describe("WechatOAuth", () => {
  it("builds the authorize URL WeChat expects", () => {
    const url = adapter({ scope: "snsapi_userinfo" }).authorizeUrl(REDIRECT, "abc");
    expect(url).toBe(
      `${fake.authorizeUrl}?appid=${fake.appId}&redirect_uri=${encodeURIComponent(REDIRECT)}` +
        "&response_type=code&scope=snsapi_userinfo&state=abc#wechat_redirect",
    );
    expect(url).not.toContain(fake.appSecret);
  });

  it("exchanges a code for the openid, sending app id, secret and grant type", async () => {
    const wechat = adapter();
    const code = await authorizeAtFake(wechat);
    expect(await wechat.exchangeCode(code)).toEqual({ openId: "oFAKE_first_user" });
    const [request] = fake.tokenRequests;
    expect(Object.fromEntries(request ?? [])).toEqual({
      appid: fake.appId,
      secret: fake.appSecret,
      code,
      grant_type: "authorization_code",
    });
  });

  it("returns the unionid when WeChat gives one", async () => {
    fake.signedInAs = { openId: "oFAKE_with_union", unionId: "uFAKE_union" };
    const wechat = adapter();
    expect(await wechat.exchangeCode(await authorizeAtFake(wechat))).toEqual({
      openId: "oFAKE_with_union",
      unionId: "uFAKE_union",
    });
  });

  it("maps an unknown or reused code to 「微信授权已失效或未完成，请重新登录」", async () => {
    const wechat = adapter();
    const unknown = await failure(wechat.exchangeCode("not-a-code"));
    expect(unknown).toBeInstanceOf(WechatCodeInvalidError);
    expect((unknown as WechatCodeInvalidError).details).toEqual({ errcode: 40029 });

    const code = await authorizeAtFake(wechat);
    await wechat.exchangeCode(code);
    const reused = await failure(wechat.exchangeCode(code));
    expect(reused.message).toBe("微信授权已失效或未完成，请重新登录");
    expect((reused as WechatCodeInvalidError).details).toEqual({ errcode: 40163 });
  });

  it("maps a refused secret to a configuration message that does not contain the secret", async () => {
    const wechat = adapter({ appSecret: "the-wrong-secret" });
    const error = await failure(wechat.exchangeCode(await authorizeAtFake(wechat)));
    expect(error).toBeInstanceOf(WechatUnavailableError);
    expect(error.message).toBe("微信登录配置有误，请联系管理员或使用手机号登录");
    expect((error as WechatUnavailableError).details).toEqual({ errcode: 40125 });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      "the-wrong-secret",
    );
  });

  it("maps WeChat being busy to 「微信服务繁忙，请稍后重试」", async () => {
    fake.failWith = { errcode: -1, errmsg: "system error" };
    const error = await failure(adapter().exchangeCode("any"));
    expect(error).toBeInstanceOf(WechatUnavailableError);
    expect(error.message).toBe("微信服务繁忙，请稍后重试");
  });

  it("gives up after the timeout when WeChat does not answer", async () => {
    fake.hang = true;
    const error = await failure(adapter({ timeoutMs: 150 }).exchangeCode("any"));
    expect(error).toBeInstanceOf(WechatUnavailableError);
    expect((error as WechatUnavailableError).details).toEqual({ reason: "timeout" });
  });

  it("reports an unreachable WeChat without quoting the request URL", async () => {
    const closed = fake.apiUrl;
    await fake.close();
    const error = await failure(adapter({ apiUrl: closed }).exchangeCode("any"));
    expect(error).toBeInstanceOf(WechatUnavailableError);
    expect((error as WechatUnavailableError).details).toEqual({ reason: "network" });
    expect(`${error.message} ${error.stack ?? ""} ${String(error.cause ?? "")}`).not.toContain(
      fake.appSecret,
    );
    fake = await startFakeWechat();
  });
});
