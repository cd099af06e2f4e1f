import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION, WECHAT_SIGN_IN } from "../../auth/authSettings.js";
import { collectionsOf } from "../../store/collections.js";
import { CookieJar } from "../../../test/cookieJar.js";
import { startFakeWechat, type FakeWechat } from "../../../test/fakeWechat.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let clock: ManualClock;
let fake: FakeWechat;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock();
  fake = await startFakeWechat();
  server = await startTestServer({ clock, env: fake.env() });
});
afterEach(async () => {
  await server.close();
  await fake.close();
});

/** GET /api/auth/wechat/start as `browser`; returns the authorize URL it redirects to. */
async function start(browser: CookieJar, returnTo?: string): Promise<string> {
  const query = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await browser.fetch(`${server.url}/api/auth/wechat/start${query}`);
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

/** The user taps 同意 at the fake WeChat; returns the callback URL WeChat sends the browser back to. */
async function authorize(authorizeUrl: string): Promise<string> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

async function me(browser: CookieJar): Promise<{ status: number; body: { id?: string; phone?: unknown } }> {
  const response = await browser.fetch(`${server.url}/api/me`);
  return { status: response.status, body: (await response.json()) as { id?: string; phone?: unknown } };
}

async function errorOf(response: Response): Promise<{ error: string; message: string }> {
  return (await response.json()) as { error: string; message: string };
}

describe("GET /api/auth/wechat/start", () => {
  it("redirects to WeChat with the app id, our callback, the scope and a state, and binds the browser", async () => {
    const browser = new CookieJar();
    const location = new URL(await start(browser, "/apply"));
    expect(`${location.origin}${location.pathname}`).toBe(fake.authorizeUrl);
    expect(location.hash).toBe("#wechat_redirect");
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      appid: fake.appId,
      redirect_uri: `${server.url}/api/auth/wechat/callback`,
      response_type: "code",
      scope: "snsapi_base",
    });
    expect(query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.toString()).not.toContain(fake.appSecret);
    expect(browser.get(WECHAT_SIGN_IN.cookieName)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a return address on another site, and starts nothing", async () => {
    for (const returnTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const response = await new CookieJar().fetch(
        `${server.url}/api/auth/wechat/start?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(response.status, returnTo).toBe(400);
      expect(await errorOf(response)).toMatchObject({ error: "invalid_input", message: "返回地址无效" });
      expect(response.headers.get("location")).toBeNull();
    }
    expect(await collectionsOf(server.ports.store).wechatStates.count({})).toBe(0);
  });
});

describe("GET /api/auth/wechat/callback", () => {
  it("creates the user and a session, then returns to the page the user came from", async () => {
    const browser = new CookieJar();
    const response = await browser.fetch(await authorize(await start(browser, "/apply?step=2")));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/apply?step=2");
    const header = response.headers.getSetCookie().find((h) => h.startsWith(`${SESSION.cookieName}=`)) ?? "";
    expect(header.toLowerCase()).toContain("httponly");

    const signedIn = await me(browser);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ phone: null, roles: ["candidate"], identityStatus: "none" });
    const user = await collectionsOf(server.ports.store).users.get(signedIn.body.id ?? "");
    expect(user?.wechatOpenId).toBe("oFAKE_first_user");
  });

  it("finds the same user on the next sign-in, and another WeChat user is someone else", async () => {
    const first = new CookieJar();
    await first.fetch(await authorize(await start(first)));
    const again = new CookieJar();
    await again.fetch(await authorize(await start(again)));
    fake.signedInAs = { openId: "oFAKE_second_user" };
    const other = new CookieJar();
    await other.fetch(await authorize(await start(other)));

    const ids = [(await me(first)).body.id, (await me(again)).body.id, (await me(other)).body.id];
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(await collectionsOf(server.ports.store).users.count({})).toBe(2);
  });

  it("rotates the session: the browser's earlier session ends", async () => {
    const browser = new CookieJar();
    await browser.fetch(await authorize(await start(browser)));
    const before = browser.get(SESSION.cookieName);
    await browser.fetch(await authorize(await start(browser)));
    const after = browser.get(SESSION.cookieName);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const stale = await fetch(`${server.url}/api/me`, {
      headers: { Cookie: `${SESSION.cookieName}=${before}` },
    });
    expect(stale.status).toBe(401);
  });

  it("rejects a forged state and signs nobody in", async () => {
    const browser = new CookieJar();
    const callback = new URL(await authorize(await start(browser)));
    callback.searchParams.set("state", "A".repeat(43));
    const response = await browser.fetch(callback.toString());
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      error: "wechat_state_invalid",
      message: "登录请求已失效，请重新发起微信登录",
    });
    expect(browser.get(SESSION.cookieName)).toBeUndefined();
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it("accepts a state only once", async () => {
    const browser = new CookieJar();
    const callback = await authorize(await start(browser));
    expect((await browser.fetch(callback)).status).toBe(302);
    const replay = await browser.fetch(callback);
    expect(replay.status).toBe(400);
    expect((await errorOf(replay)).error).toBe("wechat_state_invalid");
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it("rejects a state after 10 minutes", async () => {
    const browser = new CookieJar();
    const callback = await authorize(await start(browser));
    clock.advance(WECHAT_SIGN_IN.stateTtlMs);
    const response = await browser.fetch(callback);
    expect((await errorOf(response)).error).toBe("wechat_state_invalid");
    expect(browser.get(SESSION.cookieName)).toBeUndefined();
  });

  it("rejects a callback opened in another browser than the one that started it", async () => {
    const attacker = new CookieJar();
    const callback = await authorize(await start(attacker));
    const victim = new CookieJar();
    const response = await victim.fetch(callback);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toBe("wechat_state_invalid");
    expect(victim.get(SESSION.cookieName)).toBeUndefined();
    expect(await collectionsOf(server.ports.store).users.count({})).toBe(0);
  });

  it("maps a WeChat error to a Chinese message and never shows or logs the secret", async () => {
    fake.failWith = { errcode: -1, errmsg: "system error" };
    const browser = new CookieJar();
    const response = await browser.fetch(await authorize(await start(browser)));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: "wechat_unavailable",
      message: "微信服务繁忙，请稍后重试",
      details: { errcode: -1 },
    });
    expect(browser.get(SESSION.cookieName)).toBeUndefined();
    expect(fake.tokenRequests).toHaveLength(1);
    expect(text).not.toContain(fake.appSecret);
    expect(server.logLines.length).toBeGreaterThan(0);
    for (const line of server.logLines) expect(line).not.toContain(fake.appSecret);
  });

  it("answers 「微信授权已失效或未完成，请重新登录」 when the user declined (no code)", async () => {
    const browser = new CookieJar();
    const callback = new URL(await authorize(await start(browser)));
    callback.searchParams.delete("code");
    const response = await browser.fetch(callback.toString());
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toBe("wechat_code_invalid");
  });
});

describe("GET /api/auth/wechat/* without WeChat configured", () => {
  it("answers 404 「本系统未开通微信登录，请使用手机号登录」", async () => {
    const plain = await startTestServer({ clock });
    try {
      for (const route of ["start?returnTo=/", "callback?code=x&state=y"]) {
        const response = await fetch(`${plain.url}/api/auth/wechat/${route}`, { redirect: "manual" });
        expect(response.status).toBe(404);
        expect(await errorOf(response)).toMatchObject({
          error: "wechat_not_configured",
          message: "本系统未开通微信登录，请使用手机号登录",
        });
      }
    } finally {
      await plain.close();
    }
  });
});
