/** The engine's public surface, shared by the CLI and the VS Code adapter. Never imports `vscode`. */
import { checkStatement } from './check/checker';
import { parseDraft } from './draft';
import type { CorpusIndex } from './search/corpusIndex';
import { type CancellationToken, type StatementResult, throwIfCancelled } from './types';

export * from './types';
export { checkStatement, checkStatementSliced } from './check/checker';
export { SLICE_MS, TimeSlicer } from './util/timeSlicer';
export { parseDraft, type DraftStatement } from './draft';
export { CorpusIndex, type SearchHit } from './search/corpusIndex';
export { LineMap } from './text/lineMap';
export { afterLabel } from './check/explain';
export { locationLabel, sourceAt } from './corpus/location';
export { needsExtractedView, readSourceText, splitEmbeddedPath } from './corpus/readSource';
export { formatOf, SOURCE_FORMATS, sourceGlob, supportedExtensionList, SUPPORTED_EXTENSIONS } from './corpus/formats/registry';
export type { SourceFormat } from './corpus/formats/format';

export interface CheckOptions {
  format?: 'markdown' | 'plaintext';
  token?: CancellationToken;
  /** Candidate passages compared per statement. */
  candidates?: number;
}

/** Splits a draft into statements and checks each, in document order. */
export function checkText(index: CorpusIndex, text: string, options: CheckOptions = {}): StatementResult[] {
  const results: StatementResult[] = [];
  for (const s of parseDraft(text, options.format ?? 'markdown')) {
    throwIfCancelled(options.token);
    results.push(checkStatement(index, s, options.candidates));
  }
  return results;
}
