import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import type { NumberFact } from '../facts/numbers';

// What a stated figure measures beyond its unit: part of a period rather than the whole of it, or a
// tally as it stood at a date. Two figures that differ there measure different things.

/** Words that make a length of time a part of a longer one: "the last four years of his reign". */
const PART_OPENERS = new Set(['first', 'last', 'final', 'initial', 'opening', 'closing', 'early', 'late', 'past', 'next']);

/** A length of time that measures part of something ("the first two years of the war"), not the whole of it. */
export function partOfWhole(a: Analysis, n: NumberFact): boolean {
  return n.unit === 'time' && PART_OPENERS.has(a.tokens[n.firstToken - 1]?.norm ?? '') && a.tokens[n.lastToken + 1]?.norm === 'of';
}

/** Words before a date that make a count a tally up to then: "by the end of 1990", "as of 2017". */
const TALLY_BOUNDS = new Set(['by', 'of', 'until', 'through', 'till']);

/**
 * A count the passage gives as it stood at a date ("By the end of 1990 the choir had sold 4 million
 * records"): a tally that grows, so a claim that names no date may state a later one.
 */
export function countSoFar(a: Analysis, n: NumberFact): boolean {
  const { clauseOf } = frameOf(a);
  return a.dates.some((d) => {
    const at = a.tokens.find((t) => t.start >= d.start);
    if (!at || clauseOf[at.index] !== clauseOf[n.firstToken]) return false;
    for (let k = at.index - 1; k >= Math.max(0, at.index - 4); k--) if (TALLY_BOUNDS.has(a.tokens[k].norm) && (a.tokens[k].norm !== 'of' || a.tokens[k - 1]?.norm === 'as')) return true;
    return false;
  });
}
