import { SAYING_WORDS } from '../text/lexicon';

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
    const part = quotedPart(text, true);
    if (part) quotes.push(part);
  }
  return quotes;
}

/** How far from the quotation mark its verb of saying may stand ('…," the harbour council chair said'). */
const WORDS_BESIDE_MARK = 5;
const SPEAKER_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i']);

/**
 * A sentence inside a quotation that runs over several sentences has only an opening mark (the
 * quotation goes on after it) or only a closing one (it began before): the part on the quoted
 * side. With `attributed`, only when a verb of saying and a name or pronoun beside the mark show
 * whose words they are ('… move on," Ana Ruiz said'; 'She said: "We will …'): without them, a stray mark in a draft
 * is as often an editing slip or a sentence lifted from a quoted text as a quotation. A straight
 * mark closes when it follows a word or punctuation and a space or the end follows it.
 */
export function quotedPart(text: string, attributed: boolean): QuoteFact | undefined {
  const m = /[“”"«»]/.exec(text);
  if (!m) return undefined;
  const i = m.index;
  const closing = m[0] === '”' || m[0] === '»' || (m[0] === '"' && i > 0 && /[\p{L}\p{N}.,!?;:]/u.test(text[i - 1]) && (i + 1 >= text.length || /\s/.test(text[i + 1])));
  const words = (s: string) => s.match(/\p{L}+/gu) ?? [];
  const beside = closing ? words(text.slice(i + 1)).slice(0, WORDS_BESIDE_MARK) : words(text.slice(0, i)).slice(-WORDS_BESIDE_MARK);
  // Whose words: a verb of saying with a name or a personal pronoun beside it.
  const speaks = beside.some((w) => SAYING_WORDS.has(w.toLowerCase())) && beside.some((w) => /^\p{Lu}/u.test(w) || SPEAKER_PRONOUNS.has(w.toLowerCase()));
  if (attributed && !speaks) return undefined;
  const [from, to] = closing ? [0, i] : [i + 1, text.length];
  const inner = text.slice(from, to);
  if (!/[\p{L}\p{N}]/u.test(inner)) return undefined;
  const lead = inner.length - inner.trimStart().length;
  const trimmed = inner.trim();
  return { start: from + lead, end: from + lead + trimmed.length, raw: trimmed };
}
