import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import type { NameFact } from '../facts/names';
import { SAYING_WORDS } from '../text/lexicon';
import type { Alignment } from './align';
import type { SlotConflict } from './slots';

/**
 * The person or body a sentence gives its words to: a name right before or after a verb of saying, or the
 * last name between "according to" and the next comma ("according to the harbour council's chair
 * Rui Costa, who …"). Read off the words beside the verb, not the clauses: a lead-in such as
 * "Asked whether the talks would go ahead, Rui Costa said," is one clause with a verb of its own.
 */
function speaker(a: Analysis): NameFact | undefined {
  if (!speakers.has(a)) speakers.set(a, findSpeaker(a));
  return speakers.get(a);
}

/** Each sentence's speaker, read once: a passage is a neighbour of many others. */
const speakers = new WeakMap<Analysis, NameFact | undefined>();

function findSpeaker(a: Analysis): NameFact | undefined {
  // A lone surname is typed "other": beside a verb of saying it is a person far more often than not.
  // A body speaks as well ("according to the Weather Bureau", "the Harbour Authority said").
  const canSpeak = (n: NameFact) => n.type !== 'place';
  const according = a.tokens.findIndex((t, k) => t.norm === 'according' && a.tokens[k + 1]?.norm === 'to');
  if (according >= 0) {
    const comma = a.text.indexOf(',', a.tokens[according].end);
    const end = comma < 0 ? a.text.length : comma;
    const named = a.names.filter((n) => n.start > a.tokens[according].end && n.end <= end);
    const last = named[named.length - 1];
    if (last && canSpeak(last)) return last;
  }
  return a.names.find((n) => {
    if (!canSpeak(n)) return false;
    const before = a.tokens[n.tokens[0] - 1];
    const after = a.tokens[n.tokens[n.tokens.length - 1] + 1];
    if (SAYING_WORDS.has(before?.norm ?? '')) return true;
    if (!SAYING_WORDS.has(after?.norm ?? '')) return false;
    // A body before the verb speaks only when it opens its phrase ("…, the Harbour Authority said"):
    // "Ana Ruiz, head of the Harbour Authority, said" gives the words to the person.
    return n.type === 'person' || n.type === 'other' || opensPhrase(a, n);
  });
}

/** Only an article, or nothing, stands between the name and the start of the sentence or a comma before it. */
function opensPhrase(a: Analysis, n: NameFact): boolean {
  const lead = a.text.slice(0, n.start);
  const phrase = lead.slice(lead.lastIndexOf(',') + 1).trim().toLowerCase();
  return phrase === '' || phrase === 'the';
}

/** Plain words of the claim a neighbouring sentence must state to be the one that says them. */
const MIN_HELD_WORDS = 2;

export interface SpeakerCheck {
  /** The passage itself gives the claim's words to someone else: "…," Ana Ruiz said' against '…," Rui Costa said'. */
  conflict?: SlotConflict;
  /**
   * The passage cannot vouch for who said the words: it names another speaker beside only some of
   * them, or a neighbouring sentence gives them to another speaker.
   */
  elsewhere: boolean;
}

/**
 * Who said it is left aside when a source states the words without a speaker, but a source that
 * names another speaker says the claim misattributes them. The claim's speaker is a person it names
 * beside a verb of saying; another speaker is one that shares no word with any name of the claim.
 * The passage's own speaker decides, and so does the speaker of a neighbouring sentence that states
 * the claim's words for it. A passage that names no speaker, nor the claim's, cannot vouch for who
 * said the words when a neighbouring sentence gives them to another speaker and none to the
 * claim's ("Asked about the vote, Rui Costa said," before the quotation).
 */
export function checkSpeaker(claim: Analysis, passage: Analysis, context: Analysis[], alignment: Alignment): SpeakerCheck {
  const { units, matches } = alignment;
  const claimed = speaker(claim);
  const k = units.findIndex((u) => u.kind === 'name' && u.fact.start === claimed?.start);
  const unit = units[k];
  if (k < 0 || unit.kind !== 'name') return { elsewhere: false };
  // Another speaker shares no word with a name of the claim: "the Bureau of Harbours" is a
  // stranger to a claim about "harbour fees" that "according to HPA" attributes.
  const nameTerms = new Set(units.flatMap((u) => (u.kind === 'name' ? u.words.map((w) => w.term) : [])));
  const stranger = (a: Analysis) => {
    const n = speaker(a);
    return n && n.tokens.every((t) => !nameTerms.has(a.tokens[t].term)) ? n : undefined;
  };
  const ours = (a: Analysis) => {
    const n = speaker(a);
    return !!n && n.tokens.some((t) => unit.words.some((w) => w.term === a.tokens[t].term));
  };
  const other = stranger(passage);
  const { attribution } = frameOf(claim);
  if (other) {
    // The words must be the passage's own, all of them, for the speaker to be the one slot that
    // differs; "told reporters", "said on Monday" belong to the attribution, not to the words.
    const wordsStated = units.every((u, j) => j === k || attribution.has(u.first) || (matches[j] && matches[j]!.at >= 0));
    if (!wordsStated) return { elsewhere: true };
    return {
      conflict: { kind: 'name', claimStart: unit.fact.start, claimEnd: unit.fact.end, claimed: unit.fact.raw, source: other.raw, sourceStart: other.start, sourceEnd: other.end, unit: k, person: true },
      elsewhere: false,
    };
  }
  // The sentences that state the claim's words in the passage's place: their speaker speaks them.
  const held = new Map<Analysis, number>();
  units.forEach((u, j) => {
    const m = matches[j];
    if (u.kind === 'word' && !attribution.has(u.first) && m && m.at < 0 && !m.weak) held.set(m.in, (held.get(m.in) ?? 0) + 1);
  });
  if ([...held].some(([a, n]) => n >= MIN_HELD_WORDS && stranger(a) !== undefined && !ours(a))) return { elsewhere: true };
  if (speaker(passage) || (matches[k] && matches[k]!.at >= 0) || context.some(ours)) return { elsewhere: false };
  return { elsewhere: context.some((c) => stranger(c) !== undefined) };
}
