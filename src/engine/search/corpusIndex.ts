import { analyze, type Analysis } from '../facts/analysis';
import { extractRoles, type RoleFact } from '../facts/roles';
import { STOPWORDS } from '../text/lexicon';
import { contentTerms, termOf, tokenize } from '../text/tokenize';
import type { CancellationToken, CorpusData, IndexedDocument, Passage, SkippedFile } from '../types';
import { SLICE_MS, TimeSlicer } from '../util/timeSlicer';
import { Bm25Index, type Bm25Parameters } from './bm25';
import { Bm25Builder } from './bm25Builder';
import { NameVariants } from './nameVariants';
import { decodeSnapshot, encodeSnapshot, INDEX_FORMAT_VERSION } from './snapshot';

export { INDEX_FORMAT_VERSION };

export interface SearchHit {
  passage: Passage;
  score: number;
}

/**
 * Title words count for every sentence of a document: a sentence about "the ice sheet" in an
 * article titled "Greenland ice sheet" is about Greenland. Weighted low so the sentence's own
 * words decide among sentences.
 */
const TITLE_BOOST = 0.5;

/**
 * BM25 with stronger length normalisation than the usual b 0.7: evidence is one sentence, and
 * long sentences should not win on length alone. Set on the Climate-FEVER retrieval task
 * (recall@5 0.696 → 0.712); generic parameters, not a rule about any claim.
 */
const BM25_PARAMETERS: Bm25Parameters = { k: 1.5, b: 0.9, d: 0.5 };


function isSentenceInitial(text: string, start: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const c = text[k];
    if (c === ' ' || c === '"' || c === '“' || c === '‘' || c === "'" || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === ':' || c === '\n';
  }
  return true;
}

/** Number terms start with a digit; they are indexed but, being facts, never count as common. */
const isNumberTerm = (term: string) => term.charCodeAt(0) >= 48 && term.charCodeAt(0) <= 57;

/**
 * The searchable corpus: an inverted index with BM25 ranking over sentences, plus the statistics
 * the comparer needs (term rarity, which words are names, spelling variants). It keeps passages,
 * not whole document texts: a passage is all a check or a hover ever shows.
 */
export class CorpusIndex {
  private readonly analyses = new Map<number, Analysis>();
  private readonly roleCache = new Map<number, RoleFact[]>();
  readonly variants: NameVariants;

  private constructor(
    readonly documents: IndexedDocument[],
    readonly passages: Passage[],
    readonly skipped: SkippedFile[],
    private readonly bm25: Bm25Index,
    private readonly properNouns: Set<string>,
    private readonly nameTerms: string[],
  ) {
    this.variants = new NameVariants(() => this.nameTerms);
  }

  /**
   * Indexes a loaded corpus. Works in slices of ~12 ms, so it can run on the editor's extension
   * host; `token` cancels between slices.
   */
  static async build(corpus: CorpusData, token?: CancellationToken, onProgress?: (done: number, total: number) => void): Promise<CorpusIndex> {
    const slicer = new TimeSlicer(SLICE_MS, token, 16);
    const builder = new Bm25Builder();
    const capitalisedInside = new Map<string, number>();
    const lowercase = new Map<string, number>();
    const nameTerms = new Set<string>();
    const passages = corpus.passages;
    for (const [i, d] of corpus.documents.entries()) {
      builder.setTitle(i, contentTerms(d.meta.title ?? ''));
      if (slicer.due()) await slicer.pause();
    }
    for (let id = 0; id < passages.length; id++) {
      const p = passages[id]!;
      if (p.id !== id) throw new Error(`passage ${id} has id ${p.id}: passages must be numbered in order`);
      const terms: string[] = [];
      const tokens = tokenize(p.text);
      // Title Case headlines capitalise every word; they say nothing about which words are names.
      const content = tokens.filter((t) => !t.stop && !t.isNumber);
      const titleCase = !/[.!?]["”’)]*$/.test(p.text) && content.filter((t) => t.capitalized).length >= 0.8 * content.length;
      for (const t of tokens) {
        if (t.isNumber) {
          terms.push(t.term);
          continue;
        }
        if (t.capitalized) {
          if (!titleCase && !isSentenceInitial(p.text, t.start)) {
            capitalisedInside.set(t.norm, (capitalisedInside.get(t.norm) ?? 0) + 1);
            if (!t.stop) nameTerms.add(t.term);
          }
        } else lowercase.set(t.norm, (lowercase.get(t.norm) ?? 0) + 1);
        if (!t.stop) terms.push(t.term);
      }
      builder.addPassage(p.doc, terms);
      if (slicer.due()) {
        onProgress?.(id + 1, passages.length);
        await slicer.pause();
      }
    }
    onProgress?.(passages.length, passages.length);
    const bm25 = await builder.finish(BM25_PARAMETERS, TITLE_BOOST, slicer);
    const proper = new Set<string>();
    for (const [norm, n] of capitalisedInside) {
      if (n > (lowercase.get(norm) ?? 0)) proper.add(norm);
      if (slicer.due()) await slicer.pause();
    }
    const documents = corpus.documents.map(({ path, meta, hash }) => ({ path, meta, hash }));
    const index = new CorpusIndex(documents, passages, corpus.skipped, bm25, proper, [...nameTerms]);
    await index.variants.prepare(slicer);
    await bm25.warmUp(slicer);
    return index;
  }

  /** Reads an index back from `serialize()`'s bytes; throws when they are of another format. */
  static async deserialize(bytes: Uint8Array, token?: CancellationToken): Promise<CorpusIndex> {
    const slicer = new TimeSlicer(SLICE_MS, token, 1);
    const s = await decodeSnapshot(bytes, slicer);
    const bm25 = await Bm25Index.create(s.bm25, BM25_PARAMETERS, TITLE_BOOST, slicer);
    const index = new CorpusIndex(s.documents, s.passages, s.skipped, bm25, new Set(s.properNouns), s.nameTerms);
    await index.variants.prepare(slicer);
    await bm25.warmUp(slicer);
    return index;
  }

  /** The index as bytes (in pieces, to be written one after another), made in short slices. */
  serialize(token?: CancellationToken): Promise<Uint8Array[]> {
    const snapshot = { documents: this.documents, passages: this.passages, skipped: this.skipped, properNouns: [...this.properNouns], nameTerms: this.nameTerms, bm25: this.bm25.data };
    return encodeSnapshot(snapshot, new TimeSlicer(SLICE_MS, token, 1));
  }

  get documentCount(): number {
    return this.documents.length;
  }

  /** Whether the corpus uses the term as a word (numbers aside). */
  private knows(term: string): boolean {
    return !isNumberTerm(term) && this.bm25.has(term);
  }

  /** Inverse document frequency of a term; unseen terms (and numbers) count as rare. */
  idf(term: string): number {
    const n = this.passages.length || 1;
    const d = isNumberTerm(term) ? 0 : this.bm25.passagesWith(term);
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  }


  /**
   * Whether a capitalised word at the start of a claim's sentence is a name: yes if the corpus
   * writes it capitalised inside sentences; no if the corpus uses it as an ordinary word; and for a
   * word the corpus never uses, yes — an unknown capitalised word is far more often a name.
   */
  isProperNoun = (norm: string): boolean | undefined => {
    if (this.properNouns.has(norm)) return true;
    if (STOPWORDS.has(norm)) return false;
    return !this.knows(termOf(norm));
  };

  /** Corpus spellings of a name term: look-alikes for unknown terms, transliterations for known ones. */
  nameVariants = (term: string): readonly string[] => this.variants.of(term, this.knows(term));

  /** BM25-ranked passages for a list of terms (already normalised by our tokenizer). */
  searchTerms(terms: string[], limit: number): SearchHit[] {
    return this.bm25.search(terms, limit).map((h) => ({ passage: this.passages[h.id]!, score: h.score }));
  }

  /** Free-text search, as the CLI's `search` command and the editor's quick pick use it. */
  search(text: string, limit = 10): SearchHit[] {
    const terms: string[] = [];
    for (const t of tokenize(text)) {
      if (t.stop) continue;
      terms.push(t.term, ...this.nameVariants(t.term));
    }
    return this.searchTerms(terms, limit);
  }

  /** Roles the passage gives people, computed once per passage. */
  roles(id: number): RoleFact[] {
    let r = this.roleCache.get(id);
    if (!r) {
      r = extractRoles(this.analysis(id));
      if (this.roleCache.size > 50_000) this.roleCache.clear();
      this.roleCache.set(id, r);
    }
    return r;
  }

  /** Facts of a passage, computed once and kept (the corpus does not change under an index). */
  analysis(id: number): Analysis {
    let a = this.analyses.get(id);
    if (!a) {
      const passage = this.passages[id];
      a = analyze(passage.text, this.isProperNoun, this.documents[passage.doc]?.meta.date);
      if (this.analyses.size > 50_000) this.analyses.clear();
      this.analyses.set(id, a);
    }
    return a;
  }

  /** Earlier sentences of the passage's document, beyond its neighbours, nearest first. */
  background(id: number, neighbours: number[], reach = 10): number[] {
    const doc = this.passages[id].doc;
    const out: number[] = [];
    for (let k = id - 1; k >= Math.max(0, id - reach); k--) {
      if (this.passages[k].doc !== doc) break;
      if (!neighbours.includes(k)) out.push(k);
    }
    return out;
  }

  /**
   * The sentences a passage is read with: the two before and after it, and the rest of its
   * paragraph (up to a few sentences each way), since a claim often joins facts a paragraph spreads.
   */
  neighbours(id: number, radius = 2, paragraphRadius = 6): number[] {
    const p = this.passages[id];
    const out: number[] = [];
    for (let k = id - paragraphRadius; k <= id + paragraphRadius; k++) {
      const q = this.passages[k];
      if (k === id || !q || q.doc !== p.doc) continue;
      if (Math.abs(k - id) <= radius || q.paragraph === p.paragraph) out.push(k);
    }
    // Nearest first: the comparer reads the adjacent sentences before the rest of the paragraph.
    return out.sort((a, b) => Math.abs(a - id) - Math.abs(b - id) || a - b);
  }
}
