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
probes.get("/api/test/ip", (ctx) => {
  ctx.body = { ip: ctx.ip };
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

  it("GET /healthz answers 200 without naming adapters to the public", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
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

  it("answers page paths that climb out of the page folder with 404, not 500 (issue 11)", async () => {
    for (const path of ["/..%2f..", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/package.json", "/%E0%A4%A"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: string }).error, path).toBe("route_not_found");
    }
  });

  it("refuses a body nested 1 000 levels deep with 400 input_too_deep (issue 11)", async () => {
    const body = `${"[".repeat(1000)}${"]".repeat(1000)}`;
    const response = await fetch(`${server.url}/api/test/echo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "input_too_deep",
      message: "提交的内容层级过深，无法处理",
    });
  });

  it("refuses control characters and bytes that are not UTF-8 with 400 invalid_characters (issue 11)", async () => {
    const headers = { "Content-Type": "application/json" };
    const nul = await fetch(`${server.url}/api/test/echo`, {
      method: "POST",
      headers,
      body: '{"name":"张\\u0000三"}',
    });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: "invalid_characters", details: { path: "name" } });
    const latin1 = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xd5, 0xc5, 0xff]),
      Buffer.from('"}'),
    ]);
    const notUtf8 = await fetch(`${server.url}/api/test/echo`, { method: "POST", headers, body: latin1 });
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as { error: string }).error).toBe("invalid_characters");
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
    // A version in the path is a page, not a file (the studio's /admin/editions/:key/:version).
    const dotted = await fetch(`${server.url}/admin/editions/some-key/2025.1.0`);
    expect(dotted.status).toBe(200);
    expect(dotted.headers.get("content-type")).toContain("text/html");
    expect((await fetch(`${server.url}/missing-icon.png`)).status).toBe(404);
  });
});

describe("client address behind proxies", () => {
  it("takes the address the configured proxy hop count gives, not the client-written leftmost one (issue 11)", async () => {
    const ipOf = async (server: TestServer, forwarded: string) =>
      (
        (await (
          await fetch(`${server.url}/api/test/ip`, { headers: { "X-Forwarded-For": forwarded } })
        ).json()) as { ip: string }
      ).ip;
    const oneHop = await startTestServer({ extraRouters: [probes], trustProxy: true });
    const twoHops = await startTestServer({ extraRouters: [probes], trustProxy: true, proxyHops: 2 });
    try {
      expect(await ipOf(oneHop, "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
      expect(await ipOf(oneHop, "203.0.113.7")).toBe("203.0.113.7");
      expect(await ipOf(twoHops, "6.6.6.6, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
    } finally {
      await oneHop.close();
      await twoHops.close();
    }
  });
});

describe("security headers and cross-site requests", () => {
  let server: TestServer;
  let httpsServer: TestServer;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-static-"));
    writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>申报</title>");
    server = await startTestServer({ extraRouters: [probes], staticDir });
    httpsServer = await startTestServer({
      extraRouters: [probes],
      env: { SHENBAO_PUBLIC_URL: "https://shenbao.example.gov.cn" },
    });
  });
  afterAll(async () => {
    await server.close();
    await httpsServer.close();
  });

  it("sends a CSP without inline scripts, frame-ancestors none and nosniff on pages, API answers and errors (issue 11)", async () => {
    for (const path of ["/", "/apply", "/api/me", "/api/nothing-here", "/healthz"]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("'unsafe-inline' 'self'");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
    const api = await fetch(`${server.url}/api/me`);
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    const page = (await fetch(`${server.url}/`)).headers.get("content-security-policy") ?? "";
    expect(page).toContain("script-src 'self'");
    expect(page).toContain("object-src 'none'");
  });

  it("sends HSTS when the public address is https", async () => {
    const response = await fetch(`${httpsServer.url}/healthz`);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("refuses a cross-site form POST with 403 cross_site_request, before it reaches any route (issue 11)", async () => {
    const echo = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/test/echo`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: "{}",
      });
    const crossSite: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "https://evil.example" },
      { Origin: "null" },
    ];
    for (const headers of crossSite) {
      const refused = await echo(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      const body = (await refused.json()) as { error: string; message: string };
      expect(body.error).toBe("cross_site_request");
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // Our own pages, and clients that are not browsers, pass.
    expect((await echo({ "Sec-Fetch-Site": "same-origin", Origin: server.url })).status).toBe(200);
    expect((await echo({ Origin: server.url })).status).toBe(200);
    expect((await echo({})).status).toBe(200);
    // Reading stays open: GET is not state-changing.
    const read = await fetch(`${server.url}/api/test/domain`, {
      headers: { "Sec-Fetch-Site": "cross-site" },
    });
    expect(read.status).toBe(400);
  });
});
