/**
 * The report: one table per corpus size, a summary across sizes with growth, and the targets.
 *
 * Times are given as wall clock and as CPU time of the main thread (measure.ts cpuMs). On a
 * shared machine other processes stretch wall time but not the thread's own CPU time, so ratios,
 * growth and targets use CPU time; event-loop blocks can only be seen on the wall clock.
 */
import { mb, ms, table, times } from './format';
import { median } from './measure';
import type { PeerFigures, RunInfo, SizeFigures } from './types';

const loadBuild = (s: SizeFigures): number => s.build.loadMs + s.build.buildMs;
const loadBuildCpu = (s: SizeFigures): number => s.build.cpu.load + s.build.cpu.build;
const reload = (s: SizeFigures): number => s.build.reloadMs;
const reloadCpu = (s: SizeFigures): number => s.build.cpu.reload;
const editMaxCpu = (s: SizeFigures): number => Math.max(...s.check.editCpuMs);
const perChunkCpu = (s: SizeFigures): number => s.build.cpu.build / Math.max(1, s.build.buildChunks);
const peer = (s: SizeFigures, name: string): PeerFigures | undefined => s.peers.find((p) => p.name.startsWith(name));
/** "wall (CPU x)". */
const both = (wall: number, cpu: number): string => `${ms(wall)} (CPU ${ms(cpu)})`;
const measuredNote = (measured: number, all: number): string => (measured < all ? ` (${measured} of ${all} measured, extrapolated)` : '');

export function header(info: RunInfo): string {
  return [
    `Corroborate performance benchmark — ${info.date}, commit ${info.commit}${info.dirty ? ' (with uncommitted changes)' : ''}`,
    `Machine: ${info.cores} cores (${info.cpu}), ${info.memoryGB.toFixed(0)} GB RAM; Node ${info.node}, V8 heap limit ${info.heapLimitMB.toFixed(0)} MB`,
    `Sources: ${info.sources}`,
    `Load average (1 min) at start: ${info.loadStart.toFixed(2)}. Times: wall clock (CPU = ${info.cpuClock}); ratios, growth and targets use CPU time.`,
  ].join('\n');
}

function peerRows(s: SizeFigures): string[][] {
  return s.peers.map((p) => {
    const how = p.extrapolated
      ? `${p.measuredStatements} of ${p.totalStatements} statements measured${p.measuredPassages < p.totalPassages ? ` on ${p.measuredPassages} of ${p.totalPassages} passages` : ''}, extrapolated`
      : `all ${p.totalStatements} statements`;
    return [
      `peer: ${p.name}`,
      `draft search ${both(p.searchMs, p.searchCpuMs)}; build ${ms(p.buildMs)}, heap ${mb(p.retainedHeap)}`,
      `ours (full check) / peer = ${times(s.check.coldCpuMs / p.searchCpuMs)}; our retrieval / peer = ${times(s.check.retrievalCpuMs / p.searchCpuMs)}; ${how}`,
    ];
  });
}

export function sizeTable(s: SizeFigures): string {
  const b = s.build;
  const c = s.check;
  const size = s.corpus.bytes / 1e6;
  const verdicts = Object.entries(c.verdicts)
    .sort((x, y) => y[1] - x[1])
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  const rows: string[][] = [
    ['figure', 'value', 'ratio / note'],
    ['corpus', `${s.corpus.files} files, ${mb(s.corpus.bytes)}, ${s.corpus.passages} passages`, `generated in ${ms(s.corpus.generateMs)}`],
    ['load (loadCorpus: read, clean, split)', both(b.loadMs, b.cpu.load), `${(size / (b.cpu.load / 1000)).toFixed(1)} MB per CPU second`],
    ['tokenisation floor (tokenize, one pass)', both(b.floorMs, b.cpu.floor), `faster of 2 passes (${ms(b.floorColdMs)}, ${ms(b.floorSecondMs)}); regex \\p{L}\\p{N} pass ${ms(b.regexMs)}`],
    ['index build (CorpusIndex.build)', both(b.buildMs, b.cpu.build), `${times(b.cpu.build / b.cpu.floor)} floor (wall ${times(b.buildMs / b.floorMs)})`],
    ['load + build', both(loadBuild(s), loadBuildCpu(s)), `${times(loadBuildCpu(s) / b.cpu.floor)} floor (wall ${times(loadBuild(s) / b.floorMs)})`],
    ['longest event-loop block', `load ${ms(b.longestLoadSliceMs)}, build ${ms(b.longestBuildSliceMs)}`, `build: ${b.buildChunks} chunks, ${ms(perChunkCpu(s))} CPU each on average; ${b.buildSlicesOver50} blocks > 50 ms`],
    ['peak RSS during load + build', `+${mb(b.peakRss - b.baselineRss)}`, `${times((b.peakRss - b.baselineRss) / s.corpus.bytes)} corpus`],
    ['peak heap during load + build', mb(b.peakHeap - b.baselineHeap), `${times((b.peakHeap - b.baselineHeap) / s.corpus.bytes)} corpus`],
    ['retained heap (after GC)', `index ${mb(b.retainedIndexHeap)}; reloaded index ${mb(b.retainedReloadedHeap)}`, `${times(b.retainedIndexHeap / s.corpus.bytes)} corpus; reloaded ${times(b.retainedReloadedHeap / s.corpus.bytes)} (loader output with document texts ${times(b.retainedCorpusHeap / s.corpus.bytes)})`],
    ['persisted index (binary, saved in slices)', mb(b.persistedBytes), `${times(b.persistedBytes / s.corpus.bytes)} corpus; serialize + write ${both(b.saveMs, b.cpu.save)}, longest block ${ms(b.longestSaveSliceMs)}`],
    ['reload (read file + deserialize)', both(reload(s), reloadCpu(s)), `load+build / reload = ${times(loadBuildCpu(s) / reloadCpu(s))} (wall ${times(loadBuild(s) / reload(s))}); build alone / reload = ${times(b.cpu.build / reloadCpu(s))}; longest block ${ms(b.longestReloadSliceMs)}`],
    ['draft', `${c.draftWords} words, ${c.statements} statements, ${c.checked} check-worthy`, verdicts],
    ['cold check (reloaded index, empty caches)', both(c.coldWallMs, c.coldCpuMs), `parseDraft ${ms(c.parseMs)}; pausing whenever a slice passes 12 ms, inside statements too`],
    ['longest statement (CPU) / longest slice', `${ms(c.longestStatementMs)} / ${ms(c.longestSliceMs)}`, `event-loop blocks while checking the extension’s way; ${c.slicesOver50} over 50 ms`],
    ['full re-check, caches warm, no memo', both(c.warmFullMs, c.warmFullCpuMs), `${times(c.coldCpuMs / c.warmFullCpuMs)} faster than cold${measuredNote(c.warmMeasured, c.statements)}`],
    ['one-sentence edit re-check', `CPU median ${ms(median(c.editCpuMs))}, max ${ms(editMaxCpu(s))}`, `wall max ${ms(Math.max(...c.editMs))}; ${c.editMs.length} edits; statements re-checked: ${c.editRechecked.join(', ')}`],
    ['our retrieval only (index.search, top 5)', both(c.retrievalMs, c.retrievalCpuMs), `every statement${measuredNote(c.retrievalMeasured, c.statements)}`],
    ...peerRows(s),
  ];
  return `\n### ${s.corpus.targetMB} MB corpus\n\n${table(rows)}`;
}

/** Growth exponent: how a figure scales with corpus size (1 = linear). */
function exponent(a: number, b: number, sa: number, sb: number): number {
  return Math.log(b / a) / Math.log(sb / sa);
}

interface Series {
  label: string;
  value: (s: SizeFigures) => number;
  format: (x: number) => string;
  growth?: boolean;
}

const SERIES: Series[] = [
  { label: 'corpus', value: (s) => s.corpus.bytes, format: mb, growth: true },
  { label: 'passages', value: (s) => s.corpus.passages, format: (x) => String(x), growth: true },
  { label: 'load (loadCorpus), CPU', value: (s) => s.build.cpu.load, format: ms, growth: true },
  { label: 'tokenisation floor, CPU', value: (s) => s.build.cpu.floor, format: ms, growth: true },
  { label: 'index build, CPU', value: (s) => s.build.cpu.build, format: ms, growth: true },
  { label: 'index build, wall', value: (s) => s.build.buildMs, format: ms, growth: true },
  { label: 'build / floor (CPU)', value: (s) => s.build.cpu.build / s.build.cpu.floor, format: times },
  { label: '(load + build) / floor (CPU)', value: (s) => loadBuildCpu(s) / s.build.cpu.floor, format: times },
  { label: 'peak RSS / corpus', value: (s) => (s.build.peakRss - s.build.baselineRss) / s.corpus.bytes, format: times },
  { label: 'retained heap / corpus', value: (s) => s.build.retainedIndexHeap / s.corpus.bytes, format: times },
  { label: 'persisted index', value: (s) => s.build.persistedBytes, format: mb, growth: true },
  { label: 'reload (read + deserialize), CPU', value: reloadCpu, format: ms, growth: true },
  { label: '(load + build) / reload (CPU)', value: (s) => loadBuildCpu(s) / reloadCpu(s), format: times },
  { label: 'cold check 2,000 words, CPU', value: (s) => s.check.coldCpuMs, format: ms, growth: true },
  { label: 'cold check 2,000 words, wall', value: (s) => s.check.coldWallMs, format: ms, growth: true },
  { label: 'one-sentence re-check (max), CPU', value: editMaxCpu, format: ms, growth: true },
  { label: 'longest statement check, CPU', value: (s) => s.check.longestStatementMs, format: ms, growth: true },
  { label: 'build chunk, mean CPU', value: perChunkCpu, format: ms },
  { label: 'longest slice: build, wall', value: (s) => s.build.longestBuildSliceMs, format: ms },
  { label: 'longest slice: check, wall', value: (s) => s.check.longestSliceMs, format: ms },
  { label: 'MiniSearch default: draft, CPU', value: (s) => peer(s, 'MiniSearch')?.searchCpuMs ?? NaN, format: ms, growth: true },
  { label: 'fuse.js: draft, CPU', value: (s) => peer(s, 'fuse')?.searchCpuMs ?? NaN, format: ms, growth: true },
  { label: 'ours / MiniSearch (CPU)', value: (s) => s.check.coldCpuMs / (peer(s, 'MiniSearch')?.searchCpuMs ?? NaN), format: times },
  { label: 'ours / fuse.js (CPU)', value: (s) => s.check.coldCpuMs / (peer(s, 'fuse')?.searchCpuMs ?? NaN), format: times },
];

export function summaryTable(sizes: SizeFigures[]): string {
  const head = ['figure', ...sizes.map((s) => `${s.corpus.targetMB} MB`)];
  for (let k = 1; k < sizes.length; k++) head.push(`growth ${sizes[k - 1]!.corpus.targetMB}→${sizes[k]!.corpus.targetMB}`);
  if (sizes.length > 1) head.push('exponent');
  const rows = [head];
  for (const series of SERIES) {
    const values = sizes.map(series.value);
    const row = [series.label, ...values.map(series.format)];
    for (let k = 1; k < sizes.length; k++) row.push(series.growth ? times(values[k]! / values[k - 1]!) : '');
    if (sizes.length > 1) {
      const first = sizes[0]!.corpus.bytes;
      const last = sizes[sizes.length - 1]!.corpus.bytes;
      row.push(series.growth && series.label !== 'corpus' ? exponent(values[0]!, values[values.length - 1]!, first, last).toFixed(2) : '');
    }
    rows.push(row);
  }
  return `\n### Summary across sizes (exponent e: figure ∝ size^e, 1 = linear)\n\n${table(rows)}`;
}

export interface TargetResult {
  target: string;
  figure: string;
  met: boolean;
}

export function targets(sizes: SizeFigures[]): TargetResult[] {
  const s = sizes[sizes.length - 1]!;
  const first = sizes[0]!;
  const b = s.build;
  const c = s.check;
  const out: TargetResult[] = [];
  const add = (target: string, figure: string, met: boolean) => out.push({ target, figure, met });
  const buildRatio = b.cpu.build / b.cpu.floor;
  add('index build ≤ 3× tokenisation floor', `${times(buildRatio)} (CPU ${ms(b.cpu.build)} vs ${ms(b.cpu.floor)}; wall ${times(b.buildMs / b.floorMs)})`, buildRatio <= 3);
  const fromFiles = loadBuildCpu(s) / b.cpu.floor;
  add('  … counting loading from files too', `${times(fromFiles)} (CPU ${ms(loadBuildCpu(s))}; wall ${times(loadBuild(s) / b.floorMs)})`, fromFiles <= 3);
  const reloadRatio = loadBuildCpu(s) / reloadCpu(s);
  add('reload ≥ 10× faster than a build (load + build)', `${times(reloadRatio)} (CPU ${ms(reloadCpu(s))} vs ${ms(loadBuildCpu(s))}; wall ${times(loadBuild(s) / reload(s))})`, reloadRatio >= 10);
  const retained = Math.max(b.retainedIndexHeap, b.retainedReloadedHeap);
  add('retained memory ≤ 5× corpus size', `${times(retained / s.corpus.bytes)} (built ${mb(b.retainedIndexHeap)}, reloaded ${mb(b.retainedReloadedHeap)} heap for ${mb(s.corpus.bytes)})`, retained <= 5 * s.corpus.bytes);
  add('2,000-word draft cold ≤ 300 ms', `CPU ${ms(c.coldCpuMs)} (wall ${ms(c.coldWallMs)})`, c.coldCpuMs <= 300);
  add('one-sentence re-check ≤ 20 ms', `CPU max ${ms(editMaxCpu(s))}, median ${ms(median(c.editCpuMs))} over ${c.editCpuMs.length} edits`, editMaxCpu(s) <= 20);
  if (sizes.length > 1) {
    const exp = (f: (x: SizeFigures) => number) => exponent(f(first), f(s), first.corpus.bytes, s.corpus.bytes);
    const eb = exp((x) => x.build.cpu.build);
    const el = exp(loadBuildCpu);
    add('build time grows ~linearly (exponent 0.85–1.15)', `CPU exponent: index build ${eb.toFixed(2)}, load + build ${el.toFixed(2)}`, eb >= 0.85 && eb <= 1.15 && el <= 1.15);
    const ec = exp((x) => x.check.coldCpuMs);
    add('check time grows sub-linearly (exponent < 1)', `CPU exponent ${ec.toFixed(2)} (${ms(first.check.coldCpuMs)} → ${ms(c.coldCpuMs)})`, ec < 1);
  }
  for (const p of s.peers) {
    add(`ahead of ${p.name} on check latency`, `ours / peer = ${times(c.coldCpuMs / p.searchCpuMs)} (CPU ${ms(c.coldCpuMs)} vs ${ms(p.searchCpuMs)}${p.extrapolated ? ', peer extrapolated' : ''})`, c.coldCpuMs < p.searchCpuMs);
  }
  const slices = Math.max(b.longestLoadSliceMs, b.longestBuildSliceMs);
  add('no task blocks > 50 ms while indexing (load, build)', `load ${ms(b.longestLoadSliceMs)}, build ${ms(b.longestBuildSliceMs)} (chunks ${ms(perChunkCpu(s))} CPU on average)`, slices <= 50);
  add('no task blocks > 50 ms while checking', `longest slice ${ms(c.longestSliceMs)} (longest statement ${ms(c.longestStatementMs)})`, c.longestSliceMs <= 50);
  add('  … saving / reloading the index', `save ${ms(b.longestSaveSliceMs)}, reload ${ms(b.longestReloadSliceMs)}`, Math.max(b.longestSaveSliceMs, b.longestReloadSliceMs) <= 50);
  return out;
}

export function targetsTable(sizes: SizeFigures[]): string {
  const s = sizes[sizes.length - 1]!;
  const rows = [['target', `figure (${s.corpus.targetMB} MB corpus)`, 'met?'], ...targets(sizes).map((t) => [t.target, t.figure, t.met ? 'met' : 'NOT met'])];
  return `\n### Targets\n\n${table(rows)}`;
}
