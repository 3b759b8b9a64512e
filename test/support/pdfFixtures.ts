/**
 * PDF fixtures made by real producers at test time (Chromium's print-to-PDF, qpdf), from the
 * articles bundled in corpus/*.txt and from sentences written for these tests. Nothing here is
 * hand-written PDF syntax: broken variants are real files cut, encrypted or edited in qpdf's
 * QDF form. Shared by the unit tests, the agreement benchmark and end-to-end checks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const repositoryRoot = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the fixtures cannot be made here (a missing tool), or undefined. */
export function missingPdfTools(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM}`;
  for (const tool of ['qpdf', 'fix-qdf']) {
    const found = (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, tool)));
    if (!found) return `${tool} not found (apt-get install qpdf)`;
  }
  return undefined;
}

export interface ArticlePdf {
  /** The bundled article it renders. */
  txt: string;
  pdf: string;
}

export interface PdfFixtureSet {
  dir: string;
  /** Every bundled article, one column, with Chromium's own running header and footer. */
  articles: ArticlePdf[];
  /** The longest article in two justified CSS columns with a CSS running head and page footer. */
  twoColumns: ArticlePdf;
  /** HYPHENATION_PARAGRAPHS in a narrow column; its info dict also names an author. */
  hyphenation: string;
  /** A page whose only text is drawn on a canvas: pixels, no text layer. */
  imageOnly: string;
  /** An article encrypted with a user password. */
  encrypted: string;
  /** The first half of an article's bytes. */
  truncated: string;
  /** Random bytes named .pdf. */
  junk: string;
  /** An article whose page tree lists itself among its kids. */
  pageTreeCycle: string;
  /** A page drawing a form XObject that draws itself. */
  selfDrawingForm: string;
}

/** The running head the two-column fixture prints on every page (CSS @page margin box). */
export const TWO_COLUMN_RUNNING_HEAD = 'Corroborate sample print';
export const HYPHENATION_AUTHOR = 'Corroborate Fixture Writer';
export const HYPHENATION_TITLE = 'Notes on line-end hyphens';

/**
 * Sentences written for the hyphenation fixture. `&shy;` marks where Chromium may hyphenate;
 * `-<br>` forces a line to end in a hyphen exactly there, as a typesetter's break would; the
 * narrow paragraph makes Chromium hyphenate at its soft hyphens (it draws U+2010 there).
 */
export const HYPHENATION_PARAGRAPHS = [
  'The commission published new infor-<br>mation about the harbour on Tuesday.',
  'Observers called the pro-<br>Western coalition fragile but durable.',
  'The state-<br>owned utility raised prices twice, and the state said the company it owned would stay public.',
  'Nobody expected some-<br>thing so sudden from the council.',
  '<span class="narrow">The ex&shy;tra&shy;or&shy;di&shy;nary re&shy;con&shy;struc&shy;tion of the lighthouse took eleven years.</span>',
  'A face-to-<br>face meeting was arranged for the following week.',
];

/** What each paragraph must read as once line-end hyphens are resolved. */
export const HYPHENATION_EXPECTED = [
  'The commission published new information about the harbour on Tuesday.',
  'Observers called the pro-Western coalition fragile but durable.',
  'The state-owned utility raised prices twice, and the state said the company it owned would stay public.',
  'Nobody expected something so sudden from the council.',
  'The extraordinary reconstruction of the lighthouse took eleven years.',
  'A face-to-face meeting was arranged for the following week.',
];

export function bundledArticles(): string[] {
  const dir = path.join(repositoryRoot, 'corpus');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(dir, name));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The article as a web page: its first line the heading, every other non-empty line a paragraph. */
export function articleHtml(txt: string, style: string): string {
  const lines = readFileSync(txt, 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const [title = '', ...rest] = lines;
  const body = rest.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<div class="body">${body}</div></body></html>`;
}

const ONE_COLUMN_STYLE = 'body{font-family:serif;font-size:12pt;line-height:1.35} h1{font-size:18pt}';
const TWO_COLUMN_STYLE = `@page{size:A5;margin:16mm 12mm;
  @top-center{content:"${TWO_COLUMN_RUNNING_HEAD}";font-size:8pt}
  @bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:8pt}}
body{font-family:serif;font-size:10pt;text-align:justify;line-height:1.3} h1{font-size:15pt;text-align:left}
.body{column-count:2;column-gap:5mm}`;
const HYPHENATION_STYLE = 'body{font-family:serif;font-size:12pt} p{width:17em;hyphens:manual} .narrow{display:block;width:6.5em}';

/** Prints `html` (written next to `out`) to `out` with headless Chromium. */
async function printToPdf(html: string, out: string, options: { chromeHeaderFooter: boolean }): Promise<void> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'corroborate-chromium-'));
  // The page lives outside the fixture folder, which holds only what a corpus would.
  const page = path.join(profile, 'page.html');
  writeFileSync(page, html);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    ...(options.chromeHeaderFooter ? [] : ['--no-pdf-header-footer']),
    `--print-to-pdf=${out}`,
    `file://${page}`,
  ];
  try {
    await run(CHROMIUM, args, { timeout: 60_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!existsSync(out)) throw new Error(`Chromium did not write ${out}`);
}

/** qpdf's QDF form: objects one per block, streams uncompressed, so a textual edit is a real edit. */
async function editAsQdf(source: string, out: string, edit: (qdf: string) => string): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corroborate-qdf-'));
  const qdf = path.join(folder, 'edit.qdf');
  try {
    await run('qpdf', ['--qdf', '--object-streams=disable', source, qdf]);
    // latin1 keeps every byte as one char, so binary streams survive the round trip.
    writeFileSync(qdf, edit(readFileSync(qdf, 'latin1')), 'latin1');
    // fix-qdf recomputes stream lengths and the xref table after the edit.
    const { stdout } = await run('fix-qdf', [qdf], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(out, stdout);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function objectNumberOf(qdf: string, key: string): number {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(qdf);
  if (!match) throw new Error(`no /${key} reference in the QDF file`);
  return Number(match[1]);
}

/** Index just after "N 0 obj\n<<" of object `number`. */
function dictionaryStart(qdf: string, number: number): number {
  const marker = `\n${number} 0 obj\n<<`;
  const at = qdf.indexOf(marker);
  if (at < 0) throw new Error(`object ${number} not found`);
  return at + marker.length;
}

function addInfoEntry(qdf: string, entry: string): string {
  const at = dictionaryStart(qdf, objectNumberOf(qdf, 'Info'));
  return `${qdf.slice(0, at)}\n  ${entry}${qdf.slice(at)}`;
}

function addPageTreeCycle(qdf: string): string {
  const pages = objectNumberOf(qdf, 'Pages');
  const start = dictionaryStart(qdf, pages);
  const end = qdf.indexOf('endobj', start);
  let dict = qdf.slice(start, end);
  dict = dict.replace(/\/Count (\d+)/, (_, count: string) => `/Count ${Number(count) + 1}`);
  dict = dict.replace(/\/Kids \[\n/, `/Kids [\n    ${pages} 0 R\n`);
  return qdf.slice(0, start) + dict + qdf.slice(end);
}

function addSelfDrawingForm(qdf: string): string {
  const form = Math.max(...[...qdf.matchAll(/\n(\d+) 0 obj\n/g)].map((m) => Number(m[1]))) + 1;
  // The first page's resources get the form, and its content draws it before anything else.
  const firstPage = qdf.indexOf('/Type /Page\n');
  const resources = qdf.lastIndexOf('/Resources <<', firstPage);
  if (firstPage < 0 || resources < 0) throw new Error('no page resources in the QDF file');
  const withResource = `${qdf.slice(0, resources)}/Resources <<\n    /XObject << /Loop ${form} 0 R >>${qdf.slice(resources + '/Resources <<'.length)}`;
  const contents = withResource.indexOf('stream\n', withResource.indexOf('%% Contents for page 1'));
  const drawn = `${withResource.slice(0, contents)}stream\n/Loop Do\n${withResource.slice(contents + 'stream\n'.length)}`;
  const object =
    `%% Original object ID: ${form} 0\n${form} 0 obj\n<<\n  /Type /XObject\n  /Subtype /Form\n  /BBox [0 0 100 100]\n` +
    `  /Resources << /XObject << /Loop ${form} 0 R >> >>\n  /Length 9\n>>\nstream\n/Loop Do\nendstream\nendobj\n\n`;
  const xref = drawn.lastIndexOf('\nxref\n') + 1;
  return drawn.slice(0, xref) + object + drawn.slice(xref);
}

/** Deterministic noise, so a failure reproduces. */
function junkBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Runs `tasks` at most `limit` at a time: several Chromiums at once are slower than a few. */
async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Prints one article of corpus/*.txt as a one-column PDF with Chromium's running header and footer. */
export async function printArticlePdf(txt: string, out: string): Promise<void> {
  await printToPdf(articleHtml(txt, ONE_COLUMN_STYLE), out, { chromeHeaderFooter: true });
}

/** Makes every fixture in `dir` (a fresh temporary folder by default, the caller's to remove); takes a few seconds. */
export async function makePdfFixtures(dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-pdf-'))): Promise<PdfFixtureSet> {
  const missing = missingPdfTools();
  if (missing) throw new Error(missing);
  mkdirSync(dir, { recursive: true });
  const at = (name: string): string => path.join(dir, name);
  const work = mkdtempSync(path.join(os.tmpdir(), 'corroborate-pdf-work-'));
  const txts = bundledArticles();
  const longest = txts.reduce((a, b) => (readFileSync(b, 'utf8').length > readFileSync(a, 'utf8').length ? b : a));
  const articles = txts.map((txt) => ({ txt, pdf: at(`article-${path.basename(txt, '.txt')}.pdf`) }));
  const twoColumns = { txt: longest, pdf: at('two-columns.pdf') };
  const hyphenationHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${HYPHENATION_TITLE}</title>
<style>${HYPHENATION_STYLE}</style></head><body>${HYPHENATION_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</body></html>`;
  const imageOnlyHtml = `<!doctype html><html><head><title></title></head><body><canvas id="c" width="900" height="300"></canvas>
<script>const g = document.getElementById('c').getContext('2d'); g.font = '28px serif';
g.fillText('This sentence exists only as pixels on a canvas.', 10, 60);</script></body></html>`;

  await inBatches(
    [
      ...articles.map(({ txt, pdf }) => () => printToPdf(articleHtml(txt, ONE_COLUMN_STYLE), pdf, { chromeHeaderFooter: true })),
      () => printToPdf(articleHtml(longest, TWO_COLUMN_STYLE), twoColumns.pdf, { chromeHeaderFooter: false }),
      () => printToPdf(hyphenationHtml, path.join(work, 'hyphenation.pdf'), { chromeHeaderFooter: false }),
      () => printToPdf(imageOnlyHtml, at('image-only.pdf'), { chromeHeaderFooter: false }),
    ],
    3,
  );

  const source = articles[0]!.pdf;
  await editAsQdf(path.join(work, 'hyphenation.pdf'), at('hyphenation.pdf'), (qdf) => addInfoEntry(qdf, `/Author (${HYPHENATION_AUTHOR})`));
  rmSync(work, { recursive: true, force: true });
  await run('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', source, at('encrypted.pdf')]);
  const whole = readFileSync(source);
  writeFileSync(at('truncated.pdf'), whole.subarray(0, Math.floor(whole.length / 2)));
  writeFileSync(at('junk.pdf'), junkBytes(20_000));
  await editAsQdf(source, at('page-tree-cycle.pdf'), addPageTreeCycle);
  await editAsQdf(source, at('self-drawing-form.pdf'), addSelfDrawingForm);

  return {
    dir,
    articles,
    twoColumns,
    hyphenation: at('hyphenation.pdf'),
    imageOnly: at('image-only.pdf'),
    encrypted: at('encrypted.pdf'),
    truncated: at('truncated.pdf'),
    junk: at('junk.pdf'),
    pageTreeCycle: at('page-tree-cycle.pdf'),
    selfDrawingForm: at('self-drawing-form.pdf'),
  };
}
