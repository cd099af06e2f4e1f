/**
 * Browser-test harness: the built renderer, the real server as a child process (`npm start`'s entry point,
 * embedded adapters, a fresh data directory, a free port) and Debian's Chromium driven by playwright-core.
 * Everything is stopped by the handles it started, never by name.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** The repository root (this file lives in `e2e/`). */
export const ROOT = path.resolve(import.meta.dirname, "..");

/** Where screenshots go; `test-results/` is the CI artifact folder (and gitignored). */
export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "screenshots");

/** The Chromium of the Debian package `.ci/run` installs; playwright-core never downloads one. */
export const CHROMIUM = "/usr/bin/chromium";

/** The two screens of issue 4: a small phone and a laptop. */
export const PHONE = { width: 375, height: 667 } as const;
/** See `PHONE`. */
export const DESKTOP = { width: 1280, height: 800 } as const;

// What the bundle is built from: the renderer, and the packages and edition data it imports.
const RENDERER_INPUTS = [
  "renderer/src",
  "renderer/index.html",
  "renderer/vite.config.ts",
  "rules/src",
  "forms/src",
];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

/**
 * Builds `renderer/dist` (what the server serves) when it is missing or older than any renderer input,
 * so the tests never run against stale pages. Takes seconds when needed, nothing otherwise.
 */
export function ensureRendererBuilt(): void {
  const builtIndex = path.join(ROOT, "renderer/dist/index.html");
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...RENDERER_INPUTS.map((input) => newestMtime(path.join(ROOT, input))));
  if (builtAt > sourcesAt) return;
  const build = spawnSync("npx", ["vite", "build", "renderer"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`renderer build failed:\n${build.stdout}\n${build.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A server started by `startServer`: its address, data directory, what it logged, and how to stop it. */
export interface ServerProcess {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer /healthz within 30 s:\n${output()}`);
}

/**
 * Starts `server/src/main.ts` (web + worker, embedded adapters, outbox sender) in a child process on a
 * free port with a fresh `SHENBAO_DATA_DIR`, and resolves once `/healthz` answers.
 */
export async function startServer(): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-e2e-"));
  const port = await freePort();
  // The child reads its configuration from its environment, like `npm start` does.
  // eslint-disable-next-line no-restricted-properties
  const inherited = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHENBAO_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    // Only the tail matters when something fails; a long run must not grow this without bound.
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, output, stop };
}

/**
 * Launches Chromium headless. playwright-core gives every `launch()` a fresh temporary profile of its own
 * (and refuses `--user-data-dir` in `args`), so no state leaks between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A phone context (375×667, touch, mobile viewport) or a desktop one (1280×800), in Chinese. */
export function newContext(
  browser: Browser,
  baseURL: string,
  screen: "phone" | "desktop",
): Promise<BrowserContext> {
  const common = { baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" };
  return screen === "phone"
    ? browser.newContext({ ...common, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    : browser.newContext({ ...common, viewport: DESKTOP });
}
