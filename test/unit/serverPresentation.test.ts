/** How the server presents search hits and documents its sources do not cover, tested without an editor. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatementResult } from '../../src/engine';
import { foldUncovered, notCovered, UNCOVERED_MIN_STATEMENTS } from '../../src/server/coverage';
import { snippetFor } from '../../src/server/requests';

describe('search rows show the words that matched', () => {
  const long = 'While the minister avoided specifics about the budget during the long interview on the radio, she addressed the ongoing shortage of teachers, suggesting that the city could lower its class size from 30 to 24 pupils next year.';

  test('a match late in a long sentence is in the row, with ellipses where it was cut', () => {
    const row = snippetFor(long, 'class size');
    assert.ok(row.length <= 110, row);
    assert.match(row, /class size from 30 to 24/);
    assert.ok(row.startsWith('…'), row);
  });

  test('the window holds as many of the query words as it can', () => {
    const row = snippetFor(long, 'minister shortage teachers');
    assert.match(row, /shortage of teachers/);
  });

  test('a short passage is shown whole; no query word found shows the start', () => {
    assert.equal(snippetFor('The ferry leaves at noon.', 'ferry'), 'The ferry leaves at noon.');
    assert.ok(snippetFor(long, 'zeppelin').startsWith('While the minister'));
  });
});

describe('a document the sources do not speak to gets one notice', () => {
  const result = (verdict: StatementResult['verdict'], offset: number, stance?: 'supports' | 'related'): StatementResult => ({
    text: 'x',
    offset,
    length: 1,
    verdict,
    confidence: 0.2,
    conflicts: [],
    evidence: stance ? [{ passage: 0, source: '/s.txt', title: 't', line: 1, excerpt: 'e', stance, score: 0.1 }] : [],
  });
  const hint = (offset: number) => ({ range: { start: { line: offset, character: 0 }, end: { line: offset, character: 1 } }, severity: 4 as const, source: 'Corroborate', code: 'unverified', message: 'Unverified' });
  const at = (offset: number) => ({ line: offset, character: 0 });

  test('all unverified with nothing but related passages: the hints fold into one notice naming the sources', () => {
    const results = Array.from({ length: UNCOVERED_MIN_STATEMENTS + 2 }, (_, i) => result('unverified', i, i % 2 ? 'related' : undefined));
    results.push(result('skipped', 99));
    assert.ok(notCovered(results));
    const folded = foldUncovered(results.filter((r) => r.verdict === 'unverified').map((r) => hint(r.offset)), results, 'the harbour folder', at);
    assert.equal(folded.length, 1);
    assert.equal(folded[0]!.code, 'not-covered');
    assert.match(String(folded[0]!.message), /none of its 7 statements .* the harbour folder/);
  });

  test('one statement a source supports, or a short document, keeps the per-sentence hints', () => {
    const covered = [...Array.from({ length: 6 }, (_, i) => result('unverified', i)), result('supported', 7, 'supports')];
    assert.equal(notCovered(covered), false);
    const partly = Array.from({ length: 6 }, (_, i) => result('unverified', i, i === 3 ? 'supports' : undefined));
    assert.equal(notCovered(partly), false, 'an unverified statement with some support is covered in part');
    const short = Array.from({ length: UNCOVERED_MIN_STATEMENTS - 1 }, (_, i) => result('unverified', i));
    assert.equal(notCovered(short), false);
    const hints = short.map((r) => hint(r.offset));
    assert.deepEqual(foldUncovered(hints, short, 'x', at), hints);
  });
});
