import lexicon from './wordnetLexicon.json';
import { termOf } from './tokenize';

/**
 * Antonyms and near-synonyms derived from WordNet 3.1 by scripts/wordnet-lexicon.mjs: verbs,
 * adjectives and adverbs, common senses only (SemCor tag counts). General English; nothing in it
 * comes from a corpus or an evaluation set.
 */
export const WORDNET_ANTONYM_PAIRS: readonly [string, string][] = lexicon.antonyms.map((p) => p.split(' ') as [string, string]);

const PLACE_ADJECTIVE_PAIRS = new Set(
  lexicon.demonyms.flatMap((p) => {
    const [adjective, place] = p.split(' ').map(termOf);
    return [`${adjective} ${place}`, `${place} ${adjective}`];
  }),
);

/**
 * A place and its adjective in WordNet's pertainyms ("belgium" / "belgian"), as matching terms in
 * either order; adjectives that also name a language ("French", "English") are left out.
 */
export function placeAdjective(a: string, b: string): boolean {
  return PLACE_ADJECTIVE_PAIRS.has(`${a} ${b}`);
}

/** The particles of the lexicon's phrasal verbs ("give_up", "step_down"). */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'over', 'away', 'back', 'aside']);

/**
 * The matching term of a phrasal verb: the verb's term and its particle ("gave up" → "give_up"),
 * so that any form of the verb finds the lexicon's entry. Undefined when `particle` makes none.
 */
export function phrasalTerm(verbTerm: string, particle: string): string | undefined {
  return PARTICLES.has(particle) ? `${verbTerm}_${particle}` : undefined;
}

function lexiconTerm(word: string): string {
  const join = word.indexOf('_');
  return join < 0 ? termOf(word) : `${termOf(word.slice(0, join))}_${word.slice(join + 1)}`;
}

const SYNONYMS = new Map<string, Set<string>>();
for (const set of lexicon.synonyms) {
  const terms = [...new Set(set.split(' ').map(lexiconTerm))];
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
