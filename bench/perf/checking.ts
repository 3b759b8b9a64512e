/**
 * Checking a draft: cold on a freshly reloaded index, again with warm caches, and after
 * one-sentence edits re-checked the way the extension does it (src/extension/checker.ts keeps
 * results by statement wording, so only statements whose masked text changed are checked again).
 */
import { checkStatement, checkStatementSliced, type CorpusIndex, type DraftStatement, parseDraft, SLICE_MS, type StatementResult, TimeSlicer } from '../../src/engine';
import { cpuMs, LoopMonitor, timeSync, withinBudget } from './measure';
import type { Draft } from './draft';
import type { CheckFigures } from './types';


/** The extension's memo key (src/extension/checker.ts). */
const memoKey = (s: DraftStatement): string => `${s.ignored ? 'i' : 'c'}\u0000${s.masked}`;

/** The extension's shift of a memoised result to where the statement now stands. */
function shift(r: StatementResult, delta: number, text: string): StatementResult {
  return { ...r, text, offset: r.offset + delta, conflicts: r.conflicts.map((c) => ({ ...c, offset: c.offset + delta })) };
}

interface ColdRun {
  results: StatementResult[];
  statements: DraftStatement[];
  parseMs: number;
  workMs: number;
  wallMs: number;
  cpuMs: number;
  longestStatementMs: number;
  longestSliceMs: number;
  slicesOver50: number;
}

/**
 * The cold check, run as the extension runs it: parseDraft, then checkStatementSliced per
 * statement (checkText's work), pausing whenever a slice passes 12 ms.
 */
async function coldCheck(index: CorpusIndex, text: string): Promise<ColdRun> {
  const monitor = new LoopMonitor().start();
  const cpuStart = cpuMs();
  const wallStart = performance.now();
  const slicer = new TimeSlicer(SLICE_MS, undefined, 1);
  const parsed = timeSync(() => parseDraft(text, 'markdown'));
  let workMs = parsed.ms;
  let longestStatementMs = 0;
  const results: StatementResult[] = [];
  for (const s of parsed.value) {
    if (slicer.expired()) await slicer.pause();
    // Work time of the statement: its CPU on this thread, not the time others ran while it paused.
    const t = cpuMs();
    results.push(await checkStatementSliced(index, s, slicer));
    const ms = cpuMs() - t;
    workMs += ms;
    longestStatementMs = Math.max(longestStatementMs, ms);
  }
  const wallMs = performance.now() - wallStart;
  const cpu = cpuMs() - cpuStart;
  const longestSliceMs = monitor.stop();
  return { results, statements: parsed.value, parseMs: parsed.ms, workMs, wallMs, cpuMs: cpu, longestStatementMs, longestSliceMs, slicesOver50: monitor.longGaps };
}

/** Re-checks `text` with results memoised by wording; returns the time and how many were checked. */
function recheck(index: CorpusIndex, text: string, memo: Map<string, StatementResult>): { ms: number; cpuMs: number; rechecked: number } {
  const c = cpuMs();
  const t = performance.now();
  const next = new Map<string, StatementResult>();
  let rechecked = 0;
  for (const s of parseDraft(text, 'markdown')) {
    const known = memo.get(memoKey(s));
    let result: StatementResult;
    if (known) result = shift(known, s.offset, s.text);
    else {
      result = checkStatement(index, s);
      rechecked++;
    }
    next.set(memoKey(s), shift(result, -s.offset, result.text));
  }
  return { ms: performance.now() - t, cpuMs: cpuMs() - c, rechecked };
}

/**
 * `budgetMs` bounds the two reference figures (full warm re-check, retrieval alone): past it they
 * are extrapolated from the statements measured, spread over the draft.
 */
export async function measureChecking(index: CorpusIndex, draft: Draft, budgetMs: number): Promise<{ figures: CheckFigures; statements: DraftStatement[] }> {
  const cold = await coldCheck(index, draft.text);
  const verdicts: Record<string, number> = {};
  for (const r of cold.results) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;

  const warm = withinBudget(cold.statements, budgetMs, (s) => checkStatement(index, s).evidence.length);

  // The memo holds the results of the unedited draft; each edit is re-checked against it.
  const memo = new Map<string, StatementResult>();
  for (const [k, s] of cold.statements.entries()) memo.set(memoKey(s), shift(cold.results[k]!, -s.offset, cold.results[k]!.text));
  const editMs: number[] = [];
  const editCpuMs: number[] = [];
  const editRechecked: number[] = [];
  for (const edited of draft.edits) {
    const run = recheck(index, edited, memo);
    editMs.push(run.ms);
    editCpuMs.push(run.cpuMs);
    editRechecked.push(run.rechecked);
  }

  const retrieval = withinBudget(cold.statements, budgetMs, (s) => index.search(s.masked, 5).length);

  return {
    statements: cold.statements,
    figures: {
      draftWords: draft.words,
      statements: cold.statements.length,
      checked: cold.results.filter((r) => r.verdict !== 'skipped').length,
      verdicts,
      parseMs: cold.parseMs,
      coldMs: cold.workMs,
      coldCpuMs: cold.cpuMs,
      coldWallMs: cold.wallMs,
      longestStatementMs: cold.longestStatementMs,
      longestSliceMs: cold.longestSliceMs,
      slicesOver50: cold.slicesOver50,
      warmFullMs: warm.ms,
      warmFullCpuMs: warm.cpuMs,
      warmMeasured: warm.measured,
      editMs,
      editCpuMs,
      editRechecked,
      retrievalMs: retrieval.ms,
      retrievalCpuMs: retrieval.cpuMs,
      retrievalMeasured: retrieval.measured,
    },
  };
}
