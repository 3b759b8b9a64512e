import type { HtmlMeta } from '../html';
import type { ExtractedDocument, LocationAnchor } from './format';

/**
 * The text Word and OpenDocument files become: one paragraph per line with a blank line between,
 * headings as "# " lines and list items with a marker, so the markdown-aware cleaning that 'text'
 * sources get anyway recognises them (a two-word heading is a title, not page chrome) while the
 * read-only source view stays readable. Every body line is anchored to its paragraph number.
 */

export type OfficeBlock =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string; list?: { depth: number; marker: string } }
  | { type: 'row'; cells: string[] };

/** Characters that end a sentence, possibly followed by closing quotes or brackets. */
const ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/u;

/**
 * Inline text as one line: breaks, tabs and runs of spaces become one space. Word stores a
 * line break inside a paragraph as a soft break, not a new paragraph, so it must not become one.
 */
export function inlineText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\u00ad\u200b\ufeff]/g, '')
    .replace(/\u2011/g, '-')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim();
}

/**
 * A table row as one line. The sentence splitter only cuts after a terminator followed by space
 * and a capital, so a cell that ends a sentence is followed by a plain space and the next cell
 * starts a sentence of its own; cells without one ("Moscow", "12.6 million") are joined with
 * " | " and read as one row-statement rather than as fragments.
 */
export function joinCells(cells: string[]): string {
  let line = '';
  for (const cell of cells) {
    if (!cell) continue;
    if (line) line += ENDS_SENTENCE.test(line) ? ' ' : ' | ';
    line += cell;
  }
  return line;
}

function blockLine(block: OfficeBlock): string {
  if (block.type === 'row') return joinCells(block.cells.map(inlineText));
  const text = inlineText(block.text);
  if (!text) return '';
  if (block.type === 'heading') return `${'#'.repeat(Math.min(6, Math.max(1, block.level)))} ${text}`;
  return block.list ? `${'  '.repeat(block.list.depth)}${block.list.marker} ${text}` : text;
}

/** Collects blocks in reading order; notes go after the body, still evidence. */
export class OfficeTextBuilder {
  private readonly lines: string[] = [];
  private readonly anchors: LocationAnchor[] = [];
  private length = 0;
  private paragraph = 0;
  private readonly notes: OfficeBlock[] = [];

  add(block: OfficeBlock): void {
    const line = blockLine(block);
    if (!line) return;
    this.anchors.push({ offset: this.length, location: { paragraph: ++this.paragraph } });
    this.push(line);
  }

  addNote(block: OfficeBlock): void {
    this.notes.push(block);
  }

  private push(line: string): void {
    this.lines.push(line);
    this.length += line.length + 2;
  }

  finish(meta: HtmlMeta): ExtractedDocument {
    let first = true;
    for (const note of this.notes) {
      const line = blockLine(note);
      if (!line) continue;
      // Notes are not body paragraphs: with no paragraph to name, a note's location is its line.
      if (first) this.anchors.push({ offset: this.length, location: {} });
      first = false;
      this.push(line);
    }
    const text = this.lines.join('\n\n');
    return { text: text ? `${text}\n` : '', kind: 'text', anchors: this.anchors, meta };
  }
}

/** "2025-01-13T11:00:00Z" → "2025-01-13", only for a real calendar date. */
export function isoDate(value: string | undefined): string | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** Drops empty fields so they never override what the text itself says. */
export function officeMeta(fields: { title?: string; author?: string; date?: string }): HtmlMeta {
  const meta: HtmlMeta = {};
  const title = inlineText(fields.title ?? '');
  const author = inlineText(fields.author ?? '');
  if (title) meta.title = title;
  if (author) meta.author = author;
  if (fields.date) meta.fileDate = fields.date;
  return meta;
}
