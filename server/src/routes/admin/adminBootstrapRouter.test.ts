import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_BOOTSTRAP } from "../../auth/authSettings.js";
import { ADMIN_BOOTSTRAP_ID, adminBootstrapIssuer } from "../../commands/adminBootstrapIssuer.js";
import { collectionsOf } from "../../store/collections.js";
import { postJson, signIn } from "../../../test/authClient.js";
import { ManualClock } from "../../../test/manualClock.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let clock: ManualClock;
let server: TestServer;

beforeEach(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
});
afterEach(async () => {
  await server.close();
});

/** What a start without administrator does: issue the token printed in the log. */
async function issueToken(): Promise<string> {
  const issued = await adminBootstrapIssuer({ store: server.ports.store, clock });
  if (!issued) throw new Error("no token issued");
  return issued.token;
}

async function rolesOf(cookie: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/me`, { headers: { Cookie: cookie } });
  return ((await response.json()) as { roles: string[] }).roles;
}

describe("POST /api/admin/bootstrap", () => {
  it("makes the signed-in user administrator once, records it in the audit log, and then no token is issued", async () => {
    const token = await issueToken();
    const cookie = await signIn(server, "13912345678");
    const response = await postJson(server, "/api/admin/bootstrap", { token }, { cookie });
    expect(response.status).toBe(200);
    const me = (await response.json()) as { id: string; roles: string[] };
    expect(me.roles).toEqual(["candidate", "admin"]);
    expect(await rolesOf(cookie)).toEqual(["candidate", "admin"]);

    const { items } = await collectionsOf(server.ports.store).audit.find({
      entity: "users",
      entityId: me.id,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: me.id,
      action: "user.bootstrapAdministrator",
      before: { roles: ["candidate"] },
      after: { roles: ["candidate", "admin"] },
      at: clock.now(),
    });

    const other = await signIn(server, "13800001111");
    const again = await postJson(server, "/api/admin/bootstrap", { token }, { cookie: other });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({
      error: "admin_bootstrap_invalid",
      message: "管理员初始化链接无效或已过期，请重启服务以获取新的链接",
    });
    expect(await rolesOf(other)).toEqual(["candidate"]);
    expect(await adminBootstrapIssuer({ store: server.ports.store, clock })).toBeUndefined();
  });

  it("answers 403 to a wrong token and changes nothing", async () => {
    const token = await issueToken();
    const before = await collectionsOf(server.ports.store).adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
    const cookie = await signIn(server, "13912345678");
    for (const wrong of ["A".repeat(43), `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, ""]) {
      const response = await postJson(server, "/api/admin/bootstrap", { token: wrong }, { cookie });
      expect(response.status, wrong).toBe(403);
    }
    expect(await rolesOf(cookie)).toEqual(["candidate"]);
    expect(await collectionsOf(server.ports.store).adminBootstrap.get(ADMIN_BOOTSTRAP_ID)).toEqual(before);
    expect(await collectionsOf(server.ports.store).audit.count({ entity: "users" })).toBe(0);
  });

  it("answers 403 to a token 24 hours old and changes nothing", async () => {
    const token = await issueToken();
    clock.advance(ADMIN_BOOTSTRAP.ttlMs);
    const cookie = await signIn(server, "13912345678");
    const response = await postJson(server, "/api/admin/bootstrap", { token }, { cookie });
    expect(response.status).toBe(403);
    expect(await rolesOf(cookie)).toEqual(["candidate"]);
  });

  it("answers 403 to the previous start's token once a restart issued a new one", async () => {
    const old = await issueToken();
    await issueToken();
    const cookie = await signIn(server, "13912345678");
    expect((await postJson(server, "/api/admin/bootstrap", { token: old }, { cookie })).status).toBe(403);
  });

  it("answers 401 「请先登录」 without a session and keeps the token usable", async () => {
    const token = await issueToken();
    const response = await postJson(server, "/api/admin/bootstrap", { token });
    expect(response.status).toBe(401);
    const cookie = await signIn(server, "13912345678");
    expect((await postJson(server, "/api/admin/bootstrap", { token }, { cookie })).status).toBe(200);
  });
});
