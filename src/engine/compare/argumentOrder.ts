import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import { SYMMETRIC_PREDICATES } from '../text/lexicon';
import { termOf } from '../text/tokenize';
import type { Alignment } from './align';
import { isLight, type Unit } from './units';

const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am']);
/** How far after a passive verb its agent ("by …") may stand. */
const AGENT_REACH = 6;
const SYMMETRIC = new Set([...SYMMETRIC_PREDICATES].map(termOf));

/** "was acquired by", "is run by": the subject is the one acted on, so the order of the arguments flips. */
function passive(a: Analysis, verb: number, clauseLast: number): boolean {
  if (![a.tokens[verb - 1], a.tokens[verb - 2]].some((t) => t && BE_FORMS.has(t.norm))) return false;
  for (let k = verb + 1; k <= Math.min(clauseLast, verb + AGENT_REACH); k++) if (a.tokens[k].norm === 'by') return true;
  return false;
}

const isArgument = (u: Unit) => u.kind === 'name' || (u.kind === 'word' && !isLight(u.token));

export interface SwappedArguments {
  /** The claim's unit before the predicate (its subject) and the one after it (its object). */
  subject: number;
  object: number;
  /** The predicate holds both ways ("met", "married"): the swap says nothing. */
  symmetric: boolean;
}

/**
 * The passage states the claim's predicate with its two arguments the other way round: "the insurer
 * acquired the bank" for "the bank acquired the insurer", "Porto is larger than Lisbon" for "Lisbon
 * is larger than Porto". Every word aligns, but the passage says the opposite of an asymmetric
 * relation. Both sides must be in the same voice (a passive flips the order: "the insurer was
 * acquired by the bank") and all three words in one clause of the passage.
 */
export function swappedArguments(claim: Analysis, passage: Analysis, alignment: Alignment): SwappedArguments | undefined {
  const { units, matches } = alignment;
  const cf = frameOf(claim);
  const pf = frameOf(passage);
  for (const v of cf.predicates) {
    const pivot = units.findIndex((u) => u.kind === 'word' && u.token.index === v);
    const vm = pivot >= 0 ? matches[pivot] : undefined;
    if (!vm || vm.at < 0) continue;
    const clause = cf.clauseOf[v];
    const inClause = (k: number) => cf.clauseOf[units[k].first] === clause && isArgument(units[k]);
    const ks = units.map((_, k) => k);
    const subject = ks.filter((k) => units[k].last < v && inClause(k)).pop();
    const object = ks.find((k) => units[k].first > v && inClause(k));
    if (subject === undefined || object === undefined) continue;
    const ms = matches[subject];
    const mo = matches[object];
    if (!ms || !mo || ms.at < 0 || mo.at < 0) continue;
    const there = pf.clauseOf[vm.at];
    if (pf.clauseOf[ms.at] !== there || pf.clauseOf[mo.at] !== there) continue;
    if (passive(claim, v, cf.clauses[clause].last) !== passive(passage, vm.at, pf.clauses[there].last)) continue;
    if (ms.at > vm.at && mo.at < vm.at) return { subject, object, symmetric: SYMMETRIC.has(claim.tokens[v].term) };
  }
  return undefined;
}
