import type { Analysis } from '../facts/analysis';
import type { NameFact } from '../facts/names';
import { commonWords } from '../text/commonWords';
import type { Token } from '../text/tokenize';
import { type Alignment, type CompareEnv, sameRoot } from './align';
import type { Unit } from './units';

/** Words each side of a name that must read the same in claim and passage for the name to be the only change. */
const HEM = 2;
/**
 * Share of the claim's other words the passage states in the same order. A sentence of the same
 * kind about someone else ("Ruiz scored a hat-trick on May 3, 2019" / "Costa scored a hat-trick in
 * the 1990s") shares the words around the name but not the rest: another event, not an edit.
 */
const COPIED = 0.8;

/**
 * The passage's name that the claim replaced while copying the words around it: "won the
 * Harbour Cup twice in succession" written as "won the League twice in succession". The passage's
 * own words hem in another name where the claim has its name, so the two fill one slot whatever
 * kind of thing each was guessed to be, and however far away the passage's neighbours mention the
 * claim's name.
 * Only for a claim name the passage itself does not state.
 */
export function substitutedName(claim: Analysis, passage: Analysis, alignment: Alignment, env: CompareEnv, k: number): NameFact | undefined {
  const u = alignment.units[k];
  if (u.kind !== 'name') return undefined;
  const m = alignment.matches[k];
  if (m && !m.weak && m.at >= 0) return undefined;
  const n = passage.names.find((n) => hemmedAlike(claim, u, passage, n) && !sameName(u.words, n, passage, env) && !namedElsewhere(alignment, n, passage));
  return n && copied(claim, u, passage) ? n : undefined;
}

/** The claim outside the name is the passage's words in the passage's order, give or take a few. */
function copied(claim: Analysis, u: Unit, passage: Analysis): boolean {
  const rest = claim.tokens.filter((t) => t.index < u.first || t.index > u.last);
  return commonWords(rest, passage.tokens).length >= COPIED * rest.length;
}

/** The words before and after read alike on both sides, or both sides start (end) there. */
function hemmedAlike(claim: Analysis, u: Unit, passage: Analysis, n: NameFact): boolean {
  const first = n.tokens[0];
  const last = n.tokens[n.tokens.length - 1];
  let said = 0;
  for (const step of [-1, 1] as const) {
    const from = step === -1 ? u.first : u.last;
    const at = step === -1 ? first : last;
    for (let i = 1; i <= HEM; i++) {
      const c: Token | undefined = claim.tokens[from + step * i];
      const p: Token | undefined = passage.tokens[at + step * i];
      if (!c && !p) {
        // Both sentences start (or end) here: as telling as a shared word.
        said++;
        break;
      }
      if (!c || !p || c.norm !== p.norm) return false;
      said++;
    }
  }
  // Three words or edges in all: a name hemmed by "the" and an edge alone could be anywhere.
  return said >= HEM + 1;
}

/** One name written two ways: a word shared, a spelling variant, or a place and its adjective. */
function sameName(words: Token[], n: NameFact, passage: Analysis, env: CompareEnv): boolean {
  const theirs = n.tokens.map((t) => passage.tokens[t].term);
  return words.some((w) => theirs.some((t) => t === w.term || sameRoot(t, w.term) || env.variants(w.term).includes(t)));
}

/** A passage name whose every word the claim states elsewhere: the names trade places, which other checks read. */
function namedElsewhere(alignment: Alignment, n: NameFact, passage: Analysis): boolean {
  return n.tokens.every((t) => alignment.claimTerms.has(passage.tokens[t].term));
}
