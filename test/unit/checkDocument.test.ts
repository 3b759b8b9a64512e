import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { CancelledError, checkDocument, CorpusIndex, loadCorpus } from '../../src/engine';
import { MemoryFs } from './helpers/memoryFs';

const SOURCE = [
  'Harbour report',
  '',
  'The harbour welcomed 40 cruise ships in 2024, the port authority said.',
  '',
  'The new ferry terminal opened on March 3, 2025.',
].join('\n');

let index: CorpusIndex;
let other: CorpusIndex;

before(async () => {
  index = await CorpusIndex.build(await loadCorpus(['/c'], { fs: new MemoryFs({ '/c/harbour.txt': SOURCE }) }));
  other = await CorpusIndex.build(await loadCorpus(['/c'], { fs: new MemoryFs({ '/c/harbour.txt': SOURCE }) }));
});

const DRAFT = 'The harbour welcomed 40 cruise ships in 2024.\n\nThe new ferry terminal opened on March 3, 2025.\n';

test('an edit re-checks only the statement it changed, and results move with their statements', async () => {
  const first = await checkDocument(index, DRAFT);
  assert.deepEqual(first.results.map((r) => r.verdict), ['supported', 'supported']);
  assert.equal(first.fresh, 2);
  const edited = `A new first line about the weather.\n\n${DRAFT.replace('March 3', 'March 5')}`;
  const second = await checkDocument(index, edited, { previous: first.memo });
  assert.equal(second.fresh, 2, 'the new line and the edited date are checked; the unchanged statement is reused');
  const moved = second.results.find((r) => r.text.startsWith('The harbour'))!;
  assert.equal(moved.verdict, 'supported');
  assert.equal(edited.slice(moved.offset, moved.offset + moved.length), moved.text, 'the reused result stands where its statement now is');
  const changed = second.results.find((r) => r.text.includes('March 5'))!;
  assert.equal(changed.verdict, 'conflicting');
  assert.equal(edited.slice(changed.conflicts[0]!.offset, changed.conflicts[0]!.offset + changed.conflicts[0]!.length), 'March 5, 2025');
});

test('results of another index are not reused', async () => {
  const first = await checkDocument(index, DRAFT);
  const again = await checkDocument(other, DRAFT, { previous: first.memo });
  assert.equal(again.fresh, 2);
});

test('a kept result stands in for a statement without checking it', async () => {
  const first = await checkDocument(index, DRAFT);
  const kept = first.results[1]!;
  const check = await checkDocument(index, DRAFT, { keep: (s) => (s.offset === kept.offset ? kept : undefined) });
  assert.equal(check.fresh, 1);
  assert.equal(check.results[1], kept);
});

test('the size limit stops before a statement it would cut', async () => {
  const limit = DRAFT.indexOf('March') + 2;
  const check = await checkDocument(index, DRAFT, { maxSize: limit });
  assert.equal(check.results.length, 1);
  assert.equal(check.checkedLength, DRAFT.indexOf('The new ferry'));
  assert.equal(check.textLength, DRAFT.length);
});

test('a cancelled check stops with CancelledError', async () => {
  await assert.rejects(checkDocument(index, DRAFT, { token: { isCancellationRequested: true } }), CancelledError);
});
