/**
 * A compact BM25 index over passages: postings in typed arrays (compressed-sparse-row by term),
 * scored term-at-a-time into reusable accumulators, best `limit` kept in a small heap.
 *
 * Why not a library: MiniSearch (which this replaces, same formula) keeps a Map per posting list
 * and an object per matching passage and sorts every match; on a 50 MB corpus a claim's terms
 * match ~90,000 sentences and one query took ~200 ms and the index ~6× the corpus in memory.
 * Here a query is a pass over typed arrays that skips, exactly, what can no longer make the top
 * (see `search`), and the index is about the corpus's size. Building is in bm25Builder.ts.
 *
 * Scoring is MiniSearch's BM25+ with two fields (sentence terms, and the document's title terms
 * counting for each of its sentences at a boost), summed per query term occurrence and multiplied
 * by the number of distinct query terms matched, so rankings carry over unchanged.
 */
import { inBlocks, type TimeSlicer } from '../util/timeSlicer';

export interface Bm25Parameters {
  k: number;
  b: number;
  d: number;
}

/** The arrays an index is made of; what is persisted. */
export interface Bm25Data {
  /** Term strings by term id. */
  terms: string[];
  /** Postings of term t are [postingStart[t], postingStart[t + 1]). */
  postingStart: Uint32Array;
  postingPassage: Uint32Array;
  /** Occurrences of the term in the passage, capped at 255. */
  postingCount: Uint8Array;
  /** Distinct terms per passage (MiniSearch's field length); 1 for an empty passage. */
  passageLength: Uint16Array;
  /** Title postings of term t (by document) are [titleStart[t], titleStart[t + 1]). */
  titleStart: Uint32Array;
  titleDocument: Uint32Array;
  titleCount: Uint8Array;
  /** Distinct title terms per document; 1 for no title. */
  titleLength: Uint16Array;
  /** Passages of document d are documentPassage[documentStart[d] .. documentStart[d + 1]). */
  documentStart: Uint32Array;
  documentPassage: Uint32Array;
}

export interface Bm25Hit {
  id: number;
  score: number;
}

/** How often each (non-empty) term occurs. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Passages (the first found) whose scores give the pruning threshold. */
const THRESHOLD_SAMPLE = 4096;
/** How far the bound must fall before the threshold is looked at again. */
const PRUNE_RECHECK = 0.75;

/** The scratch space of one query, kept between queries (an index answers one query at a time). */
interface Accumulators {
  score: Float64Array;
  /** Distinct query terms matched per passage. */
  matched: Uint16Array;
  /** Which query term last touched the passage, so body and title count one term once. */
  stamp: Uint32Array;
  touched: Uint32Array;
  query: number;
}

export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly averageLength: number;
  private readonly averageTitleLength: number;
  /** Passages whose document's title holds the term: the title field's document frequency. */
  private readonly titlePassages: Uint32Array;
  private scratch: Accumulators | undefined;

  private constructor(
    readonly data: Bm25Data,
    private readonly parameters: Bm25Parameters,
    private readonly titleBoost: number,
    termIds: Map<string, number>,
    statistics: { averageLength: number; averageTitleLength: number; titlePassages: Uint32Array },
  ) {
    this.termIds = termIds;
    this.averageLength = statistics.averageLength;
    this.averageTitleLength = statistics.averageTitleLength;
    this.titlePassages = statistics.titlePassages;
  }

  /** An index over `data`; `termIds` when the caller already has the term → id map. */
  static async create(data: Bm25Data, parameters: Bm25Parameters, titleBoost: number, slicer?: TimeSlicer, termIds?: Map<string, number>): Promise<Bm25Index> {
    let ids = termIds;
    if (!ids) {
      const map = new Map<string, number>();
      await inBlocks(data.terms.length, slicer, (from, to) => {
        for (let t = from; t < to; t++) map.set(data.terms[t]!, t);
      });
      ids = map;
    }
    const n = data.passageLength.length;
    let total = 0;
    await inBlocks(n, slicer, (from, to) => {
      for (let p = from; p < to; p++) total += data.passageLength[p]!;
    });
    let titleTotal = 0;
    await inBlocks(data.titleLength.length, slicer, (from, to) => {
      for (let d = from; d < to; d++) titleTotal += data.titleLength[d]! * (data.documentStart[d + 1]! - data.documentStart[d]!);
    });
    const titlePassages = new Uint32Array(data.terms.length);
    await inBlocks(data.terms.length, slicer, (from, to) => {
      for (let t = from; t < to; t++) {
        let count = 0;
        for (let j = data.titleStart[t]!; j < data.titleStart[t + 1]!; j++) {
          const d = data.titleDocument[j]!;
          count += data.documentStart[d + 1]! - data.documentStart[d]!;
        }
        titlePassages[t] = count;
      }
    });
    const averageLength = n ? total / n : 1;
    const averageTitleLength = n ? titleTotal / n : 1;
    return new Bm25Index(data, parameters, titleBoost, ids, { averageLength, averageTitleLength, titlePassages });
  }

  get passageCount(): number {
    return this.data.passageLength.length;
  }

  /**
   * Runs small queries (two words each) so the engine's compiler has optimised the scoring loops
   * before the first real query: left to the first check, a large corpus's first query ran ~7×
   * slower than the next, one 70 ms block. Each query is short, and the slicer pauses between.
   */
  async warmUp(slicer: TimeSlicer, queries = 300): Promise<void> {
    const terms = this.data.terms;
    if (!terms.length || !this.passageCount) return;
    const step = Math.max(1, Math.floor(terms.length / queries));
    for (let t = 0; t + step < terms.length; t += step) {
      this.search([terms[t]!, terms[t + step]!], 20);
      if (slicer.expired()) await slicer.pause();
    }
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Passages that contain the term (title occurrences not counted). */
  passagesWith(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.data.postingStart[t + 1]! - this.data.postingStart[t]!;
  }

  private accumulators(): Accumulators {
    const n = this.passageCount;
    if (!this.scratch) this.scratch = { score: new Float64Array(n), matched: new Uint16Array(n), stamp: new Uint32Array(n), touched: new Uint32Array(n), query: 0 };
    return this.scratch;
  }

  /**
   * The `limit` best passages for the terms (a repeated term counts again), best first.
   *
   * Terms are scored rarest first. Once even a passage matching every remaining (common) term at
   * its best could not reach the current `limit`-th score, those terms only add to passages
   * already found (max-score pruning): the answer is the same, but a word in a third of a large
   * corpus no longer costs a pass that touches a third of it.
   */
  search(terms: readonly string[], limit: number): Bm25Hit[] {
    if (limit <= 0 || !this.passageCount) return [];
    const { k, b, d } = this.parameters;
    const data = this.data;
    const n = this.passageCount;
    const idfOf = (matching: number) => Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
    const query: { t: number; repeats: number; idf: number; titleIdf: number; best: number; size: number }[] = [];
    for (const [term, repeats] of countTerms(terms)) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const body = data.postingStart[t + 1]! - data.postingStart[t]!;
      const title = this.titleBoost > 0 && data.titleStart[t + 1]! > data.titleStart[t]! ? this.titlePassages[t]! : 0;
      const idf = body ? idfOf(body) : 0;
      const titleIdf = title ? idfOf(title) : 0;
      // (tf·(k+1)) / (tf + K) < k + 1 for any tf and length: the most one term can add.
      const best = repeats * (idf + this.titleBoost * titleIdf) * (d + k + 1);
      query.push({ t, repeats, idf, titleIdf, best, size: body + title });
    }
    query.sort((x, y) => x.size - y.size || x.t - y.t);
    const remainingBest = new Float64Array(query.length + 1);
    let remainingSize = 0;
    for (let i = query.length - 1; i >= 0; i--) remainingBest[i] = remainingBest[i + 1]! + query[i]!.best;
    for (const q of query) remainingSize += q.size;

    const acc = this.accumulators();
    const { score, matched, stamp, touched } = acc;
    let touchedCount = 0;
    let onlyFound = false;
    const norm = (k * b) / this.averageLength;
    const base = k * (1 - b);
    let lastBound = Infinity;
    for (let i = 0; i < query.length; i++) {
      const q = query[i]!;
      // The most a passage not yet found could still score: every remaining term, at its best.
      const bound = remainingBest[i]! * (query.length - i);
      // Checked again only when the bound has fallen well below the last check's, so the
      // threshold is computed a few times per query, not once per term.
      if (!onlyFound && i > 0 && remainingSize > touchedCount && bound < PRUNE_RECHECK * lastBound) {
        lastBound = bound;
        // The limit-th best of the first passages found is at most the limit-th best of all of
        // them: a safe threshold, computed on a bounded sample.
        const kept = topK(acc, Math.min(touchedCount, THRESHOLD_SAMPLE), limit);
        onlyFound = kept.length === limit && bound < kept[limit - 1]!.score;
      }
      remainingSize -= q.size;
      // Stamps are per query term and never 0, so a fresh stamp marks a term not yet counted.
      const queryTerm = ++acc.query;
      const scale = q.repeats * q.idf;
      for (let j = data.postingStart[q.t]!, to = data.postingStart[q.t + 1]!; j < to; j++) {
        const p = data.postingPassage[j]!;
        if (stamp[p] === 0) {
          if (onlyFound) continue;
          touched[touchedCount++] = p;
        }
        const tf = data.postingCount[j]!;
        score[p]! += scale * (d + (tf * (k + 1)) / (tf + base + norm * data.passageLength[p]!));
        stamp[p] = queryTerm;
        matched[p]!++;
      }
      if (!q.titleIdf) continue;
      for (let j = data.titleStart[q.t]!, to = data.titleStart[q.t + 1]!; j < to; j++) {
        const doc = data.titleDocument[j]!;
        const tf = data.titleCount[j]!;
        const value = q.repeats * this.titleBoost * q.titleIdf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * data.titleLength[doc]!) / this.averageTitleLength)));
        for (let at = data.documentStart[doc]!, end = data.documentStart[doc + 1]!; at < end; at++) {
          const p = data.documentPassage[at]!;
          if (stamp[p] === 0) {
            if (onlyFound) continue;
            touched[touchedCount++] = p;
          }
          score[p]! += value;
          // The body and the title count as one matched term.
          if (stamp[p] !== queryTerm) {
            stamp[p] = queryTerm;
            matched[p]!++;
          }
        }
      }
    }
    const best = topK(acc, touchedCount, limit);
    for (let i = 0; i < touchedCount; i++) {
      const p = touched[i]!;
      score[p] = 0;
      matched[p] = 0;
      stamp[p] = 0;
    }
    // Stamps were cleared, so the query counter can restart without clashing with old stamps.
    acc.query = 0;
    return best;
  }
}

/** Scores × distinct terms matched; the best `limit`, ties to the earlier passage. */
function topK(acc: Accumulators, touchedCount: number, limit: number): Bm25Hit[] {
  const heap: Bm25Hit[] = [];
  // Min-heap on (score, -id): the root is the weakest hit kept.
  const weaker = (a: Bm25Hit, b: Bm25Hit) => a.score < b.score || (a.score === b.score && a.id > b.id);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && weaker(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && weaker(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < touchedCount; i++) {
    const p = acc.touched[i]!;
    const value = acc.score[p]! * acc.matched[p]!;
    if (heap.length === limit && (value < heap[0]!.score || (value === heap[0]!.score && p > heap[0]!.id))) continue;
    const hit = { id: p, score: value };
    if (heap.length < limit) {
      heap.push(hit);
      for (let c = heap.length - 1; c > 0; ) {
        const parent = (c - 1) >> 1;
        if (!weaker(heap[c]!, heap[parent]!)) break;
        [heap[c], heap[parent]] = [heap[parent]!, heap[c]!];
        c = parent;
      }
    } else if (weaker(heap[0]!, hit)) {
      heap[0] = hit;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.id - b.id);
}
