import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkText, type CorpusData, CorpusIndex, type Passage } from '../../src/engine';

/** An index over made-up documents, one sentence per passage. */
async function indexOf(docs: string[][]): Promise<CorpusIndex> {
  const data: CorpusData = { documents: [], passages: [], skipped: [] };
  docs.forEach((sentences, d) => {
    data.documents.push({ path: `mem/${d}.txt`, meta: { title: `Doc ${d}` }, text: sentences.join('\n'), hash: String(d) });
    let offset = 0;
    sentences.forEach((text, line) => {
      data.passages.push({ id: data.passages.length, doc: d, text, offset, line: line + 1, paragraph: line } satisfies Passage);
      offset += text.length + 1;
    });
  });
  return CorpusIndex.build(data);
}

describe('every verdict says why', () => {
  test('support names the relation the source states; a conflict names the slot and both values', async () => {
    const index = await indexOf([['The harbour council approved the new ferry budget on Monday after a long debate.', 'Fishermen protested outside the town hall.']]);
    const [supported, conflicting] = checkText(index, 'The harbour council approved the new ferry budget on Monday.\n\nThe harbour council approved the new ferry budget on Friday.');
    assert.equal(supported.verdict, 'supported');
    assert.deepEqual(supported.why?.relation, ['approved']);
    assert.match(supported.why?.summary ?? '', /same relation/);
    assert.equal(conflicting.verdict, 'conflicting');
    assert.match(conflicting.why?.summary ?? '', /different date: the draft says “(on )?Friday”, the source says “(on )?Monday”/);
  });
  test('unverified names what the closest passage leaves out', async () => {
    const index = await indexOf([['The harbour council approved the new ferry budget on Monday after a long debate.', 'Fishermen protested outside the town hall.', 'The mayor left for the capital on Friday.']]);
    const [r] = checkText(index, 'The harbour council approved a lighthouse repair grant from the province.');
    assert.equal(r.verdict, 'unverified');
    assert.ok(r.why?.unstated?.some((w) => /lighthouse|grant|province|repair/.test(w)), JSON.stringify(r.why));
  });
  test('a source that states the event only as a possibility says so', async () => {
    const index = await indexOf([['Talks on the harbour plan could start on Monday, the council said.', 'Fishermen protested outside the town hall.']]);
    const [r] = checkText(index, 'Talks on the harbour plan will start on Monday.');
    assert.equal(r.verdict, 'unverified');
    assert.equal(r.why?.summary, 'The closest source says only that it “could start”.');
  });
  test('contested shows the disagreeing passage first', async () => {
    const index = await indexOf([
      ['The harbour council approved the new ferry budget on Monday after a long debate.'],
      ['The harbour council approved the new ferry budget on Tuesday after a long debate.'],
    ]);
    const [r] = checkText(index, 'The harbour council approved the new ferry budget on Monday after a long debate.');
    assert.equal(r.verdict, 'contested');
    assert.equal(r.evidence[0].stance, 'conflicts');
    assert.match(r.why?.summary ?? '', /Sources disagree on the date/);
  });
  test('a claim about "he" is not contested by a page about someone else; nor by a passage naming another person', async () => {
    const index = await indexOf([
      ['Ana Ruiz was a harbour pilot for thirty years.', 'She was elected to the Harbour Guild in 1992.'],
      ['Rui Costa was a lighthouse keeper for twenty years.', 'She was elected to the Harbour Guild in 1998.'],
    ]);
    const [r] = checkText(index, 'She was elected to the Harbour Guild in 1992.');
    assert.equal(r.verdict, 'supported');
    const named = await indexOf([['Ana Ruiz has two sisters and a brother, all of them sailors.'], ['Rui Costa has two sisters and a brother, all of them sailors.']]);
    assert.equal(checkText(named, 'Ana Ruiz has two sisters and a brother, all of them sailors.')[0].verdict, 'supported');
  });
});
