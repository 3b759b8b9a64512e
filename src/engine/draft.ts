import type { SentenceSpan } from './types';
import { LineMap } from './text/lineMap';
import { maskMarkdownBlocks, type MaskResult } from './text/markdownMask';
import { splitSentences } from './text/sentences';

export interface DraftStatement extends SentenceSpan {
  /** Same length as `text`: markup replaced by spaces, so offsets inside it are offsets inside `text`. */
  masked: string;
  /** Silenced by an ignore comment or inside a disabled region. */
  ignored: boolean;
  /** 0-based line of the first character. */
  line: number;
}

/** Markdown with markup, code, comments and link targets replaced by spaces; same length and lines. */
export function maskMarkdown(text: string): string {
  return maskMarkdownBlocks(text).masked;
}

// An optional `: reason` may follow; its bound keeps an unclosed one from rescanning the draft.
const DIRECTIVE = /^<!--\s*corroborate-(ignore|disable|enable)\s*(?::[^<>]{0,200}?)?-->$/i;
const DIRECTIVE_GLOBAL = /<!--\s*corroborate-(?:ignore|disable|enable)\s*(?::[^<>]{0,200}?)?-->/gi;
const HAS_WORD = /[\p{L}\p{N}]/u;
/**
 * The citation the cite fix writes into plain text, which has no footnotes: it names a source and
 * states nothing, so it is no statement (a title in it may hold one level of parentheses).
 */
const PLAIN_CITATION = /\(source:[ \t](?:[^()\r\n]|\([^()\r\n]*\)){1,600}\)/gi;

/**
 * Splits a draft into the statements to check. Both formats are treated as hard-wrapped prose; markdown
 * is masked first so markup never reaches the checker, while offsets still point into the original.
 */
export function parseDraft(text: string, format: 'markdown' | 'plaintext'): DraftStatement[] {
  const mask = format === 'markdown' ? maskMarkdownBlocks(text) : maskDirectivesOnly(text);
  const spans = splitSentences(mask.masked, { softWrap: true, lineFlags: mask.lineFlags });
  const lines = new LineMap(text);
  const statements: DraftStatement[] = [];
  for (const s of spans) {
    if (!HAS_WORD.test(s.text)) continue;
    statements.push({
      offset: s.offset,
      length: s.length,
      text: text.slice(s.offset, s.offset + s.length),
      masked: s.text,
      ignored: false,
      line: lines.positionAt(s.offset).line,
    });
  }
  applyDirectives(text, mask, statements);
  return statements;
}

/**
 * Plain text keeps every character, except the ignore comments themselves (left in place they would
 * glue the statement they follow to the next one and be checked as prose) and citations.
 */
function maskDirectivesOnly(text: string): MaskResult {
  const comments: Array<[number, number]> = [];
  const spans: Array<[number, number]> = [];
  if (text.includes('<!--')) {
    for (const m of text.matchAll(DIRECTIVE_GLOBAL)) {
      comments.push([m.index, m.index + m[0].length]);
      spans.push([m.index, m.index + m[0].length]);
    }
  }
  if (/\(source:/i.test(text)) {
    for (const m of text.matchAll(PLAIN_CITATION)) {
      // A citation inside a comment is the comment's.
      if (!comments.some(([s, e]) => m.index < e && m.index + m[0].length > s)) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
  }
  if (!spans.length) return { masked: text, comments, lineFlags: undefined };
  const parts: string[] = [];
  let last = 0;
  for (const [s, e] of spans) {
    const span = text.slice(s, e);
    parts.push(text.slice(last, s), /[\r\n]/.test(span) ? span.replace(/[^\r\n]/g, ' ') : ' '.repeat(span.length));
    last = e;
  }
  parts.push(text.slice(last));
  return { masked: parts.join(''), comments, lineFlags: undefined };
}

function applyDirectives(text: string, mask: MaskResult, statements: DraftStatement[]): void {
  if (statements.length === 0) return;
  const regions: Array<[number, number]> = [];
  let disabledAt = -1;
  // What aloneOnLine found up to the previous directive's end, so a line of many directives stays linear.
  let floor = 0;
  let floorAlone = true;
  for (const [s, e] of mask.comments) {
    const m = DIRECTIVE.exec(text.slice(s, e));
    if (!m) continue;
    const alone = aloneOnLine(mask.masked, s, floor, floorAlone);
    floor = e;
    floorAlone = alone;
    const kind = m[1].toLowerCase();
    if (kind === 'disable') {
      if (disabledAt < 0) disabledAt = e;
    } else if (kind === 'enable') {
      if (disabledAt >= 0) regions.push([disabledAt, s]);
      disabledAt = -1;
    } else {
      // A comment inside a statement silences it; otherwise the one before, or after when on its own line.
      const before = firstStartingAtOrAfter(statements, s + 1) - 1;
      const inside = before >= 0 && statements[before].offset + statements[before].length > s;
      const target = inside || !alone ? before : before + 1;
      if (target >= 0 && target < statements.length) statements[target].ignored = true;
    }
  }
  if (disabledAt >= 0) regions.push([disabledAt, text.length + 1]);
  let r = 0;
  for (const st of statements) {
    while (r < regions.length && regions[r][1] <= st.offset) r++;
    if (r < regions.length && regions[r][0] <= st.offset) st.ignored = true;
  }
}

/** Nothing but whitespace (or blanked markup) precedes `pos` on its line; `floorAlone` answers for text before `floor`. */
function aloneOnLine(masked: string, pos: number, floor: number, floorAlone: boolean): boolean {
  for (let i = pos - 1; i >= floor; i--) {
    const c = masked.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return floorAlone;
}

/** Index of the first statement starting at or after `pos` (statements are sorted by offset). */
function firstStartingAtOrAfter(statements: DraftStatement[], pos: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (statements[mid].offset < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
