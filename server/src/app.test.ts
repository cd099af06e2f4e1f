import Router from "@koa/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppState } from "./app.js";
import { InvalidInputError } from "./errors.js";
import { startTestServer, type TestServer } from "../test/testApp.js";

const ID_NUMBER = "420102199003071234";
const PHONE = "13912345678";

// Probes that exercise the error middleware exactly as real routes will.
const probes = new Router<AppState>();
probes.post("/api/test/echo", (ctx) => {
  ctx.body = { received: ctx.request.body };
});
probes.get("/api/test/boom", (ctx) => {
  ctx.state.log.info({ idNumber: ID_NUMBER, note: `phone ${PHONE} id ${ID_NUMBER}` }, `lookup ${ID_NUMBER}`);
  throw new Error(`database exploded near ${ID_NUMBER}`);
});
probes.get("/api/test/domain", () => {
  throw new InvalidInputError("提交的内容不完整", { field: "postcode" });
});

describe("HTTP skeleton", () => {
  let server: TestServer;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-static-"));
    writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>申报</title>");
    mkdirSync(path.join(staticDir, "assets"));
    writeFileSync(path.join(staticDir, "assets", "app-abc123.js"), "console.log(1)");
    server = await startTestServer({ extraRouters: [probes], staticDir, bodyLimit: "2kb" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("GET /healthz names the embedded adapters and answers 200", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      ports: Record<string, { adapter: string; ok: boolean }>;
    };
    expect(body.status).toBe("ok");
    expect(body.ports.store).toMatchObject({ adapter: "sqlite", ok: true });
    expect(body.ports.queue).toMatchObject({ adapter: "embedded", ok: true });
    expect(body.ports.files).toMatchObject({ adapter: "folder", ok: true });
  });

  it("answers malformed JSON with 400 malformed_json in Chinese", async () => {
    const response = await fetch(`${server.url}/api/test/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"name": "张三",',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("malformed_json");
    expect(body.message).toMatch(/格式错误/);
  });

  it("answers a body over the limit with 413 payload_too_large", async () => {
    const response = await fetch(`${server.url}/api/test/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "中".repeat(4000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("payload_too_large");
  });

  it("lets only the signature route take a body over the normal limit", async () => {
    const body = JSON.stringify({ signaturePng: "A".repeat(10_000) });
    const headers = { "Content-Type": "application/json" };
    const other = await fetch(`${server.url}/api/test/echo`, { method: "POST", headers, body });
    expect(other.status).toBe(413);
    // Parsed, then refused by the route for its unknown token — not by the body limit.
    const sign = await fetch(`${server.url}/api/t/not-a-real-token/sign`, { method: "POST", headers, body });
    expect(sign.status).not.toBe(413);
    expect(((await sign.json()) as { error: string }).error).not.toBe("payload_too_large");
  });

  it("parses a valid JSON body", async () => {
    const response = await fetch(`${server.url}/api/test/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "张三" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: { name: "张三" } });
  });

  it("answers an unknown API route with 404 route_not_found", async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: string; message: string; requestId: string };
    expect(body.error).toBe("route_not_found");
    expect(body.message).toBe("请求的地址不存在");
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("maps a domain error to its status, stable id and Chinese message", async () => {
    const response = await fetch(`${server.url}/api/test/domain`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "invalid_input",
      message: "提交的内容不完整",
      details: { field: "postcode" },
    });
  });

  it("answers an unexpected error with a generic 500 naming the request id, and logs it without personal data", async () => {
    const response = await fetch(`${server.url}/api/test/boom`, {
      headers: { "X-Request-Id": "req-test-0001" },
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; message: string; requestId: string };
    expect(body.error).toBe("internal_error");
    expect(body.requestId).toBe("req-test-0001");
    expect(body.message).toContain("req-test-0001");
    expect(JSON.stringify(body)).not.toContain("exploded");

    const lines = server.logLines.filter((line) => line.includes("req-test-0001"));
    expect(lines.some((line) => line.includes("unexpected error"))).toBe(true);
    expect(lines.some((line) => line.includes("lookup"))).toBe(true);
    for (const line of server.logLines) {
      expect(line).not.toContain(ID_NUMBER);
      expect(line).not.toContain(PHONE);
    }
  });

  it("serves the built pages, with index.html for client-side routes", async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("申报");
    const deep = await fetch(`${server.url}/apply/sections/basicInfo`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get("content-type")).toContain("text/html");
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const missingAsset = await fetch(`${server.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
  });
});
