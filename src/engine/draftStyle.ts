import { AP_MONTHS, CARDINAL_WORDS } from './text/lexicon';
import type { Conflict } from './types';

/**
 * The source's value in the draft's style. A writer who writes "Jan. 15", "15 January", "five",
 * "9500" or "40 percent" wants the corrected value written the same way; the format is read from
 * the words the fix replaces, and where they do not show it, from the rest of the draft.
 */

/** The conflict's source value written the way the draft writes its claimed value. */
export function inDraftStyle(text: string, c: Pick<Conflict, 'kind' | 'claimed' | 'source' | 'offset' | 'length'>): string {
  try {
    if (c.kind === 'number') return numberInStyle(text, c) ?? c.source;
    if (c.kind === 'date') return dateInStyle(text, c) ?? c.source;
  } catch {
    // A value we cannot read is better put in as the source writes it than not at all.
  }
  return c.source;
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12 };
const GROUP_SEPARATORS = ',\u202f\u00a0\u2009\u2007';

interface Quantity {
  /** The currency sign before the figure, or ''. */
  sign: string;
  /** The figure without its scale word: 3.2 in "3.2 million". */
  figure: number;
  /** Decimal places written in the figure. */
  decimals: number;
  /** The scale word as written ("million", "m", "bn") and its factor; factor 1 without one. */
  scaleWord?: string;
  scale: number;
  /** The space or hyphen between the figure and the scale word. */
  scaleGap: string;
  percent: boolean;
  /** Written in words ("five", "twenty-five"), with the joiner between tens and ones. */
  words?: { joiner: string; capital: boolean };
  /** The thousands separator the figure shows: a character, '' when a long figure has none, undefined when it is too short to tell. */
  separator?: string;
  /** Digits before the decimal point. */
  intDigits: number;
}

function parseQuantity(raw: string): Quantity | undefined {
  const m = /^([$€£¥]?)\s?(.+?)(?:([\s-]?)(hundred|thousand|million|billion|trillion|mn|bn|tn|[kmb]))?(%?)$/i.exec(raw.trim());
  if (!m) return undefined;
  const [, sign, body, gap, scaleWord, percent] = m;
  const scale = scaleWord ? SCALES[scaleWord.toLowerCase()] : 1;
  // A one-letter scale ("3.2m") is glued to the figure; "5 m" is five metres.
  if (scaleWord && scaleWord.length === 1 && gap) return undefined;
  const digits = new RegExp(`^(\\d{1,3}(?:([${GROUP_SEPARATORS}])\\d{3})+|\\d+)(?:\\.(\\d+))?$`).exec(body);
  if (digits) {
    const intPart = digits[1].replace(new RegExp(`[${GROUP_SEPARATORS}]`, 'g'), '');
    const separator = digits[2] ?? (intPart.length >= 4 ? '' : undefined);
    return { sign, figure: Number(`${intPart}.${digits[3] ?? '0'}`), decimals: digits[3]?.length ?? 0, scaleWord, scale, scaleGap: gap ?? '', percent: percent === '%', separator, intDigits: intPart.length };
  }
  const words = body.toLowerCase().split(/([\s-]+)/);
  let value = 0;
  let joiner = '-';
  for (let i = 0; i < words.length; i += 2) {
    const n = CARDINAL_WORDS[words[i]];
    if (n === undefined) return undefined;
    if (i > 0) {
      // Only "twenty-five": a tens word and a ones word.
      if (!(value >= 20 && value % 10 === 0 && n < 10) || i > 2) return undefined;
      joiner = words[i - 1].includes('-') ? '-' : ' ';
    }
    value += n;
  }
  return { sign, figure: value, decimals: 0, scaleWord, scale, scaleGap: gap ?? ' ', percent: percent === '%', words: { joiner, capital: /^\p{Lu}/u.test(body) }, intDigits: String(value).length };
}

function numberWords(n: number, joiner: string): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return undefined;
  if (n < 20) return ONES[n];
  return n % 10 ? `${TENS[Math.floor(n / 10)]}${joiner}${ONES[n % 10]}` : TENS[n / 10];
}

function groupDigits(intPart: string, separator: string): string {
  if (!separator || intPart.length < 4) return intPart;
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * The thousands separator the rest of the draft uses: "9,500" against "12500" (a four-digit figure
 * without one is most often a year, so only longer ones say the draft writes none).
 */
function draftSeparator(text: string): string | undefined {
  const grouped = new RegExp(`(?<![\\d.])\\d{1,3}([${GROUP_SEPARATORS}])\\d{3}(?![\\d])`).exec(text);
  const plain = /(?<![\d.,])\d{5,}(?![\d,])/.test(text);
  if (grouped && !plain) return grouped[1];
  if (plain && !grouped) return '';
  return undefined;
}

function numberInStyle(text: string, c: Pick<Conflict, 'claimed' | 'source' | 'offset' | 'length'>): string | undefined {
  const claim = parseQuantity(c.claimed);
  const source = parseQuantity(c.source);
  if (!claim || !source) return undefined;
  const after = text.slice(c.offset + c.length, c.offset + c.length + 12);
  const total = source.figure * source.scale;
  // The claim's scale word when it has one; a figure the claim writes out in full ("3,000,000") is
  // written out too; otherwise the source's scale stays ("1.2 million" is no "1200000" in prose).
  let scale = source.scale;
  let scaleWord = source.scaleWord;
  let scaleGap = source.scaleGap;
  if (claim.scaleWord) {
    scale = claim.scale;
    scaleWord = claim.scaleWord;
    scaleGap = claim.scaleGap;
  } else if (source.scaleWord && claim.intDigits >= 4) {
    scale = 1;
    scaleWord = undefined;
  }
  const figure = total / scale;
  // As many decimals as the source states, no more: converting scale must not invent precision.
  const places = Math.max(0, source.decimals + Math.round(Math.log10(scale / source.scale)));
  let written: string | undefined;
  if (claim.words && Number.isInteger(figure)) {
    written = numberWords(figure, claim.words.joiner);
    if (written && claim.words.capital) written = written[0].toUpperCase() + written.slice(1);
  }
  if (written === undefined) {
    const fixed = Number(figure.toFixed(Math.min(places, 6))).toString();
    if (/e/i.test(fixed)) return undefined;
    const [intPart, frac] = fixed.split('.');
    const separator = claim.separator ?? draftSeparator(text.slice(0, c.offset) + text.slice(c.offset + c.length)) ?? source.separator ?? ',';
    written = groupDigits(intPart, separator) + (frac ? `.${frac}` : '');
  }
  if (scaleWord) written += scaleGap + scaleWord;
  // The claim's currency sign, unless the draft names the currency after the figure ("60 billion dollars").
  let sign = claim.sign || source.sign;
  if (!claim.sign && /^[\s-]*(?:dollars?|euros?|pounds?|yen|usd|eur|gbp)\b/i.test(after)) sign = '';
  // A percent sign, unless the draft writes the word after the figure ("40 percent").
  let percent = claim.percent || source.percent;
  if (!claim.percent && /^\s*(?:per\s?cent|pct)\b/i.test(after)) percent = false;
  return `${sign}${written}${percent ? '%' : ''}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Abbreviations with a period as most newsrooms write them: short months stay whole. */
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month or weekday name in any of its written forms: the full name, or a prefix of three letters or more. */
function nameIndex(word: string, names: string[]): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  // "Tues", "Thurs", "Sept": an abbreviation is a prefix of the name.
  return names.findIndex((n) => n.startsWith(w));
}

type NameForm = 'full' | 'dotted' | 'short';

function formOf(word: string, names: string[]): NameForm {
  const i = nameIndex(word, names);
  if (i >= 0 && word.replace(/\.$/, '').toLowerCase() === names[i]) return 'full';
  return word.endsWith('.') ? 'dotted' : 'short';
}

interface DateParts {
  weekday?: { index: number; word: string };
  month?: { index: number; word: string };
  day?: { n: number; ordinal: boolean };
  year?: { n: number; short: boolean };
  /** Day before month: "15 January". */
  dayFirst: boolean;
  /** "January 15, 2025" rather than "January 15 2025". */
  yearComma: boolean;
  /** A comma after the weekday: "Monday, Jan. 15". */
  weekdayComma: boolean;
  /** "15th of January". */
  of: boolean;
  /** Words before and after the date itself ("on", "in"), kept as written. */
  prefix: string;
  suffix: string;
  numeric?: { kind: 'iso' } | { kind: 'slash'; separator: string; dayFirst: boolean | undefined; padded: boolean };
}

const DATE_WORD = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([/.])\d{1,2}\1\d{2,4}|'\d{2}|\d+(?:st|nd|rd|th)?|[\p{L}]+\.?|[,]/gu;

function parseDate(raw: string): DateParts | undefined {
  const parts: DateParts = { dayFirst: false, yearComma: false, weekdayComma: false, of: false, prefix: '', suffix: '' };
  let first = -1;
  let last = -1;
  let pendingOf = false;
  for (const m of raw.matchAll(DATE_WORD)) {
    const w = m[0];
    const at = m.index;
    let used = true;
    if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(w)) {
      const [y, mo, d] = w.split('-').map(Number);
      Object.assign(parts, { year: { n: y, short: false }, month: { index: mo - 1, word: '' }, day: { n: d, ordinal: false }, numeric: { kind: 'iso' } });
    } else if (/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(w)) {
      const separator = m[1];
      const [a, b, y] = w.split(separator).map(Number);
      const dayFirst = a > 12 ? true : b > 12 ? false : undefined;
      const [d, mo] = dayFirst ? [a, b] : [b, a];
      Object.assign(parts, { year: { n: y < 100 ? 2000 + y : y, short: y < 100 }, month: { index: mo - 1, word: '' }, day: { n: d, ordinal: false }, numeric: { kind: 'slash', separator, dayFirst, padded: /(?:^|[/.])0\d/.test(w) } });
    } else if (/^'\d{2}$/.test(w) && !parts.year) parts.year = { n: 2000 + Number(w.slice(1)), short: true };
    else if (/^\d{4}$/.test(w) && !parts.year) {
      parts.year = { n: Number(w), short: false };
      if (parts.day && !parts.dayFirst && raw.slice(last, at).includes(',')) parts.yearComma = true;
    } else if (/^\d{1,2}(?:st|nd|rd|th)?$/i.test(w) && !parts.day && Number.parseInt(w, 10) >= 1 && Number.parseInt(w, 10) <= 31) {
      parts.day = { n: Number.parseInt(w, 10), ordinal: /\D/.test(w) };
      if (!parts.month) parts.dayFirst = true;
    } else if (/^\p{L}/u.test(w) && nameIndex(w, MONTHS) >= 0 && !parts.month && (w.length > 3 || /^\p{Lu}/u.test(w))) {
      // "mar" or "may" in lower case are words, not months.
      if (w.toLowerCase() === 'may' && !/^\p{Lu}/u.test(w)) used = false;
      else {
        parts.month = { index: nameIndex(w, MONTHS), word: w };
        if (pendingOf) parts.of = true;
      }
    } else if (/^\p{L}/u.test(w) && nameIndex(w, WEEKDAYS) >= 0 && !parts.weekday && /^\p{Lu}/u.test(w)) {
      parts.weekday = { index: nameIndex(w, WEEKDAYS), word: w };
      if (raw.slice(at + w.length).trimStart().startsWith(',')) parts.weekdayComma = true;
    } else if (w === ',' || (w.toLowerCase() === 'of' && parts.day && !parts.month)) {
      pendingOf = w.toLowerCase() === 'of';
      if (first >= 0) continue;
      used = false;
    } else used = false;
    if (!used) {
      if (first >= 0) break;
      continue;
    }
    if (first < 0) first = at;
    last = at + w.length;
  }
  if (first < 0 || !(parts.month || parts.weekday || parts.year)) return undefined;
  parts.prefix = raw.slice(0, first);
  parts.suffix = raw.slice(last);
  return parts;
}

/** How the rest of the draft writes months and dates, for a claim that does not show it ("on Monday"). */
function draftDateStyle(text: string): { form?: NameForm; dayFirst?: boolean; forms: Map<number, string> } {
  const forms = new Map<number, string>();
  const counts = { full: 0, dotted: 0, short: 0 };
  let dayFirst = 0;
  let monthFirst = 0;
  for (const m of text.matchAll(/\b(\d{1,2}(?:st|nd|rd|th)?\s+)?(\p{Lu}\p{Ll}{2,8}\.?)(\s+\d{1,2}\b)?/gu)) {
    if (!m[1] && !m[3]) continue;
    const i = nameIndex(m[2], MONTHS);
    if (i < 0) continue;
    const form = formOf(m[2], MONTHS);
    counts[form]++;
    if (form !== 'full') forms.set(i, m[2]);
    if (m[1]) dayFirst++;
    else monthFirst++;
  }
  const best = (Object.entries(counts) as Array<[NameForm, number]>).sort((a, b) => b[1] - a[1])[0];
  return { form: best[1] > 0 ? best[0] : undefined, dayFirst: dayFirst === monthFirst ? undefined : dayFirst > monthFirst, forms };
}

/**
 * A month in an abbreviated form: the draft's own spelling of that month when it has one, else the
 * usual abbreviation of the form — with a period, newsroom style ("Sept.", "March"), unless the draft
 * shortens a month that style keeps whole ("Mar."), then three letters throughout.
 */
function monthWord(index: number, form: NameForm, forms: Map<number, string>): string {
  if (form === 'full') return MONTHS[index][0].toUpperCase() + MONTHS[index].slice(1);
  const own = [...forms].find(([i, w]) => i === index && formOf(w, MONTHS) === form);
  if (own) return own[1];
  if (form === 'short') return MONTHS_SHORT[index];
  const threeLetters = [...forms].some(([i, w]) => [2, 3, 5, 6].includes(i) && w.endsWith('.'));
  return threeLetters && [2, 3, 5, 6].includes(index) ? `${MONTHS_SHORT[index]}.` : AP_MONTHS[index];
}

function weekdayWord(index: number, form: NameForm): string {
  const full = WEEKDAYS[index][0].toUpperCase() + WEEKDAYS[index].slice(1);
  if (form === 'full') return full;
  return form === 'dotted' ? `${full.slice(0, 3)}.` : full.slice(0, 3);
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function dateInStyle(text: string, c: Pick<Conflict, 'claimed' | 'source' | 'offset' | 'length'>): string | undefined {
  const claim = parseDate(c.claimed);
  const source = parseDate(c.source);
  if (!claim || !source) return undefined;
  const rest = text.slice(0, c.offset) + text.slice(c.offset + c.length);
  // The claim's precision: a part the draft leaves out stays out, unless that part is all that differs.
  const want = { weekday: !!claim.weekday, month: !!claim.month, day: !!claim.day, year: !!claim.year };
  const onlyWeekday = claim.weekday && !claim.month && !claim.day && !claim.year;
  if (onlyWeekday) Object.assign(want, { month: !!source.month, day: !!source.day, year: false, weekday: !!source.weekday });
  const has = (k: keyof typeof want) => want[k] && source[k] !== undefined;
  const differs = (['weekday', 'month', 'day', 'year'] as const).some((k) => has(k) && valueOf(source, k) !== valueOf(claim, k));
  if (!differs) for (const k of ['month', 'day', 'year'] as const) if (source[k] !== undefined) want[k] = true;
  if (!(['weekday', 'month', 'day', 'year'] as const).some((k) => has(k))) return undefined;

  const style = draftDateStyle(rest);
  const forms = new Map(style.forms);
  if (claim.month?.word && formOf(claim.month.word, MONTHS) !== 'full') forms.set(claim.month.index, claim.month.word);
  if (claim.numeric) return numericDate(claim, source, rest, has);
  const monthForm = claimMonthForm(claim, style.form);
  const dayFirst = claim.month && claim.day ? claim.dayFirst : (style.dayFirst ?? claim.dayFirst);
  const pieces: string[] = [];
  const day = has('day') ? (claim.day?.ordinal ? ordinal(source.day!.n) : String(source.day!.n)) : undefined;
  const month = has('month') ? monthWord(source.month!.index, monthForm, forms) : undefined;
  // "Monday, Jan. 15": the claim's comma when it writes a weekday before a date, else the usual one.
  const weekdayComma = claim.weekday && (claim.day || claim.month) ? claim.weekdayComma : true;
  if (has('weekday')) pieces.push(weekdayWord(source.weekday!.index, claim.weekday ? formOf(claim.weekday.word, WEEKDAYS) : 'full') + (weekdayComma && (day || month) ? ',' : ''));
  if (day && month) pieces.push(dayFirst ? `${day} ${claim.of ? 'of ' : ''}${month}` : `${month} ${day}`);
  else if (month) pieces.push(month);
  else if (day) pieces.push(day);
  if (has('year')) {
    const year = claim.year?.short ? `'${String(source.year!.n).slice(-2)}` : String(source.year!.n);
    // "January 15, 2025", but "January 2025" and "15 January 2025".
    const comma = day && month && !dayFirst && (claim.year ? claim.yearComma : true);
    if (comma) pieces[pieces.length - 1] += ',';
    pieces.push(year);
  }
  return claim.prefix + pieces.join(' ') + claim.suffix;
}

/**
 * The claim's month form; "May" or "June" in full say nothing, since a draft that abbreviates
 * months writes those whole too: then the rest of the draft decides.
 */
function claimMonthForm(claim: DateParts, draftForm: NameForm | undefined): NameForm {
  if (!claim.month?.word) return draftForm ?? 'full';
  const form = formOf(claim.month.word, MONTHS);
  if (form === 'full' && AP_MONTHS[claim.month.index].toLowerCase() === MONTHS[claim.month.index]) return draftForm ?? 'full';
  return form;
}

function valueOf(d: DateParts, k: 'weekday' | 'month' | 'day' | 'year'): number | undefined {
  if (k === 'weekday' || k === 'month') return d[k]?.index;
  return d[k]?.n;
}

function numericDate(claim: DateParts, source: DateParts, rest: string, has: (k: 'month' | 'day' | 'year') => boolean): string | undefined {
  // A numeric date needs every part: "2025-01" or "1/12" alone would read as something else.
  if (!has('month') || !has('day') || !has('year') || !claim.numeric) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const { n: year } = source.year!;
  const month = source.month!.index + 1;
  const day = source.day!.n;
  if (claim.numeric.kind === 'iso') return `${claim.prefix}${year}-${pad(month)}-${pad(day)}${claim.suffix}`;
  let dayFirst = claim.numeric.dayFirst;
  if (dayFirst === undefined) {
    for (const m of rest.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\b/g)) {
      if (Number(m[1]) > 12) dayFirst = true;
      else if (Number(m[2]) > 12) dayFirst = false;
      if (dayFirst !== undefined) break;
    }
  }
  // Which of "1/12" is the month the draft does not say: better the source's words than a guess.
  if (dayFirst === undefined && day !== month) return undefined;
  const sep = claim.numeric.separator;
  const y = claim.year?.short ? pad(year % 100) : String(year);
  const [a, b] = (dayFirst ? [day, month] : [month, day]).map((n) => (claim.numeric?.kind === 'slash' && claim.numeric.padded ? pad(n) : String(n)));
  return `${claim.prefix}${a}${sep}${b}${sep}${y}${claim.suffix}`;
}
