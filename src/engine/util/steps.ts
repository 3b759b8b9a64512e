import type { TimeSlicer } from './timeSlicer';

/**
 * Work written as a generator that yields at points where it may be paused. One implementation
 * serves both the synchronous API (run to the end) and the editor (paused in short slices).
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runSliced<T>(steps: Steps<T>, slicer: TimeSlicer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (slicer.expired()) await slicer.pause();
  }
}
