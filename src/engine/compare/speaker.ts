import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import type { NameFact } from '../facts/names';
import type { Alignment } from './align';
import type { SlotConflict } from './slots';

/** Verbs of saying that name their speaker right beside them ("Rui Costa said", "said Rui Costa"). */
const SAYING = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'stated', 'states', 'explained', 'noted', 'insisted',
  'argued', 'warned', 'revealed', 'stressed', 'claimed', 'asserted', 'remarked', 'replied', 'responded', 'recalled', 'announced',
]);

/**
 * The person a sentence gives its words to: a name right before or after a verb of saying, or right
 * after "according to". Read off the words beside the verb, not the clauses: a lead-in such as
 * "Asked whether the talks would go ahead, Rui Costa said," is one clause with a verb of its own.
 */
function speaker(a: Analysis): NameFact | undefined {
  return a.names.find((n) => {
    // A lone surname is typed "other": beside a verb of saying it is a person far more often than not.
    if (n.type !== 'person' && n.type !== 'other') return false;
    const before = a.tokens[n.tokens[0] - 1];
    const after = a.tokens[n.tokens[n.tokens.length - 1] + 1];
    return SAYING.has(after?.norm ?? '') || SAYING.has(before?.norm ?? '') || (before?.norm === 'to' && a.tokens[n.tokens[0] - 2]?.norm === 'according');
  });
}

export interface SpeakerCheck {
  /** The passage itself gives the claim's words to someone else: "…," Ana Ruiz said' against '…," Rui Costa said'. */
  conflict?: SlotConflict;
  /** Another speaker is named, but not beside all of the claim's words in the passage itself: it cannot vouch for who said it. */
  elsewhere: boolean;
}

/**
 * Who said it is left aside when a source states the words without a speaker, but a source that
 * names another speaker says the claim misattributes them. The claim's speaker must be a person it
 * names in its attribution that neither the passage nor its neighbours name; the other speaker must
 * share no word with any name of the claim.
 */
export function checkSpeaker(claim: Analysis, passage: Analysis, context: Analysis[], alignment: Alignment): SpeakerCheck {
  const { units, matches, claimTerms } = alignment;
  const claimed = speaker(claim);
  // Named earlier in the article or in a neighbouring sentence, the claim's speaker may still not be the passage's.
  const k = units.findIndex((u, j) => u.kind === 'name' && u.fact.start === claimed?.start && !(matches[j] && matches[j]!.at >= 0));
  if (k < 0) return { elsewhere: false };
  const nearby = matches[k] !== undefined && !matches[k]!.weak;
  const unit = units[k];
  if (unit.kind !== 'name') return { elsewhere: false };
  const stranger = (a: Analysis) => {
    const n = speaker(a);
    return n && n.tokens.every((t) => !claimTerms.has(a.tokens[t].term)) ? n : undefined;
  };
  const other = stranger(passage);
  // The words must be the passage's own, all of them, for the speaker to be the one slot that differs.
  // "told reporters", "said on Monday" belong to the attribution, not to the words.
  const { attribution } = frameOf(claim);
  const wordsStated = units.every((u, j) => j === k || attribution.has(u.first) || (matches[j] && matches[j]!.at >= 0));
  if (other && !wordsStated) return { elsewhere: !nearby };
  if (other) {
    return {
      conflict: { kind: 'name', claimStart: unit.fact.start, claimEnd: unit.fact.end, claimed: unit.fact.raw, source: other.raw, sourceStart: other.start, sourceEnd: other.end, unit: k, person: true },
      elsewhere: false,
    };
  }
  return { elsewhere: !nearby && context.some((c) => stranger(c) !== undefined) };
}
