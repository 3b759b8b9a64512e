/** The engine's public surface, shared by the CLI and the VS Code adapter. Never imports `vscode`. */
import { checkStatement } from './check/checker';
import { parseDraft } from './draft';
import type { CorpusIndex } from './search/corpusIndex';
import { type CancellationToken, type StatementResult, throwIfCancelled } from './types';

export * from './types';
export { checkStatement, checkStatementSliced } from './check/checker';
export { checkDocument, statementsWithin, type CheckDocumentOptions, type CheckMemo, type DocumentCheck } from './check/checkDocument';
export { SLICE_MS, TimeSlicer } from './util/timeSlicer';
export { parseDraft, type DraftStatement } from './draft';
export { CorpusIndex, type SearchHit } from './search/corpusIndex';
export { LineMap } from './text/lineMap';
export { afterLabel } from './check/explain';
export { clipExcerpt, codeOf, countVerdicts, DEFAULT_SEVERITY, describe, escapeMarkdown, highlight, hoverMarkdown, messageOf, placeIn, shortSourceAt, sizeLimitMessage, sourceLabel, type HoverOptions } from './wording';
export { locationLabel, sourceAt } from './corpus/location';
export { citationText, citeFix, fixesFor, hasFixes, ignoreFix, IGNORE_COMMENT, replaceFixes, type FixKind, type FixOptions, type TextEditAt, type TextFix } from './fixes';
export { decodeText } from './corpus/decode';
export { listCorpusFiles, loadCorpus, refusedCorpusRoot, type CorpusFileInfo, type LoadCorpusOptions, type ParsedSourceCache } from './corpus/loadCorpus';
export { INDEX_FORMAT_VERSION } from './search/corpusIndex';
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
