/**
 * Comparisons that turn on small closed classes of words rather than on facts: opposite function,
 * degree and quantity words ("before"/"after", "most"/"few"), ordinals, words that exclude each
 * other, another quantifier or title in the claim's place, another word in a place slot, and a
 * place stated only nearby.
 */
import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import type { NameFact } from '../facts/names';
import { isNegatorWord } from '../facts/negation';
import { POSSESSIVES, ROLE_WORDS, SUBJECT_PRONOUNS } from '../text/lexicon';
import type { Token } from '../text/tokenize';
import type { Alignment } from './align';
import type { SlotConflict } from './slots';
import { isLight } from './units';
import { inSubjectPlace } from './subjectPins';

/**
 * Function words that relate a thing to what follows them and have an opposite: "built before the
 * war" and "built after the war" share every content word. Being function words they are no unit of
 * the alignment, so the word-level antonym test never sees them.
 */
const OPPOSITE_RELATIONS = new Map<string, string[]>([
  ['before', ['after']],
  ['after', ['before']],
  ['for', ['against']],
  ['against', ['for']],
  ['with', ['without']],
  ['without', ['with']],
  ['above', ['below']],
  ['below', ['above']],
  ['inside', ['outside']],
  ['outside', ['inside']],
  ['ahead', ['behind']],
  ['behind', ['ahead']],
  // Degree words before what they grade: "a more perfect work" / "a less perfect work", and
  // quantities before what they count: "most residents" / "few residents".
  ['more', ['less', 'fewer']],
  ['less', ['more']],
  ['fewer', ['more']],
  ['most', ['least', 'fewest', 'few']],
  ['least', ['most']],
  ['fewest', ['most']],
  ['many', ['few']],
  ['few', ['many', 'most', 'all']],
  ['all', ['no', 'few']],
  ['no', ['all']],
]);

const TEMPORAL = new Set(['before', 'after']);

const aFew = (a: Analysis, i: number) => a.tokens[i].norm === 'few' && a.tokens[i - 1]?.norm === 'a';

/** The word is in a negation's scope, or is itself negated ("not without losses" is "with losses"). */
function negatedAt(a: Analysis, i: number): boolean {
  return a.negated.has(i) || a.negation.unsure.has(i) || [a.tokens[i - 1], a.tokens[i - 2]].some((t) => t && isNegatorWord(t, a.tokens[t.index + 1]));
}

const ARTICLES = new Set(['the', 'a', 'an', ...POSSESSIVES]);

/** The token at `i`, or past it when it is an article or possessive: step 1 reads on, -1 back. */
export function pastArticle(a: Analysis, i: number, step: 1 | -1): Token | undefined {
  const t = a.tokens[i];
  return t && ARTICLES.has(t.norm) ? a.tokens[i + step] : t;
}

/** Personal pronouns a temporal clause may open with ("before he left"): the verb after them is what is related. */
const CLAUSE_SUBJECTS = new Set(SUBJECT_PRONOUNS);

/** Demonstratives before what they point at: "after that year". */
const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those']);

/** What a relation word relates: the next token past an article, possessive, demonstrative or clause-opening pronoun. */
function relatedThing(a: Analysis, i: number): Token | undefined {
  let t = pastArticle(a, i + 1, 1);
  if (t && DEMONSTRATIVES.has(t.norm) && !a.tokens[t.index + 1]?.stop) t = a.tokens[t.index + 1];
  if (t && CLAUSE_SUBJECTS.has(t.norm)) t = a.tokens[t.index + 1];
  // Past the function words before it: "ahead of the others", "more about religion", "at least in the coming days".
  for (let k = 0; t?.stop && k < MAX_FUNCTION_WORDS; k++) t = a.tokens[t.index + 1];
  return t;
}

/** Function words a relation word may stand apart from what it relates. */
const MAX_FUNCTION_WORDS = 3;

/**
 * The claim relates a thing to what follows with one word ("voted for the bill", "built before the
 * war", "left before he signed") and the passage relates the same thing with its opposite ("voted
 * against the bill", "built after the war"). The thing must be a matched unit of the claim, and the
 * passage itself must state it right after the opposite word, and not after the claim's own word.
 */
export function oppositeRelation(claim: Analysis, passage: Analysis, alignment: Alignment): SlotConflict | undefined {
  const { units, matches } = alignment;
  for (const t of claim.tokens) {
    // "a few" is "some", no opposite of "many".
    const opposites = aFew(claim, t.index) ? undefined : OPPOSITE_RELATIONS.get(t.norm);
    // "not before the vote" and "not after the vote" still differ; "not without" is "with" again.
    const denied = !!opposites && negatedAt(claim, t.index);
    if (!opposites || (denied && !TEMPORAL.has(t.norm))) continue;
    const object = relatedThing(claim, t.index);
    if (!object || object.stop) continue;
    const k = units.findIndex((u) => u.first === object.index);
    if (k < 0 || !matches[k] || matches[k]!.at < 0) continue;
    const relates = (word: (norm: string) => boolean) =>
      passage.tokens.find((p) => word(p.norm) && relatedThing(passage, p.index)?.term === object.term);
    if (relates((n) => n === t.norm)) continue;
    const p = relates((n) => opposites.includes(n));
    if (p && aFew(passage, p.index)) continue;
    if (!p || negatedAt(passage, p.index) !== denied) continue;
    return { kind: 'negation', claimStart: t.start, claimEnd: t.end, claimed: t.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end };
  }
  return undefined;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** 1 for "first" or "1st", …; undefined for a word that is no ordinal. */
function ordinalValue(norm: string): number | undefined {
  const k = ORDINAL_WORDS.indexOf(norm);
  if (k >= 0) return k + 1;
  const m = /^(\d+)(?:st|nd|rd|th)$/.exec(norm);
  return m ? Number(m[1]) : undefined;
}

/**
 * Another ordinal before the same thing: "the second woman to lead the bank" against "the first
 * woman to lead the bank", "in its second year" against "in its first year".
 */
export function ordinalConflict(claim: Analysis, passage: Analysis, alignment: Alignment): SlotConflict | undefined {
  const { units, matches } = alignment;
  for (const t of claim.tokens) {
    const value = ordinalValue(t.norm);
    if (value === undefined) continue;
    const k = units.findIndex((u) => u.first === t.index + 1);
    const m = k >= 0 ? matches[k] : undefined;
    if (!m || m.at < 1) continue;
    const p = passage.tokens[m.at - 1];
    const other = ordinalValue(p.norm);
    if (other === undefined || other === value) continue;
    return { kind: 'number', claimStart: t.start, claimEnd: t.end, claimed: t.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end };
  }
  return undefined;
}

/**
 * Small classes whose members exclude each other before the same thing: "her left hand" / "her
 * right hand", "the northern border" / "the southern border", "his wife's company" / "his son's",
 * "a gold medal" / "a silver medal". The kind is how the finding is told: opposite sides and
 * bearings as opposites, family ties as roles, medals as ranks.
 */
export const EXCLUSIVE_CLASSES: { kind: 'negation' | 'role' | 'number' | 'date'; words: string[]; relative?: true }[] = [
  { kind: 'negation', words: ['left', 'right'] },
  { kind: 'negation', words: ['upper', 'lower'] },
  { kind: 'negation', words: ['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'] },
  { kind: 'negation', words: ['northern', 'southern', 'eastern', 'western', 'northeastern', 'northwestern', 'southeastern', 'southwestern'] },
  {
    kind: 'role',
    words: ['mother', 'father', 'son', 'daughter', 'brother', 'sister', 'husband', 'wife', 'uncle', 'aunt', 'nephew', 'niece', 'grandson', 'granddaughter', 'grandfather', 'grandmother'],
  },
  { kind: 'number', words: ['gold', 'silver', 'bronze'] },
  // Times said relative to the day of writing, earliest first. A draft is written no earlier than its
  // sources, so only a later word in the draft ("next week" for the source's "last week") is sure to
  // differ: "last week" two weeks after a source's "next week" is the same week.
  { kind: 'date', words: ['last', 'next'], relative: true },
  { kind: 'date', words: ['yesterday', 'today', 'tomorrow'], relative: true },
  // Parts of a day.
  { kind: 'date', words: ['morning', 'afternoon', 'evening'] },
];
const CLASS_OF = new Map<string, (typeof EXCLUSIVE_CLASSES)[number]>();
for (const c of EXCLUSIVE_CLASSES) for (const w of c.words) CLASS_OF.set(w, c);

/** Stands for the end of a sentence where a word has no neighbour after it. */
const END = '\u0000end';

/**
 * Another member of the claim's word's exclusive class stands where the passage states the thing
 * the claim's word goes with: right before it ("left hand"), before "of" it ("the son of the
 * founder"), or between the same two words ("her father could not"). The claim's word must be
 * unstated in the passage, and neither side denied.
 */
export function exclusiveWordConflict(claim: Analysis, passage: Analysis, alignment: Alignment): SlotConflict | undefined {
  const { units, matches } = alignment;
  const stated = new Set(passage.tokens.map((t) => t.norm));
  for (const t of claim.tokens) {
    const cls = CLASS_OF.get(t.norm);
    if (!cls || stated.has(t.norm) || negatedAt(claim, t.index)) continue;
    const other = (p: Token | undefined): p is Token =>
      !!p && p.norm !== t.norm && CLASS_OF.get(p.norm) === cls && !negatedAt(passage, p.index) && (!cls.relative || cls.words.indexOf(p.norm) < cls.words.indexOf(t.norm));
    const conflict = (p: Token): SlotConflict => {
      const own = units.findIndex((u) => u.first === t.index);
      return { kind: cls.kind, claimStart: t.start, claimEnd: t.end, claimed: t.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end, ...(own >= 0 ? { unit: own } : {}) };
    };
    // The same words on both sides: "her father could not pay" / "her mother could not pay".
    // The end of the sentence frames a word too: "on Tuesday morning." / "on Tuesday afternoon.".
    const left = claim.tokens[t.index - 1]?.norm;
    const right = claim.tokens[t.index + 1]?.norm ?? END;
    const framed = left !== undefined ? passage.tokens.find((p) => other(p) && passage.tokens[p.index - 1]?.norm === left && (passage.tokens[p.index + 1]?.norm ?? END) === right) : undefined;
    if (framed) return conflict(framed);
    const via = claim.tokens[t.index + 1]?.norm === 'of' ? 2 : 1;
    const thing = via === 2 ? pastArticle(claim, t.index + 2, 1) : claim.tokens[t.index + 1];
    if (!thing) continue;
    const k = units.findIndex((u) => u.first === thing.index);
    const m = k >= 0 ? matches[k] : undefined;
    if (!m || m.at < 0) continue;
    // The passage's word before the thing, past an article when the claim reads "… of the thing".
    let before = m.at - 1;
    if (via === 2) {
      if (ARTICLES.has(passage.tokens[before]?.norm ?? '')) before--;
      if (passage.tokens[before]?.norm !== 'of') continue;
      before--;
    }
    const p = passage.tokens[before];
    if (other(p)) return conflict(p);
  }
  return undefined;
}

/** Words that say how many of a thing: another one before the same thing states another amount. */
const QUANTIFIERS = new Set(['all', 'most', 'many', 'some', 'several', 'few', 'no', 'every', 'each', 'half', 'both']);

/** The quantifier before token `i` ("a few" as one word), if any. */
function quantifierBefore(a: Analysis, i: number): string | undefined {
  const t = a.tokens[i - 1];
  if (!t || !QUANTIFIERS.has(t.norm)) return undefined;
  return aFew(a, t.index) ? 'a few' : t.norm;
}

/**
 * The passage counts the same thing with another quantifier: "a few harbour workers joined" for
 * "most harbour workers joined". Opposites ("most" / "few") are conflicts (see oppositeRelation);
 * any other pair leaves the claim's amount unstated.
 */
export function otherQuantifier(claim: Analysis, alignment: Alignment): string | undefined {
  const { units, matches } = alignment;
  for (const [k, u] of units.entries()) {
    const m = matches[k];
    if (u.kind !== 'word' || !m || m.at < 0) continue;
    const ours = quantifierBefore(claim, u.first);
    const theirs = quantifierBefore(m.in, m.token);
    if (ours && theirs && ours !== theirs) return ours;
  }
  return undefined;
}

/**
 * The passage word standing where the claim's unit `k` stands, between the same words: past the
 * same function words from the nearest word both state, on either side ("the mayor announced" /
 * "the governor announced", "announced by the mayor" / "announced by the governor").
 */
function wordInSlot(claim: Analysis, passage: Analysis, alignment: Alignment, k: number): Token | undefined {
  const { units, matches } = alignment;
  const u = units[k];
  for (const step of [1, -1] as const) {
    // The nearest unit on this side, past function words, and where the passage states it.
    const boundary = step > 0 ? u.last : u.first;
    let i = boundary + step;
    while (claim.tokens[i]?.stop) i += step;
    const anchor = units.findIndex((v) => (step > 0 ? v.first : v.last) === i);
    const m = anchor >= 0 ? matches[anchor] : undefined;
    if (!m || m.at < 0) continue;
    const end = step > 0 ? m.at : (passage.names.find((n) => n.tokens.includes(m.at))?.tokens.at(-1) ?? m.at);
    // Back toward the slot over the same function words on both sides.
    let c = i - step;
    let j = end - step;
    while (c !== boundary && passage.tokens[j]?.norm === claim.tokens[c].norm) {
      c -= step;
      j -= step;
    }
    if (c === boundary && passage.tokens[j]) return passage.tokens[j];
  }
  return undefined;
}

/**
 * Another title where the claim's stands: "the governor announced the plan" for "the mayor announced
 * the plan". A title with no name beside it is the actor itself; the passage gives the act to another.
 */
export function replacedTitle(claim: Analysis, passage: Analysis, alignment: Alignment): string | undefined {
  const { units, matches } = alignment;
  for (const [k, u] of units.entries()) {
    if ((u.kind !== 'role' && u.kind !== 'word') || !ROLE_WORDS.has(u.token.norm) || matches[k]) continue;
    // Only the actor: "the mayor" before the verb, or the agent after "by". A title in a list of
    // what someone was ("an infielder, director and executive") is no actor.
    const the = claim.tokens[u.first - 1]?.norm === 'the';
    if (!the || (!inSubjectPlace(claim, u) && claim.tokens[u.first - 2]?.norm !== 'by')) continue;
    const other = wordInSlot(claim, passage, alignment, k);
    if (other && ROLE_WORDS.has(other.norm) && !alignment.claimTerms.has(other.term)) return u.token.raw;
  }
  return undefined;
}

/** Prepositions whose object is a slot of the word before them ("started in the kitchen"). */
const SLOT_PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'into', 'near', 'inside', 'outside']);

/**
 * The passage puts another plain word where the claim has its own, after the same word and
 * preposition: "the fire started in the garage" for "the fire started in the kitchen". Not a
 * contradiction (a kitchen may be in the house), but the passage does not state the claim's word.
 */
export function replacedObject(claim: Analysis, passage: Analysis, alignment: Alignment): string | undefined {
  const { units, matches, claimTerms } = alignment;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.kind !== 'word' || matches[k] || isLight(u.token)) continue;
    const prep = pastArticle(claim, u.first - 1, -1);
    if (!prep || !SLOT_PREPOSITIONS.has(prep.norm)) continue;
    const head = claim.tokens[prep.index - 1];
    const h = units.findIndex((x) => (x.kind === 'word' || x.kind === 'role') && x.token === head);
    const hm = h >= 0 ? matches[h] : undefined;
    if (!hm || hm.at < 0 || passage.tokens[hm.at + 1]?.norm !== prep.norm) continue;
    const other = pastArticle(passage, hm.at + 2, 1);
    if (other && !other.stop && !other.isNumber && !other.capitalized && !claimTerms.has(other.term) && !isLight(other)) return u.token.raw;
  }
  return undefined;
}

/**
 * A place of the claim found only in a neighbouring sentence while the passage itself names another
 * place after the claim's word before it, in that word's clause ("born in Manchester" against "born …
 * in Brixton, London", Manchester named in the next sentence): the passage does not support it.
 * Places nest, so this is no conflict.
 */
export function placeOnlyNearby(passage: Analysis, alignment: Alignment): boolean {
  const { units, matches, claimTerms } = alignment;
  return units.some((u, k) => {
    const m = matches[k];
    if (u.kind !== 'name' || u.fact.type !== 'place' || !m || m.at >= 0) return false;
    let anchor = -1;
    for (let j = k - 1; j >= 0 && anchor < 0; j--) if (matches[j] && matches[j]!.at >= 0) anchor = matches[j]!.at;
    if (anchor < 0) return false;
    const clauseOf = frameOf(passage).clauseOf;
    const own = (n: NameFact) => n.tokens.every((t) => !claimTerms.has(passage.tokens[t].term));
    return passage.names.some((n) => n.type === 'place' && own(n) && n.tokens[0] > anchor && clauseOf[n.tokens[0]] === clauseOf[anchor]);
  });
}
