import { affixalPositive } from '../text/affixes';
import { AUXILIARIES, CLAUSE_OPENERS, DISCOURSE_WORDS, LIGHT_WORDS, NEGATING_VERBS, NEGATORS, NOT_QUANTIFIERS } from '../text/lexicon';
import { termOf, type Token } from '../text/tokenize';

const LIGHT_TERMS = new Set([...LIGHT_WORDS].map(termOf));

/** Where a sentence negates, and how firmly. Token indexes throughout. */
export interface Negation {
  /** Inside the scope of a negation ("not", "no", "never", n't, "yet to", "failed to", "un-", "-less"). */
  negated: Set<number>;
  /**
   * Heads of a clearly negated predicate: the verb or adjective after an auxiliary's "not"
   * ("is not required"), after "failed to" / "yet to" / "no longer", or an affixal negative
   * ("uncertain"). Only these can carry a contradiction; a negated noun phrase ("not one march",
   * "no films") is too loosely tied to the predicate.
   */
  heads: Set<number>;
  /**
   * Polarity that is neither plainly positive nor negative: double negation ("not unlikely", "not
   * without"), a negated quantifier ("not always", "not all"). Never a basis for a conflict.
   */
  unsure: Set<number>;
  /** The clause each token belongs to: a negation reaches no further than its own clause. */
  clause: number[];
  /** Words negated by an affix ("uncertain", "non-binding"), a subset of `negated` unless doubly negated. */
  affixal: ReadonlySet<number>;
}

/**
 * Replaces each affixal negative by its positive word, negated: "uncertain" reads as "not certain",
 * so either wording aligns with the other. Returns the tokens (copies where changed) and which were.
 */
export function readAffixes(text: string, tokens: Token[]): { tokens: Token[]; affixal: Set<number> } {
  const affixal = new Set<number>();
  const out = tokens.map((t) => {
    if (t.stop || t.capitalized || t.isNumber) return t;
    // "non-binding": the prefix stands alone before a hyphen.
    const prev = tokens[t.index - 1];
    if (prev?.norm === 'non' && text.slice(prev.end, t.start) === '-') {
      affixal.add(t.index);
      return t;
    }
    // An adverb of degree before the word it grades ("an incredibly positive step", "unusually
    // warm") says how much, not that something is denied.
    const next = tokens[t.index + 1];
    if (t.norm.endsWith('ly') && next && !next.stop && !next.capitalized && !next.isNumber && text.slice(t.end, next.start) === ' ') return t;
    const positive = affixalPositive(t.norm);
    if (positive === undefined) return t;
    affixal.add(t.index);
    return { ...t, term: positive };
  });
  return { tokens: out, affixal };
}

/** Conjunctions whose clause a comma closes, and relative pronouns set off by commas. */
const SUBORDINATORS = new Set(['although', 'though', 'because', 'unless', 'while', 'whereas', 'if', 'when', 'whether', 'which', 'who']);

/** How many content words after a negator its scope covers. */
const SCOPE_WORDS = 3;
/** How far after a verbal negator a named predicate may start ("is not a former Costa adviser"). */
const NAMED_PREDICATE_REACH = 3;

/** Clause index per token: semicolons, colons, brackets, dashes, and commas or words opening a new clause. */
function clauses(text: string, tokens: Token[]): number[] {
  const out: number[] = [];
  let next = 0;
  let c = 0;
  // A bracketed aside is a clause of its own; after it the outer clause goes on.
  const outer: number[] = [];
  // "Although it was nominated, it received mixed reviews": the comma ends the subordinate clause.
  let closesAtComma = tokens.length > 0 && SUBORDINATORS.has(tokens[0].norm);
  for (let k = 0; k < tokens.length; k++) {
    if (k > 0) {
      const gap = text.slice(tokens[k - 1].end, tokens[k].start);
      const t = tokens[k];
      for (const ch of gap) {
        if (ch === '(') {
          outer.push(c);
          c = ++next;
        } else if (ch === ')' && outer.length) c = outer.pop()!;
      }
      const comma = /,/.test(gap);
      if (/[;:\u2013\u2014]|\s-\s/.test(gap) || CLAUSE_OPENERS.has(t.norm) || (comma && (closesAtComma || /^(and|or|nor|so)$/.test(t.norm)))) {
        c = ++next;
        closesAtComma = SUBORDINATORS.has(t.norm);
      }
    }
    out.push(c);
  }
  return out;
}

/**
 * A word that denies: "not", "never", "without"… A verb that denies the verb after it ("declined
 * to comment") does so only before "to"; "ozone has declined" states a fall.
 */
export function isNegatorWord(t: Token, next: Token | undefined): boolean {
  return NEGATORS.has(t.norm) && !(NEGATING_VERBS.has(t.norm) && next?.norm !== 'to');
}

const isNegatorCue = (t: Token) => NEGATORS.has(t.norm) && !NEGATING_VERBS.has(t.norm) && !/^(avoid|avoided|avoids)$/.test(t.norm);

/**
 * Finds negations and their scopes. A negator covers the next few content words of its own clause;
 * a comma ends the scope once it holds a word ("did not, however, resign" keeps "resign").
 */
export function findNegation(text: string, tokens: Token[], affixal: ReadonlySet<number>): Negation {
  const negated = new Set<number>();
  const heads = new Set<number>();
  const unsure = new Set<number>();
  const clause = clauses(text, tokens);

  for (const t of tokens) {
    const next = tokens[t.index + 1];
    let from = -1;
    let verbal = false;
    if (isNegatorCue(t)) {
      // "non" is an affix; the second negator of "not without" is part of a double negation.
      if (t.norm === 'non' || unsure.has(t.index) || (t.index > 0 && isNegatorCue(tokens[t.index - 1]))) continue;
      // "no longer": the cue is both words.
      from = t.norm === 'no' && next?.norm === 'longer' ? t.index + 2 : t.index + 1;
      const before = tokens[t.index - 1];
      verbal =
        t.norm === 'never' ||
        t.norm === 'cannot' ||
        /n['’]t$/i.test(t.raw) ||
        (t.norm === 'not' && !!before && (AUXILIARIES.has(before.norm) || contracted(before)) && clause[before.index] === clause[t.index]) ||
        (t.norm === 'not' && next?.norm === 'to') ||
        from === t.index + 2;
    } else if ((NEGATING_VERBS.has(t.norm) || t.norm === 'yet') && next?.norm === 'to') {
      // "declined to comment", "has yet to decide": the verb after "to" is what is denied.
      if (t.norm === 'yet' && tokens[t.index - 1]?.norm === 'not') continue;
      from = t.index + 2;
      verbal = true;
    } else continue;
    if (t.norm === 'not' && next && NOT_QUANTIFIERS.has(next.norm)) {
      // "not only X" asserts X; "not always X", "not all X" neither assert nor deny it.
      if (/^(only|just|merely|simply)$/.test(next.norm)) continue;
      markScope(from, (k) => unsure.add(k));
      continue;
    }
    let head = true;
    let doubled = false;
    const scope: number[] = [];
    markScope(from, (k) => {
      if (affixal.has(k) || isNegatorCue(tokens[k])) doubled = true;
      scope.push(k);
    });
    if (doubled || next?.norm === 'without') {
      for (const k of scope) unsure.add(k);
      continue;
    }
    // "is not a Harbour Authority Adviser", "was not Costa": a predicate that is all name is what is denied.
    if (!scope.length && verbal) {
      const named = tokens.slice(from, from + NAMED_PREDICATE_REACH).find((u) => u.capitalized && clause[u.index] === clause[t.index]);
      if (named) scope.push(named.index);
    }
    for (const k of scope) {
      negated.add(k);
      // The predicate's head: the first content word, or the word an adverb or a light verb leads to.
      // "was not one of the founders": what is denied is being among the founders.
      const partitive = tokens[k].norm === 'one' && tokens[k + 1]?.norm === 'of';
      if (verbal && head && !partitive) heads.add(k);
      // A light verb carries no content of its own: "did not take place", "would not occur before X".
      if (!tokens[k].norm.endsWith('ly') && !LIGHT_TERMS.has(tokens[k].term) && !partitive) head = false;
    }
  }
  for (const k of affixal) {
    if (unsure.has(k) || negated.has(k)) continue;
    negated.add(k);
    heads.add(k);
  }
  return { negated, heads, unsure, clause, affixal };

  /** "it's not", "they're not": the tokenizer drops the contracted auxiliary. */
  function contracted(t: Token): boolean {
    return /^['’]s\b/i.test(text.slice(t.end, t.end + 3)) || /['’](re|m)$/i.test(t.raw);
  }

  function markScope(from: number, mark: (k: number) => void): void {
    let content = 0;
    for (let k = from; k < tokens.length && content < SCOPE_WORDS; k++) {
      if (clause[k] !== clause[from - 1]) break;
      if (content > 0 && /,/.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
      if (/^(and|or)$/.test(tokens[k].norm) && content > 0) break;
      // A connective inside the scope ("did not, however, resign") is not what is negated.
      if (tokens[k].stop || tokens[k].capitalized || tokens[k].isNumber || DISCOURSE_WORDS.has(tokens[k].norm)) continue;
      if (isNegatorWord(tokens[k], tokens[k + 1]) && !isNegatorCue(tokens[k])) continue;
      mark(k);
      content++;
    }
  }
}
