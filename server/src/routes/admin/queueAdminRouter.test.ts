import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectionsOf } from "../../store/collections.js";
import { buildCandidate, callApi, publishShippedEdition } from "../../../test/factories.js";
import { describeWithRedis, redisUnreachable, redisUrl } from "../../../test/queueFactories.js";
import { startTestServer, type TestServer, type TestServerOptions } from "../../../test/testApp.js";

async function makeAdmin(target: TestServer) {
  const admin = await buildCandidate(target, { verified: false });
  const { users } = collectionsOf(target.ports.store);
  const user = await users.get(admin.userId);
  const { _id, rev, createdAt: _c, updatedAt: _u, ...fields } = user!;
  await users.replace(_id, rev, { ...fields, roles: ["admin"] });
  return admin;
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await publishShippedEdition(server.ports.store, server.services.clock);
});
afterEach(() => server.close());

describe("GET /api/admin/queue", () => {
  it("shows administrators the embedded queue's jobs by state, and no board", async () => {
    const admin = await makeAdmin(server);
    await server.ports.queue.enqueue("probe", {}, { jobId: "probe:1", delay: 60_000 });
    const answer = await callApi<{ adapter: string; counts: Record<string, number>; board: string | null }>(
      server,
      "GET",
      "/api/admin/queue",
      { cookie: admin.cookie },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      adapter: "embedded",
      counts: { waiting: 0, delayed: 1, active: 0, completed: 0, failed: 0 },
      board: null,
    });
  });

  it("answers 403 to a candidate and 401 without a session; /admin/queues is no page without BullMQ", async () => {
    const candidate = await buildCandidate(server, { verified: false });
    expect((await callApi(server, "GET", "/api/admin/queue", { cookie: candidate.cookie })).status).toBe(403);
    expect((await callApi(server, "GET", "/api/admin/queue")).status).toBe(401);
    expect((await fetch(`${server.url}/admin/queues`)).status).toBe(404);
  });
});

describeWithRedis("GET /admin/queues [bullmq]", await redisUnreachable(), () => {
  it("serves bull-board to administrators only", async () => {
    const options: TestServerOptions = {
      env: { SHENBAO_QUEUE: "bullmq", REDIS_URL: redisUrl, SHENBAO_QUEUE_PREFIX: `board-${process.pid}` },
    };
    const bull = await startTestServer(options);
    try {
      await publishShippedEdition(bull.ports.store, bull.services.clock);
      const admin = await makeAdmin(bull);
      const page = await fetch(`${bull.url}/admin/queues`, { headers: { Cookie: admin.cookie } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const candidate = await buildCandidate(bull, { verified: false });
      expect(
        (await fetch(`${bull.url}/admin/queues`, { headers: { Cookie: candidate.cookie } })).status,
      ).toBe(403);
      expect((await fetch(`${bull.url}/admin/queues`)).status).toBe(401);
    } finally {
      await bull.close();
    }
  });
});
