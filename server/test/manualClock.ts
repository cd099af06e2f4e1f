/** A clock tests move by hand, so expiry and timeouts are tested without sleeping. */
import type { Clock } from "../src/ports/clock.js";

/** Starts at `start` (default: the top of an hour, so fixed rate-limit windows do not roll over mid-test). */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2025, 2, 3, 1, 0, 0)) {}

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
}
