/**
 * Document ids: 32 lowercase hex characters, time-sortable (creation order within one process) and
 * globally unique without coordination, like a ULID but from node:crypto only.
 */
import { randomBytes } from "node:crypto";

let lastMillis = 0;
let sequence = 0;

/** A new id: 12 hex of milliseconds, 4 hex of per-millisecond sequence, 16 hex of randomness. */
export function newId(now: number = Date.now()): string {
  // A clock that steps back must not break the ordering of ids this process already handed out.
  const millis = Math.max(now, lastMillis);
  if (millis === lastMillis) {
    sequence += 1;
    if (sequence > 0xffff) {
      // 65 536 ids in one millisecond: borrow the next millisecond rather than wrap.
      return newId(lastMillis + 1);
    }
  } else {
    lastMillis = millis;
    sequence = 0;
  }
  return (
    millis.toString(16).padStart(12, "0") +
    sequence.toString(16).padStart(4, "0") +
    randomBytes(8).toString("hex")
  );
}
