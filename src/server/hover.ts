/** The hover on a checked statement: the answer in one line with the source's label and a link, then one excerpt with the differing values in bold. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { hoverMarkdown, type CorpusIndex, type DocumentMeta, type Evidence, type StatementResult } from '../engine';
import type { CheckReport } from './diagnostics';
import { FILE_LINKS, type SourceLinks } from './uris';

/** The metadata of an evidence's document in the index the evidence came from, if that index is still current. */
export function metaOf(index: CorpusIndex | undefined): (e: Evidence) => DocumentMeta | undefined {
  return (e) => index?.documents[index.passages[e.passage]?.doc ?? -1]?.meta;
}

/** The statement of the report that holds an offset (its end included, where the cursor rests after typing it). */
export function resultAt(report: CheckReport | undefined, offset: number, includeSkipped = false): StatementResult | undefined {
  return report?.results.find((s) => offset >= s.offset && offset <= s.offset + s.length && (includeSkipped || s.verdict !== 'skipped'));
}

/** Which statements get a hover: all checked ones, only findings, or none. */
export type HoverMode = 'all' | 'findings' | 'off';

export interface HoverAtOptions {
  links?: SourceLinks;
  icons?: boolean;
  /** Default 'all'; 'findings': conflicting, contested and unverified statements only. */
  mode?: HoverMode;
  /** Whether the client shows a statement's diagnostic (and so its excerpts) in the same hover; default: every finding has one. */
  hasDiagnostic?: (r: StatementResult) => boolean;
}

const FINDINGS = new Set(['conflicting', 'contested', 'unverified']);

/**
 * The hover from the latest report, even while a newer version is being checked: a slightly
 * stale answer now is worth more to a writer than an exact one after the check. Skipped
 * statements get none: there is nothing to say about them while one reads.
 */
export function hoverAt(doc: TextDocument, report: CheckReport | undefined, position: Position, index: CorpusIndex | undefined, options: HoverAtOptions = {}): Hover | null {
  const mode = options.mode ?? 'all';
  if (mode === 'off') return null;
  const r = resultAt(report, doc.offsetAt(position));
  if (!r || (mode === 'findings' && !FINDINGS.has(r.verdict))) return null;
  // A client that shows the finding's diagnostic in this very hover box (answer first, with its
  // source and excerpt) would only get a repeat of it.
  if (FINDINGS.has(r.verdict) && options.hasDiagnostic?.(r) === true) return null;
  // Plain Markdown: the engine escapes every excerpt and label, so a source cannot inject links or markup.
  const value = hoverMarkdown(r, {
    metaOf: metaOf(index),
    linkOf: (e) => (options.links ?? FILE_LINKS).line(e.source, e.line),
    icons: options.icons === true,
    diagnosticShown: options.hasDiagnostic?.(r) ?? true,
  });
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: doc.positionAt(r.offset), end: doc.positionAt(r.offset + r.length) } };
}
