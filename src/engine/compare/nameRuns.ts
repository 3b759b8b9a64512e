import type { Analysis } from '../facts/analysis';
import type { NameFact, NameType } from '../facts/names';
import { ROMAN_NUMERAL } from '../text/lexicon';
import type { Token } from '../text/tokenize';
import { type CompareEnv, sameRoot } from './align';

/** Capitalised passage words the claim does not state, grouped by the name they belong to. */
export interface NameRun {
  words: Token[];
  type: NameType;
  /** Some words of the passage's name are in the claim: the claim mentions this name already. */
  partial: boolean;
}

/**
 * The passage's names that may stand in a claim name's slot: their words the claim does not state,
 * left out when the name cannot stand alone or is another's bracketed alias. `spare` holds passage
 * words that count as unstated though the claim has their term: a second mention of a name whose
 * first the claim's name took.
 */
export function unmatchedNameRuns(passage: Analysis, claimTerms: Set<string>, env: CompareEnv, spare: Set<number> = new Set()): NameRun[] {
  const runs: NameRun[] = [];
  // A numeral in a name ("Louis XIV", "Henry VIII") is that number only: no spelling variant stands
  // for it. Nor does a word spell a claim name another way when the passage writes that name as the
  // claim does: one text spells one name one way, so "Morel" beside "Moral" is another name.
  const written = new Set(passage.tokens.map((t) => t.term));
  const inClaim = (w: Token) =>
    !spare.has(w.index) &&
    (claimTerms.has(w.term) ||
      (!ROMAN_NUMERAL.test(w.raw) && (env.variants(w.term).some((v) => claimTerms.has(v) && !written.has(v)) || [...claimTerms].some((c) => sameRoot(c, w.term)))));
  for (const name of passage.names) {
    const words = name.tokens.map((k) => passage.tokens[k]);
    if (!standsAlone(passage, name.tokens[0], name.tokens[name.tokens.length - 1])) continue;
    if (aliasInBrackets(passage, name)) continue;
    const free = words.filter((w) => !inClaim(w));
    if (free.length) runs.push({ words: free, type: name.type, partial: free.length < words.length });
  }
  return runs;
}

/**
 * A name given in brackets right after another, as its other form: "the Treaty of Harbours
 * (Portuguese: Tratado dos Portos)", "the Harbour Herald (HH)". It names the same thing, not another.
 */
function aliasInBrackets(a: Analysis, name: NameFact): boolean {
  const before = a.text.slice(0, name.start);
  const open = before.lastIndexOf('(');
  if (open < 0 || !/^\(\s*(?:[A-Z][a-z]+\s*:\s*)?["“']?$/.test(before.slice(open))) return false;
  const previous = a.names.filter((n) => n.end <= open).pop();
  return !!previous && /^\s*$/.test(a.text.slice(previous.end, open));
}

/**
 * A capitalised run that can stand in a name's slot: not a lone initial ("J. K."), not a possessive
 * that names a thing of its own ("McClure's Magazine"), not a title word after an article ("A Romance").
 */
function standsAlone(a: Analysis, first: number, last: number): boolean {
  const head = a.tokens[last];
  const next = a.tokens[last + 1];
  const prev = a.tokens[first - 1];
  if (first === last && head.raw.replace(/\./g, '').length <= 1) return false;
  if (/^['’]s\b/.test(a.text.slice(head.end, head.end + 3)) && next && next.capitalized) return false;
  if (prev && (prev.norm === 'a' || prev.norm === 'an') && first === last) return false;
  return true;
}

/** Two names can stand for each other only when they are the same kind of thing. */
export function compatible(claimed: NameType, stated: NameType): boolean {
  if (claimed === stated) return true;
  // A place and its people's adjective (Peru / Peruvian) fill one slot.
  if ((claimed === 'place' && stated === 'group') || (claimed === 'group' && stated === 'place')) return true;
  // A name of unknown kind in the claim may be a place the passage names as one; but a place the
  // claim names as one ("set in Boston") is not contradicted by a name of unknown kind, often a
  // person or a title ("adapted by Crystal Chan", "Cassell's Magazine").
  return claimed === 'other' && stated === 'place';
}
