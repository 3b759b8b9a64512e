/**
 * PDF sources through pdf.js (legacy build, for Node), with its worker run in-process: the
 * engine runs in the CLI and the editor's extension host, where a worker thread would need a
 * separate bundle file and pdf.js's fake worker needs none.
 *
 * Limits of running in-process: pdf.js does its work in promise callbacks (microtasks), so no
 * timer fires while one page is being parsed. The time budget is therefore checked between
 * pages and between the chunks a page's text arrives in; a content stream that loops inside
 * pdf.js's parser without producing text (none is known in 4.10; page-tree and XObject cycles
 * are caught by pdf.js and tested) would hold the thread until it ends. Memory is not bounded:
 * a stream that inflates to gigabytes is decoded whole. Both would need a worker thread that
 * can be terminated. A self-drawing form XObject is survived (pdf.js's recursion ends in a stack
 * overflow it catches) but makes Node print "Exception in PromiseRejectCallback" on stderr.
 * Text drawn with fonts that rely on predefined CMaps (some CJK PDFs) is lost, as no CMap files
 * are loaded.
 */
import { CancelledError, throwIfCancelled } from '../../types';
import type { HtmlMeta } from '../html';
import type { ExtractContext, ExtractResult, SourceFormat } from './format';
import { layoutPage } from './pdfLayout';
import type { PageLine, TextRun } from './pdfLayout';
import { assembleText, removeRunningLines } from './pdfText';
import type { LaidOutPage } from './pdfText';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

export const NO_TEXT_LAYER = 'no text layer — scanned? (OCR is not supported)';

let pdfJs: Promise<PdfJs> | undefined;

/** pdf.js is a few megabytes of code: it is evaluated when the first PDF is read, not at startup. */
function loadPdfJs(): Promise<PdfJs> {
  pdfJs ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    // pdf.js's fake worker takes its message handler from here instead of fetching a worker script.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  pdfJs.catch(() => (pdfJs = undefined));
  return pdfJs;
}

/**
 * Nothing a document says is run or fetched: no eval'd font programs (CVE-2024-4367), no font
 * faces, system fonts, CMaps or standard fonts from anywhere (text comes from the fonts' own
 * encodings and ToUnicode maps), no XFA. Errors are not fatal: a broken operator or font loses
 * its text and the page goes on — with `stopAtErrors` a self-drawing form XObject overflowed the
 * stack in a promise pdf.js had let go of, which crashed Node instead of failing the page.
 * VS Code's extension host may be an Electron utility process, which pdf.js takes for a browser:
 * the options whose browser defaults would fetch or touch a DOM are therefore all set here.
 */
const SAFE_OPTIONS = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  enableXfa: false,
  stopAtErrors: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  verbosity: 0,
} as const;

class BudgetExceeded extends Error {}

/** A page tree claiming more pages than it holds fails page after page; past this many, the rest is taken as gone. */
const MAX_FAILED_PAGES_IN_A_ROW = 50;

/** Structure checks pdf.js would make slowly or ambiguously; the reason, or undefined. */
function checkEnvelope(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) return 'not a PDF (no %PDF header)';
  let end = bytes.length;
  // Whitespace and NUL padding after the marker are common and harmless.
  while (end > 0 && bytes[end - 1]! <= 0x20) end--;
  const tail = String.fromCharCode(...bytes.subarray(Math.max(0, end - 1024), end));
  if (!tail.includes('%%EOF')) return 'truncated PDF (no end-of-file marker: an incomplete download or copy?)';
  return undefined;
}

/** `promise`, or a BudgetExceeded once the deadline passes while it is pending. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded(what)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How long pdf.js's own cleanup (cancelling a text stream, destroying a document) may take. Cut
 * off mid-page, it can wait forever for an answer its worker never sends; an await on it would
 * then never return, and the whole corpus load would stall on one file.
 */
const CLEANUP_MS = 250;

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise.catch(() => undefined), waited]);
  clearTimeout(timer);
}

/** Lets timers, I/O and the editor run between pages: pdf.js alone never yields a macrotask. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Matrix = [number, number, number, number, number, number];

function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Runs grouped by reading direction (quarter turns), each rotated so its baselines run left to
 * right: a landscape table or a sideways margin note is laid out in its own frame.
 */
function runsByDirection(items: RawItem[], viewportTransform: number[]): Map<number, TextRun[]> {
  const groups = new Map<number, TextRun[]>();
  for (const item of items) {
    if (!item.str) continue;
    const m = multiply(viewportTransform, item.transform);
    const turn = ((Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2)) % 4) + 4) % 4;
    const angle = (turn * Math.PI) / 2;
    const [cos, sin] = [Math.round(Math.cos(angle)), Math.round(Math.sin(angle))];
    const run: TextRun = {
      text: item.str,
      x: m[4] * cos + m[5] * sin,
      y: -m[4] * sin + m[5] * cos,
      width: item.width,
      size: Math.hypot(m[2], m[3]) || item.height,
    };
    const group = groups.get(turn);
    if (group) group.push(run);
    else groups.set(turn, [run]);
  }
  return groups;
}

/** The page's lines, the direction holding most text first; other directions follow as their own flows. */
function pageLines(items: RawItem[], viewportTransform: number[]): PageLine[] {
  const groups = [...runsByDirection(items, viewportTransform).values()];
  const weight = (runs: TextRun[]): number => runs.reduce((sum, run) => sum + run.text.length, 0);
  groups.sort((a, b) => weight(b) - weight(a));
  return groups.flatMap((runs, index) => layoutPage(runs).map((line) => ({ ...line, flow: line.flow + index * 10_000 })));
}

/** Reads one page's text chunk by chunk, so a huge content stream is stopped at the deadline. */
async function pageItems(page: PdfPage, deadline: number, context: ExtractContext): Promise<RawItem[]> {
  const reader = page.streamTextContent({ includeMarkedContent: false }).getReader();
  const items: RawItem[] = [];
  try {
    for (;;) {
      const { value, done } = await beforeDeadline(reader.read(), deadline, 'reading page text');
      if (done) return items;
      for (const item of (value as { items: unknown[] }).items) if (item && typeof (item as RawItem).str === 'string') items.push(item as RawItem);
      throwIfCancelled(context.token);
      if (Date.now() > deadline) throw new BudgetExceeded('reading page text');
    }
  } catch (error) {
    // pdf.js asserts that a cancel has a reason, and without one leaves its stream half-closed.
    await settleWithin(reader.cancel(error instanceof Error ? error : new Error(String(error))), CLEANUP_MS);
    throw error;
  }
}

/** "2025-01-13" from a PDF date ("D:20250113103000+01'00'"), if it names a real day. */
export function pdfDateToIso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function infoText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** Producers fill Title with the file name or a placeholder when the author set none. */
function documentTitle(value: unknown): string | undefined {
  const title = infoText(value)?.replace(/^Microsoft (Word|PowerPoint|Excel) - /, '');
  if (!title || /\.(docx?|pdf|odt|rtf|pptx?|xlsx?|tex|indd|html?|txt)$/i.test(title) || /^untitled\b/i.test(title)) return undefined;
  return title;
}

async function documentMeta(document: PdfDocument, deadline: number): Promise<HtmlMeta> {
  try {
    const { info } = await beforeDeadline(document.getMetadata(), deadline, 'reading metadata');
    const fields = (info ?? {}) as Record<string, unknown>;
    const meta: HtmlMeta = {};
    const title = documentTitle(fields.Title);
    const author = infoText(fields.Author);
    const date = pdfDateToIso(fields.CreationDate);
    if (title) meta.title = title;
    if (author) meta.author = author;
    if (date) meta.fileDate = date;
    return meta;
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    // A broken info dictionary costs the metadata, not the text.
    return {};
  }
}

function describeFailure(error: unknown, maxMs: number): string {
  if (error instanceof BudgetExceeded) return `took longer than the ${maxMs} ms budget (${error.message})`;
  const name = (error as { name?: unknown } | undefined)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'encrypted PDF (needs a password)';
  if (name === 'InvalidPDFException') return `damaged PDF (${message.replace(/\.$/, '')})`;
  return `unreadable PDF (${message.replace(/\.$/, '')})`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

async function extractPdf(bytes: Uint8Array, context: ExtractContext): Promise<ExtractResult> {
  const envelope = checkEnvelope(bytes);
  if (envelope) return { ok: false, reason: envelope };
  throwIfCancelled(context.token);
  const { maxMs, maxBytes } = context.budget;
  const deadline = Date.now() + maxMs;
  let task: ReturnType<PdfJs['getDocument']> | undefined;
  try {
    const pdfjs = await loadPdfJs();
    // A copy: pdf.js takes over (detaches) the buffer it is given, and rejects Node's Buffer, whose
    // slice() would share memory; the caller still hashes `bytes`.
    task = pdfjs.getDocument({ ...SAFE_OPTIONS, data: new Uint8Array(bytes) });
    const document = await beforeDeadline(task.promise, deadline, 'opening the document');
    const meta = await documentMeta(document, deadline);
    const pages: LaidOutPage[] = [];
    let extracted = 0;
    let firstPageError: string | undefined;
    let failedInARow = 0;
    for (let number = 1; number <= document.numPages && failedInARow < MAX_FAILED_PAGES_IN_A_ROW; number++) {
      await yieldToEventLoop();
      throwIfCancelled(context.token);
      if (Date.now() > deadline) throw new BudgetExceeded(`read ${number - 1} of ${document.numPages} pages`);
      let items: RawItem[];
      let viewportTransform: number[];
      try {
        const page = await beforeDeadline(document.getPage(number), deadline, `opening page ${number}`);
        viewportTransform = page.getViewport({ scale: 1 }).transform;
        items = await pageItems(page, deadline, context);
        page.cleanup();
      } catch (error) {
        if (error instanceof BudgetExceeded || error instanceof CancelledError) throw error;
        // One broken page (a cycle in the page tree, a bad content stream) costs that page only.
        firstPageError ??= (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
        failedInARow++;
        continue;
      }
      failedInARow = 0;
      // Characters, not UTF-8 bytes: the same for the Latin text of most PDFs, and cheap to count.
      for (const item of items) extracted += item.str.length;
      if (extracted > maxBytes) return { ok: false, reason: `extracted text larger than the ${formatBytes(maxBytes)} budget (at page ${number})` };
      pages.push({ page: number, lines: pageLines(items, viewportTransform) });
    }
    if (!pages.length && firstPageError) return { ok: false, reason: `no page could be read (${firstPageError})` };
    const { text, anchors } = assembleText(removeRunningLines(pages));
    if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, reason: NO_TEXT_LAYER };
    return { ok: true, text, kind: 'text', anchors, meta };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return { ok: false, reason: describeFailure(error, maxMs) };
  } finally {
    if (task) await settleWithin(task.destroy(), CLEANUP_MS);
  }
}

export const pdfFormat: SourceFormat = {
  name: 'PDF',
  extensions: ['.pdf'],
  binary: true,
  extract: extractPdf,
};
