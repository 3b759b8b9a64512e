import type { Analysis } from '../facts/analysis';
import type { NameType } from '../facts/names';
import { frameOf, type Frame } from '../facts/frame';
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

const ACTOR_TYPES = new Set<NameType>(['person', 'org', 'group']);

const isArgument = (u: Unit) => u.kind === 'name' || (u.kind === 'word' && !isLight(u.token));

export interface SwappedArguments {
  /** The claim's unit before the predicate (its subject) and the one after it (its object). */
  subject: number;
  object: number;
  /** The predicate holds both ways ("met", "married"): the swap says nothing. */
  symmetric: boolean;
}

/** A predicate of the claim that the passage itself states, with where it stands on both sides. */
interface StatedPredicate {
  /** The predicate's token in the claim and its claim clause. */
  v: number;
  clause: number;
  /** Where the passage states it, and that token's passage clause. */
  at: number;
  there: number;
  /** The claim's last argument unit before the predicate in its clause: its subject. */
  subject: number | undefined;
}

function* statedPredicates(claim: Analysis, passage: Analysis, alignment: Alignment): Generator<StatedPredicate> {
  const { units, matches } = alignment;
  const cf = frameOf(claim);
  const pf = frameOf(passage);
  for (const v of cf.predicates) {
    const pivot = units.findIndex((u) => u.kind === 'word' && u.token.index === v);
    const vm = pivot >= 0 ? matches[pivot] : undefined;
    if (!vm || vm.at < 0) continue;
    const clause = cf.clauseOf[v];
    const subject = units.map((_, k) => k).filter((k) => units[k].last < v && cf.clauseOf[units[k].first] === clause && isArgument(units[k])).pop();
    yield { v, clause, at: vm.at, there: pf.clauseOf[vm.at], subject };
  }
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
  for (const { v, clause, at, there, subject } of statedPredicates(claim, passage, alignment)) {
    if (subject === undefined) continue;
    const symmetric = SYMMETRIC.has(claim.tokens[v].term);
    const ms = matches[subject];
    if (!ms || ms.at < 0) continue;
    const sameVoice = passive(claim, v, cf.clauses[clause].last) === passive(passage, at, pf.clauses[there].last);
    const object = units.findIndex((u) => u.first > v && cf.clauseOf[u.first] === clause && isArgument(u));
    const mo = object >= 0 ? matches[object] : undefined;
    if (mo && mo.at >= 0 && pf.clauseOf[ms.at] === there && pf.clauseOf[mo.at] === there && sameVoice && ms.at > at && mo.at < at) return { subject, object, symmetric };
    // Across clauses: the passage's own subject of the verb is a name the claim puts after it, and
    // the claim's subject comes later in the passage ("Costa won the race, beating Ruiz" for "Ruiz
    // won the race, beating Costa"). The passage must state the predicate as a verb: before a noun
    // ("his two harbour board appointments") a name is a modifier, not a subject.
    if (units[subject].kind !== 'name' || !sameVoice || ms.at < at || pf.tags.pos[at] !== 'VERB') continue;
    const later = units.findIndex((u, k) => u.kind === 'name' && u.first > v && matches[k] !== undefined && subjectOf(passage, pf, matches[k]!.at, at, there));
    if (later >= 0) return { subject, object: later, symmetric };
  }
  return reversedNames(claim, passage, alignment);
}

/** Words that join two names as a pair, in either order: "between Lisbon and Porto", "Porto against Braga". */
const PAIRING = new Set(['and', 'or', 'nor', 'between', 'with', 'vs', 'versus', 'against']);

/**
 * Two of the claim's names trade places between the same words: "left Lisbon for Porto" against
 * "left Porto for Lisbon". Each name of the passage stands after the word the claim puts before the
 * other; words that pair names ("between", "and") leave their order free, and the same word before
 * both ("born in Lisbon, raised in Porto") says nothing of which is which.
 */
function reversedNames(claim: Analysis, passage: Analysis, alignment: Alignment): SwappedArguments | undefined {
  const { units, matches } = alignment;
  const cf = frameOf(claim);
  const named = units.map((u, k) => ({ u, k })).filter(({ u, k }) => u.kind === 'name' && matches[k] !== undefined && matches[k]!.at >= 0);
  const nameAt = (at: number) => passage.names.find((n) => n.tokens.includes(at));
  for (const [i, a] of named.entries()) {
    for (const b of named.slice(i + 1)) {
      if (cf.clauseOf[a.u.first] !== cf.clauseOf[b.u.first]) continue;
      const pa = nameAt(matches[a.k]!.at);
      const pb = nameAt(matches[b.k]!.at);
      if (!pa || !pb || pa === pb) continue;
      const ca = claim.tokens[a.u.first - 1];
      const cb = claim.tokens[b.u.first - 1];
      const qa = passage.tokens[pa.tokens[0] - 1];
      const qb = passage.tokens[pb.tokens[0] - 1];
      if (!ca || !cb || !qa || !qb || ca.norm === cb.norm || PAIRING.has(ca.norm) || PAIRING.has(cb.norm)) continue;
      if (qb.norm === ca.norm && qa.norm === cb.norm) return { subject: a.k, object: b.k, symmetric: false };
    }
  }
  return undefined;
}

/** The passage's name holding token `token` stands right before the verb at `verb`, in its clause, only light words between. */
function subjectOf(passage: Analysis, pf: Frame, token: number, verb: number, clause: number): boolean {
  if (token < 0 || token >= verb || pf.clauseOf[token] !== clause) return false;
  const name = passage.names.find((n) => n.tokens.includes(token));
  if (!name) return false;
  return passage.tokens.slice(name.tokens[name.tokens.length - 1] + 1, verb).every((t) => isLight(t));
}

/**
 * The passage states the claim's predicate of someone else: "Ana Ruiz scored the winner" against
 * "Rui Costa scored the winner, while Ruiz was booked". The claim's subject is a name; the passage's
 * clause that holds the claim's verb has its own named subject, which is not the claim's, and the
 * claim's subject stands elsewhere or nowhere. Returns the passage's actor as written.
 */
export function otherActor(claim: Analysis, passage: Analysis, alignment: Alignment): string | undefined {
  const { units, matches } = alignment;
  const cf = frameOf(claim);
  const pf = frameOf(passage);
  for (const { v, clause, at, there, subject: k } of statedPredicates(claim, passage, alignment)) {
    const subject = k === undefined ? undefined : units[k];
    if (subject?.kind !== 'name') continue;
    if (passive(claim, v, cf.clauses[clause].last) || passive(passage, at, pf.clauses[there].last)) continue;
    const sm = matches[k!];
    if (sm && sm.at >= 0 && pf.clauseOf[sm.at] === there) continue;
    const theirs = passage.names.filter((n) => n.tokens.length && n.tokens.every((t) => pf.clauseOf[t] === there && t < at)).pop();
    // A capital stands for its country ("Lima" for "Peru"): places are left out.
    if (!theirs || theirs.type !== subject.fact.type || !ACTOR_TYPES.has(theirs.type)) continue;
    // Only light words between the actor and the verb ("Costa has scored"): anything more may be a
    // clause of its own with another subject.
    const between = passage.tokens.slice(theirs.tokens[theirs.tokens.length - 1] + 1, at);
    if (between.some((t) => !isLight(t))) continue;
    const claimTerms = new Set(subject.fact.tokens.map((t) => claim.tokens[t].term));
    if (theirs.tokens.some((t) => claimTerms.has(passage.tokens[t].term))) continue;
    return theirs.raw;
  }
  return undefined;
}
