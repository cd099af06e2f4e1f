/**
 * Fixed-window rate limiting on counters kept in the store (`rateLimits`), so every web process behind the
 * load balancer counts the same hits. Concurrent hits are serialised by the counter's revision.
 */
import { DuplicateKeyError, RateLimitedError, RevisionConflictError } from "../errors.js";
import type { Collection } from "../ports/store.js";
import type { RateLimitDoc } from "../store/collections.js";
import type { RateLimitRule } from "./authSettings.js";

// Each lost race means another request on the same key just counted; this many in a row is a flood.
const MAX_RACES = 8;

/**
 * Counts one hit of `subject` (already hashed: never a phone or address in clear) under `rule`, or throws
 * `RateLimitedError` with the seconds left in the window when the limit is reached.
 */
export async function hitFixedWindow(
  counters: Collection<RateLimitDoc>,
  rule: RateLimitRule,
  subject: string,
  now: number,
): Promise<void> {
  const key = `${rule.name}:${subject}`;
  const windowStart = now - (now % rule.windowMs);
  const expiresAt = windowStart + rule.windowMs;
  for (let race = 0; race < MAX_RACES; race++) {
    const [current] = (await counters.find({ key }, { limit: 1 })).items;
    try {
      if (!current) {
        await counters.insert({ key, windowStart, count: 1, expiresAt });
        return;
      }
      // A counter from a later window (another process's clock runs ahead) is counted against, not reset.
      if (current.windowStart < windowStart) {
        await counters.replace(current._id, current.rev, { key, windowStart, count: 1, expiresAt });
        return;
      }
      if (current.count >= rule.limit) throw new RateLimitedError((current.expiresAt - now) / 1000);
      await counters.replace(current._id, current.rev, { ...pick(current), count: current.count + 1 });
      return;
    } catch (error) {
      if (error instanceof DuplicateKeyError || error instanceof RevisionConflictError) continue;
      throw error;
    }
  }
  throw new RateLimitedError(1);
}

function pick(doc: RateLimitDoc): RateLimitDoc {
  return { key: doc.key, windowStart: doc.windowStart, count: doc.count, expiresAt: doc.expiresAt };
}
