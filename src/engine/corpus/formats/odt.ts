import type { ExtractContext, ExtractedDocument, ExtractResult, SourceFormat } from './format';
import { childElements, localName, parseXml, textContent, XmlError } from './officeXml';
import type { XmlElement } from './officeXml';
import { isoDate, officeMeta, OfficeTextBuilder } from './officeText';
import type { OfficeBlock } from './officeText';
import { checkElements, countElements, Deadline, failure, OfficeFileError, ZipArchive } from './zipBudget';

const WHAT = 'OpenDocument text document';
const TEXT_MIME = 'application/vnd.oasis.opendocument.text';
/**
 * Budget bytes per XML element parsed: the small reader's tree costs about 280 bytes and 1 µs per
 * element, so the default 64 MB budget admits 524,288 elements, some 150 MB at worst.
 */
const BUDGET_BYTES_PER_ELEMENT = 128;

/**
 * Elements whose content is not evidence: comments (annotations), the tracked-changes log (which
 * holds the deleted text; inserted text sits in the body), the note mark "1", declarations and
 * generated indexes that repeat headings with page numbers.
 */
const SKIPPED = new Set([
  'annotation', 'annotation-end', 'tracked-changes', 'note-citation', 'sequence-decls', 'variable-decls',
  'user-field-decls', 'dde-connection-decls', 'forms', 'table-of-content', 'alphabetical-index',
  'illustration-index', 'table-index', 'object-index', 'user-index', 'bibliography', 'table-column',
  'table-columns', 'image', 'object', 'object-ole',
]);
/** Alternative text of drawings describes a picture; it is not a statement of the document. */
const SKIPPED_QUALIFIED = new Set(['svg:title', 'svg:desc']);
/** Title paragraphs are styled, not marked as headings; as headings they are not judged page chrome. */
const TITLE_STYLES = new Map([['Title', 1], ['Subtitle', 2]]);
const EMPTY: XmlElement = { name: '', attributes: {}, children: [] };

export const odtFormat: SourceFormat = {
  name: 'OpenDocument',
  extensions: ['.odt'],
  binary: true,
  extract(bytes, context): ExtractResult {
    try {
      return { ok: true, ...extractOdt(bytes, context) };
    } catch (error) {
      return failure(error, WHAT);
    }
  },
};

function extractOdt(bytes: Uint8Array, { budget, token }: ExtractContext): ExtractedDocument {
  const deadline = new Deadline(budget.maxMs, token);
  deadline.check();
  const zip = ZipArchive.open(bytes, WHAT);
  const mime = zip.has('mimetype') ? zip.text('mimetype', 1024, WHAT).trim() : undefined;
  if (mime !== undefined && !mime.startsWith(TEXT_MIME)) throw new OfficeFileError(`not an ${WHAT} (it is ${mime || 'of no stated type'})`);
  if (!zip.has('content.xml')) throw new OfficeFileError(`not an ${WHAT} (the zip has no content.xml)`);
  const parts = ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml'].filter((name) => zip.has(name));
  zip.checkDeclared(parts, budget.maxBytes, WHAT);
  let elements = 0;
  const read = (name: string): XmlElement | undefined => {
    if (!zip.has(name)) return undefined;
    const data = zip.read(name, budget.maxBytes, WHAT);
    elements += countElements(data);
    checkElements(elements, Math.floor(budget.maxBytes / BUDGET_BYTES_PER_ELEMENT), WHAT);
    const text = new TextDecoder().decode(data);
    deadline.check();
    try {
      return parseXml(text);
    } catch (error) {
      if (error instanceof XmlError) throw new OfficeFileError(`damaged ${WHAT} (${name}: ${error.message})`);
      throw error;
    } finally {
      deadline.check();
    }
  };
  const manifest = read('META-INF/manifest.xml');
  if (manifest && hasDescendant(manifest, 'encryption-data')) {
    throw new OfficeFileError(`password-protected ${WHAT} (it is encrypted; save a copy without a password to use it as a source)`);
  }
  const content = read('content.xml')!;
  const body = childByLocal(childByLocal(content, 'body'), 'text');
  if (!body) throw new OfficeFileError(`not an ${WHAT} (content.xml has no text body)`);
  const listStyles = new Map<string, Set<number>>();
  collectListStyles(content, listStyles);
  const parentStyles = new Map<string, string>();
  for (const style of childElements(childByLocal(content, 'automatic-styles') ?? EMPTY)) {
    const parent = style.attributes['style:parent-style-name'];
    if (style.attributes['style:name'] && parent) parentStyles.set(style.attributes['style:name'], parent);
  }
  // Named list styles ("Numbering 123") live in styles.xml; only the ordered levels are needed.
  const styles = read('styles.xml');
  if (styles) collectListStyles(styles, listStyles);
  const builder = new OfficeTextBuilder();
  new OdtWalker(builder, listStyles, parentStyles).walk(body);
  deadline.check();
  return builder.finish(documentMeta(read('meta.xml')));
}

function childByLocal(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element && childElements(element).find((child) => localName(child.name) === local);
}

function hasDescendant(element: XmlElement, local: string): boolean {
  return childElements(element).some((child) => localName(child.name) === local || hasDescendant(child, local));
}

/** Style name → its numbered (ordered) levels; bullet and image levels are absent. */
function collectListStyles(element: XmlElement, into: Map<string, Set<number>>): void {
  for (const child of childElements(element)) {
    if (localName(child.name) !== 'list-style') {
      collectListStyles(child, into);
      continue;
    }
    const name = child.attributes['style:name'];
    if (!name) continue;
    const ordered = new Set<number>();
    for (const level of childElements(child)) {
      if (localName(level.name) === 'list-level-style-number') ordered.add(Number(level.attributes['text:level'] ?? 1));
    }
    into.set(name, ordered);
  }
}

function documentMeta(meta: XmlElement | undefined): ReturnType<typeof officeMeta> {
  const fields = new Map<string, string>();
  for (const element of childElements(childByLocal(meta, 'meta') ?? EMPTY)) {
    fields.set(element.name, textContent(element));
  }
  return officeMeta({
    title: fields.get('dc:title'),
    // dc:creator is whoever saved last; the initial creator is the author.
    author: fields.get('meta:initial-creator') || fields.get('dc:creator'),
    date: isoDate(fields.get('meta:creation-date')) ?? isoDate(fields.get('dc:date')),
  });
}

interface ListContext {
  depth: number;
  style: string | undefined;
}

class OdtWalker {
  private readonly notes: XmlElement[] = [];

  constructor(
    private readonly builder: OfficeTextBuilder,
    private readonly listStyles: Map<string, Set<number>>,
    /** Automatic styles ("P1") by the named style they derive from ("Title"). */
    private readonly parentStyles: Map<string, string>,
  ) {}

  walk(body: XmlElement): void {
    this.blocks(body, (block) => this.builder.add(block));
    // Notes found inside notes are appended while iterating and read in turn.
    for (let index = 0; index < this.notes.length; index++) this.blocks(this.notes[index]!, (block) => this.builder.addNote(block));
  }

  private blocks(container: XmlElement, emit: (block: OfficeBlock) => void): void {
    for (const child of childElements(container)) {
      const local = localName(child.name);
      if (SKIPPED.has(local) || SKIPPED_QUALIFIED.has(child.name)) continue;
      if (local === 'p' || local === 'h') this.paragraph(child, emit);
      else if (local === 'list') this.list(child, emit, { depth: 0, style: child.attributes['text:style-name'] });
      else if (local === 'table') this.table(child, emit);
      else this.blocks(child, emit);
    }
  }

  private paragraph(paragraph: XmlElement, emit: (block: OfficeBlock) => void, list?: { depth: number; marker: string }): void {
    const frames: XmlElement[] = [];
    const text = this.inline(paragraph, frames);
    const style = paragraph.attributes['text:style-name'] ?? '';
    const titleLevel = TITLE_STYLES.get(this.parentStyles.get(style) ?? style);
    if (localName(paragraph.name) === 'h') emit({ type: 'heading', level: Number(paragraph.attributes['text:outline-level'] ?? 1) || 1, text });
    else if (titleLevel) emit({ type: 'heading', level: titleLevel, text });
    else emit({ type: 'paragraph', text, ...(list && text.trim() ? { list } : {}) });
    // Text boxes anchored in the paragraph (captions, pull quotes) follow it as blocks of their own.
    for (const frame of frames) this.blocks(frame, emit);
  }

  private list(list: XmlElement, emit: (block: OfficeBlock) => void, context: ListContext): void {
    const ordered = context.style !== undefined && this.listStyles.get(context.style)?.has(context.depth + 1);
    let count = 0;
    for (const item of childElements(list)) {
      const local = localName(item.name);
      if (local !== 'list-item' && local !== 'list-header') continue;
      let marker: string | undefined = local === 'list-item' ? (ordered ? `${++count}.` : '-') : undefined;
      for (const child of childElements(item)) {
        const childLocal = localName(child.name);
        if (childLocal === 'list') {
          this.list(child, emit, { depth: context.depth + 1, style: child.attributes['text:style-name'] ?? context.style });
        } else if (childLocal === 'p' || childLocal === 'h') {
          // Only an item's first paragraph carries the marker; later ones continue the item.
          this.paragraph(child, emit, marker ? { depth: context.depth, marker } : undefined);
          marker = undefined;
        } else if (!SKIPPED.has(childLocal)) {
          this.blocks({ ...item, children: [child] }, emit);
        }
      }
    }
  }

  private table(table: XmlElement, emit: (block: OfficeBlock) => void): void {
    for (const child of childElements(table)) {
      const local = localName(child.name);
      if (local === 'table-row') {
        const cells = childElements(child)
          .filter((cell) => localName(cell.name) === 'table-cell')
          .map((cell) => this.cellText(cell));
        emit({ type: 'row', cells });
      } else if (local === 'table-header-rows' || local === 'table-rows' || local === 'table-row-group') {
        this.table(child, emit);
      }
    }
  }

  private cellText(cell: XmlElement): string {
    const lines: string[] = [];
    this.blocks(cell, (block) => lines.push(block.type === 'row' ? block.cells.join(' | ') : block.text));
    return lines.map((line) => line.trim()).filter(Boolean).join(' ');
  }

  private inline(element: XmlElement, frames: XmlElement[]): string {
    let text = '';
    for (const child of element.children) {
      if (typeof child === 'string') {
        text += child;
        continue;
      }
      const local = localName(child.name);
      if (SKIPPED.has(local) || SKIPPED_QUALIFIED.has(child.name)) continue;
      if (local === 's') text += ' '.repeat(Math.min(100, Number(child.attributes['text:c'] ?? 1) || 1));
      else if (local === 'tab' || local === 'line-break') text += ' ';
      else if (local === 'note') {
        const body = childByLocal(child, 'note-body');
        if (body) this.notes.push(body);
      } else if (local === 'text-box') frames.push(child);
      else text += this.inline(child, frames);
    }
    return text;
  }
}
