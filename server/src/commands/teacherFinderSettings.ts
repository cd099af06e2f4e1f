/** The numbers of the teacher lookup (TCH-1) as data in one place; the command reads them, tests quote them. */
import type { RateLimitRule } from "../auth/authSettings.js";

/** Ten lookups per ten minutes per candidate: enough for typos, too few to walk the registry by guessing. */
export const RATE_LIMITS_TEACHERS = {
  lookupPerUser: { name: "teacherLookup:user", limit: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;
