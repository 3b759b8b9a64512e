import { ATTRIBUTION_MARKERS, LIGHT_WORDS } from '../text/lexicon';
import { tagTokens, type Tags } from '../text/pos';
import type { Analysis } from './analysis';

/**
 * What a sentence says, as predicates in clauses: the relation a statement asserts ("was born",
 * "rejected", "is the only planet") and where its arguments sit. A source supports a statement only
 * when it states the same relation, and contradicts it only through a value in the same clause as that
 * relation: a number in an attribution tail or in another clause belongs to another statement.
 */
export interface Clause {
  /** Token range [first, last]. */
  first: number;
  last: number;
  /** Only says who said something ("…, officials said", "according to the agency"). */
  attribution: boolean;
}

export interface Frame {
  tags: Tags;
  clauses: Clause[];
  /** Clause index of every token. */
  clauseOf: number[];
  /** Token indexes of the content predicates outside attribution clauses, in order: main verbs and what a copula predicates. */
  predicates: number[];
  /** Every content verb and copular complement, attribution verbs included ("told", "reported"). */
  verbs: number[];
  /**
   * Tokens that bound the statement's truth: "only", "first", "all", "never", superlatives, counts
   * in words. A source that does not state them states a weaker fact.
   */
  critical: number[];
  /** Tokens that only say who said it: attribution clauses ("…, officials said on Tuesday") and "according to …" phrases. */
  attribution: Set<number>;
}

/**
 * Verbs of saying. Writers vary them freely ("described … as" / "indicated that"), and what is said
 * is the statement's content, so they are never its predicate.
 */
const ATTRIBUTION_LEMMAS = new Set([
  ...ATTRIBUTION_MARKERS, 'accord', 'add', 'state', 'announce', 'claim', 'note', 'write', 'quote', 'cite', 'describe', 'indicate',
  'suggest', 'stress', 'emphasize', 'emphasise', 'underline', 'highlight', 'reiterate', 'acknowledge', 'assert', 'mention', 'remark',
  'reply', 'respond', 'comment', 'signal', 'tell', 'explain', 'argue', 'insist', 'warn', 'admit', 'believe', 'think', 'expect',
]);
/** Verbs that link a subject to what is said of it: the predicate is their complement. */
const COPULAS = new Set(['be', 'become', 'remain', 'seem', 'appear', 'stay']);
const LIGHT_LEMMAS = new Set([...LIGHT_WORDS, 'be', 'have', 'do', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should']);
/** Words that bound a statement: changing or dropping one changes what is true. */
const BOUNDING_WORDS = new Set([
  'only', 'sole', 'solely', 'first', 'last', 'all', 'every', 'none', 'never', 'always', 'entire', 'entirely',
  'exclusively', 'majority', 'minority', 'least', 'most', 'second', 'third', 'fourth', 'fifth', 'sixth',
  'seventh', 'eighth', 'ninth', 'tenth', 'final', 'earliest', 'latest', 'oldest', 'youngest', 'largest', 'smallest',
]);
/** Punctuation between two tokens that ends a clause. */
const CLAUSE_PUNCTUATION = /[;:()\u2013\u2014,]|\s-\s/;

const frames = new WeakMap<Analysis, Frame>();

/** The frame of an analysed sentence, computed once per analysis. */
export function frameOf(a: Analysis): Frame {
  let f = frames.get(a);
  if (!f) {
    f = buildFrame(a);
    frames.set(a, f);
  }
  return f;
}

/**
 * The chunk starts with a verb of saying and the verbless chunks before it, from `from` on, name
 * someone: "…, Ana Silva, head of the port authority, told the Gazette".
 */
function speaksAfter(tags: Tags, verb: number, from: number): boolean {
  if (!ATTRIBUTION_LEMMAS.has(tags.lemma[verb]) || tags.pos[verb] !== 'VERB') return false;
  for (let k = from; k < verb; k++) if (tags.pos[k] === 'PROPN') return true;
  return false;
}

function isPredicateWord(tokens: Analysis['tokens'], tags: Tags, k: number): boolean {
  return tags.pos[k] === 'VERB' && !LIGHT_LEMMAS.has(tags.lemma[k]) && (!ATTRIBUTION_LEMMAS.has(tags.lemma[k]) || takesCount(tokens, k));
}

/**
 * A verb of saying whose object is a count ("added 500 jobs", "announced 300 layoffs"): it does
 * something, not only reports. Read only as a number right after it, past one article.
 */
function takesCount(tokens: Analysis['tokens'], k: number): boolean {
  let next = tokens[k + 1];
  if (next && (next.norm === 'the' || next.norm === 'a' || next.norm === 'an')) next = tokens[k + 2];
  return !!next && next.isNumber;
}

function buildFrame(a: Analysis): Frame {
  const { tokens, text } = a;
  const tags = tagTokens(text, tokens);
  // Chunks between clause punctuation; a chunk without a verb ("…in Brixton, London") belongs to the clause before it.
  const chunks: [number, number][] = [];
  let start = 0;
  for (let k = 1; k <= tokens.length; k++) {
    if (k < tokens.length && !CLAUSE_PUNCTUATION.test(text.slice(tokens[k - 1].end, tokens[k].start))) continue;
    chunks.push([start, k - 1]);
    start = k;
  }
  const hasVerb = (c: [number, number]) => {
    for (let k = c[0]; k <= c[1]; k++) if (isClauseVerb(tokens, tags, k)) return true;
    return false;
  };
  // Before the first verb, verbless chunks are the subject and its appositives ("Peskov, the
  // spokesman, said"): they join the first clause with a verb. After it they extend the clause before.
  const clauses: Clause[] = [];
  let pending = -1;
  // A leading participle ("Speaking at the summit, he said…") modifies the clause after it.
  const participial = (c: [number, number]) => c[0] === 0 && /(ing|ed)$/.test(tokens[0].norm) && tags.pos[0] === 'VERB';
  // Verbless chunks that extended the last clause: the speaker and their title when a verb of saying follows.
  let trailing = -1;
  for (const c of chunks) {
    const last = clauses[clauses.length - 1];
    if (hasVerb(c) && !participial(c)) {
      let first = pending >= 0 ? pending : c[0];
      // "…, Ana Silva, head of the port authority, told the Gazette": the speaker goes with the verb of saying.
      if (last && trailing > last.first && speaksAfter(tags, c[0], trailing)) {
        first = trailing;
        last.last = trailing - 1;
      }
      clauses.push({ first, last: c[1], attribution: false });
      pending = -1;
      trailing = -1;
    } else if (last) {
      if (trailing < 0) trailing = c[0];
      last.last = c[1];
    } else if (pending < 0) pending = c[0];
  }
  if (pending >= 0) clauses.push({ first: pending, last: tokens.length - 1, attribution: false });
  const clauseOf = new Array<number>(tokens.length).fill(0);
  clauses.forEach((c, i) => {
    for (let k = c.first; k <= c.last; k++) clauseOf[k] = i;
  });

  const predicates: number[] = [];
  const verbs: number[] = [];
  for (const c of clauses) {
    const inClause: number[] = [];
    let attributionVerb = false;
    for (let k = c.first; k <= c.last; k++) {
      if (ATTRIBUTION_LEMMAS.has(tags.lemma[k]) && (tags.pos[k] === 'VERB' || tokens[k].norm === 'according')) attributionVerb = true;
      if (!isClauseVerb(tokens, tags, k)) continue;
      if (tags.pos[k] === 'VERB' && !LIGHT_LEMMAS.has(tags.lemma[k])) verbs.push(k);
      if (isPredicateWord(tokens, tags, k)) inClause.push(k);
      else if (COPULAS.has(tags.lemma[k])) {
        // "is the only planet", "was a wealthy town": the complement carries the relation.
        const complement = complementOf(tokens, tags, k, c.last, (j) => !tokens[j].stop && !BOUNDING_WORDS.has(tokens[j].norm));
        if (complement >= 0) {
          inClause.push(complement);
          verbs.push(complement);
        }
      }
    }
    // A short clause whose only verb attributes ("officials said", "according to the agency"). A
    // name with its full title ("Trump's National Security Advisor Designate Mike Waltz said") is
    // one speaker however many words it takes: its proper nouns do not count toward the length.
    let length = 0;
    for (let k = c.first; k <= c.last; k++) if (tags.pos[k] !== 'PROPN') length++;
    c.attribution = attributionVerb && !inClause.length && length <= 9;
    if (!c.attribution) predicates.push(...inClause);
  }

  const critical: number[] = [];
  tokens.forEach((t, k) => {
    if (clauses[clauseOf[k]]?.attribution) return;
    const superlative = (tags.pos[k] === 'ADJ' || tags.pos[k] === 'ADV') && /est$/.test(t.norm) && tags.lemma[k] !== t.norm;
    if ((BOUNDING_WORDS.has(t.norm) && bounds(tokens, tags, k)) || superlative) critical.push(k);
  });
  const attribution = new Set<number>();
  clauses.forEach((c) => {
    if (c.attribution) for (let k = c.first; k <= c.last; k++) attribution.add(k);
  });
  for (const [first, last] of chunks) {
    const at = tokens.findIndex((t, k) => k >= first && k < last && t.norm === 'according' && tokens[k + 1].norm === 'to');
    if (at >= 0) for (let k = at; k <= last; k++) attribution.add(k);
  }
  return { tags, clauses, clauseOf, predicates, verbs, critical, attribution };
}

const TIME_NOUNS = /^(week|weekend|month|year|night|time|day|decade|century|season|quarter|minute|hour)s?$/;

/**
 * Whether a bounding word bounds the statement here: "last week" and "first few months" are times,
 * "at least" and "at most" are comparators a quantity carries, "only after" restricts a time.
 */
function bounds(tokens: Analysis['tokens'], tags: Tags, k: number): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  const prev = tokens[k - 1]?.norm;
  if ((t.norm === 'last' || t.norm === 'first' || t.norm === 'final') && next && (TIME_NOUNS.test(next.norm) || next.norm === 'few')) return false;
  if ((t.norm === 'least' || t.norm === 'most') && prev !== 'the') return false;
  if (t.norm === 'only' && ['SCONJ', 'ADV'].includes(tags.pos[k + 1] ?? '')) return false;
  return true;
}

/**
 * A verb that heads a clause. The tagger's guesses are loosest on capitalised words of names and
 * headlines ("Leaders' Meeting") and on a verb form right after a preposition or article ("in turn");
 * "including" introduces a list, not a clause.
 */
function isClauseVerb(tokens: Analysis['tokens'], tags: Tags, k: number): boolean {
  if (tags.pos[k] !== 'VERB' && tags.pos[k] !== 'AUX') return false;
  if (tokens[k].capitalized && k > 0) return false;
  const before = tags.pos[k - 1];
  if (before === 'ADP' || before === 'DET') return false;
  return tokens[k].norm !== 'including';
}

/** The first adjective or noun a copula at `k` links to, before a preposition or the clause's end. */
function complementOf(tokens: Analysis['tokens'], tags: Tags, k: number, last: number, content: (j: number) => boolean): number {
  for (let j = k + 1; j <= last; j++) {
    const p = tags.pos[j];
    // The tagger reads some comparatives as adverbs: "is longer than the canal".
    const comparative = p === 'ADV' && tokens[j + 1]?.norm === 'than';
    if ((p === 'ADJ' || p === 'NOUN' || comparative) && content(j)) return j;
    if (p === 'ADP' || p === 'VERB' || p === 'PUNCT' || p === 'SCONJ' || p === 'CCONJ') return -1;
  }
  return -1;
}
