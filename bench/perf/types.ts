/** Figures of one benchmark size, as the child process writes them and the report reads them. */

export interface CorpusFigures {
  targetMB: number;
  files: number;
  bytes: number;
  documents: number;
  passages: number;
  passageChars: number;
  generateMs: number;
}

/** CPU time (see measure.ts cpuMs: the main thread's on Linux) of the same phases, next to their wall-clock times. */
export interface CpuFigures {
  load: number;
  build: number;
  floor: number;
  /** serialize() + writing the file, as the extension saves its cache. */
  save: number;
  /** Reading the file + CorpusIndex.deserialize(). */
  reload: number;
}

export interface BuildFigures {
  cpu: CpuFigures;
  loadMs: number;
  buildMs: number;
  /** One pass of tokenize() over every passage text: the faster of two passes (the floor). */
  floorMs: number;
  /** The first pass (the tokenizer's term cache meets this corpus's words) and the second. */
  floorColdMs: number;
  floorSecondMs: number;
  /** One pass of /[\p{L}\p{N}]+/gu over every passage text, for reference. */
  regexMs: number;
  longestLoadSliceMs: number;
  longestBuildSliceMs: number;
  /** Event-loop blocks longer than 50 ms during the build. */
  buildSlicesOver50: number;
  /** Chunks CorpusIndex.build reported (it yields between them). */
  buildChunks: number;
  baselineHeap: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  /** Heap held after GC with the loaded corpus alive, before indexing. */
  retainedCorpusHeap: number;
  /** Heap held after GC with the built index alive (the loader's document texts let go). */
  retainedIndexHeap: number;
  /** Heap held after GC by an index read back from its file (what a restarted editor keeps). */
  retainedReloadedHeap: number;
  persistedBytes: number;
  saveMs: number;
  reloadMs: number;
  longestSaveSliceMs: number;
  longestReloadSliceMs: number;
}

export interface CheckFigures {
  draftWords: number;
  statements: number;
  /** Statements not skipped (check-worthy). */
  checked: number;
  verdicts: Record<string, number>;
  parseMs: number;
  /** parseDraft + checkStatement for every statement on a freshly reloaded index (checkText's work). */
  coldMs: number;
  /** CPU time of the cold check. */
  coldCpuMs: number;
  /** The same, wall clock, run the way the extension runs it (yielding every 12 ms). */
  coldWallMs: number;
  longestStatementMs: number;
  longestSliceMs: number;
  /** Event-loop blocks longer than 50 ms during the cold check. */
  slicesOver50: number;
  /** Checking every statement again on the same index (analysis caches warm, no memo). */
  warmFullMs: number;
  warmFullCpuMs: number;
  /** Statements actually measured for warmFullMs (extrapolated to all when fewer). */
  warmMeasured: number;
  /** One-sentence edits, re-checked the extension's way (memo by statement wording). */
  editMs: number[];
  editCpuMs: number[];
  editRechecked: number[];
  /** Our retrieval alone (index.search, top 5) for every statement. */
  retrievalMs: number;
  retrievalCpuMs: number;
  retrievalMeasured: number;
}

export interface PeerFigures {
  name: string;
  buildMs: number;
  buildCpuMs: number;
  retainedHeap: number;
  /** Time for every statement of the draft (measured or extrapolated), wall and CPU. */
  searchMs: number;
  searchCpuMs: number;
  measuredStatements: number;
  totalStatements: number;
  /** Passages searched when measuring (fewer than the corpus when sampled). */
  measuredPassages: number;
  totalPassages: number;
  extrapolated: boolean;
  note?: string;
}

export interface SizeFigures {
  corpus: CorpusFigures;
  build: BuildFigures;
  check: CheckFigures;
  peers: PeerFigures[];
}

export interface RunInfo {
  date: string;
  commit: string;
  dirty: boolean;
  node: string;
  cores: number;
  cpu: string;
  memoryGB: number;
  heapLimitMB: number;
  sources: string;
  /** What "CPU" means in this run. */
  cpuClock: string;
  /** 1-minute load average when the run started and ended (other work on the machine skews times). */
  loadStart: number;
  loadEnd?: number;
}

export interface RunFigures {
  info: RunInfo;
  sizes: SizeFigures[];
}
