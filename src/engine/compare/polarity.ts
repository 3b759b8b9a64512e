import type { Analysis } from '../facts/analysis';
import { ANTONYM_PAIRS, ATTRIBUTION_MARKERS, NEGATORS } from '../text/lexicon';
import { termOf } from '../text/tokenize';
import { WORDNET_ANTONYM_PAIRS } from '../text/wordnet';
import { type Alignment, inside, windowFor } from './align';
import type { SlotConflict } from './slots';

const ANTONYMS = new Map<string, Set<string>>();
// The hand-written pairs and WordNet's (rise/fall, overestimate/underestimate, significant/insignificant).
for (const [a, b] of [...ANTONYM_PAIRS, ...WORDNET_ANTONYM_PAIRS]) {
  const ta = termOf(a);
  const tb = termOf(b);
  if (ta === tb) continue;
  if (!ANTONYMS.has(ta)) ANTONYMS.set(ta, new Set());
  if (!ANTONYMS.has(tb)) ANTONYMS.set(tb, new Set());
  ANTONYMS.get(ta)!.add(tb);
  ANTONYMS.get(tb)!.add(ta);
}
const ATTRIBUTION_TERMS = new Set([...ATTRIBUTION_MARKERS].map(termOf));

/** Negators of a predicate. "without" and "no" negate a noun phrase, too loosely tied to a verb to contradict one. */
const VERB_NEGATORS = new Set(['not', 'never', 'cannot']);

function negatedVerbally(a: Analysis, index: number): boolean {
  for (let j = index - 1; j >= Math.max(0, index - 4); j--) if (VERB_NEGATORS.has(a.tokens[j].norm)) return true;
  return false;
}

function negatorBefore(a: Analysis, index: number) {
  for (let j = index - 1; j >= Math.max(0, index - 4); j--) if (NEGATORS.has(a.tokens[j].norm)) return a.tokens[j];
  return undefined;
}

export interface PolarityResult {
  conflicts: SlotConflict[];
  /**
   * The passage (or a neighbouring sentence) negates something the claim asserts, too loosely to
   * call a contradiction: it neither supports the claim nor contradicts it in another slot.
   */
  polarityClash: boolean;
}

/**
 * Negation conflicts: a word both texts state but only one negates ("urged him not to escalate"),
 * or opposite words in the same statement (welcomed / criticised) from a general lexicon.
 */
export function polarityConflicts(claim: Analysis, passage: Analysis, context: Analysis[], alignment: Alignment, taken: Set<number>): PolarityResult {
  const { units, matches, claimTerms } = alignment;
  const conflicts: SlotConflict[] = [];
  let polarityClash = false;
  units.forEach((u, k) => {
    const m = matches[k];
    if (u.kind !== 'word' || !m || conflicts.length || ATTRIBUTION_TERMS.has(u.token.term)) return;
    const claimNeg = claim.negated.has(u.token.index);
    const sourceNeg = m.in.negated.has(m.token);
    if (claimNeg === sourceNeg) return;
    // Only a sentence that negates nothing can contradict one that negates this word: when both
    // carry negations, scope guesses are too fragile to call a contradiction.
    const plain = claimNeg ? m.in : claim;
    if (plain.negated.size > 0) return;
    if (m.in !== passage) {
      polarityClash = true;
      return;
    }
    if (!(claimNeg ? negatedVerbally(claim, u.token.index) : negatedVerbally(passage, m.token))) {
      polarityClash = true;
      return;
    }
    const p = passage.tokens[m.token];
    const cn = claimNeg ? negatorBefore(claim, u.token.index) : undefined;
    const pn = sourceNeg ? negatorBefore(passage, m.token) : undefined;
    const cs = cn ? cn.start : u.token.start;
    const ps = pn ? pn.start : p.start;
    conflicts.push({ kind: 'negation', claimStart: cs, claimEnd: u.token.end, claimed: claim.text.slice(cs, u.token.end), source: passage.text.slice(ps, p.end), sourceStart: ps, sourceEnd: p.end, unit: k });
  });
  units.forEach((u, k) => {
    if (u.kind !== 'word' || matches[k] || taken.has(k) || conflicts.length) return;
    const opposite = ANTONYMS.get(u.token.term);
    if (!opposite) return;
    const isOpposite = (a: Analysis, near?: [number, number]) =>
      a.tokens.find((t) => opposite.has(t.term) && !a.negated.has(t.index) && !claimTerms.has(t.term) && (!near || inside(t.index, near)));
    // In the passage the opposite word must stand where the claim's word would, between the same anchors.
    const p = isOpposite(passage, windowFor(u, alignment, passage.tokens.length));
    if (p) {
      conflicts.push({ kind: 'negation', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end, unit: k });
      return;
    }
    // The opposite word may sit in the next sentence ("Russia demands X. Kyiv has rejected these
    // conditions."); the context comes nearest first.
    for (const c of context.slice(0, 2)) {
      const q = isOpposite(c);
      if (q) {
        conflicts.push({ kind: 'negation', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: q.raw, sourceStart: 0, sourceEnd: 0, unit: k });
        return;
      }
    }
  });
  return { conflicts, polarityClash };
}
