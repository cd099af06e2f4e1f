/**
 * Loading, error and empty states and the fixed bottom action bar, in plain elements so light scenes
 * (home, sign-in) can use them without pulling antd into their chunk.
 */
import type { ReactNode } from "react";

/** Shown while a page's data loads; a live region so screen readers hear it. */
export function PageLoading({ text = "正在加载…" }: { text?: string }) {
  return (
    <div className="sb-loading" role="status" aria-live="polite">
      {text}
    </div>
  );
}

/** A failed load: the Chinese message and, when it can help, a 「重试」 button. */
export function PageError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="sb-card" role="alert">
      <p className="sb-error">{message}</p>
      {onRetry && (
        <button type="button" className="sb-btn" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** The bar fixed to the bottom of the screen for a page's primary actions (pages add `sb-has-bar`). */
export function ActionBar({ children, label = "操作" }: { children: ReactNode; label?: string }) {
  return (
    <div className="sb-actionbar" role="region" aria-label={label}>
      <div className="sb-actionbar-inner">{children}</div>
    </div>
  );
}
