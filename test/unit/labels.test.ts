/**
 * Every source gets a label a writer recognises — who published it, when, and its headline, or the
 * opening words of its first sentence — read off the document's own text. The documents are
 * invented; their file names are hashes, as a folder of clipped articles often has them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSourceDocument } from '../../src/engine/corpus/document';
import { documentLabel, formatDate } from '../../src/engine/corpus/metadata';
import { CorpusIndex, checkDocument, messageOf, type CorpusData } from '../../src/engine';

const labelOf = (path: string, text: string, kind: 'text' | 'markdown' | 'html' = 'text') => parseSourceDocument(path, text, kind).document.meta.label;

describe('document labels', () => {
  test('outlet, date and headline when the text states them', () => {
    const text = [
      'Ferry fares to rise in spring',
      '',
      'By Mara Quinn, Lowland Post, February 3, 2025',
      '',
      'The regional ferry operator will raise fares by 8% from April, its chief executive said on Monday.',
      '',
    ].join('\n');
    assert.equal(labelOf('/s/7f3a9c01d2e4b5a6.txt', text), 'Lowland Post, Feb. 3, 2025: “Ferry fares to rise in spring”');
  });

  test('a dateline with the outlet, and the author when no outlet is named', () => {
    const dateline = 'Council delays vote on harbour plan\n\nRiverside Chronicle, 14 September 2023\n\nThe city council postponed its vote on the harbour plan until October after a long debate.\n';
    assert.equal(labelOf('/s/a1.txt', dateline), 'Riverside Chronicle, Sept. 14, 2023: “Council delays vote on harbour plan”');
    const byline = 'Council delays vote on harbour plan\n\nBy Tomas Berg\n\nThe city council postponed its vote on the harbour plan until October after a long debate.\n';
    assert.equal(labelOf('/s/a2.txt', byline), 'Tomas Berg: “Council delays vote on harbour plan”');
    const dated = 'Council delays vote on harbour plan\n\nBy Tomas Berg, March 9, 2022\n\nThe city council postponed its vote on the harbour plan until October after a long debate.\n';
    assert.equal(labelOf('/s/a3.txt', dated), 'Tomas Berg, March 9, 2022: “Council delays vote on harbour plan”');
  });

  test('a Markdown heading is the headline; a long one is cut with an ellipsis, its quotes nested', () => {
    const text = '# Mayor says the “temporary” bridge closure on the east side of the river will last at least two more winters\n\nThe east bridge has been closed since a barge struck one of its piers in 2021, and repairs have not yet begun.\n';
    assert.equal(labelOf('/s/0c9e.md', text, 'markdown'), '“Mayor says the ‘temporary’ bridge closure on the east side…”');
  });

  test('a three-word headline on the first line names the document; three words further down do not', () => {
    const text = 'Harbour pilots honoured\n\nAt fourteen, Ana Ruiz was one of the youngest pilots ever to steer a ship through the harbour mouth.\n';
    assert.equal(labelOf('/s/b2.txt', text), '“Harbour pilots honoured”');
    const caption = 'At fourteen, Ana Ruiz was one of the youngest pilots ever to steer a ship through the harbour mouth.\n\nPhoto by Rui\n';
    assert.equal(labelOf('/s/b3.txt', caption), '“At fourteen, Ana Ruiz was one of the youngest pilots…”');
  });

  test('no headline: the first sentence of the body, cut to about ten words', () => {
    const text = 'Dr. Ana Ruiz of the U.S. Geological Survey said on Tuesday that the tremor near the dam was too weak to cause damage. Engineers inspected the dam anyway.\n\nA second paragraph follows here with more detail about the inspection.\n';
    assert.equal(labelOf('/s/002_9aa3f48b954331ad.txt', text), '“Dr. Ana Ruiz of the U.S. Geological Survey said on…”');
    const short = 'The tremor near the dam caused no damage, engineers said on Tuesday after a long inspection.\n';
    assert.equal(labelOf('/s/5d63.txt', short), '“The tremor near the dam caused no damage, engineers said…”');
    const whole = 'Nobody was hurt in the small tremor.\n';
    assert.equal(labelOf('/s/5d64.txt', whole), '“Nobody was hurt in the small tremor”', 'a short sentence is quoted whole, without its full stop');
  });

  test('no headline but an outlet and date: both, then the opening words', () => {
    const text = 'Valley Times, June 2, 2024\n\nThe water utility said on Sunday that tap water in the valley is safe to drink again after last week’s flood.\n';
    assert.equal(labelOf('/s/9b1e.txt', text), 'Valley Times, June 2, 2024: “The water utility said on Sunday that tap water in…”');
  });

  test('Markdown that was blanked leaves no stray spaces in the label', () => {
    const text = 'The **harbour master**, [Ivan Dimitrov](https://example.org), said the work cost 3.2 million euros and took fourteen days.\n';
    assert.equal(labelOf('/s/e41f.md', text, 'markdown'), '“The harbour master, Ivan Dimitrov, said the work cost 3.2…”');
  });

  test('the file name only when the text has no sentence to name it by', () => {
    assert.equal(labelOf('/s/scan_0042.txt', 'x y\n\n12 34\n'), 'scan_0042.txt');
    assert.equal(documentLabel({ title: 'notes' }, ['Too short.'], { fileName: 'notes.txt' }), 'notes.txt');
    assert.equal(documentLabel({ title: 'notes', outlet: 'Lowland Post', date: '2025-02-03' }, [], { fileName: 'notes.txt' }), 'Lowland Post, Feb. 3, 2025');
  });

  test('boilerplate never names a document', () => {
    const text = 'Subscribe to our newsletter for the latest news and updates from the region every week.\n\nThe harbour reopened on Monday after fourteen days of repairs to the north pier.\n';
    assert.equal(labelOf('/s/b7.txt', text), '“The harbour reopened on Monday after fourteen days of repairs…”');
  });

  test('a saved web page is named by its meta tags', () => {
    const html = '<html><head><title>Tide tables change | Coast News</title><meta property="og:site_name" content="Coast News"><meta property="article:published_time" content="2024-11-05T08:00:00Z"></head><body><h1>Tide tables change</h1><p>The harbour office published new tide tables on Tuesday after the survey of the channel was finished.</p></body></html>';
    assert.equal(labelOf('/s/3f2a.html', html, 'html'), 'Coast News, Nov. 5, 2024: “Tide tables change”');
  });

  test('dates in AP style', () => {
    assert.deepEqual(['2025-01-12', '2024-03-03', '2023-09-30', '2022-05-01'].map(formatDate), ['Jan. 12, 2025', 'March 3, 2024', 'Sept. 30, 2023', 'May 1, 2022']);
    assert.equal(formatDate('sometime'), 'sometime');
  });
});

test('a finding names the source by its label, not by its file name', async () => {
  const parsed = parseSourceDocument('/s/002_9aa3f48b954331ad.txt', 'Lighthouse reopens to visitors\n\nBy Ida Lund, Coast News, April 2, 2024\n\nThe Varna lighthouse has 212 steps and reopened to visitors on Monday.\n', 'text');
  const data: CorpusData = { documents: [parsed.document], passages: parsed.passages.map((p, id) => ({ ...p, id, doc: 0 })), skipped: [] };
  const index = await CorpusIndex.build(data);
  const { results } = await checkDocument(index, 'The Varna lighthouse has 240 steps and reopened to visitors on Monday.\n', { format: 'plaintext' });
  const conflict = results.find((r) => r.verdict === 'conflicting');
  assert.ok(conflict, JSON.stringify(results));
  assert.equal(conflict.evidence[0]!.label, 'Coast News, April 2, 2024: “Lighthouse reopens to visitors”');
  assert.equal(messageOf(conflict), 'Conflicting: the draft says "240", the source says "212" [number] (Coast News, April 2, 2024: “Lighthouse reopens to visitors”).');
  assert.doesNotMatch(messageOf(conflict), /9aa3f48b/);
});
