/**
 * Loading and indexing a corpus: build time against the tokenisation floor, peak and retained
 * memory, the longest event-loop slice, and the persisted index (size, save, reload).
 */
import { promises as fs } from 'node:fs';
import { CorpusIndex, type CorpusData } from '../../src/engine';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { tokenize } from '../../src/engine/text/tokenize';
import type { Passage } from '../../src/engine/types';
import { gc, heapUsed, LoopMonitor, MemorySampler, timeAsync, timeSync } from './measure';
import type { BuildFigures } from './types';

export interface IndexingResult {
  figures: BuildFigures;
  /** Reloaded from the persisted JSON: its analysis caches are empty (what the cold check uses). */
  index: CorpusIndex;
  documents: number;
  passageChars: number;
}

/** One tokenize() pass over every passage; returns the token count so the work cannot be skipped. */
function tokenizePass(passages: Passage[]): number {
  let n = 0;
  for (const p of passages) n += tokenize(p.text).length;
  return n;
}

const WORD = /[\p{L}\p{N}]+/gu;
function regexPass(passages: Passage[]): number {
  let n = 0;
  for (const p of passages) {
    WORD.lastIndex = 0;
    while (WORD.exec(p.text)) n++;
  }
  return n;
}

export async function measureIndexing(dir: string, log: (s: string) => void): Promise<IndexingResult> {
  gc();
  const baselineHeap = heapUsed();
  const baselineRss = process.memoryUsage().rss;
  const sampler = new MemorySampler().start();

  let monitor = new LoopMonitor().start();
  const load = await timeAsync(() => loadCorpus([dir], { onProgress: sampler.sample }));
  const longestLoadSliceMs = monitor.stop();
  let corpus: CorpusData | undefined = load.value;
  // Only `corpus` holds the loader's output from here on, so dropping it below frees it.
  (load as { value?: CorpusData }).value = undefined;
  const passages = corpus.passages;
  if (corpus.skipped.length) log(`  skipped while loading: ${corpus.skipped.length} (${corpus.skipped[0]!.reason})`);
  log(`  loaded ${corpus.documents.length} documents, ${corpus.passages.length} passages in ${(load.ms / 1000).toFixed(1)} s`);

  sampler.stop();
  gc();
  const retainedCorpusHeap = heapUsed() - baselineHeap;

  // The floor: the same tokenizer the index uses, over the same text, nothing else. The first pass
  // meets this corpus's words for the first time (term cache cold); the faster pass is the floor.
  const floorCold = timeSync(() => tokenizePass(passages));
  const floorWarm = timeSync(() => tokenizePass(passages));
  const floor = floorWarm.ms < floorCold.ms ? floorWarm : floorCold;
  const regex = timeSync(() => regexPass(passages));
  if (floor.value !== floorCold.value || regex.value === 0) throw new Error('tokenisation passes disagree');
  gc();

  sampler.start();
  monitor = new LoopMonitor().start();
  let buildChunks = 0;
  const build = await timeAsync(() =>
    CorpusIndex.build(corpus!, undefined, () => {
      buildChunks++;
      sampler.sample();
    }),
  );
  const longestBuildSliceMs = monitor.stop();
  const buildSlicesOver50 = monitor.longGaps;
  sampler.stop();
  log(`  indexed in ${(build.ms / 1000).toFixed(1)} s (floor ${(floor.ms / 1000).toFixed(2)} s); longest slice ${longestBuildSliceMs.toFixed(0)} ms`);
  let built: CorpusIndex | undefined = build.value;
  (build as { value?: CorpusIndex }).value = undefined;
  const passageChars = passages.reduce((n, p) => n + p.text.length, 0);
  // The index keeps the passages, not the loader's whole document texts.
  corpus = undefined;
  gc();
  const retainedIndexHeap = heapUsed() - baselineHeap;

  // Saved and read back the way the language server does it (src/server/indexCache.ts), through a file.
  const file = `${dir}.index.bin`;
  monitor = new LoopMonitor().start();
  const save = await timeAsync(async () => {
    await fs.writeFile(file, await built!.serialize());
  });
  const longestSaveSliceMs = monitor.stop();
  const persistedBytes = (await fs.stat(file)).size;
  const documents = built.documentCount;
  // Only the persisted form stays: the reload below must not share anything with the built index.
  built = undefined;
  gc();
  const reloadBaseline = heapUsed();
  monitor = new LoopMonitor().start();
  const reload = await timeAsync(async () => CorpusIndex.deserialize(await fs.readFile(file)));
  const longestReloadSliceMs = monitor.stop();
  await fs.rm(file, { force: true });
  gc();
  const retainedReloadedHeap = heapUsed() - reloadBaseline;
  log(`  persisted ${(persistedBytes / 1e6).toFixed(1)} MB in ${(save.ms / 1000).toFixed(2)} s; reload ${(reload.ms / 1000).toFixed(2)} s; longest slices ${longestSaveSliceMs.toFixed(0)} / ${longestReloadSliceMs.toFixed(0)} ms`);

  return {
    index: reload.value,
    documents,
    passageChars,
    figures: {
      cpu: { load: load.cpuMs, build: build.cpuMs, floor: floor.cpuMs, save: save.cpuMs, reload: reload.cpuMs },
      loadMs: load.ms,
      buildMs: build.ms,
      floorMs: floor.ms,
      floorColdMs: floorCold.ms,
      floorSecondMs: floorWarm.ms,
      regexMs: regex.ms,
      longestLoadSliceMs,
      longestBuildSliceMs,
      buildSlicesOver50,
      buildChunks,
      baselineHeap,
      baselineRss,
      peakRss: sampler.peakRss,
      peakHeap: sampler.peakHeap,
      retainedCorpusHeap,
      retainedIndexHeap,
      retainedReloadedHeap,
      persistedBytes,
      saveMs: save.ms,
      reloadMs: reload.ms,
      longestSaveSliceMs,
      longestReloadSliceMs,
    },
  };
}
