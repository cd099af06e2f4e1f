/**
 * The numbers of teacher invitations (TCH-3, TCH-4) as data in one place: reminder days, the one-time code
 * of the built-in identity check, attempt limits, the teacher's short session and the reconcile interval.
 * The lifetime of an invitation is configuration (`SHENBAO_INVITATION_TTL_DAYS`, 14 by default).
 */
import type { RateLimitRule } from "../auth/authSettings.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The guide's cadence: remind on day 3 and day 7 while unsigned (issue 5). */
export const INVITATION_REMIND_DAYS = [3, 7] as const;

/** One day in milliseconds, for delays counted in days. */
export const DAY_MS = DAY;

/** Default lifetime of an invitation in days, when `SHENBAO_INVITATION_TTL_DAYS` is not set. */
export const DEFAULT_INVITATION_TTL_DAYS = 14;

/**
 * The built-in identity check's one-time code to the registry phone: 6 digits, 10 minutes, one new code a
 * minute, at most 5 codes per hour per invitation (SMS cost, harassment of the physician).
 */
export const INVITATION_CODE = {
  digits: 6,
  ttlMs: 10 * MINUTE,
  resendCooldownMs: MINUTE,
} as const;

/** Code requests per invitation and window. */
export const INVITATION_RATE_LIMITS = {
  codePerInvitation: { name: "invitationCode:invitation", limit: 5, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Failed identity checks (wrong last six digits, wrong or expired code, provider mismatch) an invitation
 * tolerates; then it is locked and the candidate has to revoke it and invite again.
 */
export const INVITATION_MAX_VERIFY_FAILURES = 5;

/** After a successful check the teacher has 30 minutes to read, evaluate and sign, on that browser only. */
export const TEACHER_SESSION = {
  cookieName: "shenbao_teacher",
  cookiePath: "/api/t/",
  ttlMs: 30 * MINUTE,
} as const;

/** Largest signature image accepted when the edition's evaluation form names no limit of its own. */
export const SIGNATURE_MAX_BYTES_FALLBACK = 2 * 1024 * 1024;

/** How often the worker re-enqueues what live invitations should have queued (lost Redis data, pruned jobs). */
export const RECONCILE_INTERVAL_MS = 5 * MINUTE;
