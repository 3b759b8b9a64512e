import { createHash } from 'node:crypto';
import type { Passage, PassageLocation, SentenceSpan, SourceDocument } from '../types';
import type { LocationAnchor } from './formats/format';
import { splitSentences } from '../text/sentences';
import { blankBoilerplate, blankMarkdown, boilerplateReason, isCreditSentence, looksHardWrapped, splitBlocks } from './boilerplate';
import type { Block, BlockMode } from './boilerplate';
import { htmlToText } from './html';
import type { HtmlMeta } from './html';
import { documentLabel, extractMetadata } from './metadata';

export type SourceKind = 'text' | 'markdown' | 'html';

/**
 * The longest passage kept whole. An unpunctuated transcript or a table flattened into one line
 * would otherwise be one "sentence" of megabytes, and every check reading it would slow down.
 */
export const MAX_PASSAGE_CHARS = 1500;

/** Cuts an overlong sentence into pieces at clause or word boundaries, keeping exact offsets. */
function boundedLength(span: SentenceSpan): SentenceSpan[] {
  if (span.length <= MAX_PASSAGE_CHARS) return [span];
  const out: SentenceSpan[] = [];
  let from = 0;
  while (from < span.length) {
    let to = Math.min(span.length, from + MAX_PASSAGE_CHARS);
    if (to < span.length) {
      const window = span.text.slice(from, to);
      const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '));
      const space = window.lastIndexOf(' ');
      const cut = clause > MAX_PASSAGE_CHARS / 2 ? clause + 1 : space > 0 ? space : window.length;
      to = from + cut;
    }
    const piece = span.text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    if (text) out.push({ offset: span.offset + from + lead, length: text.length, text });
    from = to;
  }
  return out;
}

export type ParsedPassage = Omit<Passage, 'id' | 'doc'>;

export interface ParsedSource {
  document: SourceDocument;
  passages: ParsedPassage[];
}

export interface ParseOptions {
  /** Hash of the raw bytes when the caller has them; otherwise the text's UTF-8 is hashed. */
  hash?: string;
  /** What the file's own properties state; wins over what is read off the text. */
  meta?: HtmlMeta;
  /** Sorted by offset: where each location of the original file starts in `original`. */
  anchors?: LocationAnchor[];
}

function definedOnly(meta: HtmlMeta | undefined): HtmlMeta {
  return Object.fromEntries(Object.entries(meta ?? {}).filter(([, value]) => value)) as HtmlMeta;
}

/** The location in force at `offset`: the last anchor at or before it. */
function locationAt(anchors: LocationAnchor[], offset: number): PassageLocation | undefined {
  return anchors[lastIndexAtOrBefore(anchors, offset, (a) => a.offset)]?.location;
}

/**
 * SHA-256 rather than a fast non-cryptographic hash: node:crypto hashes natively at hundreds of
 * MB/s (faster than FNV in JS), and a collision-free key means a cached index is never reused for
 * a changed file.
 */
export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Start offsets of every line, for offset → 1-based line by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  return lastIndexAtOrBefore(starts, offset, (start) => start) + 1;
}

/**
 * The sentence as a reader sees it. Blanked markdown markup is dropped instead of read as a space
 * ("**Peskov**, the" → "Peskov, the"); for .txt/.md `raw` has the same offsets, so a blanked
 * character is one that differs from the raw file.
 */
function readableText(clean: string, raw: string | undefined, start: number, end: number): string {
  let text = clean.slice(start, end);
  if (raw !== undefined && text !== raw.slice(start, end)) {
    let kept = '';
    for (let i = start; i < end; i++) if (clean[i] === raw[i] || /\s/.test(raw[i]!)) kept += clean[i];
    text = kept;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The index of the last of the sorted `items` whose key is ≤ `offset`, or -1. */
function lastIndexAtOrBefore<T>(items: readonly T[], offset: number, key: (item: T) => number): number {
  let found = -1;
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]!) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The largest value of the sorted `values` that is ≤ `offset`, or -1. */
function lastAtOrBefore(values: number[], offset: number): number {
  return values[lastIndexAtOrBefore(values, offset, (v) => v)] ?? -1;
}

const MIN_WORDS = 2;

function hasEnoughWords(sentence: string): boolean {
  let words = 0;
  for (const word of sentence.split(/\s+/)) if (/\p{L}/u.test(word) && ++words >= MIN_WORDS) return true;
  return false;
}

/**
 * Cleans a source and cuts it into passages. Every cleaning step keeps the raw file's line
 * breaks (markup and boilerplate become spaces), so a passage's line is simply the line of its
 * offset in the cleaned text; for .txt/.md even the offsets equal the raw file's.
 * Markdown markup is blanked before boilerplate is judged, so that "[Become a member](#)" is
 * judged as its words; both steps are length-preserving, so the order does not change any offset.
 */
export function parseSourceDocument(path: string, original: string, kind: SourceKind, options: ParseOptions = {}): ParsedSource {
  // A lone CR (classic Mac files) ends a line in VS Code too; as LF it does here, at the same offset.
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  let clean: string;
  let breaks: number[] = [];
  let html: HtmlMeta | undefined;
  let isHeading: (block: Block) => boolean;
  if (kind === 'html') {
    const converted = htmlToText(text);
    clean = converted.text;
    breaks = converted.breaks;
    html = { ...converted.meta, ...definedOnly(options.meta) };
    const headings = new Set(converted.headings);
    isHeading = (block) => headings.has(lastAtOrBefore(breaks, block.start));
  } else {
    clean = blankMarkdown(text);
    html = definedOnly(options.meta);
    const starts = lineStarts(text);
    isHeading = (block) => /^\s{0,3}#{1,6}\s/.test(text.slice(starts[lineOf(starts, block.start) - 1], block.end));
  }
  const mode: BlockMode = kind === 'html' ? 'html' : looksHardWrapped(text) ? 'paragraphs' : 'lines';
  const blocks = splitBlocks(clean, mode, { raw: kind === 'html' ? undefined : text, breaks });
  const blockTexts = blocks.map((block) => clean.slice(block.start, block.end).replace(/\s+/g, ' '));
  const fileName = baseName(path);
  const isBoilerplate = (line: string): boolean => boilerplateReason(line) !== undefined;
  const meta = extractMetadata(blockTexts, { fileName, html, isBoilerplate });
  if (!meta.date && html?.fileDate) meta.date = html.fileDate;
  meta.label = documentLabel(meta, blockTexts, { fileName, isBoilerplate });
  const blanked = blankBoilerplate(clean, blocks, isHeading, blockTexts);
  clean = blanked.text;

  const starts = lineStarts(clean);
  const raw = kind === 'html' ? undefined : text;
  const passages: ParsedPassage[] = [];
  let paragraph = 0;
  for (const block of blanked.kept) {
    // Within a block a line break is a soft wrap (HTML source formatting, hard-wrapped prose);
    // spaces keep the offsets while letting sentences run across lines.
    const segment = clean.slice(block.start, block.end).replace(/[\r\n]/g, ' ');
    let found = false;
    for (const sentence of splitSentences(segment, { softWrap: false }).flatMap(boundedLength)) {
      if (!hasEnoughWords(sentence.text)) continue;
      if (isCreditSentence(sentence.text)) continue;
      const offset = block.start + sentence.offset;
      const readable = readableText(clean, raw, offset, offset + sentence.length);
      const location = options.anchors?.length ? locationAt(options.anchors, offset) : undefined;
      // An empty location (a Word footnote, which has no paragraph number) leaves the line to say where.
      const located = location && Object.keys(location).length > 0;
      passages.push({ text: readable, offset, line: lineOf(starts, offset), paragraph, ...(located ? { location } : {}) });
      found = true;
    }
    // Paragraph numbers count only paragraphs with passages, so neighbours differ by one.
    if (found) paragraph++;
  }

  const document: SourceDocument = { path, meta, text: clean, hash: options.hash ?? hashBytes(original) };
  return { document, passages };
}
