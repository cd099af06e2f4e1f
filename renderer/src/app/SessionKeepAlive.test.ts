import { describe, expect, it } from "vitest";
import { minutesLeftToWarn, PING_EVERY_MS, shouldRenew, WARN_BEFORE_MS } from "./SessionKeepAlive.js";

describe("session keep-alive (issue 11)", () => {
  it("warns only in the last minutes before the idle timeout", () => {
    const now = 1_000_000;
    expect(minutesLeftToWarn(undefined, now)).toBeUndefined();
    expect(minutesLeftToWarn(now + 2 * 3_600_000, now)).toBeUndefined();
    expect(minutesLeftToWarn(now + WARN_BEFORE_MS, now)).toBe(5);
    expect(minutesLeftToWarn(now + 30_000, now)).toBe(1);
    expect(minutesLeftToWarn(now - 1, now)).toBeUndefined();
  });

  it("renews on activity at most every few minutes", () => {
    expect(shouldRenew(0, PING_EVERY_MS - 1)).toBe(false);
    expect(shouldRenew(0, PING_EVERY_MS)).toBe(true);
  });
});
