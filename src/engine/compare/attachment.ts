import type { Analysis } from '../facts/analysis';
import type { NameType } from '../facts/names';
import type { Token } from '../text/tokenize';
import type { Alignment } from './align';

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
  /** The claim's name unit that the passage attaches to another word. */
  unit: number;
  /** The passage's name attached where the claim attaches its own, whole ("Lisbon University"). */
  stated: FreeName;
  start: number;
  end: number;
}

/** The token after `i`, past one article: "in the Hague" attaches "Hague". */
function afterArticle(a: Analysis, i: number): Token | undefined {
  const t = a.tokens[i];
  return t && t.norm === 'the' ? a.tokens[i + 1] : t;
}

/** The token before `i`, past one article. */
function beforeArticle(a: Analysis, i: number): Token | undefined {
  const t = a.tokens[i];
  return t && t.norm === 'the' ? a.tokens[i - 1] : t;
}

/**
 * The claim ties a name to a word with a preposition ("born in Porto"); the passage ties another name
 * to that word with the same preposition and the claim's name to a second word ("born in Lisbon and
 * raised in Porto", "a bachelor's from Lisbon University and a master's from Porto Academy"). The
 * claim has crossed the pairs: every word is in the passage, but the passage says something else.
 * Only when no other occurrence of the word carries the claim's name ("her brother was born in
 * Lisbon; she was born in Porto"), and not for a list or an apposition ("in Lisbon and Porto",
 * "in Brooklyn, New York"), where the second name has no preposition of its own.
 */
export function crossedAttachments(claim: Analysis, passage: Analysis, alignment: Alignment, free: FreeName[], compatible: (claimed: NameType, stated: NameType) => boolean): CrossedAttachment[] {
  const { units, matches, positions } = alignment;
  const out: CrossedAttachment[] = [];
  units.forEach((u, k) => {
    const m = matches[k];
    if (u.kind !== 'name' || !m || m.at < 0 || m.credit < 1) return;
    const prep = beforeArticle(claim, u.first - 1);
    if (!prep || !ATTACHING.has(prep.norm)) return;
    const head = claim.tokens[prep.index - 1];
    const w = units.findIndex((x) => (x.kind === 'word' || x.kind === 'role') && x.token === head);
    const wm = w >= 0 ? matches[w] : undefined;
    if (!head || !wm || wm.at < 0) return;
    // The claim's name in the passage must have the same preposition of its own.
    const ownPrep = beforeArticle(passage, m.at - 1);
    if (!ownPrep || ownPrep.norm !== prep.norm) return;
    // Some occurrence of the word already carries the claim's name: nothing is crossed.
    const occurrences = positions.get(head.term) ?? [wm.at];
    if (occurrences.some((q) => passage.tokens[q + 1]?.norm === prep.norm && afterArticle(passage, q + 2)?.index === m.at)) return;
    if (passage.tokens[wm.at + 1]?.norm !== prep.norm) return;
    const first = afterArticle(passage, wm.at + 2);
    if (!first) return;
    const stated = free.find((r) => r.words[0].index === first.index && compatible(u.fact.type, r.type));
    if (!stated) return;
    const whole = passage.names.find((n) => n.tokens.includes(first.index));
    const start = whole?.start ?? stated.words[0].start;
    const end = whole?.end ?? stated.words[stated.words.length - 1].end;
    out.push({ unit: k, stated, start, end });
  });
  return out;
}
