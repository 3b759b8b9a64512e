import { type CancellationToken, throwIfCancelled } from '../types';

/** Hands the event loop back so the editor stays responsive; a macrotask, so I/O and timers run. */
const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Cuts long synchronous work into slices of about `budgetMs`: call `due()` often (it only reads the
 * clock every few calls) and `await pause()` when it says so. Keeps every task the host runs short
 * without yielding so often that the yields themselves cost.
 */
/** The slice the editor's work keeps to: well under the 50 ms that a user feels as a stall. */
export const SLICE_MS = 12;

export class TimeSlicer {
  private sliceStart = performance.now();
  private calls = 0;
  /** The longest slice so far (ended by a pause or by `end()`), in ms. */
  longestMs = 0;

  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly token?: CancellationToken,
    private readonly checkEvery = 64,
  ) {}

  /** Whether the current slice has used its budget (or the work was cancelled). */
  due(): boolean {
    if (++this.calls % this.checkEvery !== 0) return false;
    return this.expired();
  }

  /** `due()` without the call counting: reads the clock now. */
  expired(): boolean {
    return this.token?.isCancellationRequested === true || performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** Yields, checks cancellation, and starts a new slice. */
  async pause(): Promise<void> {
    this.end();
    await yieldToEventLoop();
    throwIfCancelled(this.token);
    this.sliceStart = performance.now();
  }

  /** Ends the current slice for the record (`longestMs`), without yielding. */
  end(): void {
    this.longestMs = Math.max(this.longestMs, performance.now() - this.sliceStart);
  }

}

/** Work between two looks at the clock in `inBlocks`. */
const BLOCK = 1 << 15;

/** Runs `body(from, to)` over [0, n) in blocks, pausing whenever the slice is used up. */
export async function inBlocks(n: number, slicer: TimeSlicer | undefined, body: (from: number, to: number) => void): Promise<void> {
  for (let from = 0; from < n; from += BLOCK) {
    body(from, Math.min(n, from + BLOCK));
    if (slicer?.expired()) await slicer.pause();
  }
}
