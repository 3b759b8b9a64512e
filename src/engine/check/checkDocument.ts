import { parseDraft, type DraftStatement } from '../draft';
import type { CorpusIndex } from '../search/corpusIndex';
import type { CancellationToken, StatementResult } from '../types';
import { throwIfCancelled } from '../types';
import { TimeSlicer } from '../util/timeSlicer';
import { checkStatementSliced } from './checker';

/**
 * What one check of a document leaves for the next: results by statement wording, valid for the
 * index they were computed with. Passing it back makes an edit re-check only what it changed.
 */
export interface CheckMemo {
  index: CorpusIndex;
  byWording: Map<string, StatementResult>;
}

export interface CheckDocumentOptions {
  format?: 'markdown' | 'plaintext';
  /** The memo of the previous check of this document. */
  previous?: CheckMemo;
  token?: CancellationToken;
  /** Characters checked at most (see `statementsWithin`). */
  maxSize?: number;
  /** Pauses long work so an editor stays responsive; without one the check runs straight through. */
  slicer?: TimeSlicer;
  /** A result to keep for a statement instead of checking it (a selection check keeps the rest). */
  keep?: (statement: DraftStatement) => StatementResult | undefined;
}

export interface DocumentCheck {
  results: StatementResult[];
  /** Characters checked; less than the text's length when the draft exceeds `maxSize`. */
  checkedLength: number;
  textLength: number;
  memo: CheckMemo;
  /** Statements checked afresh, not reused from the previous check. */
  fresh: number;
}

/**
 * The statements of a draft up to `maxSize` characters, and where checking stops. When the limit
 * falls inside the draft, the last statement before it may be cut ("from 26 to 1|8.") and half a
 * sentence can contradict a source the whole one agrees with, so it is left out and checking
 * stops where it starts.
 */
export function statementsWithin(text: string, format: 'markdown' | 'plaintext', maxSize = Infinity): { statements: DraftStatement[]; checkedLength: number } {
  if (text.length <= maxSize) return { statements: parseDraft(text, format), checkedLength: text.length };
  const statements = parseDraft(text.slice(0, maxSize), format);
  const cut = statements.pop();
  return { statements, checkedLength: cut ? cut.offset : maxSize };
}

function wordingOf(s: DraftStatement): string {
  return `${s.ignored ? 'i' : 'c'}\u0000${s.masked}`;
}

/** A result moved by `delta` characters: memoised at offset 0, then placed where the statement now stands. */
function shift(r: StatementResult, delta: number, text: string): StatementResult {
  return { ...r, text, offset: r.offset + delta, conflicts: r.conflicts.map((c) => ({ ...c, offset: c.offset + delta })) };
}

/**
 * Checks every statement of a document, reusing the previous check's result for each statement
 * whose wording did not change (moved to where it now stands). The one statement loop of the
 * extension, the language server and the CLI. Throws CancelledError when the token is cancelled.
 */
export async function checkDocument(index: CorpusIndex, text: string, options: CheckDocumentOptions = {}): Promise<DocumentCheck> {
  const { statements, checkedLength } = statementsWithin(text, options.format ?? 'markdown', options.maxSize);
  const reusable = options.previous?.index === index ? options.previous.byWording : undefined;
  const slicer = options.slicer ?? new TimeSlicer(Infinity, options.token, Infinity);
  const byWording = new Map<string, StatementResult>();
  const results: StatementResult[] = [];
  let fresh = 0;
  for (const s of statements) {
    throwIfCancelled(options.token);
    if (slicer.expired()) await slicer.pause();
    let result = options.keep?.(s);
    if (!result) {
      const known = reusable?.get(wordingOf(s));
      if (known) result = shift(known, s.offset, s.text);
      else {
        fresh++;
        result = await checkStatementSliced(index, s, slicer);
      }
    }
    byWording.set(wordingOf(s), shift(result, -s.offset, result.text));
    results.push(result);
  }
  return { results, checkedLength, textLength: text.length, memo: { index, byWording }, fresh };
}
