/** A quotation in a text: the words between quotation marks. */
export interface QuoteFact {
  /** Offsets of the quoted words, marks excluded. */
  start: number;
  end: number;
  raw: string;
}

const PAIRS: Record<string, string> = { '“': '”', '„': '“', '«': '»', '"': '"', '‘': '’' };

/**
 * Finds quotations in straight or curly quotes. A single curly opening quote counts only at a word
 * start, so apostrophes (it’s, Trump’s) are not taken for quotation marks.
 */
export function extractQuotes(text: string): QuoteFact[] {
  const quotes: QuoteFact[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const close = PAIRS[ch];
    if (close === undefined || (ch === '‘' && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]))) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '\n' && text[j + 1] === '\n') break;
      if (c === close) {
        // A closing single quote inside a word is an apostrophe, not the end of the quote.
        if (close === '’' && /[\p{L}]/u.test(text[j + 1] ?? '')) continue;
        break;
      }
    }
    if (j < text.length && text[j] === close) {
      const inner = text.slice(i + 1, j);
      if (/[\p{L}\p{N}]/u.test(inner)) {
        const lead = inner.length - inner.trimStart().length;
        const trimmed = inner.trim();
        quotes.push({ start: i + 1 + lead, end: i + 1 + lead + trimmed.length, raw: trimmed });
      }
      i = j + 1;
    } else {
      i++;
    }
  }
  return quotes;
}
