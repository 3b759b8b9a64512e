import * as chrono from 'chrono-node';
import type { Token } from '../text/tokenize';
import { contains, disjoint, interval, type Interval } from './interval';
import { boundBefore, boundedSpans, calendarSpan, dayNumber, extractPeriods, type DateBound, type Granularity } from './periods';

/** A calendar date or part of one, as stated: only the parts the text states are set. */
export interface DateFact {
  year?: number;
  month?: number;
  day?: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  start: number;
  end: number;
  raw: string;
  /** How finely it is stated; set when the date can be placed in time (it states a year, decade or century). */
  granularity?: Granularity;
  /** Days (since 1970) the date stands for: "in 2024" is all of 2024, "before 1990" everything before it. */
  span?: Interval;
  /** The most the date can mean, its fuzzy edges included ("the late 1970s" may reach 1974). */
  loose?: Interval;
  /** Stated as a limit ("before", "after", "by", "since"). */
  bound?: DateBound;
}

/**
 * A month or weekday as a word (not a prefix: "decided", "market" and "separate" name no month).
 * "May", "March" and "August" are also an everyday verb or adjective, so only count capitalised.
 */
const MONTH_OR_WEEKDAY = /\b(?:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)day)\b/i;
const CAPITALISED_MONTH = /\b(?:May|MAY|Mar|MAR|March|MARCH|August|AUGUST)\b/;
const namesMonthOrWeekday = (text: string) => MONTH_OR_WEEKDAY.test(text) || CAPITALISED_MONTH.test(text);
const VAGUE_DAY = /\b(end|beginning|start|early|mid|middle|late)\b/i;
const RELATIVE = /\b(ago|next|last|this|coming|within|few|past|today|tomorrow|yesterday|tonight|now)\b/i;
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Patterns of chrono's "N units ago" and "N units later" parsers. */
const RELATIVE_UNITS_PATTERN = /\(\?:ago\|before\|earlier\)|\(\?:later\|after\|from now/;

function isRelativeUnitsParser(p: chrono.Parser): boolean {
  try {
    const pattern = (p as { innerPattern?: (context: unknown) => RegExp }).innerPattern?.({});
    return pattern instanceof RegExp && RELATIVE_UNITS_PATTERN.test(pattern.source);
  } catch {
    return false;
  }
}

/** Words without which chrono's "five years ago" and "two weeks later" parsers find nothing. */
const RELATIVE_UNITS_WORD = /\b(?:ago|before|earlier|later|after|from now|henceforth|forward|out)\b/i;

/**
 * chrono's casual English parsers, and the same without its "N units ago/later" parsers for the
 * many sentences that lack the words those need: their patterns (every number word times every
 * time unit) are the costliest chrono runs, so most sentences skip them, with the same results.
 */
const fullParser = chrono.casual;

/**
 * V8 compiles a regular expression to machine code separately for strings stored one byte per
 * character and for two-byte strings. For chrono's largest patterns the one-byte compile takes
 * ~90 ms against ~11 ms for two-byte: a stall in the middle of someone's typing, the first time a
 * plain-ASCII sentence reaches them. An invisible word joiner after the text makes every text
 * chrono reads two-byte; it is not a word character, so no pattern matches differently.
 */
const TWO_BYTE_TAIL = '\u2060';
const lightParser = ((): chrono.Chrono => {
  const configuration = chrono.en.configuration.createCasualConfiguration();
  return new chrono.Chrono({ parsers: configuration.parsers.filter((p) => !isRelativeUnitsParser(p)), refiners: configuration.refiners });
})();

/**
 * Extracts stated dates. chrono-node reads the many written forms (Jan. 12, 12 January, March
 * 2014, Monday); only the components the text states are kept, so relative phrases ("within a few
 * days") that chrono resolves against a reference date are dropped rather than invented.
 */
export function extractDates(text: string, tokens: Token[], published?: string): DateFact[] {
  const facts: DateFact[] = [];
  const occupied: [number, number][] = [];
  for (const p of extractPeriods(text)) {
    if (occupied.some(([a, b]) => p.start < b && a < p.end)) continue;
    facts.push({ start: p.start, end: p.end, raw: p.raw, granularity: p.granularity, span: p.span, loose: p.loose });
    occupied.push([p.start, p.end]);
  }
  const periods = occupied.length;
  let results: chrono.ParsedResult[] = [];
  // chrono is the costliest step of analysing a sentence; most sentences name no month, weekday
  // or year at all, and then there is nothing for it to find.
  if (namesMonthOrWeekday(text) || /\b\d{4}\b/.test(text)) {
    try {
      // "the morning of Tuesday, March 25" is that day: chrono reads the time of day and leaves
      // the date uncertain, so the words before the date are blanked, offsets kept.
      const dayOnly = text.replace(/\b(?:morning|afternoon|evening|night) of\b/gi, (m) => ' '.repeat(m.length));
      results = (RELATIVE_UNITS_WORD.test(text) ? fullParser : lightParser).parse(dayOnly + TWO_BYTE_TAIL, REFERENCE);
    } catch {
      results = [];
    }
  }
  for (const whole of results) {
    const stated = whole.text.replace(/[\s,.;:\u2060]+$/, '');
    if (!namesMonthOrWeekday(stated) && !/\b\d{4}\b/.test(stated)) continue;
    if (periods && occupied.some(([a, b]) => whole.index < b && a < whole.index + stated.length)) continue;
    for (const [raw, start, c] of rangeEnds(whole, stated)) {
      const fact: DateFact = { start, end: start + raw.length, raw };
      const relative = RELATIVE.test(raw);
      if (c.isCertain('year') && !relative) fact.year = c.get('year') ?? undefined;
      if (c.isCertain('month') && !relative) fact.month = c.get('month') ?? undefined;
      if (c.isCertain('day') && !VAGUE_DAY.test(raw) && !relative) fact.day = c.get('day') ?? undefined;
      if (c.isCertain('weekday') && /day\b/i.test(raw)) fact.weekday = c.get('weekday') ?? undefined;
      if (fact.year === undefined && fact.month === undefined && fact.day === undefined && fact.weekday === undefined) continue;
      facts.push(fact);
      occupied.push([fact.start, fact.end]);
    }
  }
  // Bare years ("in 2014", "the 2024 campaign") are dates too; chrono leaves them alone.
  occupied.sort((a, b) => a[0] - b[0]);
  let o = 0;
  for (const t of tokens) {
    // "1,000" with a thousands separator is a count, never a year.
    if (!t.isNumber || !/^\d{4}$/.test(t.norm) || !/^\d{4}$/.test(t.raw)) continue;
    const year = Number(t.norm);
    if (year < 1000 || year > 2200) continue;
    // Tokens and spans both run in text order: one pass, not a scan per token.
    while (o < occupied.length && occupied[o][1] <= t.start) o++;
    if (o < occupied.length && t.start >= occupied[o][0]) continue;
    const next = tokens[t.index + 1];
    // "1500 troops" counts things; a plural noun right after the number marks a count.
    if (next && !next.stop && !next.capitalized && /s$/.test(next.norm) && next.start - t.end <= 1 && !/^(s|'s)$/.test(next.norm)) continue;
    if (/[$€£]/.test(text[t.start - 1] ?? '')) continue;
    // "1000s of people" are thousands; the decades ("1960s") were read as periods already.
    if (/^['’]?s\b/.test(text.slice(t.end, t.end + 3))) continue;
    facts.push({ year, start: t.start, end: t.end, raw: t.raw });
  }
  facts.sort((a, b) => a.start - b.start);
  const pub = published ? publicationDay(published) : undefined;
  for (const f of facts) placeInTime(text, f, pub);
  return facts;
}

/** What separates the two ends of a stated range: a dash, "to", "until", "through". */
const RANGE_SEPARATOR = /\s*(?:[\u2013\u2014-]|\b(?:to|until|till|through)\b)\s*/;

/**
 * A range chrono reads as one result ("August 15, 1879 – June 18, 1961") is two dates, each a slot
 * of its own: a death date changed leaves the birth date as it was. A single date is itself.
 */
function rangeEnds(r: chrono.ParsedResult, raw: string): [string, number, chrono.ParsedComponents][] {
  const sep = r.end ? RANGE_SEPARATOR.exec(raw.slice(1)) : null;
  if (!r.end || !sep) return [[raw, r.index, r.start]];
  const cut = sep.index + 1;
  const endAt = cut + sep[0].length;
  const first = raw.slice(0, cut).replace(/[\s,]+$/, '');
  // "Jan. 12-15": an end that names no month or year of its own is read with the whole.
  const last = raw.slice(endAt);
  if (!namesMonthOrWeekday(last) && !/\b\d{4}\b/.test(last)) return [[raw, r.index, r.start]];
  return [
    [first, r.index, r.start],
    [last, r.index + endAt, r.end],
  ];
}

/** Sets the days a date stands for, from its parts or its period, and any limit word before it. */
function placeInTime(text: string, f: DateFact, published: number | undefined): void {
  if (!f.span && published !== undefined && f.weekday !== undefined && f.year === undefined && f.month === undefined && f.day === undefined) {
    resolveWeekday(text, f, published);
    return;
  }
  if (!f.span && published !== undefined && f.year === undefined && f.month !== undefined && f.day !== undefined) {
    placeInPublicationYear(f, published);
    return;
  }
  if (!f.span) {
    const span = calendarSpan(f.year, f.month, f.day);
    if (!span) return;
    f.span = span;
    f.loose = span;
    f.granularity = f.day !== undefined && f.month !== undefined ? 'day' : f.month !== undefined ? 'month' : 'year';
  }
  const bound = boundBefore(text, f.start);
  if (!bound) return;
  const spans = boundedSpans(bound, f.span);
  f.bound = bound;
  f.span = spans.span;
  f.loose = boundedSpans(bound, f.loose ?? f.span).loose;
}

const publicationDay = (iso: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
};
const FUTURE = /\b(?:will|shall|would|next|plans?|planned|scheduled|expected|due|set to|going to)\b/i;

/**
 * "On Tuesday" in a dated article: the Tuesday of the week around its publication, the one before
 * it (or that day) unless the sentence looks ahead. It can support a claim that gives the date; it
 * contradicts none, since the reading is only the likely one.
 */
function resolveWeekday(text: string, f: DateFact, published: number): void {
  const back = (weekdayOf(published) - f.weekday! + 7) % 7;
  const day = FUTURE.test(text) ? published + ((7 - back) % 7) : published - back;
  f.span = interval(day, day);
  f.loose = interval(-Infinity, Infinity);
  f.granularity = 'day';
}

/**
 * "Jan. 12" in a dated article: that day in the year of publication (the year before when it would
 * lie months ahead). Like a weekday placed by the article's date, it can support a claim that names
 * the day ("on Sunday", "Jan. 12, 2025") but contradicts none: the year is only the likely one.
 */
function placeInPublicationYear(f: DateFact, published: number): void {
  let day = dayNumber(new Date(published * 86_400_000).getUTCFullYear(), f.month!, f.day!);
  if (day > published + 60) day = dayNumber(new Date(published * 86_400_000).getUTCFullYear() - 1, f.month!, f.day!);
  f.span = interval(day, day);
  f.loose = interval(-Infinity, Infinity);
  f.granularity = 'day';
}

/** The day of the week of a day number (day 0, 1970-01-01, was a Thursday; Sunday is 0). */
const weekdayOf = (d: number) => (((d + 4) % 7) + 7) % 7;

/** Every component both dates state agrees (dates not placed in time: "Jan. 12", "on Monday"). */
function sameParts(a: DateFact, b: DateFact): boolean {
  let shared = 0;
  for (const k of ['year', 'month', 'day', 'weekday'] as const) {
    if (a[k] !== undefined && b[k] !== undefined) {
      if (a[k] !== b[k]) return false;
      shared++;
    }
  }
  return shared > 0;
}

/**
 * The source date `b` states the claim date `a`: every day `b` allows, `a` allows ("in 2024" ⊇
 * "Dec. 3, 2024", "the 1960s" ⊇ 1963). A claim more precise than its source ("Dec. 3, 2024"
 * against "2024") is not stated by it. Dates without a year are compared part by part.
 */
export function sameDate(a: DateFact, b: DateFact): boolean {
  // "On Sunday" is stated by a source that gives the day itself, placed in time ("Jan. 12, 2025",
  // or "Jan. 12" in an article of that January): that day was a Sunday.
  const weekdayOnly = a.weekday !== undefined && a.year === undefined && a.month === undefined && a.day === undefined;
  if (!a.span && weekdayOnly && b.span && b.granularity === 'day' && b.span.lo === b.span.hi) return weekdayOf(b.span.lo) === a.weekday;
  if (a.span && b.span) {
    if (a.weekday !== undefined && b.weekday !== undefined && a.weekday !== b.weekday) return false;
    // Two limits of one kind state their own dates: "by 2040" does not say "by 2042".
    if (a.bound && a.bound === b.bound) return a.span.lo === b.span.lo && a.span.hi === b.span.hi;
    return contains(a.span, b.span);
  }
  // "Tuesday, March 25" is not stated by "Tuesday", nor "March 25" by "March".
  if ((['month', 'day'] as const).some((k) => a[k] !== undefined && b[k] === undefined)) return false;
  return sameParts(a, b);
}

/**
 * The dates cannot both be true: no day fits both, even read loosely (March 1850 vs March 4,
 * 1851; the 18th century vs the 13th). Two limits of the same kind ("since 1990" / "since 1995")
 * are compared by the dates they name.
 */
export function conflictingDates(a: DateFact, b: DateFact): boolean {
  if (a.span && b.span) {
    if (a.bound && a.bound === b.bound) return disjoint(a.span, b.span);
    return disjoint(a.loose ?? a.span, b.loose ?? b.span);
  }
  // A weekday alone against a calendar date cannot be compared without a calendar year.
  const comparable = (['year', 'month', 'day'] as const).some((k) => a[k] !== undefined && b[k] !== undefined);
  if (!comparable) return a.weekday !== undefined && b.weekday !== undefined && a.weekday !== b.weekday;
  // Jan. 12 vs 2017 share nothing; only compare when the claim's stated parts are all stated by the source.
  for (const k of ['year', 'month', 'day'] as const) if (a[k] !== undefined && b[k] === undefined && k !== 'year') return false;
  return !sameParts(a, b) && (['year', 'month', 'day'] as const).some((k) => a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]);
}

/**
 * The dates may be the same time, one stated less precisely (2014 for March 2014, "the 1960s" for
 * 1963): the source speaks of the claim's date without stating it.
 */
export function overlappingDates(a: DateFact, b: DateFact): boolean {
  if (a.span && b.span) {
    // A weekday placed by the article's date may be any day when read loosely: it is no counterpart.
    const loose = b.loose ?? b.span;
    return !(loose.lo === -Infinity && loose.hi === Infinity) && !disjoint(a.loose ?? a.span, loose);
  }
  return sameParts(a, b);
}

/** Tokens covered by the dates, so the number extractor does not read them again. */
export function dateTokenIndexes(dates: DateFact[], tokens: Token[]): Set<number> {
  const taken = new Set<number>();
  let d = 0;
  // Both lists are in text order (dates sorted by start, non-overlapping): a single merge pass.
  for (const t of tokens) {
    while (d < dates.length && dates[d].end <= t.start) d++;
    if (d < dates.length && t.start >= dates[d].start && t.end <= dates[d].end) taken.add(t.index);
  }
  return taken;
}
