import lexicon from './wordnetLexicon.json';
import { ANTONYM_PAIRS, CLAUSE_OPENERS, STOPWORDS, SYNONYM_GROUPS } from './lexicon';
import { termOf } from './tokenize';

/**
 * Affixal negation: "uncertain" states "not certain", "useless" "not useful". A general rule with a
 * guard, so that "discover" is not read as "not cover" nor "income" as "not come":
 * - the stem must itself be a word of the general lexicon (WordNet's common verbs, adjectives and
 *   adverbs, in any inflection);
 * - a word the lexicon knows in its own right is a negation only where the lexicon lists it as the
 *   stem's antonym (unable/able, yes; dismiss/miss, no);
 * - the prefixes that also start ordinary words (in-, im-, il-, ir-, dis-) need an adjective's ending.
 */

const LEXICON_TERMS = new Set<string>();
for (const entry of [...lexicon.synonyms, ...lexicon.antonyms]) for (const w of entry.split(' ')) LEXICON_TERMS.add(termOf(w));

const OPPOSITES = new Set<string>();
for (const pair of [...lexicon.antonyms.map((p) => p.split(' ')), ...ANTONYM_PAIRS]) {
  const [a, b] = pair.map(termOf);
  OPPOSITES.add(`${a} ${b}`).add(`${b} ${a}`);
}

/** Words with a meaning of their own, however they are spelt: the synonym groups' members. */
const LEXICALISED = new Set(SYNONYM_GROUPS.flat().map(termOf));

const ADJECTIVE_ENDING = /(able|ible|al|ant|ent|ary|ic|ive|ous|ful|ed|ar|id|ete|ect|ure|ing)$/;

const PREFIXES: { prefix: string; strict: boolean; next?: RegExp }[] = [
  { prefix: 'non', strict: false },
  { prefix: 'un', strict: false },
  { prefix: 'dis', strict: true },
  { prefix: 'in', strict: true },
  { prefix: 'im', strict: true, next: /^[bmp]/ },
  { prefix: 'il', strict: true, next: /^l/ },
  { prefix: 'ir', strict: true, next: /^r/ },
];

const cache = new Map<string, string | null>();

function positive(norm: string, base: string, strict: boolean): string | undefined {
  if (base.length < 4 || STOPWORDS.has(base)) return undefined;
  const pos = termOf(base);
  if (!LEXICON_TERMS.has(pos)) return undefined;
  const own = termOf(norm);
  if (LEXICALISED.has(own)) return undefined;
  if (LEXICON_TERMS.has(own)) return OPPOSITES.has(`${own} ${pos}`) ? pos : undefined;
  if (strict && !ADJECTIVE_ENDING.test(norm)) return undefined;
  return pos;
}

/**
 * The matching term of the positive word a negative word is formed from ("uncertain" → the term of
 * "certain", "useless" → that of "useful"), or undefined when the word is not an affixal negation.
 */
export function affixalPositive(norm: string): string | undefined {
  if (norm.length < 6 || !/^[a-z]+$/.test(norm) || CLAUSE_OPENERS.has(norm)) return undefined;
  const hit = cache.get(norm);
  if (hit !== undefined) return hit ?? undefined;
  let found: string | undefined;
  for (const { prefix, strict, next } of PREFIXES) {
    if (!norm.startsWith(prefix)) continue;
    const base = norm.slice(prefix.length);
    if (next && !next.test(base)) continue;
    found = positive(norm, base, strict);
    if (found) break;
  }
  if (!found && norm.endsWith('less')) {
    const base = norm.slice(0, -4);
    found = positive(norm, `${base}ful`, false) ?? positive(norm, base, false);
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(norm, found ?? null);
  return found;
}
