import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInUser } from "../../../test/identityClient.js";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe("GET /healthz", () => {
  it("tells the public only whether the service is up: no adapter, queue or provider (issue 11)", async () => {
    const signedOut = await fetch(`${server.url}/healthz`);
    expect(signedOut.status).toBe(200);
    expect(await signedOut.json()).toEqual({ status: "ok" });
    const candidate = await signInUser(server, "13800000001");
    const asCandidate = await fetch(`${server.url}/healthz`, { headers: { Cookie: candidate.cookie } });
    expect(await asCandidate.json()).toEqual({ status: "ok" });
  });

  it("shows administrators each adapter and the identity-check provider, saying the local one checks numbers offline only", async () => {
    const admin = await signInUser(server, "13800000002", { admin: true });
    const response = await fetch(`${server.url}/healthz`, { headers: { Cookie: admin.cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      ports: Record<string, { adapter: string; ok: boolean }>;
      providers: unknown;
    };
    expect(body.status).toBe("ok");
    expect(body.ports.store).toMatchObject({ adapter: "sqlite", ok: true });
    expect(body.ports.queue).toMatchObject({ adapter: "embedded", ok: true });
    expect(body.ports.files).toMatchObject({ adapter: "folder", ok: true });
    expect(body.providers).toEqual({
      identityCheck: {
        adapter: "local",
        ok: true,
        note: "仅做本地校验（校验位、出生年月日、地区代码），不连接公安身份核验服务",
      },
    });
  });
});
