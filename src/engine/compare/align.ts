import type { Analysis } from '../facts/analysis';
import { sameDate, type DateFact } from '../facts/dates';
import { comparableQuantities, sameQuantity } from '../facts/numbers';
import { withinEdits } from '../text/editDistance';
import { POSSESSIVES, ROLE_WORDS, ROMAN_NUMERAL } from '../text/lexicon';
import type { Token } from '../text/tokenize';
import { nearSynonyms, phrasalTerm, placeAdjective } from '../text/wordnet';
import { claimUnits, isContent, type Unit } from './units';

/** What the comparer needs from the corpus: term rarity and fuzzy name variants. */
export interface CompareEnv {
  idf(term: string): number;
  /** Corpus terms that spell the same name differently (Kyiv → kiev); empty when none. */
  variants(term: string): readonly string[];
  /** The claim token is part of a title the corpus confirms for that person elsewhere. */
  confirmedRole?(tokenIndex: number): boolean;
}

export interface Match {
  /** Token index in the passage, or -1 when the unit matched only a neighbouring sentence. */
  at: number;
  /** The text the unit matched in (the passage or one of its neighbours) and the token there. */
  in: Analysis;
  token: number;
  /** Share of the unit's weight earned: below 1 for a name mentioned only in part. */
  credit: number;
  /** Found only earlier in the article: a different name in the passage's slot still counts as a conflict. */
  weak?: boolean;
}

/** The claim's units and where each was found in the passage or its neighbours. */
export interface Alignment {
  units: Unit[];
  matches: (Match | undefined)[];
  positions: Map<string, number[]>;
  /** Every term of the claim, for telling which passage words the claim does not state. */
  claimTerms: Set<string>;
}

export function termPositions(a: Analysis): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const add = (term: string, index: number) => {
    const list = map.get(term);
    if (list) list.push(index);
    else map.set(term, [index]);
  };
  for (const t of a.tokens) {
    if (!isContent(t, a.tokens[t.index + 1])) continue;
    add(t.term, t.index);
    // "stepped down" is findable as a near-synonym of "resigned", at the verb's place.
    const next = a.tokens[t.index + 1];
    const phrasal = next && phrasalTerm(t.term, next.norm);
    if (phrasal) add(phrasal, t.index);
  }
  return map;
}

const DEMONYM_ENDINGS = ['n', 'an', 'ian', 'ean', 'ese', 'ish', 'i'];

/**
 * Whether two name terms are a place and its adjective (Kenya/Kenyan, Uruguay/Uruguayan,
 * Europe/European), the adjective growing from the name or paired with it in WordNet (Belgium/Belgian).
 */
export function sameRoot(a: string, b: string): boolean {
  if (a === b || placeAdjective(a, b)) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  // The stemmer turns a final y into i ("Uruguay" → "uruguai"): "Uruguayan" grows from the y.
  for (const stem of [short, short.replace(/[aeiy]$/, ''), short.replace(/i$/, 'y')]) {
    if (stem.length < 4 || !long.startsWith(stem)) continue;
    if (DEMONYM_ENDINGS.includes(long.slice(stem.length))) return true;
  }
  return false;
}

/**
 * The first position of `term` (or a spelling variant, or a place/adjective form) in a text, skipping
 * positions in `used`: each word of the evidence answers for one word of the claim only, so two
 * synonyms in a claim ("discussed … the summit") cannot both lean on one "meeting".
 */
export function findTerm(term: string, positions: Map<string, number[]>, env: CompareEnv, used?: Set<number>): number {
  const free = (list: number[] | undefined) => list?.find((p) => !used?.has(p)) ?? -1;
  const direct = free(positions.get(term));
  if (direct >= 0) return direct;
  for (const v of env.variants(term)) {
    const p = free(positions.get(v));
    if (p >= 0) return p;
  }
  // A verb and its noun whose stems differ only in a final d/s: invade/invasion, persuade/persuasion, explode/explosion.
  if (/^[a-z]{4,}[ds]$/.test(term)) {
    const p = free(positions.get(term.slice(0, -1) + (term.endsWith('d') ? 's' : 'd')));
    if (p >= 0) return p;
  }
  if (/^[a-z]{4,}$/.test(term)) {
    for (const [other, list] of positions) {
      if (!sameRoot(term, other)) continue;
      const p = free(list);
      if (p >= 0) return p;
    }
  }
  return -1;
}

/** A near-synonym found in the passage earns this share of the claim word's weight. */
export const NEAR_SYNONYM_CREDIT = 0.8;

/**
 * The first free position of a WordNet near-synonym of `term`, or -1. A word the claim itself
 * states is left to answer that word: "opposes … the war" does not find "opposes" in "war".
 */
function findNearSynonym(term: string, positions: Map<string, number[]>, used: Set<number>, claimTerms: Set<string>): number {
  for (const other of nearSynonyms(term)) {
    if (claimTerms.has(other)) continue;
    const p = positions.get(other)?.find((q) => !used.has(q));
    if (p !== undefined) return p;
  }
  return -1;
}

/** Words that make a bare year after them a modifier of the noun that follows ("the 2019 regatta"). */
const YEAR_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', ...POSSESSIVES]);
/** How far after such a year the noun phrase it qualifies may run. */
const QUALIFIED_PHRASE_WORDS = 5;

/**
 * A year written as a modifier ("the 2019 regatta", "its 1998 report", "Ava's 2015 album") dates
 * the thing it qualifies, not whatever else the sentence says: "covered the 2019 regatta" does not
 * say that anything else happened "since 2019". Such a year states the claim's date only when the
 * claim names that thing too.
 */
function datesAnotherThing(a: Analysis, d: DateFact, claimTerms: Set<string>): boolean {
  if (d.month !== undefined || d.day !== undefined || d.bound) return false;
  const first = a.tokens.findIndex((t) => t.start >= d.start);
  const before = a.tokens[first - 1];
  if (first < 0 || !before) return false;
  const possessive = /^\s*['’]s\s*$/.test(a.text.slice(before.end, d.start));
  if (!possessive && !YEAR_DETERMINERS.has(before.norm)) return false;
  let end = d.end;
  const phrase: Token[] = [];
  for (const t of a.tokens) {
    if (t.start < d.end) continue;
    if (phrase.length === QUALIFIED_PHRASE_WORDS || t.stop || t.isNumber || !/^\s*$/.test(a.text.slice(end, t.start))) break;
    phrase.push(t);
    end = t.end;
  }
  return phrase.length > 0 && !phrase.some((t) => claimTerms.has(t.term));
}

/** Where a unit is stated in an analysed text, or -1. */
function locate(unit: Unit, a: Analysis, positions: Map<string, number[]>, env: CompareEnv, used: Set<number>, claimTerms: Set<string>): number {
  switch (unit.kind) {
    case 'word':
    case 'role':
      return findTerm(unit.token.term, positions, env, used);
    case 'number': {
      // The same value counting something else ("12 days" / "12 new berths") states nothing about the claim.
      const n = a.numbers.find((p) => !used.has(p.firstToken) && sameQuantity(unit.fact, p) && comparableQuantities(unit.fact, p));
      if (n) return n.firstToken;
      const inNumber = (k: number) => a.numbers.some((p) => k >= p.firstToken && k <= p.lastToken);
      // "several weeks ago" is stated by "weeks ago": a vague count says no more than its bare unit.
      if (unit.fact.vague && unit.fact.unitRaw) {
        const plural = unit.fact.unitRaw.toLowerCase();
        const bare = a.tokens.find((t) => t.norm === plural && !inNumber(t.index));
        if (bare) return bare.index;
      }
      // A share in one word is stated by the word where it counts nothing the text reads as a number:
      // "the other half was shared" states "half of the prize".
      const word = unit.fact.raw.toLowerCase();
      if (/^[a-z]+$/.test(word)) return a.tokens.find((t) => t.norm === word && !used.has(t.index) && !inNumber(t.index))?.index ?? -1;
      return -1;
    }
    case 'date': {
      const at = (d: DateFact) => a.tokens.find((t) => t.start >= d.start)?.index ?? 0;
      const d = a.dates.find((p) => !used.has(at(p)) && sameDate(unit.fact, p) && !datesAnotherThing(a, p, claimTerms));
      return d ? at(d) : -1;
    }
    case 'name':
      return nameWordsAt(unit.words, a, positions, env, used)?.[0] ?? initialism(unit.words, a, used);
  }
}

/**
 * Where a text states one word of a name, or -1: as `findTerm` finds it, but never a word that only
 * shares its term with it ("Military" for "Army"), and a numeral only as itself ("Henry VII" is no
 * spelling of "Henry VIII").
 */
export function findNameWord(w: Token, a: Analysis, positions: Map<string, number[]>, env: CompareEnv, used: Set<number> = new Set()): number {
  const fits = (at: number) => !synonymOnly(w, a.tokens[at]) && !(ROMAN_NUMERAL.test(w.raw) && a.tokens[at].term !== w.term);
  const skipped = new Set(used);
  let at = findTerm(w.term, positions, env, skipped);
  while (at >= 0 && !fits(at)) {
    skipped.add(at);
    at = findTerm(w.term, positions, env, skipped);
  }
  return at;
}

/** Where a text states every word of a name, in the name's order of words, or undefined. */
function nameWordsAt(words: Token[], a: Analysis, positions: Map<string, number[]>, env: CompareEnv, used: Set<number>): number[] | undefined {
  // The whole name written as one, where the text has it so ("Harbourton Hall", not the
  // "Harbourton" of an earlier phrase and a "Hall" later on).
  if (words.length > 1) {
    const same = (w: Token, t: Token | undefined) => !!t && t.term === w.term && !synonymOnly(w, t) && !(ROMAN_NUMERAL.test(w.raw) && t.raw !== w.raw);
    for (const p of positions.get(words[0].term) ?? []) {
      if (words.every((w, i) => !used.has(p + i) && same(w, a.tokens[p + i]))) return words.map((_, i) => p + i);
    }
  }
  const found = words.map((w) => findNameWord(w, a, positions, env, used));
  return found.every((at) => at >= 0) ? found : undefined;
}

/**
 * Terms merge synonyms ("military" and "army" share one), which a name does not take: a word of a
 * name found under the same term must be spelled like it, not merely mean the same.
 */
function synonymOnly(w: Token, t: Token): boolean {
  return t.term === w.term && !withinEdits(t.norm, w.norm, 1) && t.norm.slice(0, 4) !== w.norm.slice(0, 4);
}

/** The capitals of a name written without dots: "U.S." → "US". */
const capitalsOf = (raw: string) => raw.replace(/\./g, '');
const INITIALISM = /^[A-Z]{2,6}$/;

/** A name's initials, a numeral kept whole: "World War II" → "WWII", never "WWI". */
const initialsOf = (words: Token[]) => words.map((w) => (ROMAN_NUMERAL.test(w.raw) ? w.raw : w.raw[0])).join('').toUpperCase();

/**
 * A name and its initials are one name: "United States" is stated by "US" or "U.S.", "European
 * Union" by "EU", and "U.S." by "the United States". The initials must be written in capitals, so
 * "us" and "it" are never names.
 */
function initialism(words: Token[], a: Analysis, used: Set<number>): number {
  if (words.length >= 2) {
    const initials = initialsOf(words);
    const t = a.tokens.find((x) => !used.has(x.index) && capitalsOf(x.raw) === initials && INITIALISM.test(initials));
    return t ? t.index : -1;
  }
  const short = capitalsOf(words[0].raw);
  if (!INITIALISM.test(short)) return -1;
  const n = a.names.find((x) => x.tokens.length >= 2 && !used.has(x.tokens[0]) && initialsOf(x.tokens.map((k) => a.tokens[k])) === short);
  return n ? n.tokens[0] : -1;
}

/**
 * Where one word of a name is named in a text: capitalised there too ("a bill" is not "Billy"), as
 * written or a one-letter spelling variant (Zelensky / Zelenskyy).
 */
function findPart(word: Token, text: Analysis, positions: Map<string, number[]>, env: CompareEnv): number {
  const term = word.term;
  // Terms merge synonyms ("military" and "army" share one): a part of a name must be its own word.
  const named = (list: number[] | undefined) => list?.find((p) => text.tokens[p].capitalized && withinEdits(text.tokens[p].norm, word.norm, 1));
  const exact = named(positions.get(term));
  if (exact !== undefined) return exact;
  if (ROMAN_NUMERAL.test(word.raw)) return -1;
  for (const v of env.variants(term)) {
    const p = named(positions.get(v));
    if (p !== undefined && withinEdits(term, v, 1)) return p;
  }
  return -1;
}

/** The passage puts another capitalised word right next to the part of the name it shares. */
function replacedPart(words: Token[], found: number[], passage: Analysis): boolean {
  for (let w = 0; w < words.length; w++) {
    if (found[w] >= 0) continue;
    const neighbour = w > 0 && found[w - 1] >= 0 ? found[w - 1] + 1 : w + 1 < words.length && found[w + 1] >= 0 ? found[w + 1] - 1 : -1;
    const t = passage.tokens[neighbour];
    if (t && t.capitalized && !t.stop && !ROLE_WORDS.has(t.norm)) return true;
  }
  return false;
}

const unitsOf = new WeakMap<Analysis, Unit[]>();

/** Finds each unit of the claim in the passage, else in a neighbouring sentence. */
export function align(claim: Analysis, passage: Analysis, context: Analysis[], env: CompareEnv, background: Analysis[] = []): Alignment {
  // A claim is compared with dozens of passages: split it into units once.
  let units = unitsOf.get(claim);
  if (!units) {
    units = claimUnits(claim, env.idf);
    unitsOf.set(claim, units);
  }
  const claimTerms = new Set(claim.tokens.map((t) => t.term));
  const positions = termPositions(passage);
  const contextPositions = context.map(termPositions);
  const used = new Set<number>();
  const usedInContext = context.map(() => new Set<number>());
  // Facts and names claim their evidence first; plain words take what is left.
  const order = units.map((_, k) => k).sort((a, b) => Number(units[a].kind === 'word') - Number(units[b].kind === 'word') || a - b);
  const matches: (Match | undefined)[] = new Array(units.length);
  // Which claim names took each passage word. A name may share a word with one that shares a word
  // with it ("Costa" and "Rui Costa"), never with another: "Peru" is not stated by the
  // "Peruvian" that states the claim's "Peruvian".
  const namedBy = new Map<number, Set<string>>();
  const takenFor = (u: Extract<Unit, { kind: 'name' }>): Set<number> => {
    const own = u.words.map((w) => w.term);
    const taken = new Set(used);
    for (const [at, terms] of namedBy) if (!own.some((t) => terms.has(t))) taken.add(at);
    return taken;
  };
  /**
   * A one-word name the passage states more than once is found where the words around it are the
   * claim's: "the strike in Peru … special Peru trade envoy" answers the claim's "special Peru trade
   * envoy" with its second "Peru", leaving the first to stand in another slot.
   */
  const bestPlace = (u: Extract<Unit, { kind: 'name' }>, taken: Set<number>): Set<number> => {
    if (u.words.length !== 1) return taken;
    const w = u.words[0];
    const spots = (positions.get(w.term) ?? []).filter((p) => !taken.has(p) && passage.tokens[p].norm === w.norm);
    if (spots.length < 2) return taken;
    const around = (p: number) => [-2, -1, 1, 2].filter((d) => claim.tokens[w.index + d] && passage.tokens[p + d]?.term === claim.tokens[w.index + d].term).length;
    const best = spots.reduce((a, b) => (around(b) > around(a) ? b : a));
    return new Set([...taken, ...spots.filter((p) => p !== best)]);
  };
  function matchUnit(u: Unit): Match | undefined {
    if (u.kind === 'name') {
      const taken = bestPlace(u, takenFor(u));
      const words = nameWordsAt(u.words, passage, positions, env, taken);
      const at = words?.[0] ?? initialism(u.words, passage, taken);
      if (at >= 0) {
        for (const p of words ?? [at]) {
          const by = namedBy.get(p) ?? namedBy.set(p, new Set()).get(p)!;
          for (const w of u.words) by.add(w.term);
        }
        return { at, in: passage, token: at, credit: 1 };
      }
    } else {
      const at = locate(u, passage, positions, env, used, claimTerms);
      if (at >= 0) {
        // One stated value answers one claim value: "between 1036 and 1036" is not stated by "between 1034 and 1036".
        used.add(at);
        return { at, in: passage, token: at, credit: 1 };
      }
    }
    if (u.kind === 'role' && env.confirmedRole?.(u.token.index)) return { at: -1, in: passage, token: -1, credit: 1 };
    // A plain word the passage states in other words ("quicken" for "accelerate"): partly there.
    if (u.kind === 'word') {
      let at = findNearSynonym(u.token.term, positions, used, claimTerms);
      const next = claim.tokens[u.token.index + 1];
      const phrasal = at < 0 && next ? phrasalTerm(u.token.term, next.norm) : undefined;
      if (phrasal) at = findNearSynonym(phrasal, positions, used, claimTerms);
      if (at >= 0) {
        used.add(at);
        return { at, in: passage, token: at, credit: NEAR_SYNONYM_CREDIT };
      }
    }
    // "Several weeks" elsewhere in the paragraph says nothing about the claim's "several weeks".
    if (u.kind === 'number' && u.fact.vague) return undefined;
    for (let c = 0; c < context.length; c++) {
      const there = locate(u, context[c], contextPositions[c], env, usedInContext[c], claimTerms);
      if (there >= 0) {
        if (u.kind !== 'name') usedInContext[c].add(there);
        return { at: -1, in: context[c], token: there, credit: 1 };
      }
    }
    // A person introduced earlier in the article and referred to as "he" or "the adviser" here.
    // Weak: if the passage names someone else in that place, the slot comparison still sees it.
    if (u.kind === 'name') {
      for (const b of background) {
        const there = locate(u, b, termPositions(b), env, new Set(), claimTerms);
        if (there >= 0) return { at: -1, in: b, token: there, credit: BACKGROUND_CREDIT, weak: true };
      }
    }
    // A name mentioned in part ("Kateryna" for "Kateryna Hodunova") still names the same person,
    // unless another name stands right where the missing words would be (Kyiv Post / Kyiv Independent).
    // The part must be written as in the claim, give or take a letter: "Britain" is not "Benjamin
    // Britten" mentioned in part, though it could be "Britten" spelled another way.
    if (u.kind === 'name' && u.words.length > 1) {
      const found = u.words.map((w) => findPart(w, passage, positions, env));
      const hit = found.findIndex((f) => f >= 0);
      const share = found.filter((f) => f >= 0).length / found.length;
      if (hit >= 0 && !replacedPart(u.words, found, passage)) return { at: found[hit], in: passage, token: found[hit], credit: share };
    }
    return undefined;
  }
  for (const k of order) matches[k] = matchUnit(units[k]);
  return { units, matches, positions, claimTerms };
}

const WINDOW = 5;
/** A name found only earlier in the article counts for less than one in the passage's paragraph. */
const BACKGROUND_CREDIT = 0.6;

/** The passage tokens where the counterpart of an unmatched claim unit is expected. */
export function windowFor(unit: Unit, { units, matches }: Alignment, passageLength: number): [number, number] {
  let left = -1;
  let right = -1;
  const i = units.indexOf(unit);
  for (let k = i - 1; k >= 0; k--) if (matches[k] && matches[k]!.at >= 0) { left = matches[k]!.at; break; }
  for (let k = i + 1; k < units.length; k++) if (matches[k] && matches[k]!.at >= 0) { right = matches[k]!.at; break; }
  if (left >= 0 && right >= 0 && left < right) return [left + 1, right - 1];
  if (left >= 0 && right >= 0) return [Math.min(left, right) - WINDOW, Math.max(left, right) + WINDOW];
  if (left >= 0) return [left + 1, left + WINDOW];
  if (right >= 0) return [right - WINDOW, right - 1];
  return [0, passageLength - 1];
}

export const inside = (k: number, [lo, hi]: [number, number]) => k >= lo && k <= hi;
