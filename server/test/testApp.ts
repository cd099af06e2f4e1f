/**
 * Test harness: the real app on the embedded adapters (SQLite, embedded queue, folder, outbox sender) in a
 * temp data directory, listening on a free port. Two servers given the same `dataDir` open their own store
 * connections on the same files, like two web processes behind a load balancer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type Router from "@koa/router";
import { createApp, type AppState } from "../src/app.js";
import { closeAppServices, openAppServices, type AppServices } from "../src/appServices.js";
import { firstStart } from "../src/commands/firstStart.js";
import { loadEnv } from "../src/env.js";
import { createLogger, type Logger } from "../src/logger.js";
import type { Clock } from "../src/ports/clock.js";
import { closePorts, createPorts, type Ports } from "../src/ports/index.js";

/** A running test server, the log lines it wrote, and how to stop it. */
export interface TestServer {
  url: string;
  ports: Ports;
  services: AppServices;
  logLines: string[];
  dataDir: string;
  close(): Promise<void>;
}

/** What a test may choose about its server; everything is optional. */
export interface TestServerOptions {
  extraRouters?: Router<AppState>[];
  staticDir?: string;
  bodyLimit?: string;
  /** A manual clock, to expire codes and sessions without sleeping. */
  clock?: Clock;
  /** Another server's data directory, to share its store; left in place by `close()`. */
  dataDir?: string;
  /** Honour X-Forwarded-For / X-Forwarded-Proto, so tests can pose as distinct clients or https. */
  trustProxy?: boolean;
  /** Proxies in front when `trustProxy` (default 1). */
  proxyHops?: number;
  /** Extra configuration variables, e.g. WeChat's app id and URLs pointing at a fake server. */
  env?: Record<string, string>;
}

/** A logger that keeps its JSON lines in memory so tests can assert on them. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger("debug", sink), lines };
}

/** Starts the app on embedded ports in a fresh (or the given) data dir. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { clock, dataDir: sharedDir, trustProxy, env: extraEnv, ...appOptions } = options;
  const dataDir = sharedDir ?? mkdtempSync(path.join(os.tmpdir(), "shenbao-test-"));
  const env = loadEnv({ ...extraEnv, SHENBAO_DATA_DIR: dataDir, LOG_LEVEL: "debug" });
  const { logger, lines } = memoryLogger();
  const ports = await createPorts(env, logger);
  const services = await openAppServices(env, ports, clock);
  // As a web process does on a fresh store: the shipped editions are published and opened, and the open
  // edition's divisions are what ID numbers are checked against.
  await firstStart({ store: ports.store, clock: services.clock, logger });
  await services.identity.regions.load();
  const app = createApp({ logger, ports, ...services, ...appOptions, trustProxy: trustProxy ?? false });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    ports,
    services,
    logLines: lines,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeAppServices(services);
      await closePorts(ports);
      if (!sharedDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
