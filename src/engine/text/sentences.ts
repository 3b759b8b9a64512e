import type { SentenceSpan } from '../types';

export interface SplitOptions {
  /** Hard-wrapped prose: a single line break does not end a sentence (see `splitSentences`). */
  softWrap?: boolean;
  /**
   * Per-line flags (`LINE_START`, `LINE_END`), indexed by 0-based line, from a caller that knows the
   * block structure better than a guess from the text can (the markdown masker, whose output has the
   * list and heading markers blanked). Replaces the built-in blank-line / list / heading detection.
   */
  lineFlags?: Uint8Array;
}

/** The line begins a new statement (block start, blank line). */
export const LINE_START = 1;
/** A statement never continues past the end of this line (heading, blank line, code). */
export const LINE_END = 2;

/**
 * Splits text into trimmed, non-empty sentence spans in one linear pass.
 *
 * Hand-written on purpose: it runs over whole source corpora, where library splitters and
 * regex lookbehinds cost orders of magnitude more than a tokenisation pass. Boundaries only ever
 * fall right after a terminator/closer or at a line break, so a surrogate pair is never cut.
 */
export function splitSentences(text: string, options: SplitOptions = {}): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const n = text.length;
  const softWrap = options.softWrap === true;
  const flags = options.lineFlags;
  let start = 0;
  let line = 0;
  let lineStart = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 63 ? c !== 0x2026 : c !== 46 && c !== 10 && c !== 13 && c !== 33 && c !== 63) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      let hard: boolean;
      if (!softWrap) hard = true;
      else if (flags) hard = (flags[line] & LINE_END) !== 0 || !(line + 1 < flags.length) || (flags[line + 1] & LINE_START) !== 0;
      else hard = startsBlock(text, next) || isHeadingLine(text, lineStart);
      if (!hard && softWrap) hard = isHeadlineLine(text, start, lineStart, i, next);
      if (hard) {
        emit(out, text, start, i);
        start = next;
      }
      line++;
      lineStart = next;
      i = next;
      continue;
    }
    let j = i + 1;
    while (j < n && isTerminator(text.charCodeAt(j))) j++;
    const runEnd = j;
    // French spacing puts a (narrow) space before the closing guillemet: `« Non. »`.
    const g = text.charCodeAt(j + 1);
    if ((g === 0xbb || g === 0x203a) && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0 || text.charCodeAt(j) === 0x202f)) j++;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    if (j < n && isSpace(text.charCodeAt(j))) {
      let k = j + 1;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (endsSentence(text, i, runEnd, j, k)) {
        emit(out, text, start, j);
        start = j;
      }
    }
    // Resume after the run: it holds no line breaks, and whitespace after it is rescanned for them.
    i = j;
  }
  emit(out, text, start, n);
  return out;
}

function emit(out: SentenceSpan[], text: string, s: number, e: number): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ offset: s, length: e - s, text: text.slice(s, e) });
}

/** Unicode whitespace plus the BOM and zero-width space, which should never lead a sentence. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 ||
    c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** Closing quotes and brackets that stay with the sentence they close. */
function isCloser(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a
  );
}

const OPENERS = new Set([34, 39, 40, 91, 0x201c, 0x2018, 0xab, 0x201e, 0x201a, 0x2039, 0xbf, 0xa1]);
const CURRENCY = new Set([36, 0xa3, 0x20ac, 0xa5]);
const STARTING_LETTER = /^[\p{Lu}\p{Lt}\p{Lo}\p{Nd}\p{Extended_Pictographic}]/u;

function startsSentence(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (OPENERS.has(c) || CURRENCY.has(c)) return true;
  if (c < 128) return false;
  return STARTING_LETTER.test(text.slice(k, k + 2));
}

/** How an abbreviation before a period behaves. */
const enum Abbr {
  /** Precedes a name: never ends a sentence (`Gen. Milley`). */
  Title = 1,
  /** Can end a sentence (`Apple Inc. The company`): split only before an obvious sentence opener. */
  Soft = 2,
  /** `No. 5`, `p. 55`, `c. 950`: an abbreviation only before a number. */
  Numero = 3,
}

const ABBREVIATIONS = new Map<string, Abbr>();
for (const w of 'Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Adm Gov Sen Rep Pres Rev Hon Messrs Supt Cmdr'.split(' ')) {
  ABBREVIATIONS.set(w, Abbr.Title);
}
for (const w of 'vs e.g i.e cf viz'.split(' ')) {
  ABBREVIATIONS.set(w, Abbr.Title);
  ABBREVIATIONS.set(w[0].toUpperCase() + w.slice(1), Abbr.Title);
}
for (const w of [
  'Sr Jr St Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun',
  'Inc Corp Ltd Co Bros Dept Univ Ave Blvd Rd Mt Ft Ph.D',
].join(' ').split(' ')) {
  ABBREVIATIONS.set(w, Abbr.Soft);
}
for (const w of 'etc approx est al'.split(' ')) {
  ABBREVIATIONS.set(w, Abbr.Soft);
  ABBREVIATIONS.set(w[0].toUpperCase() + w.slice(1), Abbr.Soft);
}
// Page, circa, figure...: `p. 55`, `c. 950`.
for (const w of 'No no Nos p pp c ca Fig fig Vol vol Ch ch Art art Sec sec'.split(' ')) ABBREVIATIONS.set(w, Abbr.Numero);

/** Words that after an ambiguous period (`U.S.`, `Inc.`, an initial) show a new sentence has begun. */
const SENTENCE_OPENERS = new Set(
  [
    'The This That These Those There Then Thus He She It They We You I His Her Its Their Our My Your',
    'In On At By For From To With Of As If When While After Before During Since Because Although Though',
    'But And Or So Yet A An However Meanwhile Moreover Furthermore Nevertheless Still Also Instead',
    'Now Today Yesterday Tomorrow Earlier Later Last Next Some Many Most Several Such Both Each Every All',
    'What Who Why How Where Which Here Such Other Another Officials Critics According Despite Under',
  ]
    .join(' ')
    .split(' '),
);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Letters (and the dots of `U.S.`) of the word right before a period, or '' if it is not plain ASCII. */
function wordBefore(text: string, dot: number): string {
  let s = dot;
  while (s > 0 && dot - s < 24) {
    const c = text.charCodeAt(s - 1);
    if (!isAsciiLetter(c) && c !== 46) break;
    s--;
  }
  while (s < dot && text.charCodeAt(s) === 46) s++;
  if (s > 0) {
    const p = text.charCodeAt(s - 1);
    // `naïve.`, `2.5x.`, `Wi-Fi.`: a suffix of a longer word is no abbreviation.
    if ((p >= 48 && p <= 57) || p === 45 || p === 39 || p === 0x2019 || p === 95 || p > 127) {
      if (p <= 127 || /[\p{L}\p{N}]/u.test(text[s - 1])) return '';
    }
  }
  return text.slice(s, dot);
}

function nextOpensSentence(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (OPENERS.has(c) && c !== 40 && c !== 91) return true;
  let e = k;
  while (e < text.length && e - k < 16 && isAsciiLetter(text.charCodeAt(e))) e++;
  return e > k && SENTENCE_OPENERS.has(text.slice(k, e));
}

/**
 * Decides a terminator run [i, runEnd), closed by [runEnd, closeEnd), followed by whitespace and then
 * `text[k]`. Only a lone period gets the abbreviation treatment; `?`, `!`, `…` and `...` end a
 * sentence whenever the next word looks like the start of one.
 */
function endsSentence(text: string, i: number, runEnd: number, closeEnd: number, k: number): boolean {
  if (k >= text.length) return true;
  if (!startsSentence(text, k)) return false;
  if (runEnd - i !== 1 || text.charCodeAt(i) !== 46) {
    // `“Is it ready?” Waltz asked.` is one sentence, like its comma form.
    const quoted = closeEnd > runEnd && isQuote(text.charCodeAt(closeEnd - 1));
    return !(quoted && hasQuestionOrBang(text, i, runEnd) && attributionFollows(text, k));
  }
  const word = wordBefore(text, i);
  if (word === '') return true;
  const kind = ABBREVIATIONS.get(word);
  if (kind === Abbr.Title) return false;
  if (kind === Abbr.Numero) {
    const c = text.charCodeAt(k);
    return !(c >= 48 && c <= 57);
  }
  if (kind === Abbr.Soft) return nextOpensSentence(text, k);
  if (word.length === 1) {
    const c = word.charCodeAt(0);
    if (c < 65 || c > 90) return true;
    // An initial (`Donald J. Trump`); `A` and `I` after one are more likely further initials.
    const next = text.charCodeAt(k);
    const nextIsLoneAI = (next === 65 || next === 73) && !isAsciiLetter(text.charCodeAt(k + 1));
    return !nextIsLoneAI && nextOpensSentence(text, k);
  }
  if (word.includes('.')) {
    // Dotted acronyms (`U.S.`, `a.m.`, `Ph.D.`) versus file and host names (`draft.md`).
    const parts = word.split('.');
    if (parts.every((p) => p.length > 0 && p.length <= 2) && parts.some((p) => p.length === 1)) {
      return nextOpensSentence(text, k);
    }
  }
  return true;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a;
}

function hasQuestionOrBang(text: string, i: number, e: number): boolean {
  for (; i < e; i++) if (text.charCodeAt(i) === 63 || text.charCodeAt(i) === 33) return true;
  return false;
}

const SPEECH_VERBS = new Set(
  (
    'said says asked asks told tells added adds wrote writes replied replies explained noted continued ' +
    'insisted argued shouted yelled wondered whispered responded recalled tweeted posted declared exclaimed'
  ).split(' '),
);

/** `Waltz asked`, `Senate Majority Leader Chuck Schumer said`: capitalised words, then a speech verb. */
function attributionFollows(text: string, k: number): boolean {
  for (let w = 0; w < 6; w++) {
    let e = k;
    while (e < text.length && e - k < 30 && /[\p{L}.'’-]/u.test(text[e])) e++;
    if (e === k) return false;
    const word = text.slice(k, e);
    if (w > 0 && SPEECH_VERBS.has(word.replace(/\.+$/, ''))) return true;
    if (word[0] === word[0].toLowerCase()) return false;
    if (text.charCodeAt(e) !== 32) return false;
    k = e + 1;
  }
  return false;
}

/** Whether a soft-wrapped line starting at `p` begins a block of its own (or the line is blank). */
function startsBlock(text: string, p: number): boolean {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13 || !isSpace(c)) break;
    p++;
  }
  if (p >= n) return true;
  const c = text.charCodeAt(p);
  if (c === 10 || c === 13) return true;
  const spaceAfter = (q: number) => q >= n || text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9;
  if (c === 45 || c === 42 || c === 43 || c === 0x2022) return spaceAfter(p + 1);
  if (c === 62 || c === 124) return true;
  if (c === 35) return isHeadingAt(text, p);
  if (c >= 48 && c <= 57) {
    // Up to three digits: a wrapped line opening with a year (`2020. The`) is no list item.
    let q = p;
    while (q < n && q - p < 4 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    const m = text.charCodeAt(q);
    return q - p <= 3 && (m === 46 || m === 41) && spaceAfter(q + 1);
  }
  return false;
}

function isHeadingAt(text: string, p: number): boolean {
  let q = p;
  while (q < text.length && text.charCodeAt(q) === 35) q++;
  if (q - p > 6) return false;
  const c = text.charCodeAt(q);
  return q >= text.length || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Words a wrapped line of prose may end with mid-sentence, so a break after them is only a wrap. */
const CONTINUING = /\b(a|an|the|of|to|in|on|at|by|for|with|from|and|or|but|that|as|his|her|its|their|our|your|this|these|those|is|are|was|were|be|has|have|had|will|would|not)$/i;

/**
 * A headline or caption line on top of a paragraph: the first line of its block, not ending in a
 * terminator, comma or a word that continues a sentence, and followed by a line that starts one
 * ("Minister to visit Kyiv next week" / "The visit was announced…"). Joined, the two would make one
 * statement of a headline and the next sentence, and each would be compared with the other's facts.
 */
function isHeadlineLine(text: string, start: number, lineStart: number, lineEnd: number, next: number): boolean {
  let p = lineStart;
  while (p < lineEnd && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  let s = start;
  while (s < p && isSpace(text.charCodeAt(s))) s++;
  if (s !== p) return false;
  const line = text.slice(p, lineEnd).trimEnd();
  if (!line || /[.!?:;,\-–—"“”'’)\]]$/.test(line) || CONTINUING.test(line)) return false;
  let q = next;
  while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
  return /^[\p{Lu}\p{N}"“‘]/u.test(text.slice(q, q + 1));
}

function isHeadingLine(text: string, lineStart: number): boolean {
  let p = lineStart;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return text.charCodeAt(p) === 35 && isHeadingAt(text, p);
}
