/** Clocks, memory and event-loop probes for the performance benchmark. */
import { readFileSync } from 'node:fs';

const MB = 1e6;

/** A full, synchronous garbage collection (node --expose-gc), twice so weak caches settle. */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with node --expose-gc (npm run bench:perf does).');
  collect();
  collect();
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

/** Linux: the main thread's own CPU time in ns, first field of its schedstat. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const hasSchedstat = ((): boolean => {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) > 0;
  } catch {
    return false;
  }
})();

/**
 * CPU time in ms of the main (event-loop) thread: the engine's own work, without the time other
 * processes on the machine took from it and without V8's parallel GC threads. Where Linux's
 * per-thread schedstat is missing, the whole process's user + system time stands in.
 */
export function cpuMs(): number {
  if (hasSchedstat) return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const cpuClock = hasSchedstat ? 'CPU time of the main thread (Linux schedstat)' : 'CPU time of the process (user + system)';

export interface Timed<T> {
  value: T;
  /** Wall-clock time. */
  ms: number;
  cpuMs: number;
}

export function timeSync<T>(fn: () => T): Timed<T> {
  const c = cpuMs();
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const c = cpuMs();
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

/** Peak RSS and heap, sampled every few milliseconds and whenever the work reports progress. */
export class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  samples = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  start(intervalMs = 5): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    return this;
  }

  readonly sample = (): void => {
    const m = process.memoryUsage();
    this.samples++;
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  };

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * The longest stretch the event loop could not run anything: a 1 ms timer chain that notes the
 * time between its ticks. Work that yields (CorpusIndex.build between chunks, the checker between
 * statements) lets a tick through per yield, so the longest gap is the longest synchronous slice.
 * A timer rather than setImmediate, so the loop still sleeps while waiting for file reads and the
 * probe adds no CPU time of its own.
 */
export class LoopMonitor {
  maxGapMs = 0;
  ticks = 0;
  /** Stretches longer than 50 ms (the extension's responsiveness target). */
  longGaps = 0;
  private last = 0;
  private running = false;
  private handle: ReturnType<typeof setTimeout> | undefined;

  private note(now: number): void {
    const gap = now - this.last;
    if (gap > this.maxGapMs) this.maxGapMs = gap;
    if (gap > 50) this.longGaps++;
    this.last = now;
  }

  start(): this {
    this.running = true;
    this.last = performance.now();
    const tick = () => {
      this.note(performance.now());
      this.ticks++;
      if (this.running) this.handle = setTimeout(tick, 1);
    };
    this.handle = setTimeout(tick, 1);
    return this;
  }

  /** Stops and counts the stretch since the last tick (the work's final slice). */
  stop(): number {
    this.running = false;
    if (this.handle) clearTimeout(this.handle);
    this.note(performance.now());
    return this.maxGapMs;
  }
}

/** Items in a spread order (every 7th first), so a partial run samples the whole list. */
function spreadOrder<T>(xs: readonly T[]): T[] {
  const out: T[] = [];
  const step = 7;
  for (let start = 0; start < step; start++) for (let k = start; k < xs.length; k += step) out.push(xs[k]!);
  return out;
}

/**
 * Runs `fn` on items (spread order) until `budgetMs` of wall time is spent; returns the wall and
 * CPU time for all of them, extrapolated from the mean when the budget ran out first, and how
 * many were measured.
 */
export function withinBudget<T>(items: readonly T[], budgetMs: number, fn: (item: T) => number): { ms: number; cpuMs: number; measured: number } {
  let spent = 0;
  let cpu = 0;
  let measured = 0;
  let sink = 0;
  for (const item of spreadOrder(items)) {
    const c = cpuMs();
    const t = performance.now();
    sink += fn(item);
    spent += performance.now() - t;
    cpu += cpuMs() - c;
    measured++;
    if (spent >= budgetMs) break;
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  const scale = measured ? items.length / measured : 0;
  return { ms: spent * scale, cpuMs: cpu * scale, measured };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const toMB = (bytes: number): number => bytes / MB;
