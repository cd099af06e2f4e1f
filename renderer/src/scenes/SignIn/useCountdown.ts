/** A whole-second countdown for 「获取验证码」 (60 s, or a 429's Retry-After). */
import { useCallback, useEffect, useState } from "react";

/** Seconds left (0 = idle) and `start(seconds)`; the deadline is wall-clock, so a backgrounded tab stays right. */
export function useCountdown(): { seconds: number; start: (seconds: number) => void } {
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline <= Date.now()) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setDeadline(at + seconds * 1000);
  }, []);
  return { seconds: Math.max(0, Math.ceil((deadline - now) / 1000)), start };
}
