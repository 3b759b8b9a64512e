import type { Analysis } from '../facts/analysis';
import { frameOf } from '../facts/frame';
import { POSSESSIVES, SUBJECT_PRONOUNS } from '../text/lexicon';
import type { Match } from './align';
import { isLight, type Unit } from './units';

// What ties a passage to the claim's subject: a name, a fact, or the whole rest of the claim stated
// in the passage itself. Another actor in the subject's place conflicts only when one of them does.

const PRONOUNS = new Set([...SUBJECT_PRONOUNS, ...POSSESSIVES, 'this', 'these', 'those']);

/** The claim's subject, before its first verb, is a pronoun with no name beside it: its referent is in another sentence. */
export function pronounSubject(claim: Analysis, units: Unit[]): boolean {
  const verb = frameOf(claim).verbs[0];
  if (verb === undefined) return false;
  const pronoun = claim.tokens.slice(0, verb).some((t) => PRONOUNS.has(t.norm));
  return pronoun && !units.some((u) => u.kind === 'name' && u.last < verb);
}

/** The unit comes before the first verb of its clause: who or what the clause is about. */
export function inSubjectPlace(claim: Analysis, unit: Unit): boolean {
  const frame = frameOf(claim);
  const clause = frame.clauseOf[unit.first];
  const verb = frame.verbs.find((v) => frame.clauseOf[v] === clause);
  return verb !== undefined && unit.last < verb;
}

/**
 * How many units outside the conflicting slots the passage itself states, light verbs, fillers and
 * attributions aside: "reported by the agency, citing sources" is said of every story.
 */
export function statedDirectly(claim: Analysis, units: Unit[], matches: (Match | undefined)[], conflicted: Set<number>): number {
  const attribution = frameOf(claim).attribution;
  const plain = (u: Unit) => (u.kind === 'word' || u.kind === 'role') && (isLight(u.token) || attribution.has(u.first));
  return units.filter((u, k) => !conflicted.has(k) && matches[k] && matches[k]!.at >= 0 && !plain(u)).length;
}

/**
 * Whether the passage itself states a name, number or date of the claim outside the conflicting
 * slots. Plain words ("won an award", "one of the most famous in polo") are said of many; a
 * fact pins down the one event in which another actor would contradict the claim's.
 */
export function factStated(units: Unit[], matches: (Match | undefined)[], conflicted: Set<number>): boolean {
  return units.some((u, k) => u.kind !== 'word' && u.kind !== 'role' && !conflicted.has(k) && matches[k] !== undefined && matches[k]!.at >= 0);
}

/** Every unit outside the conflicting slots is stated by the passage itself, light words aside. */
export function allStatedDirectly(units: Unit[], matches: (Match | undefined)[], conflicted: Set<number>): boolean {
  return units.every((u, k) => conflicted.has(k) || (u.kind === 'word' && isLight(u.token)) || (matches[k] !== undefined && matches[k]!.at >= 0));
}
