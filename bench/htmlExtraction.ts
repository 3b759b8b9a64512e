/**
 * Web-page extraction benchmark: the tag-level cleaning (src/engine/corpus/html.ts) against the
 * reader view (Readability over linkedom) and against the HTML format as shipped (reader view with
 * the cleaning as fallback), on saved pages that come with the main content a person picked.
 *
 *   node --import tsx bench/htmlExtraction.ts <pages-folder> [--repeat 3] [--json FILE] [--min-bytes 10000]
 *
 * <pages-folder> holds one folder a page, as Readability's own test pages are laid out:
 * <name>/source.html (the saved page) and <name>/expected.html (its main content). The pages are
 * third-party text and stay outside the repository. Pages smaller than --min-bytes are scored
 * apart: Readability's suite has tiny hand-made cases next to the real pages.
 *
 * Figures per extractor (micro-averaged over pages: overlaps and counts are summed first):
 * - text P/R/F1: multiset word overlap of the extracted text with expected.html's text.
 * - passages P/R/F1: the same for the passages the whole pipeline (parseSourceDocument, with its
 *   boilerplate removal) cuts; what the checker actually searches.
 * - furniture: passages that are not main content (under half of their word pairs occur in the
 *   expected text: navigation, share bars, related links, comments), as a share of all passages.
 * - sentences found: expected sentences (4+ words) of which at least half the word pairs are in
 *   some passage; what was lost.
 * - ms/page and MB/s for extraction alone and for extraction plus the pipeline.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSourceDocument } from '../src/engine/corpus/document';
import type { ParsedSource } from '../src/engine/corpus/document';
import { decodeText } from '../src/engine/corpus/decode';
import { htmlToText } from '../src/engine/corpus/html';
import type { HtmlMeta } from '../src/engine/corpus/html';
import { wordsOf } from '../src/engine/corpus/mainContent';
import { readWebPage } from '../src/engine/corpus/formats/webPage';
import { splitSentences } from '../src/engine/text/sentences';

interface Args {
  folder: string;
  repeat: number;
  json?: string;
  minBytes: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { folder: '', repeat: 3, minBytes: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--repeat') args.repeat = Math.max(1, Number(argv[++i]));
    else if (arg === '--json') args.json = argv[++i];
    else if (arg === '--min-bytes') args.minBytes = Number(argv[++i]);
    else args.folder = arg;
  }
  if (!args.folder) {
    console.error('usage: node --import tsx bench/htmlExtraction.ts <pages-folder> [--repeat 3] [--json FILE] [--min-bytes 10000]');
    process.exit(2);
  }
  return args;
}

/** One way of reading a page: the text it extracts, and the HTML + metadata the pipeline parses. */
interface Extractor {
  name: string;
  run(html: string, name: string): Promise<{ text: string; pageHtml: string; meta?: HtmlMeta; note?: string }>;
}

let parseHTML: typeof import('linkedom').parseHTML;
let Readability: typeof import('@mozilla/readability').Readability;

const EXTRACTORS: Extractor[] = [
  {
    name: 'cleaning (html.ts)',
    run: async (html) => ({ text: htmlToText(html).text, pageHtml: html }),
  },
  {
    // The library on its own, its article HTML parsed directly: what it keeps, without our fallback.
    name: 'reader view alone',
    run: async (html) => {
      const article = new Readability(parseHTML(html).document).parse();
      const content = article?.content ?? '';
      return { text: htmlToText(content).text, pageHtml: content, note: article ? '' : 'no article' };
    },
  },
  {
    name: 'HTML format (shipped)',
    run: async (html, name) => {
      const read = await readWebPage(html, name);
      const note = read.extractor === 'reader view' ? `reader ${Math.round(read.coverage * 100)}%` : `cleaning: ${read.reason}`;
      return { text: htmlToText(read.html).text, pageHtml: read.html, meta: read.extractor === 'reader view' ? read.meta : undefined, note };
    },
  },
];

interface Overlap {
  found: number;
  extracted: number;
  expected: number;
}

function overlap(extracted: string[], expected: string[]): Overlap {
  const counts = new Map<string, number>();
  for (const word of expected) counts.set(word, (counts.get(word) ?? 0) + 1);
  let found = 0;
  for (const word of extracted) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      found++;
      counts.set(word, left - 1);
    }
  }
  return { found, extracted: extracted.length, expected: expected.length };
}

function pairsOf(words: string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push(`${words[i]} ${words[i + 1]}`);
  return pairs;
}

function shareIn(pairs: string[], set: Set<string>): number {
  return pairs.length ? pairs.filter((pair) => set.has(pair)).length / pairs.length : 0;
}

/** The expected text's sentences of 4+ words, block by block as the page has them. */
function expectedSentences(expectedHtml: string): string[][] {
  const converted = htmlToText(expectedHtml);
  const bounds = [0, ...converted.breaks, converted.text.length];
  const sentences: string[][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const block = converted.text.slice(bounds[i], bounds[i + 1]).replace(/\s+/g, ' ');
    for (const sentence of splitSentences(block)) {
      const words = wordsOf(sentence.text);
      if (words.length >= 4) sentences.push(words);
    }
  }
  return sentences;
}

interface PageFigures {
  name: string;
  bytes: number;
  text: Overlap;
  passages: Overlap;
  passageCount: number;
  furniture: number;
  sentences: number;
  sentencesFound: number;
  extractMs: number;
  pipelineMs: number;
  note: string;
}

async function timeIt<T>(repeat: number, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    value = await run();
    best = Math.min(best, performance.now() - start);
  }
  return { value, ms: best };
}

async function measurePage(extractor: Extractor, name: string, html: string, expectedHtml: string, repeat: number): Promise<PageFigures> {
  const expectedWords = wordsOf(htmlToText(expectedHtml).text);
  const expectedPairs = new Set(pairsOf(expectedWords));
  const extraction = await timeIt(repeat, () => extractor.run(html, `${name}.html`));
  const pipeline = await timeIt(repeat, async () => {
    const read = await extractor.run(html, `${name}.html`);
    return parseSourceDocument(`${name}.html`, read.pageHtml, 'html', { meta: read.meta });
  });
  const parsed: ParsedSource = pipeline.value;
  const passageWords = parsed.passages.map((passage) => wordsOf(passage.text));
  const furniture = passageWords.filter((words) => shareIn(pairsOf(words), expectedPairs) < 0.5).length;
  const passagePairs = new Set(passageWords.flatMap(pairsOf));
  const sentences = expectedSentences(expectedHtml);
  const sentencesFound = sentences.filter((words) => shareIn(pairsOf(words), passagePairs) >= 0.5).length;
  return {
    name,
    bytes: Buffer.byteLength(html),
    text: overlap(wordsOf(extraction.value.text), expectedWords),
    passages: overlap(passageWords.flat(), expectedWords),
    passageCount: parsed.passages.length,
    furniture,
    sentences: sentences.length,
    sentencesFound,
    extractMs: extraction.ms,
    pipelineMs: pipeline.ms,
    note: extraction.value.note ?? '',
  };
}

function prf(o: Overlap): [number, number, number] {
  const p = o.extracted ? o.found / o.extracted : 0;
  const r = o.expected ? o.found / o.expected : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
}

function sum(pages: PageFigures[], pick: (page: PageFigures) => Overlap): Overlap {
  return pages.reduce((total, page) => {
    const o = pick(page);
    return { found: total.found + o.found, extracted: total.extracted + o.extracted, expected: total.expected + o.expected };
  }, { found: 0, extracted: 0, expected: 0 });
}

const pct = (value: number): string => `${(100 * value).toFixed(1)}`.padStart(5);

interface Summary {
  extractor: string;
  pages: number;
  text: [number, number, number];
  passages: [number, number, number];
  furnitureShare: number;
  sentencesFound: number;
  extractMsPerPage: number;
  extractMBps: number;
  pipelineMsPerPage: number;
  pipelineMBps: number;
}

function summarise(extractor: string, pages: PageFigures[]): Summary {
  const bytes = pages.reduce((total, page) => total + page.bytes, 0);
  const extractMs = pages.reduce((total, page) => total + page.extractMs, 0);
  const pipelineMs = pages.reduce((total, page) => total + page.pipelineMs, 0);
  const passages = pages.reduce((total, page) => total + page.passageCount, 0);
  return {
    extractor,
    pages: pages.length,
    text: prf(sum(pages, (page) => page.text)),
    passages: prf(sum(pages, (page) => page.passages)),
    furnitureShare: passages ? pages.reduce((total, page) => total + page.furniture, 0) / passages : 0,
    sentencesFound: pages.reduce((total, page) => total + page.sentencesFound, 0) / Math.max(1, pages.reduce((total, page) => total + page.sentences, 0)),
    extractMsPerPage: extractMs / pages.length,
    extractMBps: bytes / 1e6 / (extractMs / 1000),
    pipelineMsPerPage: pipelineMs / pages.length,
    pipelineMBps: bytes / 1e6 / (pipelineMs / 1000),
  };
}

function printSummary(title: string, summaries: Summary[]): void {
  console.log(`\n${title}`);
  console.log('extractor               pages | text P    R     F1  | passages P  R     F1  | furniture | sentences found | extract ms/page  MB/s | +pipeline ms/page  MB/s');
  for (const s of summaries) {
    console.log(
      `${s.extractor.padEnd(23)} ${String(s.pages).padStart(5)} | ${pct(s.text[0])} ${pct(s.text[1])} ${pct(s.text[2])} | ${pct(s.passages[0])} ${pct(s.passages[1])} ${pct(s.passages[2])} |` +
        `    ${pct(s.furnitureShare)}% |          ${pct(s.sentencesFound)}% | ${s.extractMsPerPage.toFixed(1).padStart(15)} ${s.extractMBps.toFixed(1).padStart(5)} | ${s.pipelineMsPerPage.toFixed(1).padStart(17)} ${s.pipelineMBps.toFixed(1).padStart(5)}`,
    );
  }
}

function printPages(results: Map<string, PageFigures[]>): void {
  console.log('\nper page: passages F1 / furniture % / sentences found % per extractor; the shipped format\'s choice');
  const names = [...results.keys()];
  const pages = results.get(names[0]!)!;
  console.log(`${'page'.padEnd(30)} ${'KB'.padStart(6)}  ${names.map((name) => name.slice(0, 22).padEnd(22)).join(' ')}  choice`);
  pages.forEach((page, i) => {
    const cells = names.map((name) => {
      const figures = results.get(name)![i]!;
      const f1 = prf(figures.passages)[2];
      const furniture = figures.passageCount ? figures.furniture / figures.passageCount : 0;
      const found = figures.sentences ? figures.sentencesFound / figures.sentences : 1;
      return `${pct(f1)} ${pct(furniture)} ${pct(found)}`.padEnd(22);
    });
    console.log(`${page.name.padEnd(30)} ${(page.bytes / 1024).toFixed(0).padStart(6)}  ${cells.join(' ')}  ${results.get(names[2]!)![i]!.note}`);
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadStart = performance.now();
  ({ parseHTML } = await import('linkedom'));
  ({ Readability } = await import('@mozilla/readability'));
  const loadMs = performance.now() - loadStart;
  const names = readdirSync(args.folder)
    .filter((name) => statSync(path.join(args.folder, name, 'source.html'), { throwIfNoEntry: false }) && statSync(path.join(args.folder, name, 'expected.html'), { throwIfNoEntry: false }))
    .sort();
  const results = new Map<string, PageFigures[]>(EXTRACTORS.map((extractor) => [extractor.name, []]));
  for (const name of names) {
    const decoded = decodeText(readFileSync(path.join(args.folder, name, 'source.html')));
    if (!decoded.ok) continue;
    const expected = readFileSync(path.join(args.folder, name, 'expected.html'), 'utf8');
    for (const extractor of EXTRACTORS) {
      try {
        results.get(extractor.name)!.push(await measurePage(extractor, name, decoded.text, expected, args.repeat));
      } catch (error) {
        console.error(`${name}: ${extractor.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    }
  }
  console.log(`${names.length} pages from ${args.folder}; best of ${args.repeat} runs each; linkedom + Readability load once: ${loadMs.toFixed(0)} ms`);
  const real = (pages: PageFigures[]) => pages.filter((page) => page.bytes >= args.minBytes);
  const small = (pages: PageFigures[]) => pages.filter((page) => page.bytes < args.minBytes);
  const realSummaries = EXTRACTORS.map((extractor) => summarise(extractor.name, real(results.get(extractor.name)!)));
  const smallSummaries = EXTRACTORS.map((extractor) => summarise(extractor.name, small(results.get(extractor.name)!)));
  printSummary(`real saved pages (>= ${args.minBytes} bytes)`, realSummaries);
  if (smallSummaries[0]!.pages) printSummary(`small hand-made cases (< ${args.minBytes} bytes)`, smallSummaries);
  printPages(results);
  if (args.json) writeFileSync(args.json, JSON.stringify({ loadMs, real: realSummaries, small: smallSummaries, pages: Object.fromEntries(results) }, null, 2));
}

void main();
