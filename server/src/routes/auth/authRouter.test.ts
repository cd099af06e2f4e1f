import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { RATE_LIMITS, SESSION, SIGN_IN_CODE } from "../../auth/authSettings.js";
import { postJson, sessionCookieOf, signIn } from "../../../test/authClient.js";
import { ManualClock } from "../../../test/manualClock.js";
import { lastSignInCode, readOutbox } from "../../../test/outbox.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

const PHONE = "13912345678";
const OTHER_PHONE = "13800001111";

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock, trustProxy: true });
});
afterEach(async () => {
  await server.close();
});

function me(target: Pick<TestServer, "url">, cookie?: string): Promise<Response> {
  return fetch(`${target.url}/api/me`, cookie ? { headers: { Cookie: cookie } } : {});
}

async function errorOf(
  response: Response,
): Promise<{ error: string; message: string; details?: Record<string, unknown> }> {
  return (await response.json()) as { error: string; message: string; details?: Record<string, unknown> };
}

function wrongCodeFor(code: string): string {
  return code === "000000" ? "111111" : "000000";
}

describe("POST /api/auth/code", () => {
  it("writes a 6-digit code to the outbox and says how long it lives", async () => {
    const response = await postJson(server, "/api/auth/code", { phone: PHONE });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const lines = readOutbox(server.dataDir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      to: PHONE,
      channel: "sms",
      template: "signInCode",
      time: new Date(clock.now()).toISOString(),
    });
    expect(lines[0]?.text).toMatch(/验证码是\d{6}，5分钟内有效/);
    expect(statSync(path.join(server.dataDir, "outbox.jsonl")).mode & 0o777).toBe(0o600);
  });

  it("accepts a number typed with full-width digits, spaces and +86", async () => {
    const response = await postJson(server, "/api/auth/code", { phone: "+86 １３９ 1234-5678" });
    expect(response.status).toBe(200);
    expect(readOutbox(server.dataDir)[0]?.to).toBe(PHONE);
  });

  it("rejects a number that is not a mainland mobile with 「请输入正确的手机号码」", async () => {
    for (const phone of ["12345678901", "1391234567", "139123456789", "abc"]) {
      const response = await postJson(server, "/api/auth/code", { phone });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        error: "phone_invalid",
        message: "请输入正确的手机号码",
      });
    }
    const missing = await postJson(server, "/api/auth/code", {});
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ error: "invalid_input", message: "请输入正确的手机号码" });
    expect(readOutbox(server.dataDir)).toHaveLength(0);
  });

  it("refuses another code within 60 seconds and sends one after", async () => {
    expect((await postJson(server, "/api/auth/code", { phone: PHONE })).status).toBe(200);
    clock.advance(20_000);
    const early = await postJson(server, "/api/auth/code", { phone: PHONE });
    expect(early.status).toBe(429);
    expect(early.headers.get("retry-after")).toBe("40");
    expect(await errorOf(early)).toMatchObject({
      error: "rate_limited",
      message: "操作过于频繁，请稍后再试",
      details: { retryAfter: 40 },
    });
    clock.advance(40_000);
    expect((await postJson(server, "/api/auth/code", { phone: PHONE })).status).toBe(200);
    expect(readOutbox(server.dataDir)).toHaveLength(2);
  });

  it("allows 5 codes per phone an hour, then answers 429 until the hour is over", async () => {
    const { limit, windowMs } = RATE_LIMITS.codePerPhone;
    // The limiter counts in real time (rate-limiter-flexible reads Date), so Date moves with the test clock.
    vi.useFakeTimers({ toFake: ["Date"], now: clock.now() });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const advance = (ms: number) => {
      clock.advance(ms);
      vi.setSystemTime(clock.now());
    };
    for (let i = 0; i < limit; i++) {
      // Different addresses, so only the per-phone limit can stop the sixth.
      expect((await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: `10.0.0.${i}` })).status).toBe(
        200,
      );
      advance(SIGN_IN_CODE.resendCooldownMs);
    }
    const limited = await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: "10.0.1.1" });
    expect(limited.status).toBe(429);
    const secondsLeft = (windowMs - limit * SIGN_IN_CODE.resendCooldownMs) / 1000;
    expect((await errorOf(limited)).details).toEqual({ retryAfter: secondsLeft });
    // Another phone is not affected.
    expect(
      (await postJson(server, "/api/auth/code", { phone: OTHER_PHONE }, { ip: "10.0.1.1" })).status,
    ).toBe(200);
    advance(secondsLeft * 1000);
    expect((await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: "10.0.1.1" })).status).toBe(200);
  });

  it("allows 20 codes per client address an hour across phones, then answers 429", async () => {
    const { limit } = RATE_LIMITS.codePerAddress;
    for (let i = 0; i < limit; i++) {
      const phone = `1370000${String(i).padStart(4, "0")}`;
      expect((await postJson(server, "/api/auth/code", { phone }, { ip: "203.0.113.7" })).status).toBe(200);
    }
    const limited = await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: "203.0.113.7" });
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).error).toBe("rate_limited");
    expect((await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: "203.0.113.8" })).status).toBe(
      200,
    );
  });
});

describe("POST /api/auth/sign-in", () => {
  it("signs in with the code from the outbox and sets an HttpOnly, SameSite=Lax session cookie on /", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const response = await postJson(server, "/api/auth/sign-in", {
      phone: PHONE,
      code: lastSignInCode(server.dataDir, PHONE),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; phone: string };
    expect(body).toMatchObject({ phone: "139****5678", roles: ["candidate"], identityStatus: "none" });

    const header = response.headers.getSetCookie().find((h) => h.startsWith(`${SESSION.cookieName}=`)) ?? "";
    const attributes = header.toLowerCase().split(/;\s*/);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(header).toMatch(new RegExp(`^${SESSION.cookieName}=[A-Za-z0-9_-]{43};`));

    const signedIn = await me(server, sessionCookieOf(response));
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { id: string }).id).toBe(body.id);
  });

  it("marks the cookie Secure behind a trusted https proxy", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const response = await fetch(`${server.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-Proto": "https" },
      body: JSON.stringify({ phone: PHONE, code: lastSignInCode(server.dataDir, PHONE) }),
    });
    expect(response.status).toBe(200);
    const header = response.headers.getSetCookie().find((h) => h.startsWith(`${SESSION.cookieName}=`)) ?? "";
    expect(header.toLowerCase().split(/;\s*/)).toContain("secure");
  });

  it("rotates the session id at sign-in and ends the browser's previous session", async () => {
    const first = await signIn(server, PHONE);
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    const second = await signIn(server, PHONE, { cookie: first });
    expect(second).not.toBe(first);
    expect((await me(server, first)).status).toBe(401);
    expect((await me(server, second)).status).toBe(200);
  });

  it("finds the same user again on the next sign-in", async () => {
    const first = (await (await me(server, await signIn(server, PHONE))).json()) as { id: string };
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    const again = (await (await me(server, await signIn(server, PHONE))).json()) as { id: string };
    const other = (await (await me(server, await signIn(server, OTHER_PHONE))).json()) as { id: string };
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
  });

  it("answers 「验证码错误」 with the attempts left for a wrong code", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    const response = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code: wrongCodeFor(code) });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual(
      expect.objectContaining({
        error: "sign_in_code_invalid",
        message: "验证码错误",
        details: { attemptsLeft: 4 },
      }),
    );
    expect(sessionCookieOf(response)).toBeUndefined();
    expect((await postJson(server, "/api/auth/sign-in", { phone: PHONE, code })).status).toBe(200);
  });

  it("kills the code after 5 wrong attempts, even for the right digits", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    for (let attempt = 1; attempt <= SIGN_IN_CODE.maxWrongAttempts; attempt++) {
      const response = await postJson(server, "/api/auth/sign-in", {
        phone: PHONE,
        code: wrongCodeFor(code),
      });
      expect((await errorOf(response)).details).toEqual({
        attemptsLeft: SIGN_IN_CODE.maxWrongAttempts - attempt,
      });
    }
    const right = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code });
    expect(right.status).toBe(400);
    expect(await errorOf(right)).toMatchObject({
      error: "sign_in_code_locked",
      message: "验证码错误次数过多，请重新获取",
    });
    // A new code works again.
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    await signIn(server, PHONE);
  });

  it("does not count a code of the wrong length as an attempt", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const response = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code: "12345" });
    expect(await errorOf(response)).toMatchObject({ error: "sign_in_code_invalid", message: "验证码错误" });
    const wrong = await postJson(server, "/api/auth/sign-in", {
      phone: PHONE,
      code: wrongCodeFor(lastSignInCode(server.dataDir, PHONE)),
    });
    expect((await errorOf(wrong)).details).toEqual({ attemptsLeft: 4 });
  });

  it("rejects a code 5 minutes after it was sent with 「验证码已过期，请重新获取」", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    clock.advance(SIGN_IN_CODE.ttlMs);
    const response = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      error: "sign_in_code_expired",
      message: "验证码已过期，请重新获取",
    });
  });

  it("accepts a code until just before it expires, and only once", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    clock.advance(SIGN_IN_CODE.ttlMs - 1);
    expect((await postJson(server, "/api/auth/sign-in", { phone: PHONE, code })).status).toBe(200);
    const replay = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code });
    expect((await errorOf(replay)).error).toBe("sign_in_code_expired");
  });

  it("answers 「验证码已过期，请重新获取」 when no code was ever sent", async () => {
    const response = await postJson(server, "/api/auth/sign-in", { phone: PHONE, code: "123456" });
    expect((await errorOf(response)).error).toBe("sign_in_code_expired");
  });

  it("keeps the phone number and the code out of the database file", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    expect((await postJson(server, "/api/auth/sign-in", { phone: PHONE, code })).status).toBe(200);
    const databaseBytes = Buffer.concat(
      readdirSync(server.dataDir)
        .filter((name) => name.startsWith("shenbao.sqlite"))
        .map((name) => readFileSync(path.join(server.dataDir, name))),
    );
    // The user is really in these bytes (encrypted), so the absence below is not an empty read.
    expect(databaseBytes.includes('"phoneEncrypted":"v1.')).toBe(true);
    expect(databaseBytes.includes(PHONE)).toBe(false);
    expect(databaseBytes.includes(PHONE.slice(3))).toBe(false);
    expect(databaseBytes.includes(`"${code}"`)).toBe(false);
  });

  it("writes no log line containing the phone number or the code", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    await postJson(server, "/api/auth/sign-in", { phone: PHONE, code: wrongCodeFor(code) });
    const cookie = sessionCookieOf(await postJson(server, "/api/auth/sign-in", { phone: PHONE, code }));
    await me(server, cookie);
    await postJson(server, "/api/auth/code", { phone: PHONE });
    expect(server.logLines.length).toBeGreaterThanOrEqual(5);
    for (const line of server.logLines) {
      expect(line).not.toContain(PHONE);
      expect(line).not.toContain(PHONE.slice(3));
      expect(line).not.toContain(code);
    }
  });
});

describe("POST /api/auth/sign-out", () => {
  it("ends this browser's session only and clears its cookie", async () => {
    const laptop = await signIn(server, PHONE);
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    const phone = await signIn(server, PHONE);
    const response = await postJson(server, "/api/auth/sign-out", {}, { cookie: laptop });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join("\n")).toMatch(
      new RegExp(`${SESSION.cookieName}=;.*expires=Thu, 01 Jan 1970`, "i"),
    );
    expect((await me(server, laptop)).status).toBe(401);
    expect((await me(server, phone)).status).toBe(200);
  });

  it("answers 204 without a session", async () => {
    expect((await postJson(server, "/api/auth/sign-out", {})).status).toBe(204);
  });
});

describe("POST /api/auth/sign-out-everywhere", () => {
  it("ends every session of the user and nobody else's", async () => {
    const laptop = await signIn(server, PHONE);
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    const phone = await signIn(server, PHONE);
    const someoneElse = await signIn(server, OTHER_PHONE);
    const response = await postJson(server, "/api/auth/sign-out-everywhere", {}, { cookie: phone });
    expect(response.status).toBe(204);
    expect((await me(server, laptop)).status).toBe(401);
    expect((await me(server, phone)).status).toBe(401);
    expect((await me(server, someoneElse)).status).toBe(200);
  });

  it("answers 401 「请先登录」 without a session", async () => {
    const response = await postJson(server, "/api/auth/sign-out-everywhere", {});
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ error: "not_signed_in", message: "请先登录" });
  });
});

describe("two web processes sharing one store", () => {
  let other: TestServer;

  beforeEach(async () => {
    other = await startTestServer({ clock, trustProxy: true, dataDir: server.dataDir });
  });
  afterEach(async () => {
    await other.close();
  });

  it("agree on codes, sessions and sign-out", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    // The cooldown holds on the other process.
    expect((await postJson(other, "/api/auth/code", { phone: PHONE })).status).toBe(429);
    const code = lastSignInCode(server.dataDir, PHONE);
    const response = await postJson(other, "/api/auth/sign-in", { phone: PHONE, code });
    const cookie = sessionCookieOf(response);
    expect(response.status).toBe(200);
    expect((await me(server, cookie)).status).toBe(200);
    expect((await postJson(server, "/api/auth/sign-out", {}, { cookie })).status).toBe(204);
    expect((await me(other, cookie)).status).toBe(401);
  });

  it("count wrong attempts and rate limits together", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    for (let attempt = 1; attempt <= SIGN_IN_CODE.maxWrongAttempts; attempt++) {
      const target = attempt % 2 === 0 ? other : server;
      await postJson(target, "/api/auth/sign-in", { phone: PHONE, code: wrongCodeFor(code) });
    }
    expect((await errorOf(await postJson(other, "/api/auth/sign-in", { phone: PHONE, code }))).error).toBe(
      "sign_in_code_locked",
    );

    // One code already counted; four more alternate between the processes, the sixth is refused on either.
    for (let i = 1; i < RATE_LIMITS.codePerPhone.limit; i++) {
      clock.advance(SIGN_IN_CODE.resendCooldownMs);
      const target = i % 2 === 0 ? server : other;
      expect((await postJson(target, "/api/auth/code", { phone: PHONE }, { ip: `10.1.0.${i}` })).status).toBe(
        200,
      );
    }
    clock.advance(SIGN_IN_CODE.resendCooldownMs);
    expect((await postJson(server, "/api/auth/code", { phone: PHONE }, { ip: "10.1.1.1" })).status).toBe(429);
    expect((await postJson(other, "/api/auth/code", { phone: PHONE }, { ip: "10.1.1.2" })).status).toBe(429);
  });

  it("let one of two simultaneous sign-ins with the same code through", async () => {
    await postJson(server, "/api/auth/code", { phone: PHONE });
    const code = lastSignInCode(server.dataDir, PHONE);
    const answers = await Promise.all([
      postJson(server, "/api/auth/sign-in", { phone: PHONE, code }),
      postJson(other, "/api/auth/sign-in", { phone: PHONE, code }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });
});

describe("GET /api/auth/providers", () => {
  it("offers phone and 扫码登录, and WeChat only when it is configured", async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/api/auth/providers`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ phone: true, qr: true, wechat: false });
    } finally {
      await server.close();
    }
  });
});
