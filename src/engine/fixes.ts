/**
 * The quick fixes for a finding, as plain text edits (offsets into the draft), so that every
 * editor front end — the VS Code extension, the language server — offers the same three fixes
 * worded the same way and only turns the edits into its own types.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locationLabel } from './corpus/location';
import { needsExtractedView, splitEmbeddedPath } from './corpus/readSource';
import type { DocumentMeta, Evidence, StatementResult } from './types';
import { inDraftStyle } from './draftStyle';
import { sourceLabel } from './wording';

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
  /** The draft's own file, as a path or a `file:` URI; none for an unsaved draft. */
  draft?: string;
  /** The open workspace folders (paths or `file:` URIs): a source in the draft's folder is linked relative to the draft. */
  workspaceFolders?: readonly string[];
  /**
   * 'link' (the default) links a source in the draft's workspace folder by its relative path;
   * 'label' always cites by title, outlet and date. A source outside the workspace is never linked:
   * an absolute path means nothing on a reader's machine and tells them about the writer's.
   */
  citationStyle?: 'link' | 'label';
}

/** Findings a writer acts on get every fix; a supported statement only the citation of its source. */
export function hasFixes(r: StatementResult): boolean {
  return r.verdict === 'conflicting' || r.verdict === 'contested' || r.verdict === 'unverified';
}

/** A footnote label not used in the document yet. */
function freeFootnote(text: string): string {
  for (let n = 1; ; n++) if (!text.includes(`[^${n}]`)) return String(n);
}

/** "Title, Outlet, 2025-03-03", plus the page, time or paragraph when the source is not plain text. */
function citationLabel(e: Evidence, meta: DocumentMeta | undefined): string {
  const parts = [meta?.title ?? e.title];
  if (meta?.outlet) parts.push(meta.outlet);
  if (meta?.date) parts.push(meta.date);
  const at = locationLabel(e.location);
  if (at) parts.push(at);
  return parts.join(', ');
}

/**
 * What a reader needs to find the passage: "Title, Outlet, 2025-03-03", and when the source can be
 * linked, where it is relative to the draft — in Markdown a link to the line
 * ("([corpus/harbour.md, line 5](corpus/harbour.md#L5))"), in plain text the path and line.
 */
export function citationText(e: Evidence, meta: DocumentMeta | undefined, relativePath?: string, format: 'markdown' | 'plaintext' = 'plaintext'): string {
  const label = citationLabel(e, meta);
  if (relativePath === undefined) return format === 'markdown' ? escapeInline(label) : label;
  const { embedded } = splitEmbeddedPath(e.source);
  const shown = [relativePath, ...embedded].join('#');
  // The page, time or paragraph is already in the label; a line only helps in a plain text file.
  const line = locationLabel(e.location) ? undefined : `line ${e.line}`;
  const where = line ? `${shown}, ${line}` : shown;
  if (format !== 'markdown') return `${label}, ${where}`;
  // Extracted text (PDF, Word, an attachment) has no lines a viewer of the file could go to.
  const target = encodeLinkPath(relativePath) + (needsExtractedView(e.source) ? '' : `#L${e.line}`);
  return `${escapeInline(label)} ([${escapeInline(where)}](${target}))`;
}

/** Characters that would turn a title into markup inside a footnote or a link text. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*[\]<]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** A relative path as a Markdown link destination: spaces, parentheses and `#` would end or split it. */
function encodeLinkPath(relative: string): string {
  return relative.split('/').map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))).join('/');
}

function toPath(pathOrUri: string): string | undefined {
  if (/^file:/i.test(pathOrUri)) {
    try {
      return fileURLToPath(pathOrUri);
    } catch {
      return undefined;
    }
  }
  // Another scheme (an unsaved draft's `untitled:`) has no folder on disk.
  if (/^[a-z][a-z0-9+.-]+:/i.test(pathOrUri) && !/^[a-z]:[\\/]/i.test(pathOrUri)) return undefined;
  return path.resolve(pathOrUri);
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The source's path relative to the draft's folder, with forward slashes, when both lie in the same
 * workspace folder — the only case where the link still works for whoever opens the draft there.
 */
export function relativeSourcePath(source: string, options: Pick<FixOptions, 'draft' | 'workspaceFolders' | 'citationStyle'>): string | undefined {
  if (options.citationStyle === 'label' || !options.draft || !options.workspaceFolders?.length) return undefined;
  const draft = toPath(options.draft);
  if (!draft) return undefined;
  const folders = options.workspaceFolders.map(toPath).filter((f): f is string => f !== undefined && isInside(f, draft));
  // Nested workspace folders: the innermost one is the draft's.
  const root = folders.sort((a, b) => b.length - a.length)[0];
  if (!root) return undefined;
  const file = path.resolve(splitEmbeddedPath(source).file);
  if (!isInside(root, file)) return undefined;
  return path.relative(path.dirname(draft), file).split(path.sep).join('/');
}

/**
 * "Use the source's value" for each conflict, the first one preferred, written the way the draft
 * writes such values (see `inDraftStyle`). A conflict whose span no longer holds the claimed words
 * (the draft changed since the check) gets no fix: replacing whatever is there now would corrupt the draft.
 */
export function replaceFixes(text: string, r: StatementResult): TextFix[] {
  return r.conflicts
    .filter((c) => c.source && text.slice(c.offset, c.offset + c.length) === c.claimed)
    .map((c, k) => {
      const value = inDraftStyle(text, c);
      const said = value === c.source ? 'from the source' : `the source says "${c.source}"`;
      return {
        kind: 'replace' as const,
        title: `Replace "${c.claimed}" with "${value}" (${said})`,
        edits: [{ offset: c.offset, length: c.length, newText: value }],
        preferred: k === 0,
      };
    });
}

/**
 * The passage a citation may rest on: one that supports the statement, from a document that does not
 * also contradict it. A conflicting statement gets none: its sources' best reading contradicts it,
 * and a footnote would lend it the authority the check denies.
 */
function citableEvidence(r: StatementResult): Evidence | undefined {
  if (r.verdict !== 'supported' && r.verdict !== 'contested') return undefined;
  const contradicting = new Set(r.evidence.filter((e) => e.stance === 'conflicts').map((e) => e.source));
  return r.evidence.find((e) => e.stance === 'supports' && !contradicting.has(e.source));
}

/**
 * Cite the passage that supports the statement: a Markdown footnote (the reference after the
 * statement, the note at the end of the draft, or the existing note when the draft already cites that
 * passage), or an inline "(source: …)" in plain text, which has no notes.
 */
export function citeFix(text: string, r: StatementResult, options: FixOptions): TextFix | undefined {
  const evidence = citableEvidence(r);
  if (!evidence) return undefined;
  const end = r.offset + r.length;
  const citation = citationText(evidence, options.metaOf?.(evidence), relativeSourcePath(evidence.source, options), options.format);
  // Who said it, as the writer knows the source; the file and line are in the note itself.
  const title = `Cite ${sourceLabel(evidence, options.metaOf?.(evidence))}`;
  if (options.format !== 'markdown') return { kind: 'cite', title, edits: [{ offset: end, length: 0, newText: ` (source: ${citation})` }], preferred: false };
  const existing = existingFootnote(text, citation);
  if (existing) {
    if (text.startsWith(`[^${existing}]`, end)) return undefined;
    return { kind: 'cite', title, edits: [{ offset: end, length: 0, newText: `[^${existing}]` }], preferred: false };
  }
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

/** The label of a footnote that already says exactly this citation. */
function existingFootnote(text: string, citation: string): string | undefined {
  for (const m of text.matchAll(/^[ \t]{0,3}\[\^([^\]\s]+)\]:[ \t]*(.*?)[ \t]*$/gm)) if (m[2] === citation) return m[1];
  return undefined;
}

export function ignoreFix(r: StatementResult): TextFix {
  return { kind: 'ignore', title: 'Ignore this statement (add an ignore comment)', edits: [{ offset: r.offset + r.length, length: 0, newText: ` ${IGNORE_COMMENT}` }], preferred: false };
}

/**
 * Every fix for one statement, in the order an editor lists them: the source's value, cite, ignore.
 * A supported statement gets only the citation of the passage that supports it.
 */
export function fixesFor(text: string, r: StatementResult, options: FixOptions): TextFix[] {
  if (r.verdict === 'supported') {
    const cite = citeFix(text, r, options);
    return cite ? [cite] : [];
  }
  if (!hasFixes(r)) return [];
  const fixes = replaceFixes(text, r);
  const cite = citeFix(text, r, options);
  if (cite) fixes.push(cite);
  fixes.push(ignoreFix(r));
  return fixes;
}
