import type { DocumentMeta } from '../types';
import { AP_MONTHS } from '../text/lexicon';
import { splitSentences } from '../text/sentences';
import type { HtmlMeta } from './html';

export interface FoundDate {
  /** YYYY-MM-DD */
  iso: string;
  index: number;
  length: number;
}

const MONTHS: [RegExp, number][] = [
  [/^jan/i, 1], [/^feb/i, 2], [/^mar/i, 3], [/^apr/i, 4], [/^may/i, 5], [/^jun/i, 6],
  [/^jul/i, 7], [/^aug/i, 8], [/^sep/i, 9], [/^oct/i, 10], [/^nov/i, 11], [/^dec/i, 12],
];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d{2})`;
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+${YEAR}\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(String.raw`\b${DAY}\s+${MONTH},?\s+${YEAR}\b`, 'i');
const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/;

function toIso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS.find(([pattern]) => pattern.test(name))![1];
}

/** First complete calendar date (day, month and year) in `text`; partial dates are not publication dates. */
export function findFullDate(text: string): FoundDate | undefined {
  const candidates: FoundDate[] = [];
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const iso = toIso(Number(mdy[3]), monthNumber(mdy[1]!), Number(mdy[2]));
    if (iso) candidates.push({ iso, index: mdy.index, length: mdy[0].length });
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const iso = toIso(Number(dmy[3]), monthNumber(dmy[2]!), Number(dmy[1]));
    if (iso) candidates.push({ iso, index: dmy.index, length: dmy[0].length });
  }
  const iso = ISO.exec(text);
  if (iso) {
    const value = toIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (value) candidates.push({ iso: value, index: iso.index, length: iso[0].length });
  }
  return candidates.sort((a, b) => a.index - b.index)[0];
}

const NAME_PARTICLES = new Set(['de', 'da', 'di', 'van', 'von', 'der', 'den', 'del', 'la', 'le', 'du', 'bin', 'al', 'el', 'dos']);

/** "Ahmed Adel", "Mary-Ann O'Neil", "J. R. Smith": capitalised words, no brand-style inner capitals. */
export function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  const capitalised = words.filter((word) => /^(\p{Lu}\.|\p{Lu}[\p{Ll}’']+(?:-\p{Lu}?[\p{Ll}’']+)?|(?:Mc|Mac|O['’])\p{Lu}\p{Ll}+)$/u.test(word));
  const particles = words.filter((word) => NAME_PARTICLES.has(word));
  return capitalised.length >= 2 && capitalised.length + particles.length === words.length && !/^\p{Ll}/u.test(words[0]!);
}

/** An outlet name as written in a dateline or footer: a short proper name, not a sentence. */
function cleanOutletName(text: string | undefined): string | undefined {
  const name = text?.replace(/\s+/g, ' ').replace(/^[\s,|·:–—-]+|[\s,|·:–—.-]+$/g, '').trim();
  if (!name || name.length > 60 || !/\p{Lu}/u.test(name) || !/^[\p{L}\d]/u.test(name)) return undefined;
  const words = name.split(' ');
  if (words.length > 6 || /[.!?;]\s/.test(name) || findFullDate(name)) return undefined;
  if (/^(published|updated|posted|last updated|modified|on|by|and|the)$/i.test(name)) return undefined;
  if (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(name)) return undefined;
  return name;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}

/** A line that opens the article body rather than its header. */
function isBodyLine(line: string): boolean {
  const words = wordCount(line);
  return words > 30 || (words >= 12 && /[.!?]["”’)]?$/.test(line));
}

const HEADER_MAX_LINES = 12;

/** The lines before the body starts: where headlines, bylines and datelines live. */
function headerLines(lines: string[]): string[] {
  const header: string[] = [];
  for (const line of lines) {
    if (!line) continue;
    if (isBodyLine(line) || header.length >= HEADER_MAX_LINES) break;
    header.push(line);
  }
  return header;
}

interface Byline {
  author?: string;
  outlet?: string;
  date?: string;
}

/** "By Ahmed Adel", "By <Outlet> January 13, 2025", "Written by …". */
function parseByline(line: string): Byline | undefined {
  const match = /^(?:written\s+)?by[:\s]\s*(.+)$/i.exec(line);
  if (!match) return undefined;
  const rest = match[1]!;
  const date = findFullDate(rest);
  const who = (date ? rest.slice(0, date.index) : rest).replace(/[\s,|·–—-]+$/, '').trim();
  const byline: Byline = { date: date?.iso };
  const isPeople = (text: string): boolean => looksLikePersonName(text) || text.split(/\s+(?:and|&)\s+/).every(looksLikePersonName);
  // "By Jane Doe, The Harbour Herald": a person, then whom they write for.
  const [first, ...others] = who.split(/\s*[,|·]\s+/);
  if (isPeople(who)) byline.author = who;
  else if (others.length && isPeople(first!)) {
    byline.author = first;
    byline.outlet = cleanOutletName(others.join(', '));
  }
  // Without a date an unknown name after "By" may be a person or an outlet: do not guess.
  else if (date) byline.outlet = cleanOutletName(who);
  return byline;
}

/** "Global Research, January 14, 2025", "Published: 14 January 2025 10:05". */
function parseDateline(line: string): Byline | undefined {
  const date = findFullDate(line);
  if (!date) return undefined;
  const after = line.slice(date.index + date.length).trim();
  if (after && !/^[,|·–—-]?\s*(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?$/i.test(after)) return undefined;
  const before = line.slice(0, date.index).trim().replace(/[,|·–—:-]+$/, '').trim();
  if (!before) return { date: date.iso };
  const label = /^(published|posted|updated|last updated|modified|date)(\s+on)?$/i.exec(before);
  // An update stamp is not the publication date.
  if (label) return /updated|modified/i.test(before) ? {} : { date: date.iso };
  const weekday = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(before);
  if (weekday) return { date: date.iso };
  const outlet = cleanOutletName(before);
  return outlet ? { outlet, date: date.iso } : undefined;
}

/** "Copyright © Ahmed Adel, Global Research, 2025" → "Global Research". */
function copyrightOutlet(line: string): string | undefined {
  if (!/^(copyright|©|\(c\))/i.test(line) && !(line.includes('©') && line.length < 200)) return undefined;
  const body = line
    .replace(/all rights reserved\.?/i, '')
    .replace(/copyright|©|\(c\)/gi, ' ')
    .replace(/\b(19|20)\d{2}(\s*[-–]\s*(19|20)\d{2})?\b/g, ' ');
  const segments = body.split(',').map((segment) => segment.trim()).filter((segment) => /\p{L}/u.test(segment));
  return cleanOutletName(segments[segments.length - 1]);
}

/** Footer statements naming where the article comes from. */
function sourceOutlet(line: string): string | undefined {
  const original = /\boriginal source of this article is\s+(.+)$/i.exec(line);
  if (original) return cleanOutletName(original[1]);
  return undefined;
}

function republishedFrom(line: string): string | undefined {
  const match = /\b(?:originally|first)\s+(?:published|appeared)\s+(?:on|in|at|by)\s+(?:the\s+)?([^.,;:()]{2,60})/i.exec(line);
  return match ? cleanOutletName(match[1]) : undefined;
}

function authorLine(line: string): string | undefined {
  const match = /^(?:articles?\s+by|authors?)\s*:\s*(.+)$/i.exec(line);
  const name = match?.[1]?.trim().replace(/[.,]+$/, '');
  return name && looksLikePersonName(name) ? name : undefined;
}

/** A headline: 4–25 words (or `fewest`), not a sentence ending in a period, not a byline or label. */
function looksLikeHeadline(line: string, fewest = 4): boolean {
  const words = wordCount(line);
  return words >= fewest && words <= 25 && !/[.:;,]$/.test(line) && !/^(by|written by)\s/i.test(line) && !findFullDate(line);
}

/**
 * A short headline ("Harbour pilots honoured"): three words on the document's first line, before the
 * body, with no closing punctuation and no label or date. Only the first line: three words further
 * down are a caption or a section name as often as not.
 */
function shortHeadline(line: string | undefined, isBoilerplate: (line: string) => boolean): string | undefined {
  if (!line || wordCount(line) !== 3 || !looksLikeHeadline(line, 3) || /[!?]$/.test(line) || isBoilerplate(line)) return undefined;
  return /^\p{Lu}/u.test(line) ? line : undefined;
}

export interface MetadataOptions {
  /** File name, the title of last resort. */
  fileName: string;
  html?: HtmlMeta;
  /** Lines the caller's boilerplate rules reject, so chrome never becomes a title. */
  isBoilerplate?: (line: string) => boolean;
}

function firstOf<T>(values: Iterable<T | undefined>): T | undefined {
  for (const value of values) if (value !== undefined) return value;
  return undefined;
}

/**
 * What a source states about itself. `lines` are its paragraphs or lines in order, markup
 * already removed but boilerplate still present (copyright and byline lines carry the metadata).
 * Fields stay undefined unless a recognised pattern states them.
 */
export function extractMetadata(lines: string[], options: MetadataOptions): DocumentMeta {
  const normalise = (line: string): string => line.replace(/\s+/g, ' ').trim();
  // Footer statements are searched document-wide, so a cheap test picks the lines worth parsing.
  const scan = (hint: RegExp, parse: (line: string) => string | undefined): string | undefined => {
    for (const line of lines) {
      if (!hint.test(line)) continue;
      const found = parse(normalise(line));
      if (found) return found;
    }
    return undefined;
  };
  const header = headerLines(lines.slice(0, 4 * HEADER_MAX_LINES).map(normalise));
  const isBoilerplate = options.isBoilerplate ?? (() => false);
  const html = options.html ?? {};

  const headerFacts = header.map((line) => parseByline(line) ?? parseDateline(line) ?? {});
  const title =
    html.title ??
    header.find((line) => looksLikeHeadline(line) && !isBoilerplate(line)) ??
    shortHeadline(header[0], isBoilerplate) ??
    options.fileName.replace(/\.[^.]+$/, '');
  const meta: DocumentMeta = { title };

  const author = html.author ?? firstOf(headerFacts.map((fact) => fact.author)) ?? scan(/^\s*(article|author)/i, authorLine);
  if (author) meta.author = author;

  const outlet =
    html.siteName ??
    firstOf(headerFacts.map((fact) => fact.outlet)) ??
    scan(/original source/i, sourceOutlet) ??
    scan(/©|^\s*(copyright|\(c\))/i, copyrightOutlet) ??
    scan(/published|appeared/i, republishedFrom);
  if (outlet) meta.outlet = outlet;

  const date = html.date ?? firstOf(headerFacts.map((fact) => fact.date));
  if (date) meta.date = date;
  return meta;
}

/** An ISO date in AP style, as a reporter writes it in copy: "Jan. 12, 2025", "March 3, 2025". */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? AP_MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${Number(match[3])}, ${match[1]}` : iso;
}

/** A headline or lede longer than this is cut, so a label stays one glance long. */
const LABEL_MAX_WORDS = 12;
const LABEL_CUT_WORDS = 10;
const LABEL_MAX_CHARS = 80;
/** Fewer words than this is no sentence to name a document by ("Photo", "Share this"). */
const LEDE_MIN_WORDS = 4;

/**
 * Words of a headline or lede, as the label quotes them: cut with an ellipsis when long, its own
 * double quotes turned single so they nest inside the label's, blanked markup's stray spaces gone.
 */
function quotable(text: string, sentence: boolean): string {
  let words = text
    .replace(/\s+([,.;:!?’”)\]])/g, '$1')
    .replace(/([(\[“‘])\s+/g, '$1')
    .replace(/[“”]/g, (q) => (q === '“' ? '‘' : '’'))
    .replace(/"/g, "'")
    .trim()
    .split(/\s+/);
  let cut = words.length > LABEL_MAX_WORDS;
  if (cut) words = words.slice(0, LABEL_CUT_WORDS);
  while (words.length > 1 && words.join(' ').length > LABEL_MAX_CHARS) {
    words = words.slice(0, -1);
    cut = true;
  }
  const joined = words.join(' ');
  if (cut) return `${joined.replace(/[\s,;:–—(\[‘'-]+$/u, '')}…`;
  // A whole sentence loses its full stop; a headline keeps what it ends with.
  return sentence ? joined.replace(/\.$/, '') : joined;
}

/** The first sentence of the article body: what a reader would name a headline-less document by. */
function lede(lines: string[], skip: (line: string) => boolean): string | undefined {
  const normalised = lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line && !skip(line));
  const candidates = [normalised.find(isBodyLine), ...normalised];
  for (const line of candidates) {
    if (!line) continue;
    const first = splitSentences(line, { softWrap: false }).find((s) => wordCount(s.text) >= LEDE_MIN_WORDS);
    if (first && !parseByline(first.text) && !parseDateline(first.text)) return first.text;
  }
  return undefined;
}

export interface LabelOptions {
  /** The file name, the label of last resort. */
  fileName: string;
  /** Lines the caller's boilerplate rules reject, so chrome never names a document. */
  isBoilerplate?: (line: string) => boolean;
}

/**
 * How a writer is told which source said something: who published it and when, then its
 * headline — "Harbour Herald, June 4, 2024: “Bridge reopens to traffic after repairs”" — or,
 * without a headline, the opening words of its first sentence. The file name only when the text
 * offers none of these, since names like "002_9aa3f48b.txt" say nothing about who said it.
 * `lines` are the document's paragraphs as `extractMetadata` reads them.
 */
export function documentLabel(meta: DocumentMeta, lines: string[], options: LabelOptions): string {
  const stem = options.fileName.replace(/\.[^.]+$/, '');
  const isBoilerplate = options.isBoilerplate ?? (() => false);
  const headline = meta.title && meta.title !== stem && meta.title !== options.fileName ? meta.title : undefined;
  const first = headline === undefined ? lede(lines, isBoilerplate) : undefined;
  const what = headline !== undefined ? quotable(headline, false) : first !== undefined ? quotable(first, true) : undefined;
  const who = [meta.outlet ?? meta.author, meta.date ? formatDate(meta.date) : undefined].filter((part): part is string => !!part).join(', ');
  if (what) return who ? `${who}: “${what}”` : `“${what}”`;
  return who || options.fileName;
}
