import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import type { Alignment } from './align';
import { isLight } from './units';

/** Words that make a statement a possibility: "the talks could start on Monday". */
const POSSIBILITY = new Set(['may', 'might', 'could', 'possibly', 'perhaps', 'maybe']);
/** Verbs that put what follows them in the future or in the mind: "hopes to implement", "plans to hold". */
const INTENT = new Set(['hope', 'hopes', 'hoped', 'plan', 'plans', 'planned', 'want', 'wants', 'wanted', 'expect', 'expects', 'expected', 'aim', 'aims', 'aimed', 'seek', 'seeks', 'sought', 'intend', 'intends', 'intended', 'try', 'tries', 'tried', 'would', 'should']);
/** How far before its verb a modal or a hedging adverb may stand ("could well have been held"). */
const REACH = 4;

/** Where the verb at `i` is hedged, the hedging word's index: one of `words` before it, only light words and adverbs between. */
function hedgeAt(a: Analysis, i: number, words: (norm: string) => boolean): number {
  const pos = frameOf(a).tags.pos;
  for (let k = i - 1; k >= Math.max(0, i - REACH); k--) {
    const t = a.tokens[k];
    // "the harbour plan will start": a noun is no hedge.
    if (words(t.norm) && pos[k] !== 'NOUN' && pos[k] !== 'PROPN') return k;
    if (!isLight(t) && pos[k] !== 'ADV' && pos[k] !== 'AUX' && pos[k] !== 'PART') return -1;
  }
  return -1;
}

/**
 * The passage states the claim's predicate only as a possibility ("the talks could start on
 * Monday") where the claim states it as a fact ("the talks will start on Monday"): the source does
 * not say it happens. Returns the passage's words from the hedge to the verb ("could start").
 */
export function hedgedInPassageOnly(claim: Analysis, passage: Analysis, alignment: Alignment): string | undefined {
  const { units, matches } = alignment;
  for (const v of frameOf(claim).predicates) {
    const k = units.findIndex((u) => u.kind === 'word' && u.token.index === v);
    const m = k >= 0 ? matches[k] : undefined;
    if (!m || m.at < 0) continue;
    const hedge = hedgeAt(passage, m.at, (w) => POSSIBILITY.has(w));
    // A claim about what someone hopes or plans to do does not state it happens either.
    if (hedge >= 0 && hedgeAt(claim, v, (w) => POSSIBILITY.has(w) || INTENT.has(w)) < 0) return passage.text.slice(passage.tokens[hedge].start, passage.tokens[m.at].end);
  }
  return undefined;
}
