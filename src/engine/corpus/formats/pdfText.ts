/**
 * From laid-out PDF pages to the text passages are cut from: running headers, footers and page
 * numbers dropped, lines joined into paragraphs (across columns and pages when a sentence runs
 * on), line-end hyphens resolved, and every line anchored to its page and line.
 */
import { STOPWORDS } from '../../text/lexicon';
import type { LocationAnchor } from './format';
import type { PageLine } from './pdfLayout';

export interface LaidOutPage {
  /** 1-based page number. */
  page: number;
  lines: PageLine[];
}

export interface AssembledText {
  /** One paragraph per line, paragraphs separated by a blank line. */
  text: string;
  anchors: LocationAnchor[];
}

/** Lines at the top and at the bottom of a page that may be running heads or feet. */
const EDGE_LINES = 3;
/** Share of pages a line must repeat on to count as a running line (odd/even heads reach half). */
const RUNNING_SHARE = 0.4;
/** "12", "- 12 -", "Page 3 of 9", "3/9", or a Roman "xiv" (after signature(), digits are '#'). */
const PAGE_NUMBER = /^(page|p\.)?\s*[-–—]?\s*#+\s*[-–—]?\s*((of|\/)\s*#+)?$|^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$/i;
/** The line ends where a sentence or clause may end. */
const TERMINAL = /[.!?:;"”’)\]]$/;
const LINE_END_HYPHEN = /([\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*)([-‐\u00ad])$/u;
const FIRST_WORD = /^[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*/u;
const WORD = /[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*/gu;

/** The same running line on every page differs at most in its digits (page numbers, dates). */
function signature(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Indices of the lines nearest the top and the bottom edge of the page. */
function edgeLines(lines: PageLine[]): number[] {
  const byHeight = lines.map((_, index) => index).sort((a, b) => lines[a]!.baseline - lines[b]!.baseline);
  if (byHeight.length <= 2 * EDGE_LINES) return byHeight;
  return [...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)];
}

/**
 * Drops running heads and feet: lines near a page edge that recur (digits aside) on many pages,
 * and bare page numbers. A one-page file has nothing to compare, so only its page number goes.
 */
export function removeRunningLines(pages: LaidOutPage[]): LaidOutPage[] {
  const pagesWith = new Map<string, number>();
  for (const { lines } of pages) {
    const seen = new Set(edgeLines(lines).map((index) => signature(lines[index]!.text)));
    for (const key of seen) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE));
  return pages.map(({ page, lines }) => {
    const drop = new Set(
      edgeLines(lines).filter((index) => {
        const key = signature(lines[index]!.text);
        return PAGE_NUMBER.test(key) || (pages.length > 1 && (pagesWith.get(key) ?? 0) >= threshold);
      }),
    );
    return { page, lines: lines.filter((_, index) => !drop.has(index)) };
  });
}

interface PlacedLine extends PageLine {
  page: number;
  /** 1-based line on its page, in reading order. */
  line: number;
}

/** How far apart consecutive lines of one paragraph are, in font sizes: the document's usual leading. */
function usualLeading(lines: PlacedLine[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page || a.flow !== b.flow || Math.abs(a.size - b.size) > 0.12 * a.size) continue;
    const ratio = (b.baseline - a.baseline) / a.size;
    if (ratio > 0) ratios.push(ratio);
  }
  if (!ratios.length) return 1.2;
  ratios.sort((x, y) => x - y);
  return ratios[ratios.length >> 1]!;
}

/**
 * Whether `next` opens a new paragraph. A sentence running on (no closing punctuation, a
 * lower-case start) never breaks, even across a column or page; otherwise a change of type size,
 * extra space, a first-line indent or a short closing line does. Across columns and pages only
 * closing punctuation can tell, and a break there at worst splits one paragraph in two.
 */
function opensParagraph(previous: PlacedLine, next: PlacedLine, leading: number): boolean {
  if (Math.abs(next.size - previous.size) > 0.12 * Math.max(next.size, previous.size)) return true;
  const endsSentence = TERMINAL.test(previous.text);
  if (!endsSentence && (/^\p{Ll}/u.test(next.text) || LINE_END_HYPHEN.test(previous.text))) return false;
  if (previous.page !== next.page || previous.flow !== next.flow) return endsSentence;
  const gap = (next.baseline - previous.baseline) / previous.size;
  if (gap <= 0 || gap > leading * 1.3) return true;
  const indent = (line: PlacedLine): number => line.left - line.columnLeft;
  if (indent(next) > 0.8 * next.size && indent(next) < 8 * next.size && indent(previous) < 0.4 * previous.size) return true;
  const shortLine = previous.right < previous.columnRight - 0.15 * (previous.columnRight - previous.columnLeft);
  return endsSentence && shortLine;
}

/**
 * Words of the document, lower-case, without the halves of words broken at line ends; with
 * "non-" and "-based" for the first and last parts of its hyphenated compounds.
 */
function vocabulary(lines: PlacedLine[]): Set<string> {
  const words = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!.text;
    if (LINE_END_HYPHEN.test(text)) text = text.replace(LINE_END_HYPHEN, '');
    if (i > 0 && LINE_END_HYPHEN.test(lines[i - 1]!.text)) text = text.replace(FIRST_WORD, '');
    for (const match of text.matchAll(WORD)) {
      const word = match[0].toLowerCase();
      words.add(word);
      // How the document hyphenates: "non-aligned" shows it writes "non-" with its hyphen.
      const parts = word.split(/[-‐]/);
      if (parts.length > 1) words.add(`${parts[0]}-`).add(`-${parts[parts.length - 1]}`);
    }
  }
  return words;
}

/** Prefixes whose hyphen stays ("self-|determination", "well-|known"). */
const HYPHENATED_PREFIXES = new Set(['self', 'well', 'half', 'quasi']);
/** Endings hyphenation splits off ("infor-|mation", "govern-|ment"); compounds rarely end a part so. */
const DERIVATIONAL_ENDING = /(tions?|sions?|ments?|ness(es)?|i?t(y|ies)|ings?|[ai]bl[ey]|[ae]n(ce|ces|t|ts)|ous|ives?|isms?|ists?|ures?|ical(ly)?|ally|ships?)$/;

/**
 * Whether a hyphen at a line end belongs to the word ("pro-|Western", "state-|owned") rather
 * than to the typesetting ("infor-|mation"). With no dictionary at hand, the document's own
 * words decide: a join or compound it spells elsewhere wins; a function word before the break
 * makes a closed compound ("some-|thing"); a part the document hyphenates elsewhere ("non-" in
 * "non-aligned") keeps its hyphen; a derivational ending after the break is a split word; a part
 * the document uses as a word of its own marks a compound ("president-|elect").
 */
function keepsHyphen(left: string, hyphen: string, right: string, words: Set<string>): boolean {
  if (hyphen === '\u00ad') return false;
  if (!/^\p{Ll}/u.test(right)) return true;
  if (/[-‐]/.test(left) || /[-‐]/.test(right)) return true;
  const [lowerLeft, lowerRight] = [left.toLowerCase(), right.toLowerCase()];
  if (words.has(lowerLeft + lowerRight)) return false;
  if (words.has(`${lowerLeft}-${lowerRight}`)) return true;
  if (STOPWORDS.has(lowerLeft)) return false;
  if (HYPHENATED_PREFIXES.has(lowerLeft) || words.has(`${lowerLeft}-`) || words.has(`-${lowerRight}`)) return true;
  if (DERIVATIONAL_ENDING.test(lowerRight) && !words.has(lowerRight)) return false;
  return (lowerLeft.length >= 3 && words.has(lowerLeft)) || (lowerRight.length >= 3 && words.has(lowerRight));
}

/** Text with one paragraph per line and an anchor where each PDF line starts. */
export function assembleText(pages: LaidOutPage[]): AssembledText {
  const lines: PlacedLine[] = pages.flatMap(({ page, lines }) =>
    lines.map((line, index) => ({ ...line, text: line.text.replace(/\u00ad(?!$)/g, ''), page, line: index + 1 })),
  );
  const leading = usualLeading(lines);
  const words = vocabulary(lines);
  let text = '';
  const anchors: LocationAnchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i]!;
    let rest = current.text;
    const previous = lines[i - 1];
    if (previous && !opensParagraph(previous, current, leading)) {
      // The tail only: an end-anchored pattern would rescan the whole text on every line.
      const broken = LINE_END_HYPHEN.exec(text.slice(-100));
      const first = FIRST_WORD.exec(rest);
      if (broken && first) {
        // The rest of the broken word moves up to the line it started on.
        const keep = keepsHyphen(broken[1]!, broken[2]!, first[0], words);
        if (!keep) text = text.slice(0, -1);
        const chunk = /^\S*/.exec(rest)![0];
        text += chunk;
        rest = rest.slice(chunk.length).trimStart();
        if (rest) text += ' ';
      } else {
        text += ' ';
      }
    } else if (previous) {
      text += '\n\n';
    }
    if (!rest) continue;
    anchors.push({ offset: text.length, location: { page: current.page, line: current.line } });
    text += rest;
  }
  return { text, anchors };
}
