/**
 * Browser-test harness: the built renderer, the real server as a child process (`npm start`'s entry point,
 * embedded adapters, a fresh data directory, a free port) and Debian's Chromium driven by playwright-core.
 * Everything is stopped by the handles it started, never by name.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { startServerProcess, type ServerProcess } from "../server/test/serverProcess.js";

/** The repository root (this file lives in `e2e/`). */
export const ROOT = path.resolve(import.meta.dirname, "..");

/** Where screenshots go; `test-results/` is the CI artifact folder (and gitignored). */
export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "screenshots");

/**
 * How evidence screenshots are taken: the whole page at CSS pixels (the phone context's 2× device pixels
 * made the 五份病案 page a picture too big to capture within 15 s on a loaded 2-core CI machine), with
 * their own time bound, since a screenshot is evidence and its slowness is not what a test checks.
 */
export const SCREENSHOT_OPTIONS = {
  fullPage: true,
  animations: "disabled",
  scale: "css",
  timeout: 60_000,
} as const;

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

/** A server started by `startServer`: its address, data directory, what it logged, and how to stop it. */
export type { ServerProcess };

/**
 * Starts `server/src/main.ts` (web + worker, embedded adapters, outbox sender) in a child process on a
 * free port with a fresh `SHENBAO_DATA_DIR`, and resolves once `/healthz` answers.
 */
export function startServer(): Promise<ServerProcess> {
  return startServerProcess();
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
