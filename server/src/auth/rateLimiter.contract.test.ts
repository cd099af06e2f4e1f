// The rate limiter's contract, run once per backend that can start here: SQLite always, MongoDB at
// MONGODB_URI (the jongodb lane in tests), Redis at REDIS_URL.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "../errors.js";
import { redisUnreachable, redisUrl } from "../../test/queueFactories.js";
import { openTestStore, storeAdapterNames, type TestStore } from "../../test/storeFactories.js";
import { openRateLimiter, type RateLimiter, type RateLimiterBackend } from "./rateLimiter.js";

interface Lane {
  name: string;
  open(): Promise<{ limiter: RateLimiter; cleanup(): Promise<void> }>;
}

const storeLanes: Lane[] = storeAdapterNames().map((name) => ({
  name,
  async open() {
    const opened: TestStore = await openTestStore(name);
    const limiter = await openRateLimiter({ kind: "store", store: opened.store });
    return {
      limiter,
      async cleanup() {
        await limiter.close();
        await opened.cleanup();
      },
    };
  },
}));

const redisProblem = await redisUnreachable();
const redisLane: Lane = {
  name: "redis",
  async open() {
    const backend: RateLimiterBackend = {
      kind: "redis",
      url: redisUrl,
      prefix: `test-${randomBytes(4).toString("hex")}`,
    };
    const limiter = await openRateLimiter(backend);
    return { limiter, cleanup: () => limiter.close() };
  },
};
const lanes = redisProblem === null || process.env.CI ? [...storeLanes, redisLane] : storeLanes;

// A short window keeps the "window ends" case fast without a clock the library cannot see.
const rule = (name: string, limit = 3, windowMs = 60_000) => ({
  name: `${name}-${randomBytes(3).toString("hex")}`,
  limit,
  windowMs,
});

describe.each(lanes)("RateLimiter [$name]", (lane) => {
  let limiter: RateLimiter;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ limiter, cleanup } = await lane.open());
  });
  afterAll(() => cleanup());

  it(`[${lane.name}] names its backend`, () => {
    expect(limiter.kind).toBe(lane.name);
  });

  it(`[${lane.name}] allows the rule's limit and refuses the next hit with the seconds left`, async () => {
    const limit = rule("limit");
    for (let i = 0; i < limit.limit; i++) await limiter.hit(limit, "subject-a");
    const refused = await limiter.hit(limit, "subject-a").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    const retryAfter = (refused as RateLimitedError).details?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it(`[${lane.name}] counts each subject and each rule on its own`, async () => {
    const first = rule("first", 1);
    const second = rule("second", 1);
    await limiter.hit(first, "subject-a");
    await limiter.hit(first, "subject-b");
    await limiter.hit(second, "subject-a");
    await expect(limiter.hit(first, "subject-a")).rejects.toBeInstanceOf(RateLimitedError);
  });

  it(`[${lane.name}] counts concurrent hits exactly`, async () => {
    const limit = rule("concurrent", 5);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => limiter.hit(limit, "subject-c")),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
  });

  it(`[${lane.name}] allows the subject again once its window has passed`, async () => {
    const short = rule("short", 1, 1_000);
    await limiter.hit(short, "subject-d");
    await expect(limiter.hit(short, "subject-d")).rejects.toBeInstanceOf(RateLimitedError);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await limiter.hit(short, "subject-d");
  });
});
