import { NEGATORS } from '../text/lexicon';
import { tokenize, type Token } from '../text/tokenize';
import { dateTokenIndexes, extractDates, type DateFact } from './dates';
import { extractNames, type NameFact, type ProperNounOracle } from './names';
import { extractNumbers, type NumberFact } from './numbers';
import { extractQuotes, type QuoteFact } from './quotes';

/** Everything the comparer needs to know about one sentence. */
export interface Analysis {
  text: string;
  tokens: Token[];
  numbers: NumberFact[];
  dates: DateFact[];
  names: NameFact[];
  quotes: QuoteFact[];
  /** Token indexes inside the scope of a negation ("not", "no", "never", n't). */
  negated: Set<number>;
}

const CLAUSE_BREAK = /[,;:()–—]|\b(but|and|or|while|whereas|although|though|however)\b/i;

/** Marks the few content words after each negator, up to the end of the clause. */
function negationScope(text: string, tokens: Token[]): Set<number> {
  const negated = new Set<number>();
  for (const t of tokens) {
    if (!NEGATORS.has(t.norm)) continue;
    let content = 0;
    for (let k = t.index + 1; k < tokens.length && content < 3; k++) {
      if (CLAUSE_BREAK.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
      if (/^(but|and|or|while|whereas|although|though)$/.test(tokens[k].norm)) break;
      if (tokens[k].stop) continue;
      negated.add(k);
      content++;
    }
  }
  return negated;
}

/** `published`: the ISO date of the text's document, when known, to place "on Tuesday" in time. */
export function analyze(text: string, isProperNoun?: ProperNounOracle, published?: string): Analysis {
  const tokens = tokenize(text);
  const dates = extractDates(text, tokens, published);
  const dateTokens = dateTokenIndexes(dates, tokens);
  const numbers = extractNumbers(text, tokens, dateTokens);
  return {
    text,
    tokens,
    numbers,
    dates,
    names: extractNames(text, tokens, isProperNoun, dateTokens),
    quotes: extractQuotes(text),
    negated: negationScope(text, tokens),
  };
}
