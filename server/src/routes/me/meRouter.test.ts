import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION, SESSION_EXPIRES_HEADER } from "../../auth/authSettings.js";
import { signIn } from "../../../test/authClient.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

const PHONE = "13912345678";
const MINUTE = 60_000;

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
});
afterEach(async () => {
  await server.close();
});

function me(cookie?: string): Promise<Response> {
  return fetch(`${server.url}/api/me`, cookie ? { headers: { Cookie: cookie } } : {});
}

describe("GET /api/me", () => {
  it("answers 401 「请先登录」 without a session", async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "not_signed_in", message: "请先登录" });
  });

  it("shows the user id, the masked phone, roles and identity status, and nothing else", async () => {
    const response = await me(await signIn(server, PHONE));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["id", "identityStatus", "phone", "roles"]);
    expect(body).toMatchObject({ phone: "139****5678", roles: ["candidate"], identityStatus: "none" });
    expect(JSON.stringify(body)).not.toContain(PHONE.slice(3));
  });

  it("keeps an idle session 2 hours (five case records typed without a request), sliding with activity, and says when it ends", async () => {
    expect(SESSION.idleMs).toBe(2 * 60 * MINUTE);
    const cookie = await signIn(server, PHONE);
    clock.advance(60 * MINUTE);
    const first = await me(cookie);
    expect(first.status).toBe(200);
    expect(Number(first.headers.get(SESSION_EXPIRES_HEADER))).toBe(clock.now() + SESSION.idleMs);
    // 1 h 59 min of typing after that activity: still signed in, and renewed from now.
    clock.advance(SESSION.idleMs - MINUTE);
    const renewed = await me(cookie);
    expect(renewed.status).toBe(200);
    expect(Number(renewed.headers.get(SESSION_EXPIRES_HEADER))).toBe(clock.now() + SESSION.idleMs);
    clock.advance(SESSION.idleMs);
    expect((await me(cookie)).status).toBe(401);
  });

  it("ends a session after the idle timeout while activity keeps it alive", async () => {
    const cookie = await signIn(server, PHONE);
    for (let i = 0; i < 4; i++) {
      clock.advance(SESSION.idleMs - MINUTE);
      expect((await me(cookie)).status).toBe(200);
    }
    clock.advance(SESSION.idleMs);
    const expired = await me(cookie);
    expect(expired.status).toBe(401);
    expect(expired.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${SESSION.cookieName}=;`));
    // Gone for good, not merely refused once.
    clock.advance(-SESSION.idleMs);
    expect((await me(cookie)).status).toBe(401);
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    const cookie = await signIn(server, PHONE);
    const step = 20 * MINUTE;
    for (let elapsed = step; elapsed < SESSION.absoluteMs; elapsed += step) {
      clock.advance(step);
      expect((await me(cookie)).status).toBe(200);
    }
    clock.advance(step);
    expect((await me(cookie)).status).toBe(401);
  });

  it("treats a forged session cookie as signed out", async () => {
    await signIn(server, PHONE);
    const forged = `${SESSION.cookieName}=${"A".repeat(43)}`;
    expect((await me(forged)).status).toBe(401);
    expect((await me(`${SESSION.cookieName}=not-a-token`)).status).toBe(401);
  });
});
