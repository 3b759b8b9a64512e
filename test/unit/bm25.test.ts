import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { Bm25Builder } from '../../src/engine/search/bm25Builder';
import { contentTerms } from '../../src/engine/text/tokenize';
import { TimeSlicer } from '../../src/engine/util/timeSlicer';

const PARAMETERS = { k: 1.5, b: 0.9, d: 0.5 };
const TITLE_BOOST = 0.5;

/** The reference: MiniSearch with the same two fields and BM25 parameters (what the index replaced). */
function miniSearchOf(passages: { terms: string[]; title: string[] }[]) {
  const split = (s: string) => s.split(' ');
  const keep = (t: string) => t || null;
  const ms = new MiniSearch<{ id: number; terms: string; title: string }>({
    fields: ['terms', 'title'],
    tokenize: split,
    processTerm: keep,
    searchOptions: { combineWith: 'OR', boost: { title: TITLE_BOOST }, bm25: PARAMETERS, tokenize: split, processTerm: keep },
  });
  ms.addAll(passages.map((p, id) => ({ id, terms: p.terms.join(' '), title: p.title.join(' ') })));
  return ms;
}

describe('BM25 index', () => {
  test('ranks and scores exactly as MiniSearch with the same fields and parameters', async () => {
    const corpus = await loadCorpus([path.join(__dirname, '..', '..', 'corpus')]);
    const builder = new Bm25Builder();
    corpus.documents.forEach((d, i) => builder.setTitle(i, contentTerms(d.meta.title)));
    const rows = corpus.passages.map((p) => ({ terms: contentTerms(p.text), title: contentTerms(corpus.documents[p.doc]!.meta.title) }));
    for (const [k, p] of corpus.passages.entries()) builder.addPassage(p.doc, rows[k]!.terms);
    const ours = await builder.finish(PARAMETERS, TITLE_BOOST);
    const reference = miniSearchOf(rows);
    // Queries: every third sentence's own terms (a repeated term counts twice in both), plus a few odd ones.
    const queries = rows.filter((_, k) => k % 3 === 0).map((r) => r.terms);
    queries.push(['unknownword'], [], ['ceasefire', 'ceasefire', 'talks'], rows[0]!.title);
    let compared = 0;
    for (const q of queries) {
      const expected = reference.search(q.join(' ')).slice(0, 10);
      const got = ours.search(q, 10);
      assert.equal(got.length, expected.length, `hits for ${q.join(' ')}`);
      for (let i = 0; i < got.length; i++) {
        // Equal scores may come in either order; the score at each rank must agree.
        assert.ok(Math.abs(got[i]!.score - expected[i]!.score) < 1e-9 * expected[i]!.score, `score at rank ${i} for ${q.join(' ')}: ${got[i]!.score} vs ${expected[i]!.score}`);
        if (i + 1 < got.length && expected[i]!.score !== expected[i + 1]!.score && (i === 0 || expected[i - 1]!.score !== expected[i]!.score)) assert.equal(got[i]!.id, expected[i]!.id);
        compared++;
      }
    }
    assert.ok(compared > 200, `compared ${compared} ranks`);
  });

  test('skipping common terms for passages not yet found never changes the answer (Zipf-like corpus)', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Word w appears with probability ~ 1/(w+1): a few words in most passages, most words rare.
    const word = () => `w${Math.floor(1 / (random() * 0.999 + 0.001)) - 1}`;
    const rows = Array.from({ length: 4000 }, () => ({ terms: Array.from({ length: 4 + Math.floor(random() * 12) }, word), title: [] as string[] }));
    rows.forEach((r, i) => (r.title = Math.floor(i / 50) % 2 === 0 ? ['w0', `t${Math.floor(i / 50)}`] : []));
    const builder = new Bm25Builder();
    for (let doc = 0; doc < 80; doc++) builder.setTitle(doc, rows[doc * 50]!.title);
    rows.forEach((r, i) => builder.addPassage(Math.floor(i / 50), r.terms));
    const ours = await builder.finish(PARAMETERS, TITLE_BOOST);
    const reference = miniSearchOf(rows);
    for (let q = 0; q < 150; q++) {
      // A rarer word or two among common ones: the shape where common terms get skipped.
      const query = Array.from({ length: 1 + Math.floor(random() * 3) }, word);
      for (let c = 0; c < 2 + (q % 5); c++) query.push(`w${Math.floor(random() * 6)}`);
      const limit = [1, 5, 30][q % 3]!;
      const expected = reference.search(query.join(' ')).slice(0, limit).map((h) => h.score);
      const got = ours.search(query, limit).map((h) => h.score);
      assert.equal(got.length, expected.length, query.join(' '));
      got.forEach((g, i) => assert.ok(Math.abs(g - expected[i]!) < 1e-9 * expected[i]!, `${query.join(' ')}: rank ${i} ${g} vs ${expected[i]}`));
    }
  });

  test('keeps the best `limit` hits, best first, ties to the earlier passage', async () => {
    const builder = new Bm25Builder();
    builder.setTitle(0, []);
    for (const terms of [['a'], ['a', 'b'], ['a'], ['c'], ['a', 'b', 'b']]) builder.addPassage(0, terms);
    const index = await builder.finish(PARAMETERS, TITLE_BOOST);
    const hits = index.search(['a', 'b'], 3);
    assert.deepEqual(hits.map((h) => h.id), [4, 1, 0]);
    assert.ok(hits[0]!.score > hits[1]!.score && hits[1]!.score > hits[2]!.score);
    assert.deepEqual(index.search(['a'], 10).map((h) => h.id), [0, 2, 1, 4]);
    assert.deepEqual(index.search(['zzz'], 10), []);
    assert.deepEqual(index.search(['a'], 0), []);
    // Accumulators are cleared between queries: the same query twice scores the same, also after
    // the warm-up queries an index runs when it is built or loaded.
    assert.deepEqual(index.search(['a', 'b'], 3), hits);
    await index.warmUp(new TimeSlicer(1, undefined, 1), 50);
    assert.deepEqual(index.search(['a', 'b'], 3), hits);
  });

  test('title terms score every sentence of their document', async () => {
    const builder = new Bm25Builder();
    builder.setTitle(0, ['glacier']);
    builder.setTitle(1, ['harbour']);
    builder.addPassage(0, ['ice', 'melt']);
    builder.addPassage(0, ['summer']);
    builder.addPassage(1, ['ice', 'ship']);
    const index = await builder.finish(PARAMETERS, TITLE_BOOST);
    assert.deepEqual(index.search(['glacier'], 5).map((h) => h.id), [0, 1]);
    assert.equal(index.search(['ice', 'glacier'], 1)[0]!.id, 0);
    assert.equal(index.passagesWith('ice'), 2);
    assert.equal(index.passagesWith('glacier'), 0, 'title words do not count as sentence words');
  });

  test('a large build yields to the event loop and can be cancelled', async () => {
    const builder = new Bm25Builder();
    builder.setTitle(0, []);
    for (let i = 0; i < 200_000; i++) builder.addPassage(0, [`w${i % 5000}`, `v${i % 77}`, 'common']);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await builder.finish(PARAMETERS, TITLE_BOOST, new TimeSlicer(1, undefined, 1));
    clearInterval(timer);
    assert.ok(ticks > 0, 'timers ran while the index was finished');
    const cancelled = new Bm25Builder();
    for (let i = 0; i < 200_000; i++) cancelled.addPassage(0, ['x']);
    await assert.rejects(cancelled.finish(PARAMETERS, TITLE_BOOST, new TimeSlicer(1, { isCancellationRequested: true }, 1)), /Cancelled/);
  });
});
