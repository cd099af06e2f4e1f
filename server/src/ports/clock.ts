/**
 * The time source of commands and sessions. Injected so that tests move time forward (code expiry, idle
 * and absolute session timeouts) instead of sleeping, and so that several app instances can share one.
 */

/** Milliseconds since the epoch, like `Date.now()`. */
export interface Clock {
  now(): number;
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() };
