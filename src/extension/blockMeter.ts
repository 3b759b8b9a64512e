/**
 * The longest synchronous stretch of Corroborate's own code in the extension host: every handler
 * of a server message, every diagnostics hand-over and every editor event the extension reacts to
 * runs through `time`. The engine runs in the language server, so this is what the extension can
 * still cost the editor (reported by the typing test and the performance notes), with the name of
 * the handler it was, so a regression points at its cause.
 */
export class BlockMeter {
  longestMs = 0;
  longestName = '';

  time<T>(name: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      const ms = performance.now() - start;
      if (ms > this.longestMs) {
        this.longestMs = ms;
        this.longestName = name;
      }
    }
  }

  /** Wraps a listener so each call is measured under `name`. */
  wrap<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => this.time(name, () => fn(...args));
  }
}
