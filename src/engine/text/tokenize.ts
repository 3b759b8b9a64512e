import { stemmer } from 'stemmer';
import { IRREGULAR_LEMMAS, STOPWORDS, SYNONYM_GROUPS } from './lexicon';

/** A word of a text with its exact place and its normalised forms. */
export interface Token {
  /** As written. */
  raw: string;
  start: number;
  end: number;
  /** Lowercase, diacritics folded, transliteration variants unified. */
  norm: string;
  /** The term used for matching: lemma → stem → synonym group head. */
  term: string;
  /** Starts with an uppercase letter (or is an acronym). */
  capitalized: boolean;
  isNumber: boolean;
  stop: boolean;
  /** Index of this token in the token list. */
  index: number;
}

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', ø: 'o', đ: 'd', ł: 'l', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd', ŀ: 'l',
};

/** Lowercases and strips diacritics so Vučić = Vucic and São = Sao. */
export function foldDiacritics(word: string): string {
  const lower = word.toLowerCase();
  // The fast path matters: most words are plain ASCII.
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßøđłæœıþðŀ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/**
 * Unifies common romanisation variants (Zelenskiy/Zelensky, -ise/-ize, colour/color) so that
 * both spellings produce one term. Applied to both sides, so collisions cost little.
 */
export function unifySpelling(word: string): string {
  let w = word;
  if (w.length > 4) {
    w = w.replace(/(?:iy|yi|ij|ii)$/, 'y');
    w = w.replace(/([a-z]{3,})is(e|ed|es|ing|ation|ations)$/, '$1iz$2');
    w = w.replace(/([a-z]{2,})yse(d|s)?$/, '$1yze$2');
    w = w.replace(/([a-z]{3,})our(s|ed|ing|ful|ite|ites|able|er|ers)?$/, '$1or$2');
  }
  return w;
}

const SYNONYM_HEAD = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = stemmer(group[0]);
  for (const word of group) {
    const key = stemmer(word);
    if (!SYNONYM_HEAD.has(key)) SYNONYM_HEAD.set(key, head);
  }
}

const termCache = new Map<string, string>();

/** The matching term of a folded word. */
export function termOf(norm: string): string {
  let cached = termCache.get(norm);
  if (cached !== undefined) return cached;
  const lemma = IRREGULAR_LEMMAS[norm] ?? norm;
  const stem = /^\d/.test(lemma) ? lemma : stemmer(unifySpelling(lemma));
  cached = SYNONYM_HEAD.get(stem) ?? stem;
  if (termCache.size > 200_000) termCache.clear();
  termCache.set(norm, cached);
  return cached;
}

// Dotted acronyms (U.S.), numbers with separators (1,000.5), words with inner apostrophes/hyphens
// handled separately: a hyphen splits ("24-hour" → 24, hour) so parts align on their own.
const WORD = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Splits text into tokens with exact offsets. Possessive 's is dropped; n't becomes "not". */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let raw = m[0];
    const start = m.index;
    let norm: string;
    const lower = raw.toLowerCase();
    if (raw.includes('.') && /\p{L}/u.test(raw)) {
      norm = lower.replace(/\./g, '');
    } else if (/n['’]t$/.test(lower)) {
      norm = 'not';
    } else {
      const possessive = /['’]s$/i.exec(raw);
      if (possessive) raw = raw.slice(0, -2);
      norm = foldDiacritics(raw.replace(/['’]/g, ''));
    }
    const isNumber = /^\d/.test(norm);
    if (isNumber) norm = norm.replace(/,(?=\d{3}\b)/g, '');
    const first = raw.codePointAt(0) ?? 0;
    const ch = String.fromCodePoint(first);
    const capitalized = ch !== ch.toLowerCase() && ch === ch.toUpperCase();
    // An acronym (U.S., US, UN) is a name even when its letters spell a stopword.
    const acronym = raw.length >= 2 && /^(?:\p{Lu}\.?)+$/u.test(raw);
    const stop = !acronym && STOPWORDS.has(norm);
    tokens.push({
      raw,
      start,
      end: start + raw.length,
      norm,
      term: stop || isNumber || acronym ? norm : termOf(norm),
      capitalized,
      isNumber,
      stop,
      index: tokens.length,
    });
  }
  return tokens;
}

/** Content terms of a text (no stopwords), for indexing and queries. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (!t.stop) out.push(t.term);
  return out;
}
