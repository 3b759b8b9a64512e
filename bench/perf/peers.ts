/**
 * Two naive peers, run on the same passages and the same draft statements in the same process:
 * fuse.js over every passage text, and MiniSearch with its default options (an untuned BM25
 * library index). Both only retrieve (top 5); our check also verifies every candidate.
 *
 * Both are too slow at scale to search every statement within the run's time budget, so they are
 * measured on a spread sample of statements (and fuse.js on a sample of passages: it scans every
 * passage for every query, so its time is linear in the passage count) and extrapolated; the
 * report says when.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Passage } from '../../src/engine/types';
import { gc, heapUsed, timeSync, withinBudget } from './measure';
import type { PeerFigures } from './types';

export interface PeerBudget {
  /** Time for searching, per peer, before extrapolating from the statements done so far. */
  searchMs: number;
  /** fuse.js searches at most this many passages; more are sampled evenly and scaled. */
  fusePassages: number;
}

export function measureMiniSearch(passages: Passage[], queries: string[], budget: PeerBudget): PeerFigures {
  gc();
  const before = heapUsed();
  const build = timeSync(() => {
    const ms = new MiniSearch<Passage>({ fields: ['text'] });
    ms.addAll(passages);
    return ms;
  });
  gc();
  const retainedHeap = heapUsed() - before;
  const search = withinBudget(queries, budget.searchMs, (q) => build.value.search(q).slice(0, 5).length);
  return {
    name: 'MiniSearch, default options',
    buildMs: build.ms,
    buildCpuMs: build.cpuMs,
    retainedHeap,
    searchMs: search.ms,
    searchCpuMs: search.cpuMs,
    measuredStatements: search.measured,
    totalStatements: queries.length,
    measuredPassages: passages.length,
    totalPassages: passages.length,
    extrapolated: search.measured < queries.length,
  };
}

export function measureFuse(passages: Passage[], queries: string[], budget: PeerBudget): PeerFigures {
  const options = { keys: ['text'], threshold: 0.4, ignoreLocation: true };
  gc();
  const before = heapUsed();
  const build = timeSync(() => new Fuse(passages, options));
  gc();
  const retainedHeap = heapUsed() - before;
  let searched = build.value;
  let sample = passages;
  if (passages.length > budget.fusePassages) {
    const step = passages.length / budget.fusePassages;
    sample = Array.from({ length: budget.fusePassages }, (_, k) => passages[Math.floor(k * step)]!);
    searched = new Fuse(sample, options);
  }
  const scale = passages.length / sample.length;
  const search = withinBudget(queries, budget.searchMs, (q) => searched.search(q, { limit: 5 }).length);
  return {
    name: 'fuse.js over every passage',
    buildMs: build.ms,
    buildCpuMs: build.cpuMs,
    retainedHeap,
    searchMs: search.ms * scale,
    searchCpuMs: search.cpuMs * scale,
    measuredStatements: search.measured,
    totalStatements: queries.length,
    measuredPassages: sample.length,
    totalPassages: passages.length,
    extrapolated: search.measured < queries.length || sample.length < passages.length,
    note:
      sample.length < passages.length
        ? `searched an even sample of ${sample.length} of ${passages.length} passages, time × ${scale.toFixed(1)} (fuse scans every passage per query)`
        : undefined,
  };
}
