/**
 * The quick fixes for a finding, as plain text edits (offsets into the draft), so that every
 * editor front end — the VS Code extension, the language server — offers the same three fixes
 * worded the same way and only turns the edits into its own types.
 */
import { locationLabel } from './corpus/location';
import type { DocumentMeta, Evidence, StatementResult } from './types';
import { shortSourceAt } from './wording';

/** The comment that makes the checker skip the statement it follows. */
export const IGNORE_COMMENT = '<!-- corroborate-ignore -->';

/** Replace `length` characters at `offset` (0 inserts). Offsets are UTF-16 code units, as in the engine. */
export interface TextEditAt {
  offset: number;
  length: number;
  newText: string;
}

export type FixKind = 'replace' | 'cite' | 'ignore';

export interface TextFix {
  kind: FixKind;
  title: string;
  /** Non-overlapping edits of the draft, in document order. */
  edits: TextEditAt[];
  /** The fix an editor may apply without asking ("fix all", the lightbulb's default). */
  preferred: boolean;
}

export interface FixOptions {
  format: 'markdown' | 'plaintext';
  /** The metadata of an evidence's document, for the citation's outlet and date. */
  metaOf?: (e: Evidence) => DocumentMeta | undefined;
}

/** Only findings a writer acts on get fixes: supported and skipped statements need none. */
export function hasFixes(r: StatementResult): boolean {
  return r.verdict === 'conflicting' || r.verdict === 'contested' || r.verdict === 'unverified';
}

/** A footnote label not used in the document yet. */
function freeFootnote(text: string): string {
  for (let n = 1; ; n++) if (!text.includes(`[^${n}]`)) return String(n);
}

/** "Title, Outlet, 2025-03-03 (corpus/harbour.md, line 5)": what a reader needs to find the passage. */
export function citationText(e: Evidence, meta: DocumentMeta | undefined): string {
  const parts = [meta?.title ?? e.title];
  if (meta?.outlet) parts.push(meta.outlet);
  if (meta?.date) parts.push(meta.date);
  // Forward slashes on every platform: the note is read by people and Markdown renderers, not by Windows.
  return `${parts.join(', ')} (${e.source.replace(/\\/g, '/')}, ${locationLabel(e.location) ?? `line ${e.line}`})`;
}

/**
 * "Use the source's value" for each conflict, the first one preferred. A conflict whose span no
 * longer holds the claimed words (the draft changed since the check) gets no fix: replacing
 * whatever is there now would corrupt the draft.
 */
export function replaceFixes(text: string, r: StatementResult): TextFix[] {
  return r.conflicts
    .filter((c) => c.source && text.slice(c.offset, c.offset + c.length) === c.claimed)
    .map((c, k) => ({
      kind: 'replace' as const,
      title: `Replace "${c.claimed}" with "${c.source}" (from the source)`,
      edits: [{ offset: c.offset, length: c.length, newText: c.source }],
      preferred: k === 0,
    }));
}

/**
 * Cite the passage the verdict rests on: a Markdown footnote (the reference after the statement,
 * the note at the end of the draft), or an inline "(source: …)" in plain text, which has no notes.
 */
export function citeFix(text: string, r: StatementResult, options: FixOptions): TextFix | undefined {
  const evidence = r.evidence.find((e) => e.stance === (r.verdict === 'conflicting' ? 'conflicts' : 'supports')) ?? r.evidence.find((e) => e.stance !== 'related');
  if (!evidence) return undefined;
  const end = r.offset + r.length;
  const citation = citationText(evidence, options.metaOf?.(evidence));
  const title = `Cite ${shortSourceAt(evidence)}`;
  if (options.format !== 'markdown') return { kind: 'cite', title, edits: [{ offset: end, length: 0, newText: ` (source: ${citation})` }], preferred: false };
  const label = freeFootnote(text);
  const lastLine = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
  // A footnote needs a blank line before it to start a block of its own.
  const gap = lastLine.trim() === '' ? '\n' : '\n\n';
  return {
    kind: 'cite',
    title,
    edits: [
      { offset: end, length: 0, newText: `[^${label}]` },
      { offset: text.length, length: 0, newText: `${gap}[^${label}]: ${citation}\n` },
    ],
    preferred: false,
  };
}

export function ignoreFix(r: StatementResult): TextFix {
  return { kind: 'ignore', title: 'Ignore this statement (add an ignore comment)', edits: [{ offset: r.offset + r.length, length: 0, newText: ` ${IGNORE_COMMENT}` }], preferred: false };
}

/** Every fix for one finding, in the order an editor lists them: the source's value, cite, ignore. */
export function fixesFor(text: string, r: StatementResult, options: FixOptions): TextFix[] {
  if (!hasFixes(r)) return [];
  const fixes = replaceFixes(text, r);
  const cite = citeFix(text, r, options);
  if (cite) fixes.push(cite);
  fixes.push(ignoreFix(r));
  return fixes;
}
