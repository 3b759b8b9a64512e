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
  if (!quotes.length) {
    const part = quotedPart(text);
    if (part) quotes.push(part);
  }
  return quotes;
}

/** Verbs of saying that attribute a quotation beside its marks ('…," Ana Ruiz said', 'She added: "…'). */
const SAYING = /\b(?:said|says|say|told|tells|added|adds|wrote|writes|stated|explained|noted|insisted|argued|warned|asked|replied|recalled|continued)\b/i;

/**
 * A sentence inside a quotation that runs over several sentences has only an opening mark (the
 * quotation goes on after it) or only a closing one (it began before): the part on the quoted
 * side, when a verb of saying beside the mark shows whose words they are ('… move on," Ana Ruiz
 * said'; 'Ana Ruiz said: "We will …'). Without one, a stray mark is as often an editing slip or a
 * sentence lifted from a quoted text as a quotation. A straight mark closes when it follows a word
 * or punctuation and a space or the end follows it.
 */
function quotedPart(text: string): QuoteFact | undefined {
  const m = /[“”"«»]/.exec(text);
  if (!m) return undefined;
  const i = m.index;
  const closing = m[0] === '”' || m[0] === '»' || (m[0] === '"' && i > 0 && /[\p{L}\p{N}.,!?;:]/u.test(text[i - 1]) && (i + 1 >= text.length || /\s/.test(text[i + 1])));
  const beside = closing ? text.slice(i + 1).split(/\s+/).slice(0, 5).join(' ') : text.slice(0, i).split(/\s+/).slice(-4).join(' ');
  if (!SAYING.test(beside)) return undefined;
  const [from, to] = closing ? [0, i] : [i + 1, text.length];
  const inner = text.slice(from, to);
  if (!/[\p{L}\p{N}]/u.test(inner)) return undefined;
  const lead = inner.length - inner.trimStart().length;
  const trimmed = inner.trim();
  return { start: from + lead, end: from + lead + trimmed.length, raw: trimmed };
}
