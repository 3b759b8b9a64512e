/** What the extraction benchmarks share: command-line options, a generous budget, median timing. */

export const MB = 1024 * 1024;
/** Large enough that a benchmark input is never cut short by the loader's per-file budget. */
export const BENCH_BUDGET = { maxMs: 120_000, maxBytes: 256 * MB };

/** The value after `name` on the command line, else `fallback`. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** Median wall time in ms of `runs` calls after one warm-up. */
export async function medianMs(runs: number, work: () => unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
