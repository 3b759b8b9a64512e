import { interval, type Interval } from './interval';

/** How finely a date is stated. */
export type Granularity = 'day' | 'month' | 'year' | 'decade' | 'century';

/** A date stated as a limit ("before 1990", "since March 2014") rather than as the time of an event. */
export type DateBound = 'before' | 'after' | 'by' | 'since';

/** Days since 1970-01-01 (UTC); years before 100 are kept as written, not moved to the 1900s. */
export function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return Math.round(d.getTime() / 86_400_000);
}

const lastDay = (year: number, month: number) => dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;

/** The days of the stated year, month or day; undefined without a year. */
export function calendarSpan(year?: number, month?: number, day?: number): Interval | undefined {
  if (year === undefined) return undefined;
  if (month === undefined) return interval(dayNumber(year, 1, 1), dayNumber(year, 12, 31));
  if (day === undefined) return interval(dayNumber(year, month, 1), lastDay(year, month));
  const d = dayNumber(year, month, day);
  return interval(d, d);
}

const yearsSpan = (from: number, to: number) => interval(dayNumber(from, 1, 1), dayNumber(to, 12, 31));

/** A part of a decade or century: the share of it a reader takes it for, and the most it may stretch to. */
type Part = 'early' | 'mid' | 'late' | 'first' | 'second' | 'turn';
const PART_SHARE: Record<Exclude<Part, 'turn'>, { core: [number, number]; loose: [number, number] }> = {
  early: { core: [0, 0.33], loose: [0, 0.6] },
  mid: { core: [0.33, 0.67], loose: [0.2, 0.8] },
  late: { core: [0.67, 1], loose: [0.4, 1] },
  first: { core: [0, 0.5], loose: [0, 0.5] },
  second: { core: [0.5, 1], loose: [0.5, 1] },
};

function partOf(word: string | undefined): Part | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/^(early|beginning|start|early part)$/.test(w)) return 'early';
  if (/^(mid|middle)$/.test(w)) return 'mid';
  if (/^(late|end|latter part|later part)$/.test(w)) return 'late';
  if (w === 'first half') return 'first';
  if (/^(second|latter) half$/.test(w)) return 'second';
  if (w === 'turn') return 'turn';
  return undefined;
}

function share(start: number, length: number, [a, b]: [number, number]): Interval {
  return yearsSpan(start + Math.floor(a * length), b >= 1 ? start + length - 1 : start + Math.ceil(b * length) - 1);
}

export interface Period {
  start: number;
  end: number;
  raw: string;
  granularity: Granularity;
  /** The years a reader takes it for; a source date inside supports it. */
  span: Interval;
  /** The most it may mean (the fuzzy edges of "the late 1970s"); a date outside contradicts it. */
  loose: Interval;
}

function period(start: number, raw: string, granularity: Granularity, from: number, length: number, part: Part | undefined, looseLength = length): Period {
  const end = start + raw.length;
  if (part === 'turn') {
    // "The turn of the 20th century": the years either side of its start.
    const s = yearsSpan(from - 5, from + 5);
    return { start, end, raw, granularity, span: s, loose: s };
  }
  if (!part) return { start, end, raw, granularity, span: yearsSpan(from, from + length - 1), loose: yearsSpan(from, from + looseLength - 1) };
  const p = PART_SHARE[part];
  return { start, end, raw, granularity, span: share(from, length, p.core), loose: share(from, looseLength, p.loose) };
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21, 'twenty-second': 22,
};
const PART_WORDS = '(?:(early|mid|late|middle)[\\s-]+|the\\s+(beginning|start|middle|end|turn|first\\s+half|second\\s+half|latter\\s+half|latter\\s+part|early\\s+part)\\s+of\\s+the\\s+)?';
const CENTURY = new RegExp(`\\b${PART_WORDS}(\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINALS).join('|')})[\\s-]+century\\b`, 'gi');
/** "1960s", "the 1900's", "mid-1990s"; not "1000s" (thousands) nor "'60s" (no century stated). */
const DECADE = new RegExp(`\\b${PART_WORDS}(\\d{3})0['’]?s\\b`, 'gi');

/**
 * Decades and centuries ("the late 1970s", "the 18th century", "the middle of the 19th century").
 * Written "1900s" is a century before 2000 and a decade after ("the 2000s"); which one it is
 * decides what supports it, and the century is the most it can mean.
 */
export function extractPeriods(text: string): Period[] {
  if (!/\d0['’]?s\b|centur/i.test(text)) return [];
  const found: Period[] = [];
  for (const m of text.matchAll(CENTURY)) {
    const ord = m[3].toLowerCase();
    const n = ORDINALS[ord] ?? parseInt(ord, 10);
    if (!(n >= 1 && n <= 22)) continue;
    found.push(period(m.index!, m[0], 'century', (n - 1) * 100, 100, partOf(m[1] ?? m[2])));
  }
  for (const m of text.matchAll(DECADE)) {
    const first = Number(m[3]) * 10;
    if (first < 1000 || first > 2190 || first % 1000 === 0 && first !== 2000) continue;
    const part = partOf(m[1] ?? m[2]);
    if (first % 100 === 0 && first < 2000) found.push(period(m.index!, m[0], 'century', first, 100, part));
    else found.push(period(m.index!, m[0], 'decade', first, 10, part, first % 100 === 0 && !part ? 100 : 10));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "before 1990", "since the 1960s": the word that makes the date a limit, right before it. */
export function boundBefore(text: string, start: number): DateBound | undefined {
  const m = /\b(before|after|by|since|prior\s+to)\s+(the\s+)?$/i.exec(text.slice(Math.max(0, start - 16), start));
  if (!m) return undefined;
  // "by the 1990s" bounds; in "superseded by the 1752 treaty" the year names which treaty.
  if (m[2] && /^\d{4}(?!s)/.test(text.slice(start))) return undefined;
  const w = m[1].toLowerCase();
  return w.startsWith('prior') ? 'before' : (w as DateBound);
}

/**
 * The days a bounded date allows. "Before 1990" is before its first day (or, loosely, before its
 * last); "after 1990" after its last (loosely, its first); "by 1990" up to its end. "Since 1990"
 * states a start: only that start supports it, but any later date is no contradiction.
 */
export function boundedSpans(bound: DateBound, span: Interval): { span: Interval; loose: Interval } {
  switch (bound) {
    case 'before':
      return { span: interval(-Infinity, span.lo - 1), loose: interval(-Infinity, span.hi) };
    case 'after':
      return { span: interval(span.hi + 1, Infinity), loose: interval(span.lo, Infinity) };
    case 'by':
      return { span: interval(-Infinity, span.hi), loose: interval(-Infinity, span.hi) };
    case 'since':
      return { span, loose: interval(span.lo, Infinity) };
  }
}
