/**
 * The leave-one-out audit of the bundled corpus: each article checked, in-process, as a draft against
 * the other four. Flags labelled false in test/fixtures/leave-one-out.tsv must not come back, and
 * every labelled statement must still exist. The share of stated statements found supported is
 * printed, not asserted: it is a figure to raise, not a bar.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { audit, findStatement, loadLabels, runLeaveOneOut, type LooAudit, type LooRun } from '../../bench/accuracy/leaveOneOut';
import type { StatementResult } from '../../src/engine';

const root = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(root, 'test', 'fixtures', 'leave-one-out.tsv');
const short = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 100);

describe('leave-one-out audit of corpus/', () => {
  const { labels, errors } = loadLabels(FIXTURE);
  let runs: LooRun[] = [];
  let result: LooAudit;

  before(async () => {
    runs = await runLeaveOneOut(path.join(root, 'corpus'));
    result = audit(runs, labels);
  });

  test('the fixture is well formed and has both kinds of row', () => {
    assert.deepEqual(errors, []);
    assert.ok(labels.some((l) => l.kind === 'flag'));
    assert.ok(labels.filter((l) => l.label === 'stated').length >= 20);
  });

  test('every article of the corpus was checked', () => {
    assert.equal(runs.length, 5);
    for (const r of runs) assert.ok(r.results.length > 0, `${r.article}: no statements`);
  });

  test('every labelled statement still exists, once, and names existing articles', () => {
    assert.deepEqual(result.errors, []);
  });

  test('no flag labelled false is raised again', () => {
    const again = result.flags.filter((f) => f.label?.label === 'false');
    assert.deepEqual(
      again.map((f) => `${f.article}: ${short(f.result.text)} [${f.result.conflicts.map((c) => `${c.kind}: ${c.claimed} / ${c.source}`).join('; ')}] — ${f.label!.reason}`),
      [],
    );
  });

  test('figures (printed)', () => {
    const stated = result.stated.length;
    const supported = result.stated.filter((s) => s.result.verdict === 'supported').length;
    const unlabelled = result.flags.filter((f) => !f.label);
    console.log(
      `leave-one-out: ${result.flags.length} flags (${result.flags.filter((f) => f.label?.label === 'real').length} labelled real, ` +
        `${unlabelled.length} unlabelled); stated statements supported ${supported}/${stated} = ${(stated ? supported / stated : 0).toFixed(3)}; ` +
        `supported but unstated ${result.supportedUnstated.length}`,
    );
    for (const f of unlabelled) console.log(`  new flag, label it: ${f.article}: ${short(f.result.text)}`);
  });
});

describe('leave-one-out fixture matching', () => {
  const stmt = (text: string): StatementResult => ({ text, offset: 0, length: text.length, verdict: 'unverified', confidence: 0.5, conflicts: [], evidence: [] });
  const results = [stmt('The harbour reopened on a Tuesday.'), stmt('The harbour reopened on a Tuesday. Ferries resumed at dawn.'), stmt('Lighthouse keepers went on strike.')];

  test('a full text beats a longer statement it is the prefix of', () => {
    assert.deepEqual(findStatement(results, 'The harbour reopened on a Tuesday.').indexes, [0]);
  });

  test('a prefix must pick one statement', () => {
    assert.deepEqual(findStatement(results, 'The harbour reopened on a Tuesday. Ferries').indexes, [1]);
    assert.match(findStatement(results, 'The harbour reopened').problem ?? '', /matches 2/);
    assert.match(findStatement(results, 'Fishermen blocked the quay').problem ?? '', /matches no/);
  });

  test('curly quotes, dashes and spacing do not matter', () => {
    const r = [stmt('\u201CWe will wait,\u201D she said \u2014 twice.')];
    assert.deepEqual(findStatement(r, '"We will  wait," she said - twice.').indexes, [0]);
  });

  test('a statement an article repeats word for word (a headline above its article) is named by one row', () => {
    const r = [stmt('Port strike ends after two days'), stmt('Ferries resumed at dawn.'), stmt('Port strike ends after two days')];
    assert.deepEqual(findStatement(r, 'Port strike ends after two days').indexes, [0, 2]);
    assert.deepEqual(findStatement(r, 'Port strike ends').indexes, [0, 2]);
  });

  test('a labelled statement that no longer exists is reported', () => {
    const run: LooRun = { article: 'a.txt', text: '', results };
    const out = audit([run, { article: 'b.txt', text: '', results: [] }], [
      { kind: 'stated', article: 'a.txt', statement: 'Bridges were painted green.', label: 'stated', other: ['b.txt'], reason: 'made up', line: 9 },
      { kind: 'stated', article: 'a.txt', statement: 'Lighthouse keepers went', label: 'stated', other: ['c.txt'], reason: 'made up', line: 10 },
    ]);
    assert.equal(out.errors.length, 2);
    assert.match(out.errors[0], /line 9: .*matches no statement/);
    assert.match(out.errors[1], /line 10: no article c\.txt/);
  });
});
