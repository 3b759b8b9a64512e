import type { Token } from '../text/tokenize';
import { interval, point, type Interval } from './interval';
import type { NumberFact } from './numbers';

/** How the words before a number bound it. */
export type Hedge = 'above' | 'atLeast' | 'below' | 'atMost' | 'nearly' | 'justOver' | 'about' | 'over';

/**
 * Comparators and hedges, longest first so "no more than" is not read as "more than" and "just
 * under" not as "under". Words as the tokenizer normalises them ("n't" is "not").
 */
const HEDGES: [string[], Hedge][] = ([
  [['no', 'more', 'than'], 'atMost'], [['not', 'more', 'than'], 'atMost'], [['no', 'fewer', 'than'], 'atLeast'],
  [['no', 'less', 'than'], 'atLeast'], [['not', 'less', 'than'], 'atLeast'], [['a', 'minimum', 'of'], 'atLeast'],
  [['a', 'maximum', 'of'], 'atMost'], [['in', 'excess', 'of'], 'above'], [['just', 'shy', 'of'], 'nearly'],
  [['slightly', 'more', 'than'], 'justOver'], [['slightly', 'less', 'than'], 'nearly'], [['more', 'or', 'less'], 'about'],
  [['more', 'than'], 'above'], [['greater', 'than'], 'above'], [['higher', 'than'], 'above'], [['upwards', 'of'], 'above'],
  [['upward', 'of'], 'above'], [['at', 'least'], 'atLeast'], [['less', 'than'], 'below'], [['fewer', 'than'], 'below'],
  [['lower', 'than'], 'below'], [['at', 'most'], 'atMost'], [['up', 'to'], 'atMost'], [['just', 'under'], 'nearly'],
  [['just', 'below'], 'nearly'], [['just', 'over'], 'justOver'], [['just', 'above'], 'justOver'], [['an', 'estimated'], 'about'],
  [['close', 'to'], 'about'], [['over'], 'over'], [['above'], 'above'], [['exceeding'], 'above'], [['under'], 'below'],
  [['below'], 'below'], [['nearly'], 'nearly'], [['almost'], 'nearly'], [['about'], 'about'], [['around'], 'about'],
  [['approximately'], 'about'], [['roughly'], 'about'], [['some'], 'about'], [['estimated'], 'about'], [['circa'], 'about'],
  [['approx'], 'about'], [['about', 'some'], 'about'],
] as [string[], Hedge][]).sort((a, b) => b[0].length - a[0].length);

/**
 * "About N" and "around N": readers take a round figure so hedged to allow roughly a tenth either
 * way (40 million → 36 to 44 million), more than a figure's own rounding and less than the gap
 * between figures a writer would round to differently (40 vs 30 or 50 million). "Nearly" and
 * "just over" allow the same tenth on one side only.
 */
export const ABOUT_TOLERANCE = 0.1;
export const NEARLY_TOLERANCE = 0.1;

/**
 * The comparator or hedge right before token `i`, with nothing but spaces (and a currency sign)
 * between, and how many words it takes.
 */
export function hedgeBefore(text: string, tokens: Token[], i: number): { hedge: Hedge; words: number } | undefined {
  if (/~\s*[$€£]?$/.test(text.slice(Math.max(0, tokens[i].start - 3), tokens[i].start))) return { hedge: 'about', words: 0 };
  for (const [words, hedge] of HEDGES) {
    if (i < words.length) continue;
    let ok = true;
    for (let w = 0; w < words.length && ok; w++) {
      const k = i - words.length + w;
      const gap = text.slice(tokens[k].end, tokens[k + 1].start);
      ok = tokens[k].norm === words[w] && (k + 1 === i ? /^\s*[$€£]?$/.test(gap) : /^\s+$/.test(gap));
    }
    if (ok) return { hedge, words: words.length };
  }
  return undefined;
}

/**
 * The unit a figure was rounded to, judged from how it is written, or 0 for a figure taken as exact:
 * "40 million" and "40,000" are rounded to the million and the thousand, "38.6" to the tenth; a
 * plain integer ("1,500", "22") or a number word is exact.
 */
export function roundingUnit(t: Token, scaleWords: number): number {
  if (!t.isNumber) return scaleWords > 1 ? scaleWords : 0;
  const [whole, decimals = ''] = t.norm.split('.');
  if (decimals.length) return 10 ** -decimals.length * scaleWords;
  if (scaleWords > 1) return scaleWords;
  const zeros = /0*$/.exec(whole)![0].length;
  return zeros >= 3 ? 1000 ** Math.floor(zeros / 3) : 0;
}

/** The interval of values a figure allows, from its hedge and its rounding. */
export function statedRange(v: number, rounding: number, hedge: Hedge | undefined, isTime: boolean): Interval {
  const half = rounding / 2;
  const floor = v >= 0 ? 0 : -Infinity;
  switch (hedge) {
    case 'above':
      return interval(v, Infinity, true, true);
    // "Over ten days" is also "during ten days": both readings allow ten itself.
    case 'over':
      return interval(v, Infinity, !isTime, true);
    case 'atLeast':
      return interval(v, Infinity, false, true);
    case 'below':
      return interval(floor, v, false, true);
    case 'atMost':
      return interval(floor, v);
    // The writer's own figure may itself be rounded, so "nearly 3 years" allows 3.
    case 'nearly':
      return interval(v - Math.max(Math.abs(v) * NEARLY_TOLERANCE, half), v);
    case 'justOver':
      return interval(v, v + Math.max(Math.abs(v) * NEARLY_TOLERANCE, half));
    case 'about': {
      const t = Math.max(Math.abs(v) * ABOUT_TOLERANCE, half);
      return interval(v - t, v + t);
    }
    default:
      // Half a rounding unit either way, the ends excluded: 40 million and 39 million do not overlap.
      return half > 0 ? interval(v - half, v + half, true, true) : point(v);
  }
}

const OFFSET_WORDS = new Set(['later', 'earlier', 'ago', 'after', 'before', 'afterwards', 'afterward', 'prior', 'beforehand']);

/** "Three years later", "two weeks ago": the time words that make a length of time a point in time. */
export const isOffsetWord = (norm: string | undefined) => !!norm && OFFSET_WORDS.has(norm);

/**
 * Joins "5 to 10 days", "5–10 ships" and "between 5 and 10 million" into one fact whose range is
 * both ends. "From 5 to 10" is left alone: it is usually a change, two values each of which matters.
 */
export function mergeRanges(text: string, tokens: Token[], facts: NumberFact[], scales: number[]): NumberFact[] {
  const out: NumberFact[] = [];
  for (let k = 0; k < facts.length; k++) {
    const a = facts[k];
    const b = facts[k + 1];
    const merged = b ? joinRange(text, tokens, a, b, scales[k], scales[k + 1]) : undefined;
    if (merged) {
      out.push(merged);
      k++;
    } else out.push(a);
  }
  return out;
}

function joinRange(text: string, tokens: Token[], a: NumberFact, b: NumberFact, scaleA: number, scaleB: number): NumberFact | undefined {
  if (a.vague || b.vague || a.range.hi === Infinity || b.range.hi === Infinity) return undefined;
  if (a.unit !== undefined && (a.unit !== b.unit || a.unitSize !== b.unitSize)) return undefined;
  // A degree sign the tokenizer does not keep may stand after the first end: "0.3°C to 1.1°C".
  const gap = text.slice(a.end, b.start).replace(/^\s*°\s*[CFK]?\b/, '');
  const word = tokens[a.firstToken - 1]?.norm;
  const joined = /^\s*[-–—]\s*\$?$/.test(gap) || (/^\s+to\s+\$?$/i.test(gap) && word !== 'from') || (/^\s+and\s+\$?$/i.test(gap) && word === 'between');
  if (!joined) return undefined;
  // "5 to 10 million": the scale word is written once and counts for both ends.
  const factor = scaleA === 1 && scaleB > 1 && a.value * scaleB <= b.value ? scaleB : 1;
  const lo = a.value * factor;
  if (!(lo < b.value)) return undefined;
  // The ends are the figures as written: "between 2 and 3 million" reaches neither 1.5 nor 3.5 million.
  const range = interval(lo, b.value);
  const fact: NumberFact = {
    ...b,
    value: lo,
    base: lo * b.unitSize,
    approx: true,
    start: a.start,
    raw: text.slice(a.start, b.end),
    valueRaw: text.slice(a.start, b.valueEnd),
    firstToken: a.firstToken,
    range,
    hedge: a.hedge,
    hedgeWords: a.hedgeWords,
    bothEnds: true,
  };
  if (!a.hedge) {
    delete fact.hedge;
    delete fact.hedgeWords;
  }
  return fact;
}
