import type { Analysis } from '../facts/analysis';
import { ATTRIBUTION_MARKERS, OPINION_MARKERS } from '../text/lexicon';
import { isContent } from '../compare/units';

/** Why a statement is not worth checking, or undefined when it states something checkable. */
export function skipReason(a: Analysis): string | undefined {
  const text = a.text.trim();
  if (!a.tokens.length) return 'no words';
  if (/\?["”’')\]]*\.?$/.test(text)) return 'question';
  // "(World Climate Report)", "— Reuters": a name standing alone asserts nothing about it.
  const named = new Set(a.names.flatMap((n) => n.tokens));
  const others = a.tokens.filter((t) => isContent(t, a.tokens[t.index + 1]) && !named.has(t.index));
  if (a.names.length && !others.length && !a.numbers.length && !a.dates.length && !a.quotes.length) return 'a name alone, no claim';
  const hasFact = a.numbers.length > 0 || a.dates.length > 0 || a.names.length > 0 || a.quotes.some((q) => q.raw.split(/\s+/).length >= 2);
  if (hasFact) return undefined;
  const content = a.tokens.filter((t) => isContent(t, a.tokens[t.index + 1])).length;
  // An attribution needs something attributed: "officials said the plan was dropped", not "Time will tell".
  if (content >= 3 && a.tokens.some((t) => ATTRIBUTION_MARKERS.has(t.norm))) return undefined;
  // A sentence of a quotation that runs over several sentences ("“We would like a ceasefire now.")
  // reports what someone said: the words themselves are the fact, first person and all.
  if (content >= 3 && /["“”«»]/.test(text)) return undefined;
  const firstPerson = a.tokens.some((t) => t.norm === 'i' || t.norm === 'we' || t.norm === 'my');
  // "Scientists believe the ice is thinning" still states something checkable; a bare judgement does not.
  const opinion = a.tokens.some((t) => OPINION_MARKERS.has(t.norm));
  if (firstPerson || (opinion && content < 6)) return 'opinion, no checkable fact';
  if (content < 4) return 'no checkable fact';
  return undefined;
}
