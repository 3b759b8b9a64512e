import lexicon from './wordnetLexicon.json';
import { termOf } from './tokenize';

/**
 * Antonyms and near-synonyms derived from WordNet 3.1 by scripts/wordnet-lexicon.mjs: verbs,
 * adjectives and adverbs, common senses only (SemCor tag counts). General English; nothing in it
 * comes from a corpus or an evaluation set.
 */
export const WORDNET_ANTONYM_PAIRS: readonly [string, string][] = lexicon.antonyms.map((p) => p.split(' ') as [string, string]);

const SYNONYMS = new Map<string, Set<string>>();
for (const set of lexicon.synonyms) {
  const terms = [...new Set(set.split(' ').map(termOf))];
  for (const t of terms) {
    let others = SYNONYMS.get(t);
    if (!others) SYNONYMS.set(t, (others = new Set()));
    for (const o of terms) if (o !== t) others.add(o);
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Matching terms that share a common WordNet sense with `term` ("quicken" for "accelerate"). Weaker
 * than the synonym groups of the lexicon, which merge terms outright: a word has several senses, so
 * a near-synonym only stands in for a claim word that is otherwise missing, and earns less.
 */
export function nearSynonyms(term: string): ReadonlySet<string> {
  return SYNONYMS.get(term) ?? NONE;
}
