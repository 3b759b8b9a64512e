import { CARDINAL_WORDS } from '../text/lexicon';
import type { Token } from '../text/tokenize';
import { contains, disjoint, scale, widen, type Interval } from './interval';
import { type Hedge, hedgeBefore, isOffsetWord, mergeRanges, roundingUnit, statedRange } from './quantityRange';

/** A quantity stated in a text, in digits or words, normalised to a base unit. */
export interface NumberFact {
  /** Value as written, in the unit written ("two decades" → 2). */
  value: number;
  /** Value in the base unit of its dimension ("two decades" → 20 years → 7305 days). */
  base: number;
  /** Dimension or counted noun: 'time', 'percent', 'usd', 'eur', 'gbp', 'currency ₩' (any other sign), or the counted noun's term. */
  unit?: string;
  /** The unit word as written ("decades"), when there is one. */
  unitRaw?: string;
  /** Hedged ("almost", "about") or vague ("several weeks"): compared with some slack. */
  approx: boolean;
  /** A vague count ("several", "a few"): only its unit says anything. */
  vague: boolean;
  start: number;
  end: number;
  raw: string;
  /** The number as written, without its unit ("$60 billion", "96%", "two"): what a fix replaces. */
  valueRaw: string;
  valueEnd: number;
  /** Token index range [first, last] covered, unit included. */
  firstToken: number;
  lastToken: number;
  /**
   * The values the text allows, in the unit written: "more than 40" → (40, ∞), "about 40" → 40 ± 10%,
   * "5 to 10" → [5, 10], a figure rounded to millions ("40 million") → 40 million ± half a million.
   */
  range: Interval;
  /** Base units per written unit (days per "decade"; 1 when there is no time unit). */
  unitSize: number;
  /** A time reckoned from another ("three years later", "two weeks ago"), not a length of time. */
  offset?: boolean;
  /** A quantity per something ("100 degrees per billion years", "$22 billion a year"): comparable only with another rate. */
  rate?: boolean;
  /** What the figure measures, named before it ("a magnitude of 7.6", "magnitude 7.6"), as a term. */
  measure?: string;
  /** The comparator or hedge that bounds it ("more than" → 'above'). */
  hedge?: Hedge;
  /** Words of that comparator right before `firstToken`: part of the quantity, not words of their own. */
  hedgeWords?: number;
  /** A range written with both ends ("5 to 10", "16-24%"): each end is a figure the text states. */
  bothEnds?: boolean;
}

const SMALL: Record<string, number> = { ...CARDINAL_WORDS, dozen: 12, half: 0.5, single: 1, couple: 2, both: 2, twice: 2, thrice: 3 };
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 };

/** Time units in days, so "two decades" equals "20 years". */
const TIME_UNITS: Record<string, number> = {
  second: 1 / 86400, seconds: 1 / 86400, minute: 1 / 1440, minutes: 1 / 1440, hour: 1 / 24, hours: 1 / 24,
  day: 1, days: 1, week: 7, weeks: 7, fortnight: 14, month: 30.4375, months: 30.4375, year: 365.25,
  years: 365.25, decade: 3652.5, decades: 3652.5, century: 36525, centuries: 36525,
};
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'usd', dollars: 'usd', usd: 'usd', euro: 'eur', euros: 'eur', eur: 'eur', pound: 'gbp', pounds: 'gbp',
  gbp: 'gbp', percent: 'percent', pct: 'percent',
};
const CURRENCY_SIGNS: Record<string, string> = { $: 'usd', '€': 'eur', '£': 'gbp' };
const SINGLE_UNITS = new Set(['hour', 'day', 'week', 'fortnight', 'month', 'year', 'decade', 'century']);
const VAGUE_COUNTS: Record<string, number> = { several: 3, few: 3, couple: 2 };
/**
 * Names of a measure that come before its figure ("a magnitude of 7.6", "magnitude 7.6", "a depth of
 * 16 kilometers"): the figure measures that, whatever word follows it.
 */
const MEASURE_NAMES = new Set([
  'magnitude', 'depth', 'height', 'length', 'width', 'temperature', 'speed', 'altitude', 'elevation', 'diameter',
  'distance', 'weight', 'population', 'capacity', 'score', 'category', 'level', 'grade',
]);

/** The measure named right before the figure at token `i`, or after "of" there. */
function measureBefore(tokens: Token[], i: number): string | undefined {
  const prev = tokens[i - 1];
  const named = prev?.norm === 'of' ? tokens[i - 2] : prev;
  return named && MEASURE_NAMES.has(named.norm) ? named.term : undefined;
}

const APPROX_WORDS = new Set(['almost', 'nearly', 'about', 'around', 'approximately', 'roughly', 'some', 'over', 'under', 'more', 'less', 'least', 'up', 'circa', 'estimated', 'close']);

function wordValue(t: Token): number | undefined {
  if (t.isNumber) {
    const v = Number(t.norm);
    return Number.isFinite(v) ? v : undefined;
  }
  return SMALL[t.norm];
}

const FRACTION_DENOMINATORS: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4 };

/**
 * A share written as a fraction of something ("half of the staff", "a third of voters",
 * "two-thirds of the budget"): a percentage, so "less than half" meets "56%".
 */
function shareOf(text: string, tokens: Token[], i: number): NumberFact | undefined {
  const t = tokens[i];
  const next = tokens[i + 1];
  let numerator: number | undefined;
  let last: number;
  if (t.norm === 'half' && next?.norm === 'of') {
    numerator = 1;
    last = i;
  } else {
    numerator = t.norm === 'a' || t.norm === 'one' ? 1 : CARDINAL_WORDS[t.norm];
    if (numerator === undefined || !next || !FRACTION_DENOMINATORS[next.norm] || tokens[i + 2]?.norm !== 'of') return undefined;
    if (!/^[\s-]$/.test(text.slice(t.end, next.start))) return undefined;
    last = i + 1;
  }
  const denominator = t.norm === 'half' ? 2 : FRACTION_DENOMINATORS[tokens[last].norm];
  const value = (100 * numerator) / denominator;
  if (!(value > 0 && value < 100)) return undefined;
  const hedged = hedgeBefore(text, tokens, i);
  const end = tokens[last].end;
  const fact: NumberFact = {
    value, base: value, unit: 'percent', approx: !!hedged, vague: false, start: t.start, end, raw: text.slice(t.start, end),
    valueRaw: text.slice(t.start, end), valueEnd: end, firstToken: i, lastToken: last, range: statedRange(value, 0, hedged?.hedge, false), unitSize: 1,
  };
  if (hedged) {
    fact.hedge = hedged.hedge;
    fact.hedgeWords = hedged.words;
  }
  return fact;
}

/**
 * Finds quantities in a token stream. `taken` marks tokens already claimed by dates, so a year
 * or a day of the month is not read twice.
 */
export function extractNumbers(text: string, tokens: Token[], taken: Set<number>): NumberFact[] {
  const facts: NumberFact[] = [];
  /** The scale words' factor of each fact ("40 million" → 1e6), for ranges that state it once. */
  const scales: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    const share = shareOf(text, tokens, i);
    if (share) {
      facts.push(share);
      scales.push(1);
      i = share.lastToken;
      continue;
    }
    const t = tokens[i];
    let value = wordValue(t);
    // "a decade", "a dozen": the article stands for one.
    if (value === undefined && i + 1 < tokens.length && TIME_UNITS[tokens[i + 1].norm] && tokens[i + 1].start - t.end <= 1) {
      const unitToken = tokens[i + 1].norm;
      // "a week", "a decade": the article stands for one; "several weeks", "a few months": a vague
      // count, enough to tell weeks from months.
      // "$22 billion a year" is a rate, not a length of time.
      const rate = facts.length > 0 && facts[facts.length - 1].lastToken === i - 1;
      if ((t.norm === 'a' || t.norm === 'an') && SINGLE_UNITS.has(unitToken) && !rate) value = 1;
      else if (VAGUE_COUNTS[t.norm] !== undefined && unitToken.endsWith('s')) value = VAGUE_COUNTS[t.norm];
      else continue;
    }
    if (value === undefined) continue;
    // "one" is usually a pronoun ("one of them"); only count it before a unit or a noun it counts.
    let j = i;
    let scaleProduct = 1;
    // Compose word numbers: "twenty five", "two hundred thousand", "60 billion".
    while (j + 1 < tokens.length && !taken.has(j + 1) && tokens[j + 1].start - tokens[j].end <= 1) {
      const next = tokens[j + 1];
      const scale = SCALE[next.norm];
      const small = !next.isNumber ? SMALL[next.norm] : undefined;
      if (scale !== undefined && !(next.norm.length === 1 && text[next.start - 1] === ' ')) {
        value *= scale;
        if (scale >= 1e3) scaleProduct *= scale;
        j++;
      } else if (small !== undefined && small < 10 && value >= 20 && value % 10 === 0 && !tokens[j].isNumber) {
        value += small;
        j++;
      } else break;
    }
    let start = t.start;
    const before = tokens[i - 1];
    const vague = VAGUE_COUNTS[t.norm] !== undefined;
    const hedged = hedgeBefore(text, tokens, i);
    const hedge = hedged?.hedge;
    const approx = vague || !!hedge || (!!before && APPROX_WORDS.has(before.norm));
    const rounding = roundingUnit(t, scaleProduct);
    const sign = text[start - 1];
    // Any other currency sign (₩, ¥, ₹…) is money too, in a currency of its own.
    let unit: string | undefined = sign ? (CURRENCY_SIGNS[sign] ?? (/\p{Sc}/u.test(sign) ? `currency ${sign}` : undefined)) : undefined;
    if (unit) start -= 1;
    let unitRaw: string | undefined;
    let base = value;
    let unitSize = 1;
    let last = j;
    if (text[tokens[j].end] === '%') {
      unit = 'percent';
      unitRaw = '%';
    } else if (j + 1 < tokens.length) {
      const next = tokens[j + 1];
      const gap = text.slice(tokens[j].end, next.start);
      if (/^[\s-]?$/.test(gap)) {
        const time = TIME_UNITS[next.norm];
        if (time !== undefined) {
          unit = 'time';
          base = value * time;
          unitSize = time;
          unitRaw = next.raw;
          last = j + 1;
        } else if (CURRENCY_WORDS[next.norm]) {
          unit = CURRENCY_WORDS[next.norm];
          unitRaw = next.raw;
          last = j + 1;
        } else if (next.norm === 'per' && tokens[j + 2]?.norm === 'cent') {
          unit = 'percent';
          unitRaw = 'per cent';
          last = j + 2;
        } else if (!unit && !next.stop && !next.isNumber && !next.capitalized) {
          unit = next.term;
        }
      }
    }
    if (!t.isNumber && value === 1 && !unit) continue;
    if (!t.isNumber && (t.norm === 'both' || t.norm === 'single' || t.norm === 'half') && !unit) continue;
    const percentSign = text[tokens[j].end] === '%';
    const end = percentSign ? tokens[j].end + 1 : tokens[last].end;
    const valueEnd = percentSign ? end : tokens[j].end;
    const range = statedRange(value, unit === 'percent' && !rounding && Number.isInteger(value) ? 1 : rounding, hedge, unit === 'time');
    const offset = unit === 'time' && isOffsetWord(tokens[last + 1]?.norm);
    const fact: NumberFact = { value, base, unit, unitRaw, approx, vague, start, end, raw: text.slice(start, end), valueRaw: text.slice(start, valueEnd), valueEnd, firstToken: i, lastToken: last, range, unitSize };
    if (offset) fact.offset = true;
    const measure = measureBefore(tokens, i);
    if (measure) fact.measure = measure;
    if (isRate(text, tokens, last + 1)) fact.rate = true;
    if (hedged) {
      fact.hedge = hedged.hedge;
      fact.hedgeWords = hedged.words;
    }
    facts.push(fact);
    scales.push(scaleProduct);
    i = last;
  }
  return mergeRanges(text, tokens, facts, scales);
}

/**
 * Slack for exact figures converted between units or copied with a digit less: half a percent, as
 * much as separates 250,000 from 251,200. A figure that already allows a range (rounded, hedged,
 * bounded) gets none: its range says how far it reaches; nor does a whole number under 10,000
 * compared in its own unit, which is written out in full ("the 2018 census" is not "the 2016 census").
 */
const CONVERSION_SLACK = 0.005;
const EXACT_BELOW = 10_000;

/** The values a quantity allows on the scale the comparison uses (base units when both are times), with any slack. */
function rangeFor(f: NumberFact, inBase: boolean): Interval {
  const r = inBase ? scale(f.range, f.unitSize) : f.range;
  if (r.lo !== r.hi) return r;
  const writtenOut = !inBase && Number.isInteger(r.lo) && Math.abs(r.lo) < EXACT_BELOW;
  return writtenOut ? r : widen(r, CONVERSION_SLACK * Math.abs(r.lo));
}

const isUpperLimit = (f: NumberFact) => f.hedge === 'below' || f.hedge === 'atMost';
const isLimit = (f: NumberFact) => f.range.hi === Infinity || isUpperLimit(f);

/** Vague counts ("several weeks") say how long only through their unit: compared as before, by size. */
function sameVague(a: NumberFact, b: NumberFact): boolean {
  if (a.unit !== b.unit) return false;
  const [x, y] = a.unit === 'time' ? [a.base, b.base] : [a.value, b.value];
  return Math.abs(x - y) <= 0.06 * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * The source quantity `b` states what the claim quantity `a` says: every value `b` allows, `a`
 * allows ("more than 9,000" ⊇ "9,500", "about 40 million" ⊇ "38.6 million"). A claim more precise
 * than its source ("40.3 million" against "40 million") is not stated by it.
 */
export function sameQuantity(a: NumberFact, b: NumberFact): boolean {
  if (a.vague || b.vague) return sameVague(a, b);
  // A limit ("less than 100 lines") takes in every small number: a figure counting something else
  // does not state it, nor one whose unit is unknown unless it is the same kind of limit.
  if (isLimit(a)) {
    const sameLimit = isLimit(b) && isUpperLimit(a) === isUpperLimit(b);
    if (a.unit === b.unit ? !!a.offset !== !!b.offset : (!!a.unit && !!b.unit) || !sameLimit) return false;
  }
  const inBase = a.unit === 'time' && b.unit === 'time';
  const source = inBase ? scale(b.range, b.unitSize) : b.range;
  // Two limits or two ranges in the same words state figures of their own: "at least 12" is not what
  // a source saying "at least 21" states, nor "16-36%" what one saying "16-24%" does, though neither
  // contradicts it. In other units the claim is a paraphrase ("over five decades" / "over 60 years").
  const claimed = rangeFor(a, inBase);
  if ((a.unitRaw ?? '').toLowerCase() === (b.unitRaw ?? '').toLowerCase()) {
    const near = (x: number, y: number) => Math.abs(x - y) <= CONVERSION_SLACK * Math.max(Math.abs(x), Math.abs(y));
    if (isLimit(a) && isLimit(b) && isUpperLimit(a) === isUpperLimit(b)) {
      if (!(isUpperLimit(a) ? near(a.range.hi, b.range.hi) : near(a.range.lo, b.range.lo))) return false;
    }
    if (a.bothEnds && b.bothEnds) return near(a.range.lo, b.range.lo) && near(a.range.hi, b.range.hi);
  }
  return contains(claimed, source);
}

/**
 * The two quantities cannot both be true: no value satisfies both ("more than 40 million" and
 * "38 million", "fewer than 9,000" and "more than 9,500"). Each side keeps its slack, so touching
 * ends or a figure that is merely more precise are no contradiction.
 */
export function disjointQuantities(a: NumberFact, b: NumberFact): boolean {
  // "Several decades" may be six of them: a vague count differs from a figure only by its unit
  // ("a few months" against "two years").
  if (a.vague !== b.vague) return a.unit !== b.unit || a.unitSize !== b.unitSize;
  if (a.vague || b.vague) return !sameVague(a, b);
  const inBase = a.unit === 'time' && b.unit === 'time';
  return disjoint(rangeFor(a, inBase), rangeFor(b, inBase));
}

/**
 * Whether two quantities measure the same kind of thing, so a value that cannot be the claim's is a
 * conflict. A length of time and a time reckoned from an event ("lasted five decades" / "three
 * years later") are different kinds.
 */
export function comparableQuantities(a: NumberFact, b: NumberFact): boolean {
  if (!!a.rate !== !!b.rate) return false;
  // The same measure named on either side ("magnitude 7.6 earthquake" / "a magnitude of 7.6 hit"; "a
  // 7.5 magnitude earthquake"): the words after the figures do not matter.
  if (a.measure && b.measure && a.measure !== b.measure) return false;
  const measured = (x: NumberFact) => x.measure ?? x.unit;
  if ((a.measure || b.measure) && measured(a) === measured(b)) return true;
  if (a.unit === 'time' && b.unit === 'time' && !!a.offset !== !!b.offset) return false;
  if (!a.unit || !b.unit) return !a.unit && !b.unit ? true : a.unit === 'time' || b.unit === 'time' ? false : true;
  return a.unit === b.unit;
}

/** Words after a quantity that make it a rate, before any other word or punctuation ends the phrase. */
const RATE_WINDOW = 3;
const PER_UNIT_WORDS = new Set(['a', 'an', 'each', 'every']);
const RATE_ADVERBS = new Set(['annually', 'yearly', 'monthly', 'weekly', 'daily']);

/** The quantity ending before token `k` is a rate: "per", "a year", "each month" or "annually" follows its unit. */
function isRate(text: string, tokens: Token[], k: number): boolean {
  for (let m = k; m < Math.min(tokens.length, k + RATE_WINDOW); m++) {
    if (m > 0 && /[,;:.()]/.test(text.slice(tokens[m - 1].end, tokens[m].start))) return false;
    const n = tokens[m].norm;
    if (n === 'per') return tokens[m + 1]?.norm !== 'cent';
    if (RATE_ADVERBS.has(n)) return true;
    if (PER_UNIT_WORDS.has(n)) return TIME_UNITS[tokens[m + 1]?.norm ?? ''] !== undefined;
    if (tokens[m].stop || tokens[m].isNumber) return false;
  }
  return false;
}

/** A sum of money: dollars, euros, pounds, or any other currency sign ("₩500 million"). */
export function isMoney(unit: string | undefined): boolean {
  return unit === 'usd' || unit === 'eur' || unit === 'gbp' || !!unit?.startsWith('currency ');
}

/**
 * Writes the source quantity in the claim's unit, so replacing the claim's number with it reads
 * naturally: "15 years" against "two decades" gives "20", "72 hours" against "24 hours" gives "24".
 */
export function expressIn(source: NumberFact, claim: NumberFact): string {
  if (claim.unit === 'time' && source.unit === 'time' && claim.value !== 0) {
    const factor = claim.base / claim.value;
    const converted = Math.round((source.base / factor) * 100) / 100;
    if (converted !== source.value || claim.unitSize !== source.unitSize) return String(converted);
  }
  // "a decade" against "two decades": the article is the number one, in the claim's words.
  if (/^an?$/i.test(source.valueRaw)) return /\d/.test(claim.valueRaw) ? '1' : 'one';
  // Keep the claim's own way of writing it: digits stay digits, a % sign stays.
  const claimDigits = /\d/.test(claim.valueRaw);
  if (claimDigits && !/\d/.test(source.valueRaw)) return String(source.value) + (claim.valueRaw.endsWith('%') ? '%' : '');
  if (claim.valueRaw.endsWith('%') && !source.valueRaw.endsWith('%')) return `${source.valueRaw}%`;
  return source.valueRaw;
}
