import type { Comparison } from '../compare/compare';
import type { Verdict } from '../types';

/** Passages count as credible for "contested" when they align this well with the claim: the bar a conflict itself must clear. */
const CREDIBLE = 0.6;
/**
 * A conflict makes a supported statement contested only when the contradicting passage states the
 * rest of the claim as closely as a supporting one would: the sources then really disagree on one
 * slot. A looser conflict beside good support is more likely another event or a partial list.
 */
const CONTESTING = 0.8;
const UNVERIFIED_CEILING = 0.75;

export interface Decision {
  verdict: Verdict;
  confidence: number;
}

/**
 * Turns the comparisons with every candidate passage into one verdict. Supporting and
 * contradicting passages that are both credible make the statement contested; otherwise the
 * better-aligned side wins.
 */
export function decide(comparisons: Comparison[]): Decision {
  const supports = comparisons.filter((c) => c.stance === 'supports').sort((a, b) => b.score - a.score);
  const conflicts = comparisons.filter((c) => c.stance === 'conflicts').sort((a, b) => b.score - a.score);
  const bestCoverage = comparisons.reduce((m, c) => Math.max(m, c.coverage), 0);
  if (!supports.length && !conflicts.length) {
    // Not finding something is weaker evidence than finding it: unverified never claims high confidence.
    return { verdict: 'unverified', confidence: Math.min(UNVERIFIED_CEILING, clamp(1 - bestCoverage * 0.6)) };
  }
  // Weak support (a partial alignment) never outweighs a conflict nor makes a statement contested.
  const strong = supports.find((x) => !x.weak);
  const s = conflicts.length ? (strong?.score ?? 0) : (supports[0]?.score ?? 0);
  const c = conflicts[0]?.score ?? 0;
  // The sources disagree only about the same thing: a conflicting passage that names none of the
  // claim's people, places or bodies, or any passage for a claim about "he", may be about someone
  // else ("He was inducted in 1992" on another player's page); then the better-aligned side decides.
  if (strong && conflicts.length && s >= CREDIBLE && c >= CREDIBLE) {
    if (c >= CONTESTING && conflicts[0].pinsSubject) return { verdict: 'contested', confidence: cap(conflicts[0], cap(strong, clamp(Math.min(s, c)))) };
  }
  if (c > s) {
    const agreeing = Math.min(conflicts.length - 1, 3) * 0.03;
    return { verdict: 'conflicting', confidence: cap(conflicts[0], clamp(0.35 + 0.6 * c + agreeing)) };
  }
  const agreeing = Math.min(supports.length - 1, 3) * 0.03;
  return { verdict: 'supported', confidence: cap(supports[0], clamp(0.35 + 0.6 * s + agreeing)) };
}

const clamp = (x: number) => Math.max(0, Math.min(0.99, x));
/** A stance not anchored in facts and a close alignment is never stated with high confidence. */
const UNANCHORED_CEILING = 0.75;
const cap = (c: Comparison, x: number) => (c.anchored ? x : Math.min(UNANCHORED_CEILING, x));
