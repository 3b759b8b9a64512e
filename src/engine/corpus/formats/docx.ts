import type { ExtractContext, ExtractedDocument, ExtractResult, SourceFormat } from './format';
import { childElements, localName, parseXml, textContent } from './officeXml';
import type { XmlElement } from './officeXml';
import { isoDate, officeMeta, OfficeTextBuilder } from './officeText';
import type { OfficeBlock } from './officeText';
import { checkElements, countElements, Deadline, failure, OfficeFileError, ZipArchive } from './zipBudget';

const WHAT = 'Word document';
/**
 * Budget bytes per XML element handed to mammoth. Mammoth keeps three trees (xmldom's DOM, its own
 * XML elements, the document model): about 1.6 KB and 17 µs per element measured on dense
 * paragraphs, so the default 64 MB budget admits 262,144 elements, some 450 MB and 5 s at worst,
 * several hundred pages of real Word markup.
 */
const BUDGET_BYTES_PER_ELEMENT = 256;

/**
 * The part of mammoth's document model read here. Mammoth resolves what makes raw WordprocessingML
 * hard: tracked deletions and moved-away text are dropped (w:del, w:moveFrom, deleted rows and
 * paragraph marks) while insertions stay, fields, content controls, smart tags and text boxes are
 * unwrapped, styles give heading names and numbering says whether a list is ordered.
 */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level?: string; isOrdered?: boolean } | null;
  noteType?: string;
  noteId?: string;
}

interface MammothDocument extends MammothElement {
  notes?: { resolve(reference: MammothElement): { body?: MammothElement[] } | null };
}

const INLINE = new Set(['run', 'text', 'tab', 'break', 'hyperlink', 'noteReference', 'commentReference', 'checkbox', 'image', 'bookmarkStart']);

export const docxFormat: SourceFormat = {
  name: 'Word',
  extensions: ['.docx'],
  binary: true,
  async extract(bytes, context): Promise<ExtractResult> {
    try {
      return { ok: true, ...(await extractDocx(bytes, context)) };
    } catch (error) {
      return failure(error, WHAT);
    }
  },
};

/** Parts mammoth reads are XML; images, fonts and embedded files are never inflated. */
function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

async function extractDocx(bytes: Uint8Array, { budget, token }: ExtractContext): Promise<ExtractedDocument> {
  const deadline = new Deadline(budget.maxMs, token);
  deadline.check();
  const zip = ZipArchive.open(bytes, WHAT);
  if (!zip.has('[Content_Types].xml')) throw new OfficeFileError(`not a ${WHAT} (a zip archive without Office content)`);
  const parts = [...zip.entries.keys()].filter(isXmlPart);
  zip.checkDeclared(parts, budget.maxBytes, WHAT);
  const contentTypes = zip.text('[Content_Types].xml', budget.maxBytes, WHAT);
  if (!contentTypes.includes('wordprocessingml')) {
    const kind = contentTypes.includes('spreadsheetml') ? 'an Excel workbook' : contentTypes.includes('presentationml') ? 'a PowerPoint presentation' : 'an Office file without a Word part';
    throw new OfficeFileError(`not a ${WHAT} (${kind})`);
  }

  // Mammoth opens its input with JSZip, which would inflate without a cap; it gets the parts
  // already inflated (within budget) in a stored zip, so it only copies.
  const inflated = new Map<string, Uint8Array>();
  // Loaded at the first Word file: most corpora have none, and evaluating mammoth and JSZip costs
  // every start of the CLI and the extension host.
  const [{ default: JSZip }, { default: mammoth }] = await Promise.all([import('jszip'), import('mammoth')]);
  const repacked = new JSZip();
  for (const name of parts) {
    const data = zip.read(name, budget.maxBytes, WHAT);
    inflated.set(name, data);
    repacked.file(name, data, { binary: true, createFolders: false });
    deadline.check();
  }
  let elements = 0;
  for (const data of inflated.values()) elements += countElements(data);
  checkElements(elements, Math.floor(budget.maxBytes / BUDGET_BYTES_PER_ELEMENT), WHAT);
  const buffer = await deadline.race(repacked.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
  let document: MammothDocument | undefined;
  await deadline.race(
    mammoth.convertToHtml(
      { buffer },
      {
        // The tree is all that is needed; an empty body spares mammoth writing HTML nobody reads.
        transformDocument: (element: MammothDocument) => {
          document = element;
          return { ...element, children: [] };
        },
      },
    ),
  );
  deadline.check();
  if (!document) throw new OfficeFileError(`damaged ${WHAT} (no document body)`);
  const builder = new OfficeTextBuilder();
  new DocxWalker(document, builder).walk();
  return builder.finish(coreProperties(inflated));
}

function headingLevel(paragraph: MammothElement): number | undefined {
  const name = paragraph.styleName ?? paragraph.styleId ?? '';
  const heading = /^heading\s*([1-9])$/i.exec(name);
  if (heading) return Number(heading[1]);
  if (/^title$/i.test(name)) return 1;
  if (/^subtitle$/i.test(name)) return 2;
  return undefined;
}

/** A table of contents repeats the headings with page numbers: no new statement, only noise. */
function isTableOfContents(paragraph: MammothElement): boolean {
  return /^toc(\s*\d|\s*heading)?$/i.test(paragraph.styleName ?? paragraph.styleId ?? '');
}

class DocxWalker {
  private readonly noteReferences = new Map<string, MammothElement>();
  /** Ordered-list counters by numbering level (mammoth shares one object per list level). */
  private readonly counters = new Map<object, { depth: number; count: number }>();

  constructor(
    private readonly document: MammothDocument,
    private readonly builder: OfficeTextBuilder,
  ) {}

  walk(): void {
    this.blocks(this.document.children ?? [], (block) => this.builder.add(block));
    // Notes in the order the body first cites them, as a reader meets them.
    for (const reference of this.noteReferences.values()) {
      const note = this.document.notes?.resolve(reference);
      if (note?.body) this.blocks(note.body, (block) => this.builder.addNote(block));
    }
  }

  private blocks(elements: MammothElement[], emit: (block: OfficeBlock) => void): void {
    let loose: MammothElement[] = [];
    const flushLoose = (): void => {
      if (loose.length) emit({ type: 'paragraph', text: this.inline(loose) });
      loose = [];
    };
    for (const element of elements) {
      if (INLINE.has(element.type)) {
        loose.push(element);
        continue;
      }
      flushLoose();
      if (element.type === 'paragraph') this.paragraph(element, emit);
      else if (element.type === 'table') this.table(element, emit);
      else if (element.children) this.blocks(element.children, emit);
    }
    flushLoose();
  }

  private paragraph(paragraph: MammothElement, emit: (block: OfficeBlock) => void): void {
    if (isTableOfContents(paragraph)) return;
    const text = this.inline(paragraph.children ?? []);
    const level = headingLevel(paragraph);
    if (level !== undefined) return emit({ type: 'heading', level, text });
    const numbering = paragraph.numbering;
    if (!numbering || !text.trim()) return emit({ type: 'paragraph', text });
    const depth = Math.min(8, Number(numbering.level) || 0);
    for (const [key, counter] of this.counters) if (counter.depth > depth) this.counters.delete(key);
    let marker = '-';
    if (numbering.isOrdered) {
      const counter = this.counters.get(numbering) ?? { depth, count: 0 };
      counter.count++;
      this.counters.set(numbering, counter);
      marker = `${counter.count}.`;
    }
    emit({ type: 'paragraph', text, list: { depth, marker } });
  }

  private table(table: MammothElement, emit: (block: OfficeBlock) => void): void {
    for (const row of table.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells = (row.children ?? []).filter((cell) => cell.type === 'tableCell').map((cell) => this.cellText(cell));
      emit({ type: 'row', cells });
    }
  }

  /** A cell's paragraphs (and nested tables) as one piece of its row's line. */
  private cellText(cell: MammothElement): string {
    const lines: string[] = [];
    this.blocks(cell.children ?? [], (block) => {
      lines.push(block.type === 'row' ? block.cells.join(' | ') : block.text);
    });
    return lines.map((line) => line.trim()).filter(Boolean).join(' ');
  }

  private inline(elements: MammothElement[]): string {
    let text = '';
    for (const element of elements) {
      switch (element.type) {
        case 'text':
          text += element.value ?? '';
          break;
        case 'tab':
        case 'break':
          text += ' ';
          break;
        case 'noteReference':
          // The citation mark itself ("[1]") would split or pollute the sentence it sits in.
          this.noteReferences.set(`${element.noteType}-${element.noteId}`, element);
          break;
        default:
          if (element.children && element.type !== 'image') text += this.inline(element.children);
      }
    }
    return text;
  }
}

/** Title, author and date from the package's core properties (docProps/core.xml). */
function coreProperties(parts: Map<string, Uint8Array>): ReturnType<typeof officeMeta> {
  const path = corePropertiesPath(parts) ?? 'docProps/core.xml';
  const data = parts.get(path);
  if (!data) return {};
  let root: XmlElement;
  try {
    root = parseXml(new TextDecoder().decode(data));
  } catch {
    // Broken properties do not make the text unreadable.
    return {};
  }
  const field = (name: string): string | undefined => {
    const element = childElements(root).find((child) => localName(child.name) === name);
    return element ? textContent(element) : undefined;
  };
  return officeMeta({ title: field('title'), author: field('creator'), date: isoDate(field('created')) ?? isoDate(field('modified')) });
}

function corePropertiesPath(parts: Map<string, Uint8Array>): string | undefined {
  const rels = parts.get('_rels/.rels');
  if (!rels) return undefined;
  try {
    const root = parseXml(new TextDecoder().decode(rels));
    const core = childElements(root).find((rel) => /\/core-properties$/.test(rel.attributes.Type ?? ''));
    const target = core?.attributes.Target;
    return target ? target.replace(/^\//, '') : undefined;
  } catch {
    return undefined;
  }
}
