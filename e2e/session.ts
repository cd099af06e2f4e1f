/**
 * One browser test file's world: the real server (fresh data directory) and Chromium, started before the
 * file's tests and stopped after them, with every browser context opened through it closed too.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PAGE_TIMEOUT } from "./candidateSteps.js";
import {
  ensureRendererBuilt,
  launchChromium,
  newContext,
  startServer,
  type ServerProcess,
} from "./harness.js";

/** What `e2eSession` gives a test file; `server` and `browser` are there from its `beforeAll` on. */
export interface E2eSession {
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** A page in a new phone or desktop context, with the journeys' default timeout. */
  openPage(screen: "phone" | "desktop"): Promise<Page>;
  /** Closes `page`'s context with the session (pages made by helpers such as `verifiedCandidate`). */
  track(page: Page): Page;
}

/** Registers the file's `beforeAll` / `afterAll` and returns the session they fill in. */
export function e2eSession(): E2eSession {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e ${what} is used before beforeAll started it`);
    return value;
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
    async openPage(screen) {
      const context = await newContext(started(browser, "browser"), started(server, "server").url, screen);
      contexts.add(context);
      const page = await context.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT);
      return page;
    },
    track(page) {
      contexts.add(page.context());
      return page;
    },
  };
}
