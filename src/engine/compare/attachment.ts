import type { Analysis } from '../facts/analysis';
import { conflictingDates } from '../facts/dates';
import { frameOf } from '../facts/frame';
import type { NameType } from '../facts/names';
import type { Token } from '../text/tokenize';
import type { Alignment } from './align';
import { pastArticle } from './relational';

/**
 * Prepositions that tie a place, an institution or a maker to the word before them ("born in",
 * "a degree from", "studied at", "directed by"). Others ("with", "for", "to") join lists of partners
 * or goals where one word may take several names in turn.
 */
const ATTACHING = new Set(['in', 'at', 'from', 'by']);

/** A capitalised passage name the claim does not state, as slots.ts groups them. */
export interface FreeName {
  words: Token[];
  type: NameType;
  partial: boolean;
}

export interface CrossedAttachment {
  /** The claim's name or date unit that the passage ties to another word. */
  unit: number;
  kind: 'name' | 'date';
  /** Where the passage states what it ties to the claim's word instead, whole ("Lisbon University"). */
  start: number;
  end: number;
  person?: boolean;
}

/**
 * Where the passage ties another value to the claim's word: the claim ties its value (unit `k`) to a
 * word with a preposition ("born in Porto"), the passage states that value with the same preposition
 * but after another word, and ties something else to the claim's word ("born in Lisbon and raised in
 * Porto"). Returns the first token of what the passage ties to the word. Not when any occurrence of
 * the word carries the claim's value ("her brother was born in Lisbon; she was born in Porto"), nor
 * for a list or an apposition ("in Lisbon and Porto", "in Brooklyn, New York"), where the claim's
 * value has no preposition of its own.
 */
function crossedSlot(claim: Analysis, passage: Analysis, alignment: Alignment, k: number): Token | undefined {
  const { units, matches, positions } = alignment;
  const u = units[k];
  const m = matches[k];
  if (!m || m.at < 0 || m.credit < 1) return undefined;
  const prep = pastArticle(claim, u.first - 1, -1);
  if (!prep || !ATTACHING.has(prep.norm)) return undefined;
  // A date belongs to its clause's verb even with the object between ("married Rui Costa in 2010").
  const cf = u.kind === 'date' ? frameOf(claim) : undefined;
  const verb = cf?.predicates.find((v) => cf.clauseOf[v] === cf.clauseOf[prep.index] && v < prep.index);
  const head = claim.tokens[verb ?? prep.index - 1];
  const w = units.findIndex((x) => (x.kind === 'word' || x.kind === 'role') && x.token === head);
  const wm = w >= 0 ? matches[w] : undefined;
  if (!head || !wm || wm.at < 0) return undefined;
  const ownPrep = pastArticle(passage, m.at - 1, -1);
  if (!ownPrep || ownPrep.norm !== prep.norm) return undefined;
  const occurrences = positions.get(head.term) ?? [wm.at];
  if (occurrences.some((q) => passage.tokens[q + 1]?.norm === prep.norm && pastArticle(passage, q + 2, 1)?.index === m.at)) return undefined;
  if (passage.tokens[wm.at + 1]?.norm !== prep.norm) return undefined;
  return pastArticle(passage, wm.at + 2, 1);
}

/**
 * Names and dates the claim ties to the wrong word of the passage: "born in Porto" against "born in
 * Lisbon and raised in Porto", "died in 1950" against "born in 1950 and died in 1990". Every word of
 * the claim is in the passage, but the passage pairs them otherwise.
 */
export function crossedAttachments(claim: Analysis, passage: Analysis, alignment: Alignment, free: FreeName[], compatible: (claimed: NameType, stated: NameType) => boolean): CrossedAttachment[] {
  const out: CrossedAttachment[] = [];
  alignment.units.forEach((u, k) => {
    if (u.kind !== 'name' && u.kind !== 'date') return;
    const first = crossedSlot(claim, passage, alignment, k);
    if (!first) return;
    if (u.kind === 'date') {
      const other = passage.dates.find((d) => d.start === first.start && conflictingDates(u.fact, d));
      if (other) out.push({ unit: k, kind: 'date', start: other.start, end: other.end });
      return;
    }
    const stated = free.find((r) => r.words[0].index === first.index && compatible(u.fact.type, r.type));
    const whole = passage.names.find((n) => n.tokens.includes(first.index));
    if (stated) {
      out.push({ unit: k, kind: 'name', start: whole?.start ?? stated.words[0].start, end: whole?.end ?? stated.words[stated.words.length - 1].end, person: u.fact.type === 'person' && stated.type === 'person' });
      return;
    }
    // Two names of the claim swapped ("signed by Spain and rejected by Portugal"): the other is named in the claim too.
    const m = alignment.matches[k]!;
    if (whole && whole.tokens[0] === first.index && !whole.tokens.includes(m.at) && compatible(u.fact.type, whole.type)) {
      out.push({ unit: k, kind: 'name', start: whole.start, end: whole.end, person: u.fact.type === 'person' && whole.type === 'person' });
    }
  });
  // A swap crosses two pairs at once; the first says what is wrong.
  return out.slice(0, 1);
}
