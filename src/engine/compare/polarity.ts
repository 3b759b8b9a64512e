import type { Analysis } from '../facts/analysis';
import { ANTONYM_PAIRS, ATTRIBUTION_MARKERS, LIGHT_WORDS, NEGATORS, POSSESSIVES } from '../text/lexicon';
import { termOf } from '../text/tokenize';
import { WORDNET_ANTONYM_PAIRS } from '../text/wordnet';
import { type Alignment, inside } from './align';
import type { Unit } from './units';
import type { SlotConflict } from './slots';

/**
 * "The format is still being decided" states a process, not its outcome: it neither says the format
 * was decided nor that it was not ("has not yet been finalized" agrees with it).
 */
const inProgress = (a: Analysis, k: number) => a.tokens[k - 1]?.norm === 'being';

/**
 * The matching terms of a word's regular forms: the stemmer does not always give a word and its
 * inflections one term ("succeed" and "succeeded" differ), and a pair listed in its base form must
 * meet the word as written.
 */
function formTerms(word: string): Set<string> {
  if (word.includes(' ')) return new Set([termOf(word)]);
  const stem = word.endsWith('e') ? word.slice(0, -1) : word;
  return new Set([word, `${word}s`, `${stem}ed`, `${stem}ing`].map(termOf));
}

const ANTONYMS = new Map<string, Set<string>>();
// The hand-written pairs and WordNet's (rise/fall, overestimate/underestimate, significant/insignificant).
for (const [a, b] of [...ANTONYM_PAIRS, ...WORDNET_ANTONYM_PAIRS]) {
  const ta = formTerms(a);
  const tb = formTerms(b);
  if ([...ta].some((t) => tb.has(t))) continue;
  for (const [from, to] of [[ta, tb], [tb, ta]]) {
    for (const t of from) {
      if (!ANTONYMS.has(t)) ANTONYMS.set(t, new Set());
      for (const o of to) ANTONYMS.get(t)!.add(o);
    }
  }
}
/** The word (by term) is one of a pair of opposites: a verb of change or of outcome, not a neutral one. */
export const hasOpposite = (term: string) => ANTONYMS.has(term);
const ATTRIBUTION_TERMS = new Set([...ATTRIBUTION_MARKERS].map(termOf));

/**
 * A verb of saying that introduces what was said ("did not say whether", "said that", "told
 * reporters"): whether it is denied says nothing about the content. With a thing for its object
 * ("have not denied the allegations", "did not comment on the plan") it is the predicate itself.
 */
function reportsSaying(a: Analysis, i: number): boolean {
  if (!ATTRIBUTION_TERMS.has(a.tokens[i].term)) return false;
  const next = a.tokens[i + 1];
  if (!next || /["“”'‘’:,]/.test(a.text.slice(a.tokens[i].end, next.start))) return true;
  const thing = THING_OPENERS.has(next.norm) || REPORTED_THINGS.test(next.norm);
  return !thing;
}

/** Words that open a noun phrase or its topic after a verb of saying ("denied the report", "commented on it"). */
const THING_OPENERS = new Set(['the', 'a', 'an', 'these', 'those', 'this', 'on', 'any', ...POSSESSIVES]);
/** What is denied or confirmed as a thing: "denied allegations", "confirmed reports". */
const REPORTED_THINGS = /^(allegations?|reports?|claims?|accusations?|charges?|rumou?rs?)$/;
const LIGHT = new Set([...LIGHT_WORDS].map(termOf));
/** How far from a one-sided anchor an opposite word may stand. */
const WINDOW = 4;

/** The negator of a negated word, for showing the whole negated phrase ("not required"). */
function negatorBefore(a: Analysis, index: number) {
  for (let j = index - 1; j >= Math.max(0, index - 4); j--) {
    const t = a.tokens[j];
    if (NEGATORS.has(t.norm) || (t.norm === 'to' && /^(yet|declined?|refused?|fail(ed)?)$/.test(a.tokens[j - 1]?.norm ?? ''))) return NEGATORS.has(t.norm) ? t : a.tokens[j - 1];
  }
  return undefined;
}

/**
 * The claim denies something (a "not", "never", "failed to"…; an affix like "un-" is a word of its
 * own, not a denial) where the passage denies nothing at all: the passage cannot support it.
 */
export function negationUnstated(claim: Analysis, passage: Analysis): boolean {
  const denied = new Set<string>();
  for (const k of claim.negation.negated) if (!claim.negation.affixal.has(k)) denied.add(claim.tokens[k].term);
  if (!denied.size) return false;
  // The passage denies too: in words ("not", "never"), or by an affix on a word the claim denies
  // ("not certain" / "uncertain"); an affixal word elsewhere ("unprecedented") is no denial.
  for (const k of passage.negation.negated) if (!passage.negation.affixal.has(k) || denied.has(passage.tokens[k].term)) return false;
  return true;
}

/**
 * No negation reaches this token in its clause. A negation in another clause does not matter, nor one
 * after the token that denies no predicate ("is open to talks without preconditions"); a denied
 * predicate after it ("Beauty contests were not held") denies what the token is said to do.
 */
function clauseAffirms(a: Analysis, index: number): boolean {
  const { negated, heads, affixal, unsure, clause } = a.negation;
  const c = clause[index];
  for (const k of negated) if (clause[k] === c && (k < index || (heads.has(k) && !affixal.has(k)))) return false;
  for (const k of unsure) if (clause[k] === c) return false;
  return true;
}

/** The claim's units before unit `k` in its clause, nearest first, light words left out. */
function unitsBefore(units: Unit[], k: number, clause: number[]): number[] {
  const c = clause[units[k].first];
  const out: number[] = [];
  for (let j = k - 1; j >= 0 && clause[units[j].first] === c; j--) {
    const w = units[j];
    if (!(w.kind === 'word' && LIGHT.has(w.token.term))) out.push(j);
  }
  return out;
}

/** The terms of the nearest word or name before the claim's word in its clause: its subject, roughly. */
function subjectOf(units: Unit[], k: number, clause: number[]): string[] | undefined {
  const w = units[unitsBefore(units, k, clause).find((j) => units[j].kind === 'word' || units[j].kind === 'name') ?? -1];
  if (w?.kind === 'word') return [w.token.term];
  if (w?.kind === 'name') return w.words.map((t) => t.term);
  return undefined;
}

/**
 * The claim names who or what its word is said of, before it in its clause, and neither the passage
 * nor its neighbours state any of it: "the harbour wall has not warmed" is not denied by "the sea has
 * warmed". Named in a neighbouring sentence, it is still this passage's subject ("Renewables …
 * Geothermal plants can").
 */
function subjectElsewhere(claim: Analysis, units: Unit[], matches: Alignment['matches'], k: number): boolean {
  const before = unitsBefore(units, k, claim.negation.clause);
  return before.length > 0 && !before.some((j) => matches[j] && !matches[j]!.weak);
}

/**
 * Where the passage states the same arguments around the claim's word: the nearest aligned units on
 * each side within the claim word's clause ("The union [accepted] the offer") must be found in the
 * passage itself, in one clause, in the same order. Returns the passage tokens between them and that
 * clause, or undefined when the arguments differ and an opposite word there would be about something else.
 */
function sameArguments(claim: Analysis, u: Unit, k: number, { units, matches }: Alignment, passage: Analysis) {
  const clause = claim.negation.clause;
  const c = clause[u.first];
  // The first aligned unit on each side within the clause: null when the clause has no unit there,
  // undefined when it has some but none is stated in the passage (another subject or object).
  const side = (step: number) => {
    let seen = false;
    for (let j = k + step; j >= 0 && j < units.length; j += step) {
      const w = units[j];
      if (clause[w.first] !== c) break;
      if (w.kind === 'word' && LIGHT.has(w.token.term)) continue;
      seen = true;
      const m = matches[j];
      if (m && m.at >= 0 && m.in === passage) return { at: m.at, unit: w };
    }
    return seen ? undefined : null;
  };
  const left = side(-1);
  const right = side(1);
  const subject = subjectOf(units, k, clause);
  const pc = passage.negation.clause;
  if (left === null && right === null) return { subject };
  if (left && right) {
    if (left.at >= right.at || pc[left.at] !== pc[right.at]) return { subject };
    return { window: [left.at + 1, right.at - 1] as [number, number], clause: pc[left.at], subject, leftStated: true };
  }
  // One side stated, the other absent from the clause or not stated: the opposite word must stand
  // right next to the stated one ("little effect" / "major effect"; "the union accepted" / "rejected").
  const anchor = left ?? right;
  if (!anchor) return { subject };
  const reach = left === null || right === null ? WINDOW : 2;
  const window: [number, number] = left ? [anchor.at + 1, anchor.at + reach] : [anchor.at - reach, anchor.at - 1];
  return { window, clause: pc[anchor.at], subject, leftStated: !!left };
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
  // An opposite word the claim states as often as the passage answers the claim's own word: "obliged
  // to release him under an arrest warrant" against "obliged to arrest him under an arrest warrant"
  // leaves one "arrest" of the passage unexplained, and that one is the opposite.
  const count = (a: Analysis, term: string) => a.tokens.reduce((n, t) => n + Number(t.term === term), 0);
  const unexplained = (t: { term: string }) => count(passage, t.term) > count(claim, t.term);
  const conflicts: SlotConflict[] = [];
  let polarityClash = false;
  units.forEach((u, k) => {
    const m = matches[k];
    if (u.kind !== 'word' || !m || conflicts.length || reportsSaying(claim, u.token.index)) return;
    const i = u.token.index;
    // Double negation and negated quantifiers ("not unlikely", "not always") assert nothing firm,
    // but they do not say what a plain denial says: "not unclear" is no support for "unclear".
    const claimUnsure = claim.negation.unsure.has(i) || inProgress(claim, i);
    const sourceUnsure = m.in.negation.unsure.has(m.token) || inProgress(m.in, m.token);
    if (claimUnsure || sourceUnsure) {
      if (claimUnsure ? m.in.negated.has(m.token) && !sourceUnsure : claim.negated.has(i)) polarityClash = true;
      return;
    }
    const claimNeg = claim.negated.has(i);
    const sourceNeg = m.in.negated.has(m.token);
    if (claimNeg === sourceNeg) return;
    if (subjectElsewhere(claim, units, matches, k)) return;
    // A capitalised word inside a sentence is part of a name ("the Miss Beauty contest"), not a predicate.
    if ((i > 0 && u.token.capitalized) || (m.token > 0 && m.in.tokens[m.token].capitalized)) return;
    // The side that does not negate the word must affirm it: no negation in its clause, where a
    // scope guess could be wrong. Negations in other clauses of the sentence do not matter.
    if (!(claimNeg ? clauseAffirms(m.in, m.token) : clauseAffirms(claim, i))) return;
    if (m.in !== passage) {
      polarityClash = true;
      return;
    }
    // Only the negated predicate itself ("is not required", "failed to agree", "uncertain") contradicts;
    // a word further inside the scope, or a negated noun phrase, makes the passage merely unfit as support.
    if (!(claimNeg ? claim.negation.heads.has(i) : passage.negation.heads.has(m.token))) {
      polarityClash = true;
      return;
    }
    const p = passage.tokens[m.token];
    const cn = claimNeg ? negatorBefore(claim, i) : undefined;
    const pn = sourceNeg ? negatorBefore(passage, m.token) : undefined;
    const cs = cn ? cn.start : u.token.start;
    const ps = pn ? pn.start : p.start;
    conflicts.push({ kind: 'negation', claimStart: cs, claimEnd: u.token.end, claimed: claim.text.slice(cs, u.token.end), source: passage.text.slice(ps, p.end), sourceStart: ps, sourceEnd: p.end, unit: k });
  });
  units.forEach((u, k) => {
    // A word stated only in a neighbouring sentence leaves the passage's own word in its place.
    const nearby = matches[k] !== undefined && matches[k]!.at < 0;
    if (u.kind !== 'word' || (matches[k] && !nearby) || taken.has(k) || conflicts.length) return;
    const opposite = ANTONYMS.get(u.token.term);
    if (!opposite) return;
    // "did not accept" and "rejected" say the same: only a plainly stated word has an opposite.
    const i = u.token.index;
    if (claim.negated.has(i) || claim.negation.unsure.has(i)) return;
    const near = sameArguments(claim, u, k, alignment, passage);
    // The neighbour states the claim's word, perhaps of another subject: the passage's opposite
    // contradicts only when the passage itself states the claim's subject before it.
    if (nearby && !near.leftStated) return;
    const plain = (t: { index: number }) => !passage.negated.has(t.index) && !passage.negation.unsure.has(t.index);
    const p = near.window && passage.tokens.find((t) => opposite.has(t.term) && plain(t) && unexplained(t) && inside(t.index, near.window!) && passage.negation.clause[t.index] === near.clause);
    if (p) {
      conflicts.push({ kind: 'negation', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end, unit: k });
      return;
    }
    // The opposite word elsewhere in the passage, its arguments not the claim's: no contradiction
    // shown, but a passage saying the opposite of the claim's missing word does not support it.
    if (nearby) return;
    if (passage.tokens.some((t) => opposite.has(t.term) && plain(t) && unexplained(t))) polarityClash = true;
    // The next sentence may take the opposite stance with the same subject ("The ministry confirmed
    // the visit. … The ministry later denied it."): the claim's subject must stand just before the word.
    const subject = near.subject;
    if (subject === undefined) return;
    for (const c of context.slice(0, 2)) {
      const q = c.tokens.find((t) => opposite.has(t.term) && !c.negated.has(t.index) && !c.negation.unsure.has(t.index) && !claimTerms.has(t.term) &&
        c.tokens.some((s) => subject.includes(s.term) && s.index < t.index && t.index - s.index <= WINDOW && c.negation.clause[s.index] === c.negation.clause[t.index]));
      if (q) {
        conflicts.push({ kind: 'negation', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: q.raw, sourceStart: 0, sourceEnd: 0, unit: k });
        return;
      }
    }
  });
  return { conflicts, polarityClash };
}
