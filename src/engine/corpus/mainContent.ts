import { htmlToText } from './html';
import type { HtmlText } from './html';

/**
 * Carries a reader view's choice of main content back onto the raw page. The reader view (see
 * formats/webPage.ts) returns the article as new HTML with its own line structure; passages of a
 * web page must keep the line they have in the saved file, which the editor opens. So the article
 * is only used to decide which blocks of the page to keep: the visible text of every other block
 * is blanked in the raw HTML, tags and line breaks untouched, and the usual HTML cleaning then
 * runs on that page as on any other.
 */

/** Segments shorter than this are kept only when the article has exactly that block: "World" or "Share" occur in prose too. */
const MIN_WORDS_TO_MATCH_INSIDE = 5;
const SHINGLE = 4;
/**
 * A long block is the article's when most of its 4-word runs are: the reader view may drop an
 * inline share link or caption inside a paragraph, so the block as a whole differs.
 */
const MIN_SHINGLE_SHARE = 0.5;

export interface MainContentPage {
  /** The raw page with the visible text of every block outside the article blanked. */
  html: string;
  /** Share of the article's words that the kept blocks hold (1 when every word was found). */
  coverage: number;
  /** Words the article has, and words of the page kept / in all, for the decision and the benchmark. */
  articleWords: number;
  keptWords: number;
  pageWords: number;
}

/** Lower-case runs of letters and digits: what survives any serializer's whitespace, entity and punctuation choices. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

interface Segment {
  start: number;
  end: number;
  words: string[];
  heading: boolean;
}

/** The stretches between block tags, with their words. */
function segmentsOf(converted: HtmlText): Segment[] {
  const bounds = [0, ...converted.breaks, converted.text.length];
  const headings = new Set(converted.headings);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end <= start) continue;
    segments.push({ start, end, words: wordsOf(converted.text.slice(start, end)), heading: headings.has(start) });
  }
  return segments;
}

const keyOf = (words: string[]): string => ` ${words.join(' ')} `;

function countWords(words: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** What of the article a page block is compared with. */
class ArticleText {
  readonly blocks = new Set<string>();
  readonly shingles = new Set<string>();
  readonly all: string;
  readonly words: string[] = [];

  constructor(articleHtml: string) {
    for (const segment of segmentsOf(htmlToText(articleHtml))) {
      if (segment.words.length === 0) continue;
      this.blocks.add(keyOf(segment.words));
      for (const word of segment.words) this.words.push(word);
      // Shingles within a block only: a run across two paragraphs proves nothing about either.
      for (let i = 0; i + SHINGLE <= segment.words.length; i++) this.shingles.add(segment.words.slice(i, i + SHINGLE).join(' '));
    }
    this.all = keyOf(this.words);
  }

  holds(words: string[]): boolean {
    const key = keyOf(words);
    if (this.blocks.has(key)) return true;
    if (words.length < MIN_WORDS_TO_MATCH_INSIDE) return false;
    let found = 0;
    const total = words.length - SHINGLE + 1;
    for (let i = 0; i < total; i++) if (this.shingles.has(words.slice(i, i + SHINGLE).join(' '))) found++;
    // A block the article split in two (a <br> turned paragraph) still occurs whole in its text.
    return found / total >= MIN_SHINGLE_SHARE || this.all.includes(key);
  }
}

/** Blanks everything but line breaks, as the HTML cleaning does for markup. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * Keeps the blocks of `html` (converted as `page`, with its text runs) that the reader view's
 * `articleHtml` holds, plus the headline (`title`): reader views drop the h1 that repeats the
 * title, but it is a statement the page makes.
 */
export function keepMainContent(html: string, page: HtmlText, articleHtml: string, title?: string): MainContentPage {
  if (!page.runs) throw new Error('keepMainContent needs the page converted with its text runs');
  const article = new ArticleText(articleHtml);
  const titleKey = title ? keyOf(wordsOf(title)) : undefined;
  const segments = segmentsOf(page);
  const kept = segments.map((segment) => segment.words.length > 0 && (article.holds(segment.words) || (segment.heading && keyOf(segment.words) === titleKey)));

  const parts: string[] = [];
  let copied = 0;
  let index = 0;
  for (const run of page.runs) {
    while (index + 1 < segments.length && segments[index]!.end <= run.textStart) index++;
    if (kept[index]) continue;
    parts.push(html.slice(copied, run.rawStart), blank(html.slice(run.rawStart, run.rawEnd)));
    copied = run.rawEnd;
  }
  parts.push(html.slice(copied));

  const keptWords = segments.flatMap((segment, i) => (kept[i] ? segment.words : []));
  const keptCounts = countWords(keptWords);
  let found = 0;
  for (const [word, count] of countWords(article.words)) found += Math.min(count, keptCounts.get(word) ?? 0);
  return {
    html: parts.join(''),
    coverage: article.words.length ? found / article.words.length : 0,
    articleWords: article.words.length,
    keptWords: keptWords.length,
    pageWords: segments.reduce((sum, segment) => sum + segment.words.length, 0),
  };
}
