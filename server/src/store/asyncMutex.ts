/**
 * A first-come first-served async lock: the SQLite store shares one synchronous connection, so each
 * operation, and each transaction from BEGIN to COMMIT, must have it to itself.
 */

/** Runs tasks one at a time in call order; a failing task releases the lock like a succeeding one. */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every earlier task has settled; resolves or rejects with its outcome. */
  run<R>(task: () => R | Promise<R>): Promise<R> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.run(() => undefined);
  }
}
