/**
 * Performance benchmark: scaled corpora (1, 10, 50 MB of perturbed copies of the bundled articles
 * and of ../shared/bench/climate-fever/corpus), indexed, persisted, reloaded and checked against a
 * 2,000-word draft, next to two naive peers (fuse.js over every passage, MiniSearch with default
 * options) in the same run.
 *
 *   npm run bench:perf
 *   node --import tsx --expose-gc bench/perf.ts [--sizes 1,10,50] [--keep] [--json FILE]
 *                                                [--peer-budget-ms 15000] [--fuse-passages 3000]
 *
 * Each size runs in its own child process (same flags), so memory figures start from a clean heap
 * and one size's caches never help the next. Corpora are written under os.tmpdir() and removed
 * afterwards unless --keep is given. The modules are in bench/perf/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { loadSourcePool } from './perf/corpusGen';
import { cpuClock } from './perf/measure';
import { header, sizeTable, summaryTable, targetsTable } from './perf/report';
import { runSize } from './perf/runSize';
import type { RunFigures, RunInfo, SizeFigures } from './perf/types';

const root = path.resolve(__dirname, '..');

interface Args {
  sizes: number[];
  keep: boolean;
  json?: string;
  budgetMs: number;
  fusePassages: number;
  child?: { size: number; dir: string; out: string };
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: node --import tsx --expose-gc bench/perf.ts [--sizes 1,10,50] [--keep] [--json FILE] [--peer-budget-ms N] [--fuse-passages N]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [1, 10, 50], keep: false, budgetMs: 15000, fusePassages: 3000 };
  const value = (k: number) => argv[k + 1] ?? usage(`${argv[k]} needs a value`);
  let child: Partial<NonNullable<Args['child']>> | undefined;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--sizes') {
      args.sizes = value(k).split(',').map(Number);
      if (args.sizes.some((n) => !(n > 0))) usage('--sizes takes positive numbers of MB, e.g. 1,10,50');
      k++;
    } else if (a === '--keep') args.keep = true;
    else if (a === '--json') args.json = value(k++);
    else if (a === '--peer-budget-ms') args.budgetMs = Number(value(k++));
    else if (a === '--fuse-passages') args.fusePassages = Number(value(k++));
    else if (a === '--child-size') (child ??= {}).size = Number(value(k++));
    else if (a === '--child-dir') (child ??= {}).dir = value(k++);
    else if (a === '--child-out') (child ??= {}).out = value(k++);
    else usage(`unknown option ${a}`);
  }
  if (child) args.child = child as Args['child'];
  return args;
}

function git(...a: string[]): string {
  try {
    return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function runInfo(): RunInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    node: process.version,
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    memoryGB: os.totalmem() / 2 ** 30,
    heapLimitMB: getHeapStatistics().heap_size_limit / 2 ** 20,
    sources: loadSourcePool(root).description,
    cpuClock,
    loadStart: os.loadavg()[0]!,
  };
}

async function child(args: Args): Promise<void> {
  const c = args.child!;
  const figures = await runSize(root, c.size, c.dir, { searchMs: args.budgetMs, fusePassages: args.fusePassages });
  writeFileSync(c.out, JSON.stringify(figures));
}

function parent(args: Args): void {
  const info = runInfo();
  console.log(header(info));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-perf-'));
  const sizes: SizeFigures[] = [];
  const started = performance.now();
  try {
    for (const size of args.sizes) {
      const dir = path.join(tmp, `corpus-${size}MB`);
      const out = path.join(tmp, `figures-${size}MB.json`);
      mkdirSync(dir, { recursive: true });
      const passOn = ['--peer-budget-ms', String(args.budgetMs), '--fuse-passages', String(args.fusePassages)];
      const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--child-size', String(size), '--child-dir', dir, '--child-out', out, ...passOn], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (run.status !== 0) throw new Error(`the ${size} MB run failed (exit ${run.status ?? run.signal})`);
      const figures = JSON.parse(readFileSync(out, 'utf8')) as SizeFigures;
      sizes.push(figures);
      console.log(sizeTable(figures));
      if (!args.keep) rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
    else console.log(`\nCorpora kept in ${tmp}`);
  }
  console.log(summaryTable(sizes));
  console.log(targetsTable(sizes));
  info.loadEnd = os.loadavg()[0]!;
  console.log(`\nTotal benchmark time ${((performance.now() - started) / 1000).toFixed(0)} s; load average (1 min) at the end ${info.loadEnd.toFixed(2)}.`);
  if (args.json) {
    const all: RunFigures = { info, sizes };
    writeFileSync(args.json, `${JSON.stringify(all, null, 2)}\n`);
    console.log(`Figures written to ${args.json}`);
  }
}

const args = parseArgs(process.argv.slice(2));
if (!(globalThis as { gc?: unknown }).gc) usage('run with --expose-gc (npm run bench:perf does)');
if (args.child) {
  child(args).catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
} else parent(args);
