import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/testApp.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe("GET /healthz", () => {
  it("names the identity-check provider and says the local one checks numbers offline only", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { providers: unknown };
    expect(body.providers).toEqual({
      identityCheck: {
        adapter: "local",
        ok: true,
        note: "仅做本地校验（校验位、出生年月日、地区代码），不连接公安身份核验服务",
      },
    });
  });
});
