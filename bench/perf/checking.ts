/**
 * Checking a draft: cold on a freshly reloaded index, again with warm caches, and after
 * one-sentence edits re-checked the way the language server does it (the engine's checkDocument
 * with the previous check's memo, so only statements whose masked text changed are checked again).
 */
import { checkDocument, checkStatement, checkStatementSliced, type CorpusIndex, type DraftStatement, parseDraft, SLICE_MS, type StatementResult, TimeSlicer, type CheckMemo } from '../../src/engine';
import { cpuMs, LoopMonitor, timeSync, withinBudget } from './measure';
import type { Draft } from './draft';
import type { CheckFigures } from './types';


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

/** Re-checks `text` against the memo of an earlier check; returns the time and how many were checked. */
async function recheck(index: CorpusIndex, text: string, memo: CheckMemo): Promise<{ ms: number; cpuMs: number; rechecked: number }> {
  const c = cpuMs();
  const t = performance.now();
  const run = await checkDocument(index, text, { format: 'markdown', previous: memo });
  return { ms: performance.now() - t, cpuMs: cpuMs() - c, rechecked: run.fresh };
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
  const { memo } = await checkDocument(index, draft.text, { format: 'markdown' });
  const editMs: number[] = [];
  const editCpuMs: number[] = [];
  const editRechecked: number[] = [];
  for (const edited of draft.edits) {
    const run = await recheck(index, edited, memo);
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
