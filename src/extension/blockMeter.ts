/**
 * The longest synchronous stretch of Corroborate's own code in the extension host: every handler
 * of a server message, every diagnostics hand-over and every editor event the extension reacts to
 * runs through `time`. The engine runs in the language server, so this is what the extension can
 * still cost the editor (reported by the typing test and the performance notes).
 */
export class BlockMeter {
  longestMs = 0;

  time<T>(fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.longestMs = Math.max(this.longestMs, performance.now() - start);
    }
  }

  /** Wraps a listener so each call is measured. */
  wrap<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => this.time(() => fn(...args));
  }
}
