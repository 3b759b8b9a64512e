import { findFullDate } from './metadata';

/**
 * Everything here is length-preserving: removed characters become spaces and line breaks stay,
 * so offsets into the cleaned text equal offsets into the raw .txt/.md file and line numbers hold.
 */

/** A paragraph-like unit of a document: [start, end) in the text, trimmed of whitespace. */
export interface Block {
  start: number;
  end: number;
}

/**
 * How a document is cut into blocks: 'lines' (news exports: one paragraph per line),
 * 'paragraphs' (hard-wrapped prose: blank-line separated), 'html' (block tags and blank lines).
 */
export type BlockMode = 'lines' | 'paragraphs' | 'html';

function blankRange(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

function blankMatches(chars: string[], line: string, pattern: RegExp, keep?: (match: RegExpExecArray) => [number, number]): void {
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!keep) {
      blankRange(chars, start, end);
      continue;
    }
    const [keepStart, keepEnd] = keep(match);
    blankRange(chars, start, keepStart);
    blankRange(chars, keepEnd, end);
  }
}

const FENCE = /^\s{0,3}(```|~~~)/;
const WHOLE_LINE_MARKUP = [
  /^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$/, // link reference definition
  /^\s*([-*_])(\s*\1)*\s*$/, // thematic break, lone bullet
  /^\s*=+\s*$/, // setext underline
];
const EMPHASIS_RUN = /(\*{1,3}|_{1,3}|~~)/g;

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && /[\p{P}\p{S}]/u.test(char);
}

/** Characters without which a line holds no markdown markup worth blanking. */
const MARKUP_HINT = /[*_~`[\]#>|=+-]|^\s*\d{1,3}[.)]\s/;

function blankMarkdownLine(line: string): string {
  if (!MARKUP_HINT.test(line)) return line;
  if (WHOLE_LINE_MARKUP.some((pattern) => pattern.test(line))) return line.replace(/[^\r\n]/g, ' ');
  const chars = line.split('');
  if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) {
    blankMatches(chars, line, /^(\s{0,3})(#{1,6})/g, (m) => [0, m[1]!.length]);
    blankMatches(chars, line, /\s#+\s*$/g);
  }
  blankMatches(chars, line, /^\s{0,3}(>\s?)+/g);
  blankMatches(chars, line, /^(\s*)([-*+]|\d{1,3}[.)])(?=\s)/g, (m) => [0, m[1]!.length]);
  blankMatches(chars, line, /!\[[^\]\n]*\]\([^)\n]*\)/g);
  const link = /\[([^\]\n]+)\](\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\]\n]*\])/g;
  blankMatches(chars, line, link, (m) => [m.index + 1, m.index + 1 + m[1]!.length]);
  blankMatches(chars, line, /`+/g);
  // Emphasis delimiters are blanked only where they flank a word, so "5 * 3" and snake_case stay.
  const current = chars.join('');
  for (let match = EMPHASIS_RUN.exec(current); match; match = EMPHASIS_RUN.exec(current)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = current[start - 1];
    const after = current[end];
    const opens = !isSpace(after) && (isSpace(before) || isPunctuation(before));
    const closes = !isSpace(before) && (isSpace(after) || isPunctuation(after));
    if (opens || closes) blankRange(chars, start, end);
  }
  return chars.join('');
}

/** Markdown markup (emphasis, links, headings, quotes, bullets, code fences) → spaces of equal length. */
export function blankMarkdown(text: string): string {
  const lines = text.split('\n');
  let inFence = false;
  return lines
    .map((line) => {
      if (FENCE.test(line)) {
        inFence = !inFence;
        return line.replace(/[^\r]/g, ' ');
      }
      // Code is not a statement about the world.
      return inFence ? line.replace(/[^\r]/g, ' ') : blankMarkdownLine(line);
    })
    .join('\n');
}

const STRUCTURAL_LINE = /^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\||```|~~~)/;
const TERMINAL = /[.!?:;"”’)\]]\s*$/;

/**
 * Hard-wrapped prose (lines cut mid-sentence at a fixed width) must be joined before sentence
 * splitting; one-paragraph-per-line exports must not. The tell: short lines that end without
 * punctuation and are continued by a line starting in lower case.
 */
export function looksHardWrapped(raw: string): boolean {
  const lines = raw.split('\n').map((line) => line.trimEnd());
  const nonEmpty = lines.filter((line) => line.trim());
  if (nonEmpty.length < 4) return false;
  if (nonEmpty.filter((line) => line.length <= 100).length < nonEmpty.length * 0.9) return false;
  let pairs = 0;
  let continued = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (!line.trim() || !next.trim() || STRUCTURAL_LINE.test(next)) continue;
    pairs++;
    if (!TERMINAL.test(line) && /^\s*\p{Ll}/u.test(next)) continued++;
  }
  return pairs >= 2 && continued >= pairs * 0.4;
}

function trimmedBlock(text: string, start: number, end: number): Block | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
}

function lineRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    ranges.push([start, newline < 0 ? text.length : newline]);
    if (newline < 0) return ranges;
    start = newline + 1;
  }
}

/**
 * Cuts `text` into blocks. `raw` (same offsets as `text`) shows markdown structure that blanking
 * hid; `breaks` are block-tag positions from the HTML converter.
 */
export function splitBlocks(text: string, mode: BlockMode, options: { raw?: string; breaks?: number[] } = {}): Block[] {
  const blocks: Block[] = [];
  const push = (start: number, end: number): void => {
    const block = trimmedBlock(text, start, end);
    if (block) blocks.push(block);
  };
  if (mode === 'lines') {
    for (const [start, end] of lineRanges(text)) push(start, end);
    return blocks;
  }
  if (mode === 'html') {
    const cuts = [0, ...(options.breaks ?? []), text.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const segment = text.slice(cuts[i], cuts[i + 1]);
      const blankLine = /\n[ \t\r]*\n/g;
      let from = 0;
      for (let match = blankLine.exec(segment); match; match = blankLine.exec(segment)) {
        push(cuts[i]! + from, cuts[i]! + match.index);
        from = match.index + match[0].length;
      }
      push(cuts[i]! + from, cuts[i + 1]!);
    }
    return blocks;
  }
  const raw = options.raw ?? text;
  let blockStart = -1;
  let blockEnd = -1;
  let previousQuote = false;
  const flush = (): void => {
    if (blockStart >= 0) push(blockStart, blockEnd);
    blockStart = -1;
  };
  for (const [start, end] of lineRanges(text)) {
    const rawLine = raw.slice(start, end);
    if (!text.slice(start, end).trim()) {
      flush();
      previousQuote = false;
      continue;
    }
    const quote = /^\s{0,3}>/.test(rawLine);
    const heading = /^\s{0,3}#{1,6}\s/.test(rawLine);
    if (STRUCTURAL_LINE.test(rawLine) || (quote && !previousQuote) || (!quote && previousQuote)) flush();
    if (blockStart < 0) blockStart = start;
    blockEnd = end;
    previousQuote = quote;
    if (heading) flush();
  }
  flush();
  return blocks;
}

const CHROME = 'page chrome';

const LETTER = /\p{L}/u;

/** Whitespace-separated words that contain a letter; hand-rolled, as it runs on every block. */
function letterWords(text: string): number {
  let count = 0;
  let counted = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || code === 0xa0) {
      counted = false;
      continue;
    }
    if (counted) continue;
    const lower = code | 32;
    if ((lower >= 97 && lower <= 122) || (code > 127 && LETTER.test(text[i]!))) {
      count++;
      counted = true;
    }
  }
  return count;
}

const ADVERTISEMENT =
  /^(advertisement|advertising|advert|ads?|sponsored( content| post| links?| stories)?|sponsored by\b.{0,60}|promoted( content| stories)?|paid (content|post|partnership)|partner content|(story|article) continues below( advertisement)?|continue reading below|scroll (down )?to continue( with content)?)[.:!]?$/i;
const UI_COMMAND =
  /^((read|show|see|view|load) (more|less|all|full story|full article|the full (story|article)|comments?)|dismiss|close|skip to (main )?(content|navigation)|back to top|continue reading|click here|open in (the )?app|listen to (this )?(article|story)|print( this (article|page))?|(previous|next) (article|story|post)|go to (home|homepage))\b/i;
const READING_TIME = /\b\d+\s*-?\s*(min|mins|minutes?)\.?\s+(read|listen)\b|^reading time\b/i;
const READER_PROMPTS = [
  /\b(follow|like|find|join) us (on|at)\b|^follow us\b/i,
  /\bsubscribe (to|for) (our|my|the newsletter|updates|free)\b|(^|[.!?]\s+)(please\s+)?subscribe\b|\bsubscribe (now|today|here)\b/i,
  /\bsign up (for|to) (our|the|my|a free)\b.*\b(newsletter|updates|alerts|emails?|briefing)\b|(^|[.!?]\s+)sign up\b/i,
  /\bmak(e|ing) a\b[^.]{0,40}\bdonation\b|(^|[.!?]\s+)(please\s+)?donate\b|\bdonate (now|today|here)\b/i,
  /\bhelp us (stay afloat|keep (going|publishing|reporting)|continue (our|this) (work|journalism|reporting))\b|\bsupport (our|independent|quality) (journalism|work|reporting|newsroom)\b|\breader-(funded|supported)\b/i,
  /\bbecome an? (member|patron|subscriber|supporter|paid subscriber)\b/i,
  // Imperatives only: "did not comment on our request" is reporting, "Comment on … our page" is a prompt.
  /(^|[.!?]\s+)(leave|post|add|write) a comment\b|(^|[.!?]\s+)comment on\b|(^|[.!?]\s+)join the (conversation|discussion|debate)\b|^comments?(\s*\(\d+\))?$/i,
  /\bclick (on )?(the |this )?(share |image |button |link )?(below|above|here|button)\b|\bclick the (share|image|button|link)\b/i,
  /\bfeel free to (repost|republish|share|cross-post)\b|\b(share|email|forward) (this|the) (article|story|post)\b|^share (on|via|this)\b/i,
  /\b(download|get) (our|the) app\b/i,
];
/** Words one of which every prompt, notice, disclaimer or correction rule needs (lower-case text). */
const KEYWORD_HINTS = [
  'follow us', 'join us', 'like us', 'find us', 'help us', 'subscri', 'sign up', 'donat', 'support our', 'support independent',
  'support quality', 'reader-', 'become a', 'comment', 'join the', 'click', 'feel free', 'share ', 'email', 'forward', 'app',
  'disclaimer', 'sole responsib', 'the views', 'fair use', 'copyright', 'all rights', 'original', 'first published',
  'first appeared', 'by:', 'by :', 'correction', 'error', 'typo', 'mistake', 'ctrl', 'highlight', '©', '(c)',
];
/** A plain literal alternation, which the regex engine scans much faster than `includes` per word. */
const KEYWORD_HINT = new RegExp(KEYWORD_HINTS.map((hint) => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
/** One pass instead of one per pattern: this runs on every paragraph of every source. */
const READER_PROMPT = new RegExp(READER_PROMPTS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');
const COPYRIGHT = /^(copyright|©|\(c\))\s*(©\s*)?((19|20)\d{2}|\p{Lu}|\[)|\ball rights reserved\b/iu;
const DISCLAIMER =
  /^disclaimer\b|\b(is|are) (of )?(the )?sole responsibility of the author|^the views (and opinions )?expressed (in|on|here)/i;
const SOURCE_NOTE =
  /^(the )?original source of this article\b|^this (article|story|piece) (was )?(originally|first) (published|appeared)\b|^(articles?|posts?|stories) by\s*:/i;
const IMAGE_CREDIT =
  /^(featured|header|lead|main|cover|top|hero|thumbnail) (image|photo|picture)\b|^(image|photo|picture|video|illustration|graphic)s? (credit|courtesy|source|by)\b|^(photo )?credits?\s*:|^((article|author|featured|header|lead|profile|cover|main|post) )?(image|photo|picture|avatar|thumbnail|logo|icon)$/i;
/** "Photo: Jane Doe/Agency" is a credit; "Photo: <a sentence with facts>" is a caption and kept. */
const LABELLED_CREDIT = /^(image|photo|photograph|picture|illustration|graphic|video)\s*:\s*(.*)$/i;
/** Addressed to the reader, so "investigators found an error in the software" stays. */
const CORRECTION =
  /^(to )?(suggest|submit|request|report) an? (correction|error|typo|mistake)\b|\b(spot|spotted|found|see|notice|noticed) an? (error|mistake|typo)\?|\byou (spot|spotted|find|found|see|notice|noticed) an? (error|mistake|typo)\b|\bcorrections?\b.*\b(write|contact|email) (to )?us\b|\bpress ctrl\s*\+\s*enter\b|\bhighlight (the|some) text and press\b/i;
const NAVIGATION =
  /^(related( articles| stories| posts| news| content| topics| coverage| reading| links)?|other topics of interest|more (stories|news|articles|from [^.]{1,40}|on (this|the) (topic|story))|recommended( for you| reading| stories| articles)?|you (may|might) also (like|be interested in|enjoy)|most (read|popular|viewed|shared)|trending( now| stories)?|top stories|latest( news| stories)?|editor'?s picks?|up next|also read|see also|further reading|what to read next)\s*:?$/i;
const TAXONOMY = /^(region|theme|tags?|topics?|categor(y|ies)|sections?|filed under|in-depth report|keywords?|posted in|series)\s*:/i;
/** "Published 2 hours ago", "(Updated: 14:05)", "Last modified on …": when, not what. */
const TIMESTAMP =
  /^\(?\s*((last\s+)?(updated|modified|edited)|published|posted|first published)\b\s*:?\s*(\)?$|(?=[^.!?]*\d)[^.!?]{1,40}$)|^\(?\d{1,2}\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\)?$/i;
/** A caption's agency tail after a slash: "… before taking office. / Agency Name". */
const SLASH_CREDIT = /[.!?]["”’)]?\s+\/\s*[\p{Lu}\d][^.!?]{0,60}$/u;
const DATELINE_TAIL = /^[\s,|·–—-]*((at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?\s*$/i;

function isDateline(text: string): boolean {
  if (text.length > 100) return false;
  const date = findFullDate(text);
  if (!date) return false;
  const before = text.slice(0, date.index);
  return letterWords(before) <= 5 && !/[.!?]\s/.test(before) && DATELINE_TAIL.test(text.slice(date.index + date.length));
}

/**
 * Why a block (whitespace-collapsed) is page furniture rather than evidence, or undefined if it
 * may be evidence. Patterns are general web conventions, never particular sites.
 */
export function boilerplateReason(text: string): string | undefined {
  // Most paragraphs contain none of these words, which spares them every pattern below.
  const keyword = KEYWORD_HINT.test(text.toLowerCase());
  if (keyword) {
    if (DISCLAIMER.test(text) || (/\bfair use\b/i.test(text) && /\bcopyright/i.test(text))) return 'disclaimer';
    if (text.length <= 600 && READER_PROMPT.test(text)) return 'reader prompt';
    if (text.length <= 250 && COPYRIGHT.test(text)) return 'copyright notice';
    if (text.length <= 200 && text.includes('©')) return 'copyright notice';
    if (text.length <= 300 && SOURCE_NOTE.test(text)) return 'source note';
    if (text.length <= 300 && CORRECTION.test(text)) return 'correction prompt';
  }
  // Every rule below is bounded in length or word count: a long paragraph is article text.
  if (text.length > 300) return undefined;
  const sentence = /[.!?]["”’)]?$/.test(text);
  let counted: number | undefined;
  const words = (): number => (counted ??= letterWords(text));
  if (ADVERTISEMENT.test(text)) return 'advertisement';
  if (UI_COMMAND.test(text) && words() <= 6 && !sentence) return 'interface text';
  if (/^(read|see) (more|also)\s*:/i.test(text) && text.length <= 200) return 'link to another article';
  if (READING_TIME.test(text) && text.length <= 80) return 'reading time';
  if (IMAGE_CREDIT.test(text)) return 'image credit';
  const labelled = LABELLED_CREDIT.exec(text);
  if (labelled && letterWords(labelled[2]!) <= 12) return 'image credit';
  if (NAVIGATION.test(text)) return 'navigation';
  if (TAXONOMY.test(text) && words() <= 15) return 'navigation';
  if (/^(written\s+)?by\s+\S/i.test(text) && words() <= 8 && !sentence) return 'byline';
  if (isDateline(text)) return 'dateline';
  if (TIMESTAMP.test(text) && words() <= 8) return 'timestamp';
  if (isCaption(text)) return 'caption';
  if (text.length <= 120 && /\S+@\S+\.\w+|https?:\/\/|\bwww\./i.test(text) && words() <= 6) return 'contact';
  // Page chrome ("News", "News Feed", "Menu"): a label of one or two bare words.
  const space = text.indexOf(' ');
  const atMostTwoWords = space < 0 || text.indexOf(' ', space + 1) < 0;
  if (atMostTwoWords && !/[\d.!?;:,"“”'‘’()]/.test(text)) return CHROME;
  return undefined;
}

/**
 * A caption whose credit is glued on after a slash, "… before taking office. / Agency": the
 * credit cannot be cut off as its own sentence, so the block goes. A caption with a bracketed
 * credit keeps its text (isCreditSentence drops the credit): it may be the only place a fact is told.
 */
const isCaption = (text: string): boolean => SLASH_CREDIT.test(text);

/**
 * A sentence that is only a bracketed picture credit, "(Jane Doe/Agency via Getty Images)",
 * trailing a caption whose factual part is kept.
 */
export function isCreditSentence(sentence: string): boolean {
  const inner = /^[(\[](.*)[)\]]\.?$/s.exec(sentence.trim())?.[1];
  if (inner === undefined || /[([]/.test(inner)) return false;
  return /\/|\bvia\b|\b(images?|photos?|photograph|courtesy|credit|pool)\b/i.test(inner) && letterWords(inner) <= 10;
}

const RELATED = 'related link';
/** Labels that open a list of links to other articles ("Related", "Read more", "Other topics of interest"). */
const LINK_LIST_LABEL = /^(related\b|other (topics|stories|news|articles)\b|more (stories|news|articles|from|on)\b|recommended\b|you (may|might) also\b|most (read|popular|viewed|shared)\b|trending\b|top stories\b|latest\b|editor'?s picks?\b|up next\b|also read\b|see also\b|further reading\b|what to read next\b|read (more|also|next)\b)/i;
/** A link's title: a short line that is not a sentence. */
const isTitleShaped = (t: string): boolean => !/[.!?:;]["”’)]?$/.test(t) && letterWords(t) <= 16 && /\p{Lu}/u.test(t[0] ?? '');

/**
 * Blocks after a link-list label are other articles' titles, not this article: the title-shaped
 * blocks right after it, and any other copy of a title so removed (pages show a link twice).
 * A teaser sentence is kept: it states something, and may be the only place it is stated.
 */
function markRelatedLinks(texts: string[], reasons: (string | undefined)[]): void {
  const titles = new Set<string>();
  for (let i = 0; i < texts.length; i++) {
    if (!reasons[i] || !LINK_LIST_LABEL.test(texts[i]!)) continue;
    for (let j = i + 1; j < texts.length && (reasons[j] || isTitleShaped(texts[j]!)); j++) {
      if (reasons[j]) continue;
      reasons[j] = RELATED;
      titles.add(texts[j]!);
    }
  }
  if (!titles.size) return;
  for (let i = 0; i < texts.length; i++) if (!reasons[i] && titles.has(texts[i]!)) reasons[i] = RELATED;
}

/** Reasons whose block continues onto following lines that it does not end (a wrapped disclaimer). */
const RUNS_ON = new Set(['disclaimer']);

export interface BlankedText {
  text: string;
  /** Blocks that survived, in order. */
  kept: Block[];
  removed: { block: Block; reason: string }[];
}

/**
 * Replaces boilerplate blocks by spaces (line breaks kept). `isHeading` marks blocks the source
 * marks up as headings: a two-word heading is a title, not page chrome.
 */
export function blankBoilerplate(
  text: string,
  blocks: Block[],
  isHeading?: (block: Block) => boolean,
  /** The blocks' text, whitespace-collapsed, when the caller already has it. */
  contents?: string[],
): BlankedText {
  const texts = blocks.map((block, index) => contents?.[index] ?? text.slice(block.start, block.end).replace(/\s+/g, ' '));
  const reasons: (string | undefined)[] = [];
  let runOn = false;
  let previous: Block | undefined;
  for (const [index, block] of blocks.entries()) {
    const content = texts[index]!;
    const adjacent = previous !== undefined && !/\n[ \t\r]*\n/.test(text.slice(previous.end, block.start));
    let reason = boilerplateReason(content);
    if (reason === CHROME && isHeading?.(block)) reason = undefined;
    if (!reason && runOn && adjacent) reason = 'disclaimer';
    runOn = reason !== undefined && RUNS_ON.has(reason) && !TERMINAL.test(content);
    previous = block;
    reasons.push(reason);
  }
  markRelatedLinks(texts, reasons);
  const parts: string[] = [];
  let copied = 0;
  const kept: Block[] = [];
  const removed: BlankedText['removed'] = [];
  for (const [index, block] of blocks.entries()) {
    const reason = reasons[index];
    if (!reason) {
      kept.push(block);
      continue;
    }
    parts.push(text.slice(copied, block.start), text.slice(block.start, block.end).replace(/[^\r\n]/g, ' '));
    copied = block.end;
    removed.push({ block, reason });
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), kept, removed };
}
