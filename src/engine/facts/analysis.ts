import { tokenize, type Token } from '../text/tokenize';
import { dateTokenIndexes, extractDates, type DateFact } from './dates';
import { extractNames, type NameFact, type ProperNounOracle } from './names';
import { extractNumbers, type NumberFact } from './numbers';
import { findNegation, readAffixes, type Negation } from './negation';
import { extractQuotes, type QuoteFact } from './quotes';

/** Everything the comparer needs to know about one sentence. */
export interface Analysis {
  text: string;
  tokens: Token[];
  numbers: NumberFact[];
  dates: DateFact[];
  names: NameFact[];
  quotes: QuoteFact[];
  /** Token indexes inside the scope of a negation ("not", "no", "never", n't, "un-"). */
  negated: Set<number>;
  /** Heads of clearly negated predicates, polarity neither plainly positive nor negative, and clauses: see Negation. */
  negation: Negation;
}

/** `published`: the ISO date of the text's document, when known, to place "on Tuesday" in time. */
export function analyze(text: string, isProperNoun?: ProperNounOracle, published?: string): Analysis {
  const { tokens, affixal } = readAffixes(text, tokenize(text));
  const dates = extractDates(text, tokens, published);
  const dateTokens = dateTokenIndexes(dates, tokens);
  const numbers = extractNumbers(text, tokens, dateTokens);
  const negation = findNegation(text, tokens, affixal);
  return {
    text,
    tokens,
    numbers,
    dates,
    names: extractNames(text, tokens, isProperNoun, dateTokens),
    quotes: extractQuotes(text),
    negated: negation.negated,
    negation,
  };
}
