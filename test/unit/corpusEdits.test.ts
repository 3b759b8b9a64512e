import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentenceEdits } from '../../bench/accuracy/corpusEdits';

const edits = (s: string) => Object.fromEntries(sentenceEdits(s).map((e) => [e.kind, e.text]));

test('each edit of a sentence changes one slot and leaves the rest as written', () => {
  const e = edits('The museum opened on Monday, March 4, 1998, and drew 1,200 visitors in its first week.');
  assert.equal(e.original, 'The museum opened on Monday, March 4, 1998, and drew 1,200 visitors in its first week.');
  assert.equal(e.number, 'The museum opened on Monday, March 4, 1998, and drew 1,800 visitors in its first week.');
  assert.equal(e.day, 'The museum opened on Monday, March 11, 1998, and drew 1,200 visitors in its first week.');
  assert.equal(e.year, 'The museum opened on Monday, March 4, 2000, and drew 1,200 visitors in its first week.');
  assert.equal(e.month, 'The museum opened on Monday, June 4, 1998, and drew 1,200 visitors in its first week.');
  assert.equal(e.weekday, 'The museum opened on Wednesday, March 4, 1998, and drew 1,200 visitors in its first week.');
  assert.equal(e['opposite-word'], 'The museum closed on Monday, March 4, 1998, and drew 1,200 visitors in its first week.');
});

test('"not" is added after the first auxiliary, or taken away where the sentence has one', () => {
  assert.equal(edits('The council has approved the new harbour budget.')['negation-added'], 'The council has not approved the new harbour budget.');
  assert.equal(edits('The council has not approved the new harbour budget.')['negation-removed'], 'The council has approved the new harbour budget.');
});

test('a day of the month is a date, not a figure; too short a sentence is not edited', () => {
  assert.equal(edits('The ferry service resumed on March 4, 1998 after repairs.').number, undefined);
  assert.equal(edits('The ferry service resumed on 4 March 1998 after repairs.').day, 'The ferry service resumed on 11 March 1998 after repairs.');
  assert.deepEqual(sentenceEdits('It rained.'), []);
});

test('a name is swapped for another of the same kind its document names, sharing no word with the sentence', () => {
  const names = [{ raw: 'Ana Ruiz', type: 'person' }, { raw: 'Lima', type: 'place' }];
  const others = [{ raw: 'Ana Ruiz', type: 'person' }, { raw: 'Lima', type: 'place' }, { raw: 'Rui Ruiz', type: 'person' }, { raw: 'Rui Costa', type: 'person' }, { raw: 'Cusco', type: 'place' }];
  const swapped = sentenceEdits('Ana Ruiz opened the new harbour museum in Lima last spring.', names, others).find((e) => e.kind === 'name');
  assert.equal(swapped?.text, 'Rui Costa opened the new harbour museum in Lima last spring.');
  // Without the document's names there is nothing to swap in.
  assert.equal(sentenceEdits('Ana Ruiz opened the new harbour museum in Lima last spring.', names).find((e) => e.kind === 'name'), undefined);
});

test('a word of a class whose members exclude each other is swapped for the next of its class', () => {
  assert.equal(edits('The new harbour wall was built on the northern side of the bay.')['exclusive-word'], 'The new harbour wall was built on the southern side of the bay.');
  assert.equal(edits('The new harbour wall was built on the side of the bay.')['exclusive-word'], undefined);
  // A time relative to the day of writing only moves later: "last week" seen two weeks on may be "next week" in a source.
  assert.equal(edits('The harbour board met last week.')['exclusive-word'], 'The harbour board met next week.');
  assert.equal(edits('The harbour board meets next week.')['exclusive-word'], undefined);
});
