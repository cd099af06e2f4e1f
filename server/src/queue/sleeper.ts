/**
 * A loop's pause that can be cut short: the worker loop and the outbox relay poll on an interval but must
 * react at once to a local enqueue or a finished handler.
 */

/**
 * Sleeps until a timeout or `wake()`, whichever comes first. A wake that arrives while nobody sleeps is
 * kept, so the next `sleep()` returns at once and the event is never lost between two polls.
 *
 * `wake()` only settles a promise the loop awaits: the loop goes on in its own async context, never in the
 * caller's (which may be inside a store transaction that forbids outside store calls).
 */
export class Sleeper {
  private wakeSleeper: (() => void) | undefined;
  private pending = false;

  /** Resolves after `ms`, or as soon as `wake()` is called. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, ms));
      this.wakeSleeper = finish;
    });
  }

  /** Ends the current sleep, or makes the next one return at once. */
  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.pending = true;
  }
}
