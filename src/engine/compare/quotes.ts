import type { Analysis } from '../facts/analysis';
import { quotedPart } from '../facts/quotes';
import { commonWords } from '../text/commonWords';
import { STOPWORDS } from '../text/lexicon';
import { foldDiacritics, unifySpelling } from '../text/tokenize';
import type { SlotConflict } from './slots';

interface Word {
  norm: string;
  start: number;
  end: number;
}

function words(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    // British and American spellings of one word ("recognised" / "recognized") are one word said.
    out.push({ norm: unifySpelling(foldDiacritics(m[0].replace(/’/g, "'"))), start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

function containsSequence(hay: Word[], needle: Word[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j].norm !== needle[j].norm) continue outer;
    return true;
  }
  return false;
}

/** Words a transcription adds or drops without changing what was said. */
const FILLERS = new Set(['already', 'still', 'now', 'also', 'just', 'really', 'currently', 'even', 'actually', 'well', 'so']);
const isFunctionWord = (w: Word) => STOPWORDS.has(w.norm) || FILLERS.has(w.norm);

/**
 * The quotation stated with at most function words changed: every content word of it in order,
 * close together ("in the coming days and weeks" / "in the coming days or weeks", "for it yet" /
 * "for that yet"). Outlets transcribe the same remark that differently; it is not a misquote.
 */
function containsLoosely(hay: Word[], needle: Word[]): boolean {
  const content = needle.filter((w) => !isFunctionWord(w)).length;
  if (content < 2 || hay.length > 400) return false;
  const pairs = commonWords(needle, hay);
  const matched = new Set(pairs.map(([i]) => i));
  if (needle.some((w, i) => !matched.has(i) && !isFunctionWord(w))) return false;
  // Function words match anywhere; the content words must stand together, as in one quotation.
  const core = pairs.filter(([i]) => !isFunctionWord(needle[i]));
  const spread = core[core.length - 1][1] - core[0][1] + 1;
  if (spread > needle.length + 2) return false;
  // Whatever the source has between them is function words too.
  for (let k = 1; k < core.length; k++) for (let j = core[k - 1][1] + 1; j < core[k][1]; j++) if (!isFunctionWord(hay[j])) return false;
  return true;
}

/**
 * Checks each quotation of the claim word by word against the passage's wording. A quotation
 * that mostly matches but differs in some words is a misquote; the first differing stretch is
 * reported so a quick fix can restore the source's words.
 */
/**
 * The quoted stretches of a passage. A sentence inside a quotation that runs over several
 * sentences has only an opening or only a closing mark; the part on the quoted side counts. A
 * source is read generously here, with or without a verb of saying beside the mark: its words are
 * only the standard a claim's quotation is held to.
 */
function quotedSpans(a: Analysis): [number, number][] {
  const part = a.quotes.length ? undefined : quotedPart(a.text, false);
  return (part ? [part] : a.quotes).map((q) => [q.start, q.end]);
}

/** The content word before a position, for telling whether two quotations stand in the same place. */
function wordBefore(a: Analysis, offset: number): string | undefined {
  for (let k = a.tokens.length - 1; k >= 0; k--) {
    const t = a.tokens[k];
    if (t.end <= offset && !t.stop) return t.term;
  }
  return undefined;
}

/** A short quotation ("fantasy") against the source's short quotation in the same place ("fiction"). */
function shortQuoteConflict(claim: Analysis, q: { start: number; end: number }, passage: Analysis): SlotConflict | undefined {
  const anchor = wordBefore(claim, q.start);
  if (!anchor) return undefined;
  for (const pq of passage.quotes) {
    const pWords = words(passage.text, pq.start, pq.end);
    if (pWords.length > 3 || wordBefore(passage, pq.start) !== anchor) continue;
    const claimed = claim.text.slice(q.start, q.end).replace(/[.,;:!?]+$/, '');
    const source = passage.text.slice(pq.start, pq.end).replace(/[.,;:!?]+$/, '');
    return { kind: 'quote', claimStart: q.start, claimEnd: q.start + claimed.length, claimed, source, sourceStart: pq.start, sourceEnd: pq.start + source.length };
  }
  return undefined;
}

export function compareQuotes(claim: Analysis, passage: Analysis, context: Analysis[]): { allFound: boolean; conflict?: SlotConflict } {
  let allFound = true;
  for (const q of claim.quotes) {
    const qWords = words(claim.text, q.start, q.end);
    if (!qWords.length) continue;
    const texts = [passage, ...context];
    const hays = texts.map((a) => words(a.text, 0, a.text.length));
    if (hays.some((h) => containsSequence(h, qWords) || containsLoosely(h, qWords))) continue;
    allFound = false;
    if (qWords.length < 3) {
      const conflict = shortQuoteConflict(claim, q, passage);
      if (conflict) return { allFound, conflict };
      continue;
    }
    // A misquote needs the source's own quotation to compare with; a paraphrase is not one.
    const pWords = quotedSpans(passage).flatMap(([s, e]) => words(passage.text, s, e));
    if (!pWords.length) continue;
    const pairs = commonWords(qWords, pWords);
    if (pairs.length < Math.max(2, Math.ceil(qWords.length * 0.6))) continue;
    // The matched words must lie close together in the passage, as a quotation would.
    const spread = pairs[pairs.length - 1][1] - pairs[0][1] + 1;
    if (spread > qWords.length * 1.6 + 2) continue;
    for (let k = 0; k <= pairs.length; k++) {
      const [qi, pi] = k === 0 ? [-1, pairs[0][1] - 1] : pairs[k - 1];
      const [qj, pj] = k === pairs.length ? [qWords.length, pairs[pairs.length - 1][1] + 1] : pairs[k];
      const claimGap = qWords.slice(qi + 1, qj);
      // At either end of the quotation, the source's words just outside the matched stretch stand in
      // the same place ("…end somehow militarily" / "…end somehow diplomatically").
      const sourceGap =
        k === 0 ? pWords.slice(Math.max(0, pj - claimGap.length), pj) : k === pairs.length ? pWords.slice(pi + 1, pi + 1 + claimGap.length) : pWords.slice(pi + 1, pj);
      // A word the source has and the claim drops, or the reverse, is an ellipsis, not a misquote.
      if (!claimGap.length || !sourceGap.length) continue;
      const cs = claimGap[0].start;
      const ce = claimGap[claimGap.length - 1].end;
      const ps = sourceGap.length ? sourceGap[0].start : pWords[Math.max(0, pi)].start;
      const pe = sourceGap.length ? sourceGap[sourceGap.length - 1].end : pWords[Math.max(0, pi)].end;
      return {
        allFound,
        conflict: { kind: 'quote', claimStart: cs, claimEnd: ce, claimed: claim.text.slice(cs, ce), source: sourceGap.length ? passage.text.slice(ps, pe) : '', sourceStart: ps, sourceEnd: pe },
      };
    }
  }
  return { allFound };
}
