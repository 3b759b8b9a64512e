import type { Comparison } from '../compare/compare';
import type { Conflict, Verdict } from '../types';

/** Why a verdict was given, in a form a hover, a log line or a JSON reader can show as it is. */
export interface Explanation {
  /** One line a reporter can act on: what matched, what differs, or what no source states. */
  summary: string;
  /** For support: the statement's predicates the best passage states ("approved", "born"). */
  relation?: string[];
  /** For unverified: the statement's weightiest words or facts the closest passage does not state. */
  unstated?: string[];
}

const SLOT_NAMES: Record<string, string> = {
  number: 'number',
  date: 'date',
  name: 'name',
  role: 'title',
  quote: 'quotation',
  negation: 'polarity',
};

const quoted = (xs: string[]) => xs.map((x) => `“${x}”`).join(', ');

/** The account of a verdict from the comparisons it rests on. */
export function explain(verdict: Verdict, conflicts: Conflict[], best: { supports?: Comparison; conflicts?: Comparison; related?: Comparison }): Explanation | undefined {
  if (verdict === 'skipped') return undefined;
  if ((verdict === 'conflicting' || verdict === 'contested') && conflicts.length) {
    const c = conflicts[0];
    const slot = SLOT_NAMES[c.kind] ?? c.kind;
    const values = c.kind === 'negation' ? `the draft says “${c.claimed}”, the source says “${c.source || 'the opposite'}”` : `the draft says “${c.claimed}”, the source says “${c.source}”`;
    const lead = verdict === 'contested' ? `Sources disagree on the ${slot}` : `Same statement, different ${slot}`;
    return { summary: `${lead}: ${values}.` };
  }
  if (verdict === 'supported' && best.supports) {
    const relation = best.supports.relation?.matched ?? [];
    const what = relation.length ? `the same relation (${quoted(relation)})` : 'the same facts';
    const weak = best.supports.weak ? ', in part in other words' : '';
    return { summary: `A source states ${what}${weak}.`, relation };
  }
  const closest = best.related ?? best.supports ?? best.conflicts;
  const unstated = closest?.unstated ?? [];
  if (!closest || closest.coverage < 0.1) return { summary: 'No source speaks to this statement.', unstated: [] };
  if (closest.hedged) return { summary: `The closest source says only that it “${closest.hedged}”.`, unstated };
  return { summary: unstated.length ? `No source states it; the closest passage does not say ${quoted(unstated)}.` : 'No source states all of it.', unstated };
}

/** The summary continued after a label ("unverified: no source states it…"), as the CLI and the Problems panel show it. */
export function afterLabel(why: Explanation): string {
  return why.summary.charAt(0).toLowerCase() + why.summary.slice(1);
}
