/**
 * The browser phase: builds the bench page (`renderer/bench`), serves it on loopback and drives it in
 * Debian's Chromium through playwright-core at 375×667, once at normal CPU and once at 4× slowdown
 * (CDP `Emulation.setCPUThrottlingRate`): first render, then keystroke-to-paint while typing into a
 * case record. The page measures both itself (see `renderer/bench/expertiseBench.tsx`).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { standaloneValidators, type Edition } from "@shenbao/rules";
import { run } from "./processes.js";
import { serveStatic } from "./staticServer.js";
import { median, percentile } from "./stats.js";

/** Figures of one CPU rate: first render (median of `loads` cold loads) and keystroke-to-paint. */
export interface BrowserFigures {
  cpuSlowdown: number;
  /** Navigation start → first paint with the form (includes fetching and compiling the JavaScript). */
  firstRenderMs: number;
  firstRenderSamples: number[];
  /** Edition loaded, React handed the form → first paint with the form. */
  renderToPaintMs: number;
  renderToPaintSamples: number[];
  keystrokeP98Ms: number;
  keystrokeMedianMs: number;
  keystrokeSamples: number;
}

/** How hard the browser phase works: cold loads per rate, keys typed, pause between keys (a brisk typist). */
export interface BrowserSettings {
  loads: number;
  keystrokes: number;
  keyDelayMs: number;
}

/** What the bench page records on `window.shenbaoBench` (mirrors `renderer/bench/expertiseBench.tsx`). */
interface BenchProbe {
  firstRenderMs?: number;
  renderToPaintMs?: number;
  keystrokes: number[];
  error?: string;
}

/** The page's global object as the evaluated functions see it (this package has no DOM types). */
type BenchWindow = { shenbaoBench?: BenchProbe };

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// A case record's history textarea, in the last of the five records: the whole form is above it.
const TYPED_FIELD = '[id="root.cases.4.history"]';

/** Builds the bench page into renderer/bench/dist with `edition` beside it as edition.json. */
export async function buildBenchPage(repoRoot: string, edition: Edition): Promise<string> {
  await run(
    "npx",
    ["vite", "build", "--config", "renderer/bench/vite.config.ts", "--logLevel", "error"],
    repoRoot,
  );
  const dist = path.join(repoRoot, "renderer/bench/dist");
  writeFileSync(path.join(dist, "edition.json"), JSON.stringify(edition));
  // As GET /api/editions/:key/:version/validators.js serves them: the page compiles no schema.
  writeFileSync(path.join(dist, "validators.js"), standaloneValidators(edition));
  return dist;
}

async function probeOf(page: Page): Promise<BenchProbe> {
  return page.evaluate(() => (globalThis as unknown as BenchWindow).shenbaoBench!);
}

async function measureAt(
  context: BrowserContext,
  url: string,
  rate: number,
  settings: BrowserSettings,
): Promise<BrowserFigures> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    const firstRenders: number[] = [];
    const renderToPaints: number[] = [];
    for (let i = 0; i < settings.loads; i++) {
      // Cold every time: the JS is fetched and compiled again, as on a candidate's first visit.
      await cdp.send("Network.clearBrowserCache");
      await cdp.send("Emulation.setCPUThrottlingRate", { rate });
      await page.goto(url);
      await page.waitForFunction(
        () => {
          const probe = (globalThis as unknown as BenchWindow).shenbaoBench;
          // Undefined until the page's module has run.
          return probe !== undefined && (probe.firstRenderMs !== undefined || probe.error !== undefined);
        },
        undefined,
        { timeout: 60_000 },
      );
      const probe = await probeOf(page);
      if (probe.error !== undefined) throw new Error(`bench page failed: ${probe.error}`);
      firstRenders.push(probe.firstRenderMs!);
      renderToPaints.push(probe.renderToPaintMs!);
    }

    const field = page.locator(TYPED_FIELD);
    await field.scrollIntoViewIfNeeded();
    await field.click();
    await field.press("End");
    await page.evaluate(() => {
      (globalThis as unknown as BenchWindow).shenbaoBench!.keystrokes.length = 0;
    });
    // ASCII only: Playwright types Chinese through insertText, which fires no key events to time.
    const letters = "abcdefghijklmnopqrstuvwxyz ";
    const text = Array.from({ length: settings.keystrokes }, (_, i) => letters[i % letters.length]).join("");
    // Bounded, but generous: a loaded shared machine at 4× slowdown takes far longer than the delays alone.
    await field.pressSequentially(text, { delay: settings.keyDelayMs, timeout: 300_000 });
    await page.waitForFunction(
      (count) => (globalThis as unknown as BenchWindow).shenbaoBench!.keystrokes.length >= count,
      settings.keystrokes,
      {
        timeout: 60_000,
      },
    );
    const samples = (await probeOf(page)).keystrokes;
    return {
      cpuSlowdown: rate,
      firstRenderMs: median(firstRenders),
      firstRenderSamples: firstRenders,
      renderToPaintMs: median(renderToPaints),
      renderToPaintSamples: renderToPaints,
      keystrokeP98Ms: percentile(samples, 98),
      keystrokeMedianMs: median(samples),
      keystrokeSamples: samples.length,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** Serves the built page and measures it at each CPU slowdown rate in one fresh Chromium profile. */
export async function measureBrowser(
  dist: string,
  rates: number[],
  settings: BrowserSettings,
): Promise<BrowserFigures[]> {
  const server = await serveStatic(dist);
  const profile = mkdtempSync(path.join(os.tmpdir(), "shenbao-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 667 },
  });
  try {
    const figures: BrowserFigures[] = [];
    for (const rate of rates)
      figures.push(await measureAt(context, `${server.url}/expertise.html`, rate, settings));
    return figures;
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
