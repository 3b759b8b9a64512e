import type { Analysis } from '../facts/analysis';
import type { DateFact } from '../facts/dates';
import type { NameFact } from '../facts/names';
import { isNegatorWord } from '../facts/negation';
import { isMoney, type NumberFact } from '../facts/numbers';
import { CARDINAL_WORDS, DISCOURSE_PHRASES, DISCOURSE_WORDS, LIGHT_WORDS, POSSESSIVES, ROLE_WORDS } from '../text/lexicon';
import { termOf } from '../text/tokenize';
import type { Token } from '../text/tokenize';

const LIGHT_TERMS = new Set([...LIGHT_WORDS].map(termOf));
const LIGHT_WEIGHT = 0.25;

/** Role nouns too general to be a person's title ("host", "leader", "official"). */
const GENERIC_ROLES = new Set(['host', 'pick', 'chair', 'head', 'leader', 'member', 'official', 'owner', 'founder', 'anchor', 'delegate', 'delegation', 'candidate', 'nominee', 'speaker', 'representative', 'general', 'deputy', 'chief', 'vice', 'prime', 'officer', 'king', 'queen']);

/**
 * A role noun next to a name is a title the claim gives that person ("Trump's pick for defence
 * secretary, Mike Waltz"): it must be confirmed like a fact, or the claim is not supported.
 */
function isTitle(claim: Analysis, t: Token): boolean {
  if (!ROLE_WORDS.has(t.norm) || GENERIC_ROLES.has(t.norm)) return false;
  if (claim.tokens[t.index - 1]?.norm === 'to') return false;
  return claim.names.some((n) => n.tokens.some((k) => Math.abs(k - t.index) <= 4));
}

/**
 * A claim broken into the pieces that must each find a counterpart in the evidence: plain
 * content words, and whole facts (a number with its unit, a date, a multi-word name).
 */
export type Unit =
  | { kind: 'word'; token: Token; first: number; last: number; weight: number }
  | { kind: 'role'; token: Token; first: number; last: number; weight: number }
  | { kind: 'number'; fact: NumberFact; first: number; last: number; weight: number }
  | { kind: 'date'; fact: DateFact; first: number; last: number; weight: number }
  | { kind: 'name'; fact: NameFact; words: Token[]; first: number; last: number; weight: number };

/** Weight of a number or date: about that of a rare word, since a wrong one matters as much. */
export const FACT_WEIGHT = 4;
const MAX_NAME_WEIGHT = 5;

export function tokensWithin(tokens: Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start >= start && t.end <= end);
}

/** A light verb or filler ("took place", "also"): it carries little of what a statement says. */
export function isLight(t: Token): boolean {
  return LIGHT_TERMS.has(t.term) || LIGHT_WORDS.has(t.norm);
}

/** A word that says something of its own: no stopword, no word that denies (see isNegatorWord). */
export function isContent(t: Token, next?: Token): boolean {
  return !t.stop && !isNegatorWord(t, next);
}

/**
 * Tokens of connectives ("however", "in fact", "as a result"): a source that states the fact
 * without the writer's link to the sentence before still states it.
 */
function discourseMarkers(tokens: Token[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (DISCOURSE_WORDS.has(tokens[i].norm)) out.push(i);
    for (const phrase of DISCOURSE_PHRASES) {
      if (phrase.every((w, j) => tokens[i + j]?.norm === w)) out.push(...phrase.map((_, j) => i + j));
    }
  }
  return out;
}

/** Words before a count that make it point back to things already named ("the two leaders", "its three sons"). */
const DEFINITE = new Set(['the', 'these', 'those', 'all', ...POSSESSIVES]);

/**
 * A small number in words that states how many of something there are ("founded by two brothers",
 * "three albums"), not one that points back to things already named ("the two leaders"), nor "one",
 * which is mostly a pronoun ("one of the", "the last one").
 */
function countsSomething(claim: Analysis, n: NumberFact): boolean {
  const t = claim.tokens[n.firstToken];
  const before = claim.tokens[n.firstToken - 1];
  return !!n.unit && n.value >= 2 && CARDINAL_WORDS[t.norm] !== undefined && !(before && DEFINITE.has(before.norm));
}

/** Splits an analysed claim into units; `idf` weighs words by how rare they are in the corpus. */
export function claimUnits(claim: Analysis, idf: (term: string) => number): Unit[] {
  const units: Unit[] = [];
  const used = new Set<number>();
  for (const d of claim.dates) {
    const toks = tokensWithin(claim.tokens, d.start, d.end);
    if (!toks.length) continue;
    toks.forEach((t) => used.add(t.index));
    units.push({ kind: 'date', fact: d, first: toks[0].index, last: toks[toks.length - 1].index, weight: FACT_WEIGHT });
  }
  for (const n of claim.numbers) {
    // "the two spoke", "both leaders", "one of": small numbers in words that count nothing new read as plain words.
    const measured = n.unit === 'time' || n.unit === 'percent' || isMoney(n.unit);
    if (!claim.tokens[n.firstToken].isNumber && n.value <= 10 && !measured && !countsSomething(claim, n)) continue;
    // "More than", "about": the comparator is part of the quantity's range, not a word to find.
    for (let k = n.firstToken - (n.hedgeWords ?? 0); k <= n.lastToken; k++) used.add(k);
    units.push({ kind: 'number', fact: n, first: n.firstToken, last: n.lastToken, weight: FACT_WEIGHT });
  }
  for (const name of claim.names) {
    if (name.tokens.some((k) => used.has(k))) continue;
    const words = name.tokens.map((k) => claim.tokens[k]);
    name.tokens.forEach((k) => used.add(k));
    // A long or unknown name is one fact: capped so it cannot outweigh the rest of the statement.
    const weight = Math.min(MAX_NAME_WEIGHT, words.reduce((s, w) => s + idf(w.term), 0));
    units.push({ kind: 'name', fact: name, words, first: name.tokens[0], last: name.tokens[name.tokens.length - 1], weight });
  }
  for (const k of discourseMarkers(claim.tokens)) used.add(k);
  for (const t of claim.tokens) {
    if (used.has(t.index) || !isContent(t, claim.tokens[t.index + 1])) continue;
    const light = isLight(t);
    const kind = isTitle(claim, t) ? 'role' : 'word';
    units.push({ kind, token: t, first: t.index, last: t.index, weight: idf(t.term) * (light ? LIGHT_WEIGHT : 1) });
  }
  units.sort((a, b) => a.first - b.first);
  return units;
}
