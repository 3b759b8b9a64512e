/**
 * The same articles as PDF and Word files must check a draft exactly as their plain text does:
 * a reporter's folder of printed reports and interview notes is the same evidence as the text.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { checkText, CorpusIndex, type StatementResult } from '../../src/engine';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { makeDocx } from '../support/officeFixtures';
import { makePdfFixtures } from '../support/pdfFixtures';

const draft = readFileSync(path.join(__dirname, '..', '..', 'examples', 'draft.md'), 'utf8');

async function check(folder: string): Promise<{ results: StatementResult[]; skipped: string[] }> {
  const corpus = await loadCorpus([folder]);
  const index = await CorpusIndex.build(corpus);
  return { results: checkText(index, draft, { format: 'markdown' }), skipped: corpus.skipped.map((s) => `${s.path}: ${s.reason}`) };
}

let plain: StatementResult[];
let printed: StatementResult[];
let printedSkipped: string[];

before(async () => {
  const fixtures = await makePdfFixtures();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-'));
  mkdirSync(path.join(folder, 'pdf'));
  mkdirSync(path.join(folder, 'word'));
  // Three articles as printed PDFs, the other two as Word files: both formats in one corpus.
  fixtures.articles.forEach(({ txt, pdf }, k) => {
    if (k < 3) copyFileSync(pdf, path.join(folder, 'pdf', path.basename(pdf)));
    else makeDocx(readFileSync(txt, 'utf8'), path.join(folder, 'word', `${path.basename(txt, '.txt')}.docx`), { from: 'text' });
  });
  plain = (await check(path.join(__dirname, '..', '..', 'corpus'))).results;
  ({ results: printed, skipped: printedSkipped } = await check(folder));
});

test('a corpus of PDF and Word versions of the articles is read whole', () => {
  assert.deepEqual(printedSkipped, []);
});

test('the PDF and Word versions give the plain-text verdict on every statement of the example draft', () => {
  assert.equal(printed.length, plain.length);
  const differing = plain
    .map((r, k) => [r, printed[k]!] as const)
    .filter(([a, b]) => a.verdict !== b.verdict)
    .map(([a, b]) => `${a.text.slice(0, 60)}…: text ${a.verdict}, PDF/Word ${b.verdict}`);
  assert.deepEqual(differing, []);
  // Not a vacuous match: the draft has every kind of verdict.
  for (const verdict of ['supported', 'conflicting', 'unverified'] as const) assert.ok(plain.some((r) => r.verdict === verdict), verdict);
});

test('the conflicting values are the same, whichever format the source came in', () => {
  const values = (results: StatementResult[]) => results.flatMap((r) => r.conflicts.map((c) => `${c.kind}: ${c.claimed} / ${c.source}`));
  assert.deepEqual(values(printed), values(plain));
});

test('evidence from a PDF names its page, from a Word file its paragraph', () => {
  const evidence = printed.flatMap((r) => r.evidence);
  const fromPdf = evidence.filter((e) => e.source.endsWith('.pdf'));
  const fromWord = evidence.filter((e) => e.source.endsWith('.docx'));
  assert.ok(fromPdf.length > 0 && fromWord.length > 0, `${fromPdf.length} PDF and ${fromWord.length} Word excerpts`);
  for (const e of fromPdf) assert.ok(Number.isInteger(e.location?.page) && e.location!.page! >= 1, JSON.stringify(e));
  for (const e of fromWord) assert.ok(Number.isInteger(e.location?.paragraph) && e.location!.paragraph! >= 1, JSON.stringify(e));
  // Articles longer than a page: some excerpt is found past page 1.
  assert.ok(fromPdf.some((e) => e.location!.page! > 1), 'every PDF excerpt on page 1');
});
