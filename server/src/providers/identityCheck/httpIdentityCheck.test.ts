import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { buildIdNumber } from "../../../test/identityFactories.js";
import { HttpIdentityCheck, type HttpTimers } from "./httpIdentityCheck.js";

/** A received request as the fake service saw it. */
interface Received {
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

/** A local stand-in for the verification service; `answer` decides each response (or never answers). */
async function startFakeService(answer: (received: Received, res: ServerResponse, index: number) => void) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
      };
      received.push(entry);
      server.emit("received", entry);
      answer(entry, res, received.length - 1);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}/verify`,
    server,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Timers the test fires by hand: `fireTimeouts()` aborts every open try, `waits` records each backoff. */
function manualTimers() {
  const controllers: AbortController[] = [];
  const waits: number[] = [];
  const timers: HttpTimers = {
    timeout() {
      const controller = new AbortController();
      controllers.push(controller);
      return { signal: controller.signal, cancel: () => undefined };
    },
    wait: async (ms) => {
      waits.push(ms);
    },
  };
  return { timers, waits, fireTimeouts: () => controllers.forEach((c) => c.abort(new Error("timeout"))) };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

let service: Awaited<ReturnType<typeof startFakeService>> | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const request = { name: "张三", idNumber: buildIdNumber(), docType: "resident_id" as const };

describe("HttpIdentityCheck", () => {
  it("posts name, number and photo with the key in a header and maps a match", async () => {
    service = await startFakeService((_received, res) => json(res, 200, { result: "match" }));
    const provider = new HttpIdentityCheck({
      url: service.url,
      key: "secret-key",
      timers: manualTimers().timers,
    });
    const photo = { mime: "image/png", data: Buffer.from([1, 2, 3]) };
    expect(await provider.check({ ...request, photo })).toEqual({ outcome: "match" });
    expect(service.received).toHaveLength(1);
    expect(service.received[0]!.headers["x-api-key"]).toBe("secret-key");
    expect(service.received[0]!.body).toEqual({
      name: "张三",
      idNumber: request.idNumber,
      docType: "resident_id",
      photo: { mime: "image/png", base64: "AQID" },
    });
  });

  it("maps a mismatch with the service's reason", async () => {
    service = await startFakeService((_received, res) =>
      json(res, 200, { result: "mismatch", reason: "名字不符" }),
    );
    const provider = new HttpIdentityCheck({ url: service.url, key: "k", timers: manualTimers().timers });
    expect(await provider.check(request)).toEqual({ outcome: "mismatch", detail: "名字不符" });
  });

  it("retries a 5xx with growing backoff and returns the later verdict", async () => {
    service = await startFakeService((_received, res, index) =>
      index < 2 ? json(res, 503, { error: "busy" }) : json(res, 200, { result: "match" }),
    );
    const { timers, waits } = manualTimers();
    const provider = new HttpIdentityCheck({
      url: service.url,
      key: "k",
      timers,
      retries: 2,
      backoffMs: 100,
    });
    expect(await provider.check(request)).toEqual({ outcome: "match" });
    expect(service.received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it("gives up after the retries with unavailable and reports it in health", async () => {
    service = await startFakeService((_received, res) => json(res, 500, {}));
    const provider = new HttpIdentityCheck({
      url: service.url,
      key: "k",
      timers: manualTimers().timers,
      retries: 1,
    });
    const result = await provider.check(request);
    expect(result.outcome).toBe("unavailable");
    expect(result.detail).toContain("500");
    expect(service.received).toHaveLength(2);
    expect((await provider.health()).ok).toBe(false);
  });

  it("does not retry a 4xx: the key or request is refused", async () => {
    service = await startFakeService((_received, res) => json(res, 401, {}));
    const provider = new HttpIdentityCheck({ url: service.url, key: "wrong", timers: manualTimers().timers });
    expect((await provider.check(request)).outcome).toBe("unavailable");
    expect(service.received).toHaveLength(1);
  });

  it("answers unavailable with a Chinese reason when the service does not answer in time", async () => {
    // The fake service never answers; the test fires the timeout once the request has arrived.
    service = await startFakeService(() => undefined);
    const { timers, fireTimeouts } = manualTimers();
    const provider = new HttpIdentityCheck({ url: service.url, key: "k", timers });
    const arrived = once(service.server, "received");
    const checking = provider.check(request);
    await arrived;
    fireTimeouts();
    expect(await checking).toEqual({ outcome: "unavailable", detail: "核验服务响应超时" });
    expect(service.received).toHaveLength(1);
  });

  it("treats an answer it cannot read as unavailable, not as a verdict", async () => {
    service = await startFakeService((_received, res) => json(res, 200, { ok: true }));
    const provider = new HttpIdentityCheck({ url: service.url, key: "k", timers: manualTimers().timers });
    expect((await provider.check(request)).outcome).toBe("unavailable");
  });
});
