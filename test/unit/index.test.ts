import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CancelledError, type CorpusData, CorpusIndex, checkStatement, checkStatementSliced, checkText, parseDraft, type Passage, TimeSlicer } from '../../src/engine';
import { analyze } from '../../src/engine/facts/analysis';
import { skipReason } from '../../src/engine/check/checkWorthiness';
import { NameVariants, nameSkeleton } from '../../src/engine/search/nameVariants';

/** A corpus built in memory: one document per string, one passage per sentence line. */
function corpusOf(docs: string[][]): CorpusData {
  const data: CorpusData = { documents: [], passages: [], skipped: [] };
  docs.forEach((sentences, doc) => {
    data.documents.push({ path: `mem/${doc}.txt`, meta: { title: `Doc ${doc}` }, text: sentences.join('\n'), hash: String(doc) });
    let offset = 0;
    sentences.forEach((text, line) => {
      data.passages.push({ id: data.passages.length, doc, text, offset, line: line + 1, paragraph: line } satisfies Passage);
      offset += text.length + 1;
    });
  });
  return data;
}

const DOCS = [
  ['Ukrainian President Volodymyr Zelenskiy met officials in Kiev on Monday.', 'The Lugansk region was discussed at length.'],
  ['Serbian President Aleksandar Vučić offered to host the summit.', 'The weather in Belgrade was cold.'],
  ['Ceasefire talks are planned for next month.'],
];

describe('corpus index', () => {
  test('BM25 search ranks the passage that shares the rare words first', async () => {
    const index = await CorpusIndex.build(corpusOf(DOCS));
    const [best] = index.search('summit host offer');
    assert.equal(best.passage.text, DOCS[1][0]);
  });
  test('spelling variants and diacritics retrieve the same passage', async () => {
    const index = await CorpusIndex.build(corpusOf(DOCS));
    assert.equal(index.search('Zelensky')[0]?.passage.text, DOCS[0][0]);
    assert.equal(index.search('Kyiv')[0]?.passage.text, DOCS[0][0]);
    assert.equal(index.search('Luhansk')[0]?.passage.text, DOCS[0][1]);
    assert.equal(index.search('Vucic')[0]?.passage.text, DOCS[1][0]);
    assert.deepEqual(index.search('Zurich'), []);
  });
  test('transliteration skeletons agree', () => {
    assert.equal(nameSkeleton('kyiv'), nameSkeleton('kiev'));
    assert.equal(nameSkeleton('luhansk'), nameSkeleton('lugansk'));
    assert.notEqual(nameSkeleton('putin'), nameSkeleton('biden'));
  });
  test('spelling variants are transliterations and misspellings, not words that merely share consonants', () => {
    const variants = new NameVariants(() => ['kiev', 'zaporozhye', 'vladimir', 'class', 'close', 'colosseo', 'second', 'squad']);
    assert.ok(variants.of('kyiv').includes('kiev'));
    assert.ok(variants.of('zaporizhzhia').includes('zaporozhye'));
    assert.ok(variants.of('secod').includes('second'), 'a typo one letter off');
    assert.deepEqual(variants.of('volodymyr'), [], 'two different first names, however alike their consonants');
    assert.ok(!variants.of('colossu').some((v) => v === 'class' || v === 'close'), String(variants.of('colossu')));
    assert.ok(!variants.of('secod').includes('squad'));
  });
  test('serialises to bytes and loads back with the same answers', async () => {
    const index = await CorpusIndex.build(corpusOf(DOCS));
    const bytes = Buffer.concat(await index.serialize());
    const loaded = await CorpusIndex.deserialize(bytes);
    assert.deepEqual(loaded.passages, index.passages);
    assert.deepEqual(loaded.documents, index.documents);
    assert.deepEqual(loaded.search('Kyiv Monday'), index.search('Kyiv Monday'));
    assert.equal(loaded.idf('summit'), index.idf('summit'));
    assert.deepEqual(checkText(loaded, 'Vučić offered to host the summit.'), checkText(index, 'Vučić offered to host the summit.'));
    const otherFormat = Buffer.from(bytes);
    otherFormat.writeUInt32LE(999, 8);
    await assert.rejects(CorpusIndex.deserialize(otherFormat), /format 999.*rebuild/);
    await assert.rejects(CorpusIndex.deserialize(bytes.subarray(0, bytes.length - 9)), /truncated.*rebuild/);
    await assert.rejects(CorpusIndex.deserialize(Buffer.from('{"format":3}')), /not a Corroborate index/);
  });
  test('building honours a cancellation token', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `Sentence number ${i} mentions Kiev.`);
    await assert.rejects(CorpusIndex.build(corpusOf([many]), { isCancellationRequested: true }), CancelledError);
  });
  test('checking honours a cancellation token', async () => {
    const index = await CorpusIndex.build(corpusOf(DOCS));
    assert.throws(() => checkText(index, 'Vučić offered to host.', { token: { isCancellationRequested: true } }), CancelledError);
  });
  test('a sliced check gives the same result, lets timers run inside one statement, and stops when cancelled', async () => {
    // One document of many similar sentences: the statement reads dozens of them.
    const sentences = Array.from({ length: 400 }, (_, i) => `Officials in Kiev said on Monday that ${i + 10} delegates would attend the summit in Belgrade.`);
    const index = await CorpusIndex.build(corpusOf([sentences, ...DOCS]));
    const [statement] = parseDraft('Officials in Kyiv said on Monday that 12 delegates would attend the summit in Belgrade.', 'markdown');
    const expected = checkStatement(index, statement!);
    const fresh = await CorpusIndex.build(corpusOf([sentences, ...DOCS]));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const slicer = new TimeSlicer(0.01, undefined, 1);
    const sliced = await checkStatementSliced(fresh, statement!, slicer);
    clearInterval(timer);
    assert.deepEqual(sliced, expected);
    assert.ok(ticks > 0, 'the event loop ran while one statement was checked');
    const cancelled = await CorpusIndex.build(corpusOf([sentences, ...DOCS]));
    await assert.rejects(checkStatementSliced(cancelled, statement!, new TimeSlicer(0, { isCancellationRequested: true }, 1)), CancelledError);
  });
  test('names the corpus capitalises inside sentences are proper nouns', async () => {
    const index = await CorpusIndex.build(corpusOf(DOCS));
    assert.equal(index.isProperNoun('belgrade'), true);
    assert.equal(index.isProperNoun('weather'), false, 'a word the corpus uses in lower case is not a name');
    assert.equal(index.isProperNoun('hungary'), true, 'a word the corpus never uses is taken for a name');
    assert.equal(index.isProperNoun('the'), false);
  });
});

describe('check-worthiness', () => {
  const reason = (s: string) => skipReason(analyze(s));
  test('questions, opinions and empty transitions are skipped', () => {
    assert.equal(reason('Will the talks ever happen?'), 'question');
    assert.match(reason('I think this is a terrible idea.') ?? '', /opinion/);
    assert.equal(reason('Time will tell.'), 'no checkable fact');
    assert.equal(reason("What happens next is anyone's guess."), 'opinion, no checkable fact');
  });
  test('numbers, dates, names, quotations and attributions are checked', () => {
    for (const s of ['The vote passed with 96% support.', 'It happened on Jan. 12.', 'talks with NATO stalled.', 'He called it "an incredibly positive first step".', 'officials said the plan was dropped.']) {
      assert.equal(reason(s), undefined, s);
    }
  });
  test('a plain declarative statement with enough content is checked', () => {
    assert.equal(reason('Global warming is driving polar bears toward extinction.'), undefined);
  });
  test('a sentence of a quotation that runs over several sentences reports what was said: checked', () => {
    assert.equal(reason('“We would like to see the bridge reopened this week.'), undefined);
    assert.equal(reason('I think the bridge will reopen soon,” she said.'), undefined);
    // The same words outside any quotation are the writer's own opinion.
    assert.match(reason('I think the bridge will reopen soon.') ?? '', /opinion/);
  });
});
