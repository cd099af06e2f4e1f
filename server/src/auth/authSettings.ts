/**
 * The numbers of phone sign-in and sessions (issue 4), as data in one place: code lifetime and attempts,
 * rate limits, session timeouts. Commands and the session middleware read them; tests quote them.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The one-time code: 6 digits, 5 minutes, 5 wrong attempts, one new code per minute per phone. */
export const SIGN_IN_CODE = {
  digits: 6,
  ttlMs: 5 * MINUTE,
  maxWrongAttempts: 5,
  resendCooldownMs: MINUTE,
} as const;

/** A rate limit: at most `limit` hits per `windowMs` for one subject (from its first hit), counted under `name`. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** The limits on asking for codes: per phone (SMS cost, harassment) and per client address (enumeration). */
export const RATE_LIMITS = {
  codePerPhone: { name: "signInCode:phone", limit: 5, windowMs: HOUR },
  codePerAddress: { name: "signInCode:address", limit: 20, windowMs: HOUR },
  // Anonymous requests that each write a document: a QR page renews its ticket every 2 minutes (30 an hour).
  qrTicketPerAddress: { name: "qrTicket:address", limit: 120, windowMs: HOUR },
  wechatStartPerAddress: { name: "wechatStart:address", limit: 60, windowMs: HOUR },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Sessions end after 2 idle hours or 12 hours in all. Two hours is long enough to type five case records
 * without a request (issue 11); pages also renew the session while the user types and warn before it ends
 * (`SESSION_EXPIRES_HEADER`). Activity is written at most once a minute, so the idle timeout may end a
 * session up to a minute early; that trade saves a store write per request.
 */
export const SESSION = {
  cookieName: "shenbao_session",
  idleMs: 2 * HOUR,
  absoluteMs: 12 * HOUR,
  touchEveryMs: MINUTE,
} as const;

/** Response header on API answers to a signed-in request: when the session ends if idle (epoch ms). */
export const SESSION_EXPIRES_HEADER = "X-Session-Expires-At";

/**
 * WeChat sign-in (ACC-1): one authorization round trip must finish within 10 minutes, in the browser that
 * started it (the cookie's path keeps it off every other request).
 */
export const WECHAT_SIGN_IN = {
  stateTtlMs: 10 * MINUTE,
  cookieName: "shenbao_wechat",
  cookiePath: "/api/auth/wechat",
} as const;

/**
 * 扫码登录 tickets (ACC-2): valid 2 minutes, polled by the PC every 2 seconds (one read by id each), and
 * bound to the PC by a cookie only the ticket routes receive.
 */
export const QR_TICKET = {
  ttlMs: 2 * MINUTE,
  pollAfterMs: 2_000,
  cookieName: "shenbao_qr",
  cookiePath: "/api/auth/qr-tickets",
} as const;

/** The first-administrator bootstrap link lives 24 hours; a restart issues a new one while none is used. */
export const ADMIN_BOOTSTRAP = { ttlMs: 24 * HOUR } as const;
