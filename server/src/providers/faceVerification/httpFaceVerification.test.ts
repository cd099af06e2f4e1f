import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { builtinFaceVerification } from "./builtinFaceVerification.js";
import { httpFaceVerification } from "./httpFaceVerification.js";

const request = {
  reference: "inv1",
  name: "某人",
  idNumber: "42010219700101411X",
  evidence: { liveness: "tok" },
};

/** A local stand-in for a face-verification service. */
async function fakeService(
  answer: (body: Record<string, unknown>) => { status: number; json?: unknown; hang?: boolean },
) {
  const received: { key: string | undefined; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      received.push({ key: req.headers["x-api-key"] as string | undefined, body });
      const reply = answer(body);
      if (reply.hang) return;
      res
        .writeHead(reply.status, { "content-type": "application/json" })
        .end(JSON.stringify(reply.json ?? {}));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}/face`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("httpFaceVerification", () => {
  it("posts the person and the page's evidence with the key, and maps match and mismatch", async () => {
    const service = await fakeService((body) => ({
      status: 200,
      json: { result: (body.evidence as { liveness: string }).liveness === "tok" ? "match" : "mismatch" },
    }));
    close = service.close;
    const face = httpFaceVerification({ url: service.url, key: "k1" });
    expect(await face.verify(request)).toEqual({ outcome: "match" });
    expect(await face.verify({ ...request, evidence: { liveness: "other" } })).toEqual({
      outcome: "mismatch",
    });
    expect(service.received[0]).toEqual({ key: "k1", body: request });
    expect(face.requiresPhoneCode).toBe(false);
  });

  it("answers unavailable (no verdict) on 5xx, an unknown answer and a timeout", async () => {
    let mode = "error";
    const service = await fakeService(() =>
      mode === "error"
        ? { status: 503 }
        : mode === "odd"
          ? { status: 200, json: { result: "maybe" } }
          : { status: 200, hang: true },
    );
    close = service.close;
    const face = httpFaceVerification({ url: service.url, key: "k1", timeoutMs: 200 });
    expect((await face.verify(request)).outcome).toBe("unavailable");
    mode = "odd";
    expect((await face.verify(request)).outcome).toBe("unavailable");
    mode = "hang";
    expect(await face.verify(request)).toEqual({ outcome: "unavailable", detail: "timeout" });
  });
});

describe("builtinFaceVerification", () => {
  it("matches the last six characters of the number, an x as X, and needs the phone code", async () => {
    const face = builtinFaceVerification();
    expect(face.requiresPhoneCode).toBe(true);
    expect(await face.verify({ ...request, evidence: { last6: "01411x" } })).toEqual({ outcome: "match" });
    expect((await face.verify({ ...request, evidence: { last6: "014110" } })).outcome).toBe("mismatch");
    expect((await face.verify({ ...request, evidence: {} })).outcome).toBe("mismatch");
  });
});
