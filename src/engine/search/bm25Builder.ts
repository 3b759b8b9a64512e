/**
 * Building a Bm25Index: passages are added in id order, their (term, passage, count) triples
 * collected in blocks, then counting-sorted into per-term postings, pausing between slices.
 */
import { inBlocks, type TimeSlicer } from '../util/timeSlicer';
import { Bm25Index, type Bm25Parameters, countTerms } from './bm25';

const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;

/**
 * A typed array that grows block by block. Not by doubling: copying a 30 MB array into a 60 MB
 * one in a single step blocked the event loop for tens of milliseconds on a large corpus.
 */
class BlockArray<T extends Uint32Array | Uint16Array | Uint8Array> {
  length = 0;
  private readonly blocks: T[] = [];
  constructor(private readonly make: (n: number) => T) {}
  push(value: number): void {
    const at = this.length & (BLOCK_SIZE - 1);
    if (at === 0) this.blocks.push(this.make(BLOCK_SIZE));
    this.blocks[this.blocks.length - 1]![at] = value;
    this.length++;
  }
  get blockCount(): number {
    return this.blocks.length;
  }
  /** Block b, cut to its filled part. */
  block(b: number): T {
    const filled = Math.min(BLOCK_SIZE, this.length - b * BLOCK_SIZE);
    return this.blocks[b]!.subarray(0, filled) as T;
  }
  /** The values in one array of exactly their number. */
  toArray(): T {
    const out = this.make(this.length);
    for (let b = 0; b < this.blocks.length; b++) out.set(this.block(b), b * BLOCK_SIZE);
    return out;
  }
}

const u32 = (n: number) => new Uint32Array(n);
const u16 = (n: number) => new Uint16Array(n);
const u8 = (n: number) => new Uint8Array(n);

/** Counting sort of (term, item, count) triples into per-term postings, items kept in order. */
async function toPostings(termCount: number, pairTerm: BlockArray<Uint32Array>, pairItem: BlockArray<Uint32Array>, pairCount: BlockArray<Uint8Array>, slicer?: TimeSlicer) {
  const start = new Uint32Array(termCount + 1);
  for (let b = 0; b < pairTerm.blockCount; b++) {
    for (const t of pairTerm.block(b)) start[t + 1]!++;
    if (slicer?.expired()) await slicer.pause();
  }
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, termCount);
  const items = new Uint32Array(pairTerm.length);
  const counts = new Uint8Array(pairTerm.length);
  for (let b = 0; b < pairTerm.blockCount; b++) {
    const terms = pairTerm.block(b);
    const source = pairItem.block(b);
    const sourceCounts = pairCount.block(b);
    for (let i = 0; i < terms.length; i++) {
      const at = next[terms[i]!]!++;
      items[at] = source[i]!;
      counts[at] = sourceCounts[i]!;
    }
    if (slicer?.expired()) await slicer.pause();
  }
  return { start, items, counts };
}

/** Collects passages in id order (0, 1, 2, …), then freezes them into a Bm25Index. */
export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly pairTerm = new BlockArray(u32);
  private readonly pairPassage = new BlockArray(u32);
  private readonly pairCount = new BlockArray(u8);
  private readonly passageLength = new BlockArray(u16);
  private readonly passageDocument = new BlockArray(u32);
  private readonly titleTerm = new BlockArray(u32);
  private readonly titleDocument = new BlockArray(u32);
  private readonly titleCount = new BlockArray(u8);
  private readonly titleLength: number[] = [];

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }


  /** Sets a document's title terms; call once per document before or after its passages. */
  setTitle(document: number, terms: readonly string[]): void {
    const counts = countTerms(terms);
    while (this.titleLength.length <= document) this.titleLength.push(1);
    this.titleLength[document] = Math.max(1, counts.size);
    for (const [term, n] of counts) {
      this.titleTerm.push(this.idOf(term));
      this.titleDocument.push(document);
      this.titleCount.push(Math.min(255, n));
    }
  }

  /** Adds the next passage (its id is the number of passages added before it). */
  addPassage(document: number, terms: readonly string[]): void {
    const id = this.passageLength.length;
    const counts = countTerms(terms);
    this.passageLength.push(Math.min(0xffff, Math.max(1, counts.size)));
    this.passageDocument.push(document);
    for (const [term, n] of counts) {
      this.pairTerm.push(this.idOf(term));
      this.pairPassage.push(id);
      this.pairCount.push(Math.min(255, n));
    }
  }

  /** Freezes the collected passages; long loops pause on `slicer` so a large corpus never blocks. */
  async finish(parameters: Bm25Parameters, titleBoost: number, slicer?: TimeSlicer): Promise<Bm25Index> {
    const termCount = this.terms.length;
    const body = await toPostings(termCount, this.pairTerm, this.pairPassage, this.pairCount, slicer);
    const title = await toPostings(termCount, this.titleTerm, this.titleDocument, this.titleCount, slicer);
    const passageDocument = this.passageDocument.toArray();
    let documentCount = this.titleLength.length;
    for (const doc of passageDocument) documentCount = Math.max(documentCount, doc + 1);
    const titleLength = new Uint16Array(documentCount).fill(1);
    this.titleLength.forEach((n, d) => (titleLength[d] = Math.min(0xffff, n)));
    const documentStart = new Uint32Array(documentCount + 1);
    for (const doc of passageDocument) documentStart[doc + 1]!++;
    for (let d = 0; d < documentCount; d++) documentStart[d + 1]! += documentStart[d]!;
    const next = documentStart.slice(0, documentCount);
    const documentPassage = new Uint32Array(passageDocument.length);
    if (slicer?.expired()) await slicer.pause();
    await inBlocks(passageDocument.length, slicer, (from, to) => {
      for (let p = from; p < to; p++) documentPassage[next[passageDocument[p]!]!++] = p;
    });
    const passageLength = this.passageLength.toArray();
    return Bm25Index.create(
      {
        terms: this.terms,
        postingStart: body.start,
        postingPassage: body.items,
        postingCount: body.counts,
        passageLength,
        titleStart: title.start,
        titleDocument: title.items,
        titleCount: title.counts,
        titleLength,
        documentStart,
        documentPassage,
      },
      parameters,
      titleBoost,
      slicer,
      this.termIds,
    );
  }
}
