import type { Analysis } from '../facts/analysis';
import { frameOf, type Frame } from '../facts/frame';
import type { Alignment } from './align';
import type { SlotConflict } from './slots';
import { isLight } from './units';
import { hasOpposite } from './polarity';
import { phrasalTerm } from '../text/wordnet';

/** How the statement's relation fares in a passage: what a verdict may rest on. */
export interface RelationCheck {
  /** The claim's predicates the passage (or its neighbours) states, as written in the claim. */
  matched: string[];
  /** The claim's predicates the passage does not state. */
  missing: string[];
  /** Bounding words of the claim ("only", "first", a superlative) that the passage does not state. */
  unbounded: string[];
  /**
   * Verbs the passage puts where the claim's own predicate should be, when it states none of the
   * claim's predicates: "was born in 1962" for "was arrested in 1962" states another relation, and
   * so does "cut fees" for "increased fees".
   */
  replaced: string[];
  /**
   * Numbers and dates of the claim that the passage states only as an argument of another verb
   * ("married in 2008, separated in 2010" for "married in 2010").
   */
  detached: string[];
}

/** The alignment unit that stands for claim token `index`, if the token is a plain word or title. */
function unitOf(alignment: Alignment, index: number): number {
  return alignment.units.findIndex((u) => (u.kind === 'word' || u.kind === 'role') && u.token.index === index);
}

/** Which of the claim's predicates and bounding words the passage and its neighbours state. */
export function checkRelation(claim: Analysis, passage: Analysis, alignment: Alignment): RelationCheck {
  const frame = frameOf(claim);
  const matched: string[] = [];
  const missing: string[] = [];
  // A predicate stated only in a neighbouring sentence leaves this passage's verb in its place.
  let inPassage = false;
  for (const p of frame.predicates) {
    const k = unitOf(alignment, p);
    // A predicate inside a name or a number ("Golden Globe", "two") is judged with that fact.
    if (k < 0) continue;
    const m = alignment.matches[k];
    (m ? matched : missing).push(claim.tokens[p].raw);
    if (m && m.at >= 0) inPassage = true;
  }
  // A bounding word must be in the passage itself: a neighbouring sentence's "first" bounds something else.
  const stated = (norm: string, term: string) => passage.tokens.some((t) => t.norm === norm || t.term === term);
  const unbounded = frame.critical.map((k) => claim.tokens[k]).filter((t) => !stated(t.norm, t.term)).map((t) => t.raw);
  const replaced = !inPassage && (matched.length || missing.length) ? replacingVerbs(passage, alignment) : [];
  return { matched, missing, unbounded, replaced: [...replaced, ...verbsBetweenArguments(claim, passage, alignment)], detached: detachedFacts(claim, passage, alignment) };
}

/**
 * The passage's own content verbs in the clauses where it states the claim's numbers and dates,
 * none of them answering a word of the claim: the relation the passage dates or counts instead.
 * Names alone are left out: a passage about the same people often states the same event with
 * another verb ("instructs aides to arrange a call" / "intends to hold a conversation").
 */
function replacingVerbs(passage: Analysis, alignment: Alignment): string[] {
  const pf = frameOf(passage);
  const used = statedAt(alignment);
  const factClauses = new Set<number>();
  alignment.units.forEach((u, k) => {
    const m = alignment.matches[k];
    if (m && m.at >= 0 && (u.kind === 'number' || u.kind === 'date')) factClauses.add(pf.clauseOf[m.at]);
  });
  return pf.predicates.filter((v) => !used.has(v) && factClauses.has(pf.clauseOf[v])).map((v) => passage.tokens[v].raw);
}

/** The passage tokens that state a unit of the claim. */
function statedAt({ matches }: Alignment): Set<number> {
  return new Set(matches.filter((m) => m && m.at >= 0).map((m) => m!.at));
}

/**
 * A verb of change or outcome, one of a pair of opposites ("increase", "cut", "win"), used on its
 * own: "worked out" and "played down" mean something else than their first word.
 */
function polarVerb(a: Analysis, k: number): boolean {
  const next = a.tokens[k + 1];
  return hasOpposite(a.tokens[k].term) && !(next && phrasalTerm(a.tokens[k].term, next.norm));
}

/** Tokens between a verb's two arguments in a passage that still reads as one relation ("was won by the", "quickly cut"). */
const MAX_ARGUMENT_GAP = 6;

/**
 * The passage's own verb standing between the arguments of a claim verb it does not state:
 * "the authority cut fees" for "the authority increased fees", "the battle was lost by the
 * colonists" for "the battle was won by the colonists". Only where no predicate of the claim's
 * clause is in the passage ("pledged to end the war" still states "vowed to end the war"), and
 * only between the nearest stated words on either side, in one clause of the passage.
 */
function verbsBetweenArguments(claim: Analysis, passage: Analysis, alignment: Alignment): string[] {
  const cf = frameOf(claim);
  const { units, matches } = alignment;
  const stated = (k: number) => k >= 0 && !!matches[k] && matches[k]!.at >= 0;
  const out: string[] = [];
  const pf = frameOf(passage);
  const taken = statedAt(alignment);
  for (const p of cf.predicates) {
    const k = unitOf(alignment, p);
    if (k < 0 || matches[k] || cf.tags.pos[p] !== 'VERB' || !polarVerb(claim, p)) continue;
    const clause = cf.clauseOf[p];
    if (cf.predicates.some((q) => cf.clauseOf[q] === clause && stated(unitOf(alignment, q)))) continue;
    let left = -1;
    let right = -1;
    units.forEach((u, j) => {
      if (!stated(j) || cf.clauseOf[u.first] !== clause) return;
      if (u.last < p) left = j;
      else if (u.first > p && right < 0) right = j;
    });
    if (left < 0 || right < 0) continue;
    const from = matches[left]!.at;
    const to = matches[right]!.at;
    if (to <= from || to - from > MAX_ARGUMENT_GAP || pf.clauseOf[from] !== pf.clauseOf[to]) continue;
    const verb = pf.predicates.find((v) => v > from && v < to && !taken.has(v) && pf.tags.pos[v] === 'VERB' && polarVerb(passage, v));
    if (verb !== undefined) out.push(passage.tokens[verb].raw);
  }
  return out;
}

/** The claim's numbers and dates found in a passage clause that holds none of the claim's aligned verbs. */
function detachedFacts(claim: Analysis, passage: Analysis, alignment: Alignment): string[] {
  const pf = frameOf(passage);
  const cf = frameOf(claim);
  // The passage's verbs that state a word of the claim: "promised" answers the claim's "promise" too.
  const verbAt: number[] = [];
  alignment.units.forEach((u, k) => {
    const m = alignment.matches[k];
    if ((u.kind === 'word' || u.kind === 'role') && m && m.at >= 0 && pf.verbs.includes(m.at)) verbAt.push(m.at);
  });
  // Without an aligned verb in the passage there is no clause to tie the facts to.
  if (!verbAt.length) return [];
  const clauses = new Set(verbAt.map((at) => pf.clauseOf[at]));
  const out: string[] = [];
  alignment.units.forEach((u, k) => {
    const m = alignment.matches[k];
    if ((u.kind !== 'number' && u.kind !== 'date') || !m || m.at < 0) return;
    // A fact the claim itself ties to no content verb ("made the announcement on Jan. 12") cannot
    // have been moved to another verb's clause.
    if (!cf.verbs.some((v) => cf.clauseOf[v] === cf.clauseOf[u.first])) return;
    if (!clauses.has(pf.clauseOf[m.at])) out.push(u.fact.raw);
  });
  return out;
}

/**
 * The verb at `v` takes an object right after it (past adverbs, articles and adjectives): a noun or a verb in
 * "-ing" ("started testing a new app", "began voicing a mascot"). `unless` excludes objects the
 * claim states.
 */
function objectAfter(a: Analysis, f: Frame, v: number, unless?: Set<string>): boolean {
  let k = v + 1;
  while (f.tags.pos[k] === 'ADV' || f.tags.pos[k] === 'DET' || f.tags.pos[k] === 'ADJ') k++;
  const t = a.tokens[k];
  if (!t) return false;
  const pos = f.tags.pos[k];
  return (pos === 'NOUN' || (pos === 'VERB' && /ing$/.test(t.norm))) && !unless?.has(t.term);
}

/** Plain words of a clause the passage may leave out and still date or count the claim's relation. */
const MAX_UNSTATED_IN_CLAUSE = 1;

/** How many plain words of the claim's clause (light verbs and fillers aside) the passage itself does not state. */
function unstatedWordsIn(clause: number, cf: Frame, alignment: Alignment): number {
  // A word only a neighbouring sentence states says nothing of what the passage's own value dates or counts.
  const stated = (k: number) => !!alignment.matches[k] && alignment.matches[k]!.at >= 0;
  return alignment.units.filter((u, k) => u.kind === 'word' && cf.clauseOf[u.first] === clause && !stated(k) && !isLight(u.token)).length;
}

/**
 * Keeps the slot conflicts that answer the claim's own question: the passage states a verb of the
 * clause that holds the claim's value (same lemma, synonym or derivation), and the differing value is
 * in that verb's clause of the passage. A date in an attribution tail ("…, the agency reported on
 * Monday"), a place in another clause ("Moscow will not give up territory"), or a name in a sentence
 * that never states the claim's predicate ("X and Y denied it" against "talks with X and Z") answers
 * another question. Claims without a verb (fragments, headlines) leave the slot test to the alignment.
 */
export function sameClauseConflicts(claim: Analysis, passage: Analysis, alignment: Alignment, conflicts: SlotConflict[]): SlotConflict[] {
  const cf = frameOf(claim);
  if (!conflicts.length || !cf.verbs.length) return conflicts;
  const pf = frameOf(passage);
  const tokenAt = (a: Analysis, offset: number) => a.tokens.find((t) => t.end > offset)?.index ?? a.tokens.length - 1;
  /**
   * The passage's clause states the claim's clause around the value: two of its plain words, or
   * every other unit of it ("when she was 24 in November 1977" against "… was 16 in November 1977").
   */
  const pinnedClause = (claimClause: number, sourceClause: number, conflicted: number | undefined) => {
    const others = alignment.units.map((u, k) => ({ u, k })).filter(({ u, k }) => k !== conflicted && cf.clauseOf[u.first] === claimClause && !(u.kind === 'word' && isLight(u.token)));
    const here = others.filter(({ k }) => {
      const m = alignment.matches[k];
      return !!m && m.at >= 0 && pf.clauseOf[m.at] === sourceClause;
    });
    return here.filter(({ u }) => u.kind === 'word').length >= 2 || (others.length > 0 && here.length === others.length);
  };
  return conflicts.filter((c) => {
    // Negations and quotations compare the predicate or the words themselves, not an argument of it.
    if (c.kind === 'negation' || c.kind === 'quote' || c.hemmed) return true;
    const claimClause = cf.clauseOf[tokenAt(claim, c.claimStart)];
    // A date or a count belongs to the whole relation: "started in the movie industry in 1978" is
    // not dated by "began voicing a mascot in 2010". All but one plain word of its clause must be stated.
    if ((c.kind === 'date' || c.kind === 'number') && unstatedWordsIn(claimClause, cf, alignment) > MAX_UNSTATED_IN_CLAUSE) return false;
    const own = cf.verbs.filter((p) => cf.clauseOf[p] === claimClause);
    const sourceClause = pf.clauseOf[tokenAt(passage, c.sourceStart)];
    // A clause whose only verb is light ("made the announcement on Jan. 12", "took place at the
    // height of the Harbour Festival") is pinned down by its other words: the value, a name too, must stand
    // among the passage's matches of them.
    if (!own.length && pinnedClause(claimClause, sourceClause, c.unit)) return true;
    return (own.length ? own : cf.verbs).some((p) => {
      const k = unitOf(alignment, p);
      const m = k >= 0 ? alignment.matches[k] : undefined;
      // The passage's verb has an object the claim's has not: "Spotify launched in 2008" is not dated
      // by "the company launched a new website in 2013".
      if ((c.kind === 'date' || c.kind === 'number') && m && m.at >= 0 && objectAfter(passage, pf, m.at, alignment.claimTerms) && !objectAfter(claim, cf, p)) return false;
      return !!m && m.at >= 0 && pf.clauseOf[m.at] === sourceClause;
    });
  });
}
