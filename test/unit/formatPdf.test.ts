/**
 * The PDF format against files Chromium and qpdf make at test time (test/support/pdfFixtures.ts),
 * checked against the bundled articles they render and against poppler's pdftotext per page.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseSourceDocument } from '../../src/engine/corpus/document';
import type { ExtractResult } from '../../src/engine/corpus/formats/format';
import { NO_TEXT_LAYER, pdfDateToIso, pdfFormat } from '../../src/engine/corpus/formats/pdf';
import { layoutPage } from '../../src/engine/corpus/formats/pdfLayout';
import type { TextRun } from '../../src/engine/corpus/formats/pdfLayout';
import { assembleText, removeRunningLines } from '../../src/engine/corpus/formats/pdfText';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { CancelledError } from '../../src/engine/types';
import {
  HYPHENATION_AUTHOR,
  HYPHENATION_EXPECTED,
  HYPHENATION_TITLE,
  makePdfFixtures,
  missingPdfTools,
  TWO_COLUMN_RUNNING_HEAD,
} from '../support/pdfFixtures';
import type { PdfFixtureSet } from '../support/pdfFixtures';

const BUDGET = { maxMs: 10_000, maxBytes: 64 * 1024 * 1024 };
const missing = missingPdfTools();

async function extract(file: string, budget = BUDGET): Promise<{ result: ExtractResult; ms: number }> {
  const started = performance.now();
  const result = await pdfFormat.extract(new Uint8Array(readFileSync(file)), { path: file, budget });
  return { result, ms: performance.now() - started };
}

async function extractOk(file: string): Promise<Extract<ExtractResult, { ok: true }>> {
  const { result } = await extract(file);
  assert.ok(result.ok, `${path.basename(file)}: ${result.ok ? '' : result.reason}`);
  return result;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Passages as the engine cuts them from a source's text. */
function sentencesOf(display: string, text: string, anchors?: Extract<ExtractResult, { ok: true }>['anchors']): string[] {
  return parseSourceDocument(display, text, 'text', { anchors }).passages.map((passage) => passage.text);
}

/**
 * The article's sentences that do not appear, in order, inside the PDF's passages. A sentence
 * cut by a column or page break, or read out of order, is missing; the .txt file's own line
 * breaks cut some of its sentences shorter than the PDF's, which is why containment, not equality.
 */
function missingInOrder(articleSentences: string[], pdfPassages: string[]): string[] {
  const haystack = pdfPassages.join('\n');
  const missed: string[] = [];
  let from = 0;
  for (const sentence of articleSentences) {
    const at = haystack.indexOf(sentence, from);
    if (at < 0) missed.push(sentence);
    else from = at + sentence.length;
  }
  return missed;
}

function pdftotextPage(file: string, page: number): string {
  return squash(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }));
}

describe('PDF layout (geometry only)', () => {
  const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: text.length * size * 0.5, size });

  test('a two-column band is read column by column, a full-width title first', () => {
    const runs: TextRun[] = [run('A wide title that spans both of the columns', 50, 40, 16)];
    for (let i = 0; i < 6; i++) {
      runs.push(run(`right column line ${i + 1}`, 320, 80 + i * 12));
      runs.push(run(`left column line ${i + 1}`, 50, 80 + i * 12));
    }
    const lines = layoutPage(runs).map((line) => line.text);
    assert.deepEqual(lines, [
      'A wide title that spans both of the columns',
      ...[1, 2, 3, 4, 5, 6].map((i) => `left column line ${i}`),
      ...[1, 2, 3, 4, 5, 6].map((i) => `right column line ${i}`),
    ]);
  });

  test('a single column with wide justified spaces is not split into columns', () => {
    const runs: TextRun[] = [];
    for (let i = 0; i < 10; i++) {
      // Words placed separately with gaps of up to 1.5 font sizes, at positions varying per line.
      let x = 50;
      for (const word of ['justified', 'text', 'stretches', 'its', 'spaces', 'widely']) {
        runs.push(run(word, x, 100 + i * 12));
        x += word.length * 5 + 5 + ((i * 7 + word.length) % 11);
      }
    }
    const lines = layoutPage(runs);
    assert.equal(lines.length, 10);
    assert.ok(lines.every((line) => line.text === 'justified text stretches its spaces widely'), lines[0]!.text);
  });

  test('a two-column table is read row by row', () => {
    const runs: TextRun[] = [];
    const rows = [['Founded', '1911'], ['Members', '4,200'], ['Budget', '3.1 million'], ['Chair', 'Ana Ruiz'], ['Seat', 'Lisbon']];
    rows.forEach(([label, value], i) => runs.push(run(label!, 50, 100 + i * 12), run(value!, 300, 100 + i * 12)));
    assert.deepEqual(layoutPage(runs).map((line) => line.text), rows.map((row) => row.join(' ')));
  });

  test('a superscript stays on its line and runs meeting without a gap join without a space', () => {
    const lines = layoutPage([run('The figure', 50, 100), { text: '12', x: 102, y: 96, width: 6, size: 6 }, run('infor', 50, 112), run('mation.', 75, 112)]);
    assert.deepEqual(lines.map((line) => line.text), ['The figure 12', 'information.']);
  });

  test('running heads and page numbers go, a line repeated in the body stays', () => {
    const page = (n: number) => ({
      page: n,
      lines: layoutPage([
        run('Annual report of the harbour board', 50, 20, 8),
        ...Array.from({ length: 9 }, (_, i) => run(i === 4 ? 'A refrain repeated mid-page.' : `Body line ${i + 1} of page ${n}.`, 50, 100 + i * 12)),
        run(String(n), 300, 800, 8),
      ]),
    });
    const kept = removeRunningLines([page(1), page(2), page(3)]);
    const texts = kept.flatMap((p) => p.lines.map((line) => line.text));
    assert.ok(!texts.some((text) => text.includes('Annual report')), 'running head removed');
    assert.ok(!texts.some((text) => /^\d+$/.test(text)), 'page numbers removed');
    assert.equal(texts.filter((text) => text === 'A refrain repeated mid-page.').length, 3);
  });

  test('a sentence running over a page break stays one paragraph, anchored on both pages', () => {
    const { text, anchors } = assembleText([
      { page: 1, lines: layoutPage([run('The first sentence ends here.', 50, 100), run('The second one runs over', 50, 112)]) },
      { page: 2, lines: layoutPage([run('the page break and ends.', 50, 100)]) },
    ]);
    assert.equal(text, 'The first sentence ends here. The second one runs over the page break and ends.');
    assert.deepEqual(anchors.map((a) => [a.offset, a.location.page, a.location.line]), [[0, 1, 1], [30, 1, 2], [55, 2, 1]]);
  });
});

describe('PDF dates', () => {
  test('info-dictionary dates become ISO days; partial or impossible ones are dropped', () => {
    assert.equal(pdfDateToIso("D:20250113103000+01'00'"), '2025-01-13');
    assert.equal(pdfDateToIso('20240229'), '2024-02-29');
    assert.equal(pdfDateToIso('D:20230229'), undefined);
    assert.equal(pdfDateToIso('D:2025'), undefined);
    assert.equal(pdfDateToIso(42), undefined);
  });
});

describe('PDF format on Chromium-printed fixtures', { skip: missing }, () => {
  let fixtures: PdfFixtureSet;
  let madeOn: string[];

  before(async () => {
    const day = (): string => new Date().toISOString().slice(0, 10);
    const start = day();
    fixtures = await makePdfFixtures();
    madeOn = [start, day()];
  });
  after(() => rmSync(fixtures.dir, { recursive: true, force: true }));

  test('every line is anchored to its page, and each page holds what pdftotext finds there', async () => {
    for (const { pdf } of [...fixtures.articles, fixtures.twoColumns]) {
      const result = await extractOk(pdf);
      assert.equal(result.kind, 'text');
      const anchors = result.anchors!;
      const pages = [...new Set(anchors.map((anchor) => anchor.location.page!))];
      assert.ok(pages.length >= 2, `${path.basename(pdf)} spans ${pages.length} pages`);
      assert.deepEqual(pages, [...pages].sort((a, b) => a - b), 'pages in order');
      for (const page of pages) {
        const onPage = anchors.filter((anchor) => anchor.location.page === page);
        // Lines count from 1 on each page; one moved up whole by a line-end hyphen leaves a gap.
        assert.equal(onPage[0]!.location.line, 1);
        // pdftotext orders justified lines its own way and keeps or drops line-end hyphens, so
        // words are looked up one by one, a hyphenated one in any of those spellings.
        const peer = pdftotextPage(pdf, page);
        const found = (word: string): boolean => [word, word.replace(/-/g, ''), word.replace(/-/g, '- ')].some((form) => peer.includes(form));
        for (const [index, anchor] of onPage.entries()) {
          const end = anchors[anchors.indexOf(anchor) + 1]?.offset ?? result.text.length;
          const words = squash(result.text.slice(anchor.offset, end)).split(' ').slice(0, 5);
          const absent = words.filter((word) => !found(word));
          assert.deepEqual(absent, [], `${path.basename(pdf)} p. ${page} line ${index + 1}: "${words.join(' ')}"`);
        }
      }
    }
  });

  test('the two-column article reads whole sentences in the order of the article', async () => {
    const { pdf, txt } = fixtures.twoColumns;
    const result = await extractOk(pdf);
    const article = sentencesOf(txt, readFileSync(txt, 'utf8'));
    const missed = missingInOrder(article, sentencesOf(pdf, result.text, result.anchors));
    // One compound broken at a line end whose parts the article never uses alone ("reader-|funded").
    assert.ok(missed.length <= 1, `sentences missing or out of order:\n${missed.join('\n')}`);
    assert.ok(article.length > 30);
  });

  test('one-column articles read every sentence of the article in order', async () => {
    for (const { pdf, txt } of fixtures.articles) {
      const result = await extractOk(pdf);
      const missed = missingInOrder(sentencesOf(txt, readFileSync(txt, 'utf8')), sentencesOf(pdf, result.text, result.anchors));
      assert.deepEqual(missed, [], path.basename(pdf));
    }
  });

  test('line-end hyphens are joined in split words and kept in compounds', async () => {
    const result = await extractOk(fixtures.hyphenation);
    assert.deepEqual(result.text.split('\n\n'), HYPHENATION_EXPECTED);
  });

  test('running heads, feet and page numbers are removed; the title stays once', async () => {
    const single = await extractOk(fixtures.articles[0]!.pdf);
    assert.ok(!single.text.includes('file://'), 'Chromium footer URL removed');
    assert.ok(!/\d+\/\d+\/\d+, \d+:\d+/.test(single.text), 'Chromium header date removed');
    const title = readFileSync(fixtures.articles[0]!.txt, 'utf8').split('\n')[0]!.trim();
    // The .txt article repeats its title on its third line; Chromium's header repeats it per page.
    assert.equal(single.text.split(title).length - 1, 2);
    const columns = await extractOk(fixtures.twoColumns.pdf);
    assert.ok(!columns.text.includes(TWO_COLUMN_RUNNING_HEAD), 'CSS running head removed');
    assert.ok(!/Page \d+ of \d+/.test(columns.text), 'page footer removed');
  });

  test('title, author and creation date come from the info dictionary', async () => {
    const result = await extractOk(fixtures.hyphenation);
    assert.equal(result.meta?.title, HYPHENATION_TITLE);
    assert.equal(result.meta?.author, HYPHENATION_AUTHOR);
    assert.ok(madeOn.includes(result.meta?.fileDate ?? ''), `date ${result.meta?.fileDate}`);
    const parsed = parseSourceDocument('notes.pdf', result.text, result.kind, { meta: result.meta, anchors: result.anchors });
    assert.equal(parsed.document.meta.title, HYPHENATION_TITLE);
    assert.equal(parsed.passages[0]!.location?.page, 1);
  });

  const broken: [keyof PdfFixtureSet, RegExp][] = [
    ['encrypted', /^encrypted PDF \(needs a password\)$/],
    ['imageOnly', new RegExp(`^${NO_TEXT_LAYER.replace(/[?()]/g, '\\$&')}$`)],
    ['truncated', /^truncated PDF/],
    ['junk', /^not a PDF/],
    ['pageTreeCycle', /^no page could be read \(Pages tree contains circular reference\)$/],
  ];
  for (const [name, reason] of broken) {
    test(`${name} is skipped with its reason, within the budget`, async () => {
      const budget = { maxMs: 3_000, maxBytes: BUDGET.maxBytes };
      const { result, ms } = await extract(fixtures[name] as string, budget);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
      assert.ok(ms < budget.maxMs, `${ms} ms`);
    });
  }

  test('a form XObject that draws itself is read within the budget', async () => {
    const { result, ms } = await extract(fixtures.selfDrawingForm, { maxMs: 3_000, maxBytes: BUDGET.maxBytes });
    assert.ok(ms < 3_000, `${ms} ms`);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.ok(result.text.includes('Trump to hold talks with Putin'));
  });

  test('the time and size budgets and cancellation stop extraction', async () => {
    const pdf = fixtures.twoColumns.pdf;
    const slow = await extract(pdf, { maxMs: 1, maxBytes: BUDGET.maxBytes });
    assert.match(slow.result.ok ? '' : slow.result.reason, /^took longer than the 1 ms budget/);
    const big = await extract(pdf, { maxMs: BUDGET.maxMs, maxBytes: 2_000 });
    assert.match(big.result.ok ? '' : big.result.reason, /^extracted text larger than the 2 KB budget \(at page \d\)$/);
    const bytes = new Uint8Array(readFileSync(pdf));
    await assert.rejects(
      Promise.resolve(pdfFormat.extract(bytes, { path: pdf, budget: BUDGET, token: { isCancellationRequested: true } })),
      CancelledError,
    );
    assert.equal(bytes.byteLength, readFileSync(pdf).byteLength, 'the caller’s buffer is not handed over to pdf.js');
  });

  test('documents cut off mid-page by the budget never leave an extraction waiting on pdf.js', async () => {
    const bytes = new Uint8Array(readFileSync(fixtures.twoColumns.pdf));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const outcomes = new Set<string>();
      // Budgets that end the read at every stage: opening, metadata, between pages, mid-page.
      for (let round = 0; round < 4; round++) {
        for (const maxMs of [1, 2, 5, 10, 20, 40, 80]) {
          const result = await pdfFormat.extract(bytes, { path: 'cut.pdf', budget: { maxMs, maxBytes: BUDGET.maxBytes } });
          outcomes.add(result.ok ? 'read' : result.reason.replace(/\d+/g, '#'));
        }
      }
      assert.ok(outcomes.size >= 2, [...outcomes].join('; '));
      const after = await extractOk(fixtures.twoColumns.pdf);
      assert.ok(after.text.includes('Trump'));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled.map(String), []);
  });

  test('it reads where pdf.js takes the host for a browser (an Electron utility process)', async () => {
    const script = `
      Object.defineProperty(process, 'versions', { value: { ...process.versions, electron: '34.5.0' } });
      process.type = 'utility';
      const { pdfFormat } = require(${JSON.stringify(path.resolve(__dirname, '../../src/engine/corpus/formats/pdf'))});
      const bytes = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(fixtures.twoColumns.pdf)}));
      pdfFormat.extract(bytes, { path: 'x.pdf', budget: { maxMs: 20000, maxBytes: 1e8 } })
        .then((result) => console.log(JSON.stringify(result.ok ? result.anchors.at(-1).location : result.reason)));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    const here = await extractOk(fixtures.twoColumns.pdf);
    assert.deepEqual(JSON.parse(child.stdout.trim().split('\n').pop()!), here.anchors!.at(-1)!.location);
  });

  test('loadCorpus reads the folder of PDFs, reports skipped files and page locations', async () => {
    const corpus = await loadCorpus([fixtures.dir]);
    const skipped = new Map(corpus.skipped.map((entry) => [path.basename(entry.path), entry.reason]));
    assert.equal(skipped.get('encrypted.pdf'), 'encrypted PDF (needs a password)');
    assert.equal(skipped.get('image-only.pdf'), NO_TEXT_LAYER);
    assert.match(skipped.get('truncated.pdf') ?? '', /^truncated PDF/);
    assert.match(skipped.get('junk.pdf') ?? '', /^not a PDF/);
    assert.match(skipped.get('page-tree-cycle.pdf') ?? '', /^no page could be read/);
    const read = corpus.documents.map((doc) => path.basename(doc.path));
    assert.ok(read.includes('two-columns.pdf') && read.includes('hyphenation.pdf'), read.join(', '));
    const putin = corpus.passages.filter((passage) => passage.text.includes('Putin'));
    assert.ok(putin.length > 20 && putin.every((passage) => (passage.location?.page ?? 0) >= 1));

    const small = await loadCorpus([fixtures.dir], { maxFileBytes: 50_000 });
    const tooLarge = small.skipped.find((entry) => entry.path.endsWith('two-columns.pdf'));
    assert.match(tooLarge?.reason ?? '', /^file too large \(\d+\.\d KB; limit 48\.8 KB\)$/);
  });
});
