/**
 * Long edits and the session's idle timeout (issue 11): typing sends no request, so while the user is active
 * the page renews the session (GET /api/me, at most every `PING_EVERY_MS`); when the user has been away
 * and the session is about to end, a banner says so and offers to continue. The server's timeout is the
 * `X-Session-Expires-At` of the last answer.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { onSessionDeadline, sessionDeadline } from "../api/apiClient.js";
import { authApi } from "../api/endpoints.js";
import { useSession } from "./session.js";

const MINUTE = 60_000;
/** Renew at most this often while the user types or clicks. */
export const PING_EVERY_MS = 10 * MINUTE;
/** Warn this long before the session ends. */
export const WARN_BEFORE_MS = 5 * MINUTE;

/** Whole minutes left to show in the warning, or undefined when no warning is due. */
export function minutesLeftToWarn(deadline: number | undefined, now: number): number | undefined {
  if (deadline === undefined || now >= deadline || deadline - now > WARN_BEFORE_MS) return undefined;
  return Math.max(1, Math.ceil((deadline - now) / MINUTE));
}

/** Whether activity at `now` should renew the session, last renewed (or answered) at `lastPing`. */
export function shouldRenew(lastPing: number, now: number): boolean {
  return now - lastPing >= PING_EVERY_MS;
}

/** Mounted once by the shell; renders the warning banner only when due. */
export function SessionKeepAlive() {
  const { me } = useSession();
  const signedIn = Boolean(me);
  const lastPing = useRef(Date.now());
  const [minutesLeft, setMinutesLeft] = useState<number>();

  const renew = useCallback(() => {
    lastPing.current = Date.now();
    // A 401 here goes through the shell's handler: the user is sent to sign in with the way back.
    void authApi.me().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!signedIn) return undefined;
    const onActivity = () => {
      if (shouldRenew(lastPing.current, Date.now())) renew();
    };
    const events = ["keydown", "input", "pointerdown"] as const;
    for (const event of events)
      document.addEventListener(event, onActivity, { passive: true, capture: true });
    const check = () => setMinutesLeft(minutesLeftToWarn(sessionDeadline(), Date.now()));
    const timer = window.setInterval(check, 30_000);
    const stop = onSessionDeadline(() => {
      lastPing.current = Date.now();
      check();
    });
    return () => {
      for (const event of events) document.removeEventListener(event, onActivity, { capture: true });
      window.clearInterval(timer);
      stop();
    };
  }, [signedIn, renew]);

  if (!signedIn || minutesLeft === undefined) return null;
  return (
    <div role="alert" className="sb-session-warning">
      <span>登录将在约 {minutesLeft} 分钟后过期，请及时保存。</span>
      <button type="button" className="sb-btn" onClick={renew}>
        继续使用
      </button>
    </div>
  );
}
