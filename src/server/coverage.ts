/**
 * A document the sources do not speak to at all — a code README, a shopping list, a draft about
 * another story — gets one notice instead of a hint on every sentence: a hundred "unverified"
 * hints say nothing a writer can act on, and they bury the findings in drafts that matter.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { StatementResult } from '../engine';
import { SOURCE } from './diagnostics';

/** Below this many checked statements, per-sentence hints are few enough to read. */
export const UNCOVERED_MIN_STATEMENTS = 5;

export const NOT_COVERED_CODE = 'not-covered';

/** Whether no statement of the document has a source that supports or contradicts it. */
export function notCovered(results: readonly StatementResult[]): boolean {
  const checked = results.filter((r) => r.verdict !== 'skipped');
  return checked.length >= UNCOVERED_MIN_STATEMENTS && checked.every((r) => r.verdict === 'unverified' && !r.evidence.some((e) => e.stance !== 'related'));
}

/**
 * The diagnostics to publish: as they are, or — for a document the sources do not cover — its
 * unverified hints folded into one notice at the first statement, naming the sources in use.
 */
export function foldUncovered(diagnostics: Diagnostic[], results: readonly StatementResult[], sources: string, positionAt: (offset: number) => Diagnostic['range']['start']): Diagnostic[] {
  if (!notCovered(results)) return diagnostics;
  const first = results.find((r) => r.verdict !== 'skipped')!;
  const count = results.filter((r) => r.verdict !== 'skipped').length;
  const notice: Diagnostic = {
    range: { start: positionAt(first.offset), end: positionAt(first.offset + first.length) },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: NOT_COVERED_CODE,
    message: `Nothing in the sources speaks to this document: none of its ${count} statements is supported or contradicted by ${sources}. If it draws on other sources, add their folder; per-sentence hints are left out here.`,
  };
  return [...diagnostics.filter((d) => d.code !== 'unverified'), notice];
}

/** The sources in use, as a writer would name them. */
export function sourcesInWords(location: { origin: string; folders: readonly string[] }): string {
  return location.origin === 'bundled' ? "Corroborate's sample news articles" : location.folders.join(', ');
}
