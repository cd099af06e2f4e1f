/**
 * Typing stays inside the text box it happens in (issue 12): a text widget keeps what is typed in its own
 * state and hands it to RJSF — which re-renders the whole form — only after a pause, on blur, or when the
 * form saves. `PendingEdits` is how FormEngine learns that typing started (to show 「有未保存的修改」 and
 * guard leaving at once) and how a save collects what has not been handed over yet.
 */

/** Hands a widget's buffered text to RJSF synchronously; a no-op when nothing is pending. */
export type Flush = () => void;

/** The text widgets' channel to FormEngine, passed through the RJSF form context. */
export interface PendingEdits {
  /** A widget has text RJSF has not seen yet. */
  started(flush: Flush): void;
  /** That widget handed it over (or unmounted). */
  settled(flush: Flush): void;
  /** Hands over every widget's pending text, synchronously. */
  flushAll(): void;
}

/** A `PendingEdits` that calls `onStart` when the first widget starts holding text. */
export function createPendingEdits(onStart: () => void): PendingEdits {
  const pending = new Set<Flush>();
  return {
    started(flush) {
      pending.add(flush);
      onStart();
    },
    settled(flush) {
      pending.delete(flush);
    },
    flushAll() {
      for (const flush of [...pending]) flush();
    },
  };
}
