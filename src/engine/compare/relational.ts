import type { Analysis } from '../facts/analysis';
import type { Token } from '../text/tokenize';
import type { Alignment } from './align';
import type { SlotConflict } from './slots';

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
]);

const ARTICLES = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our']);

function pastArticle(a: Analysis, i: number, step: 1 | -1): Token | undefined {
  const t = a.tokens[i];
  return t && ARTICLES.has(t.norm) ? a.tokens[i + step] : t;
}

/**
 * The claim relates a thing to what follows with one word ("voted for the bill", "built before the
 * war") and the passage relates the same thing with its opposite ("voted against the bill", "built
 * after the war"). The thing must be stated in the passage itself, right after the opposite word.
 */
export function oppositeRelation(claim: Analysis, passage: Analysis, alignment: Alignment): SlotConflict | undefined {
  const { units, matches } = alignment;
  for (const t of claim.tokens) {
    const opposites = OPPOSITE_RELATIONS.get(t.norm);
    if (!opposites || claim.negated.has(t.index)) continue;
    const object = pastArticle(claim, t.index + 1, 1);
    if (!object) continue;
    const k = units.findIndex((u) => u.first <= object.index && object.index <= u.last);
    const m = k >= 0 ? matches[k] : undefined;
    if (!m || m.at < 0 || units[k].first !== object.index) continue;
    const p = pastArticle(passage, m.at - 1, -1);
    if (!p || !opposites.includes(p.norm) || passage.negated.has(p.index)) continue;
    return { kind: 'negation', claimStart: t.start, claimEnd: t.end, claimed: t.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end };
  }
  return undefined;
}
