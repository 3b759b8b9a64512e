import MiniSearch, { type Options } from 'minisearch';
import { analyze, type Analysis } from '../facts/analysis';
import { extractRoles, type RoleFact } from '../facts/roles';
import { STOPWORDS } from '../text/lexicon';
import { contentTerms, termOf, tokenize } from '../text/tokenize';
import { type CancellationToken, type CorpusData, type Passage, type SkippedFile, type SourceDocument, throwIfCancelled } from '../types';
import { NameVariants } from './nameVariants';

export const INDEX_FORMAT_VERSION = 2;

export interface SerializedIndex {
  format: number;
  documents: SourceDocument[];
  passages: Passage[];
  skipped: SkippedFile[];
  documentFrequency: [string, number][];
  properNouns: string[];
  nameTerms: string[];
  search: unknown;
}

export interface SearchHit {
  passage: Passage;
  score: number;
}

const CHUNK = 2000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A passage as MiniSearch sees it: its own terms, and its document's title terms. */
interface IndexedPassage {
  id: number;
  terms: string;
  title: string;
}

/**
 * Title words count for every sentence of a document: a sentence about "the ice sheet" in an
 * article titled "Greenland ice sheet" is about Greenland. Weighted low so the sentence's own
 * words decide among sentences.
 */
const TITLE_BOOST = 0.5;

/**
 * BM25 with stronger length normalisation than MiniSearch's default (b 0.9 against 0.7): evidence
 * is one sentence, and long sentences should not win on length alone. Set on the Climate-FEVER
 * retrieval task (recall@5 0.696 → 0.712); generic parameters, not a rule about any claim.
 */
const BM25_PARAMETERS = { k: 1.5, b: 0.9, d: 0.5 };

const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: ['terms', 'title'],
  idField: 'id',
  // Terms are produced once by our tokenizer (folding, lemmas, stems, synonyms); MiniSearch only splits them.
  tokenize: (s: string) => s.split(' '),
  processTerm: (t: string) => t || null,
  searchOptions: { combineWith: 'OR', boost: { title: TITLE_BOOST }, bm25: BM25_PARAMETERS, tokenize: (s: string) => s.split(' '), processTerm: (t: string) => t || null },
};

function newMiniSearch(): MiniSearch<IndexedPassage> {
  return new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
}

function isSentenceInitial(text: string, start: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const c = text[k];
    if (c === ' ' || c === '"' || c === '“' || c === '‘' || c === "'" || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === ':' || c === '\n';
  }
  return true;
}

/**
 * The searchable corpus: an inverted index with BM25 ranking (MiniSearch) over sentences, plus
 * the statistics the comparer needs (term rarity, which words are names, spelling variants).
 */
export class CorpusIndex {
  private readonly analyses = new Map<number, Analysis>();
  private readonly roleCache = new Map<number, RoleFact[]>();
  readonly variants: NameVariants;
  private readonly df: Map<string, number>;
  private readonly properNouns: Set<string>;

  private constructor(
    readonly documents: SourceDocument[],
    readonly passages: Passage[],
    readonly skipped: SkippedFile[],
    private readonly miniSearch: MiniSearch<IndexedPassage>,
    df: Map<string, number>,
    properNouns: Set<string>,
    private readonly nameTerms: string[],
  ) {
    this.df = df;
    this.properNouns = properNouns;
    this.variants = new NameVariants(() => this.nameTerms);
  }

  static async build(corpus: CorpusData, token?: CancellationToken, onProgress?: (done: number, total: number) => void): Promise<CorpusIndex> {
    const ms = newMiniSearch();
    const df = new Map<string, number>();
    const capitalisedInside = new Map<string, number>();
    const lowercase = new Map<string, number>();
    const nameTerms = new Set<string>();
    const passages = corpus.passages;
    const titles = new Map<number, string>();
    const titleTerms = (doc: number) => {
      let t = titles.get(doc);
      if (t === undefined) {
        t = contentTerms(corpus.documents[doc]?.meta.title ?? '').join(' ');
        titles.set(doc, t);
      }
      return t;
    };
    for (let from = 0; from < passages.length; from += CHUNK) {
      throwIfCancelled(token);
      const batch: IndexedPassage[] = [];
      for (const p of passages.slice(from, from + CHUNK)) {
        const seen = new Set<string>();
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
          if (t.stop) continue;
          terms.push(t.term);
          if (!seen.has(t.term)) {
            seen.add(t.term);
            df.set(t.term, (df.get(t.term) ?? 0) + 1);
          }
        }
        batch.push({ id: p.id, terms: terms.join(' '), title: titleTerms(p.doc) });
      }
      ms.addAll(batch);
      onProgress?.(Math.min(from + CHUNK, passages.length), passages.length);
      if (from + CHUNK < passages.length) await yieldToEventLoop();
    }
    const proper = new Set<string>();
    for (const [norm, n] of capitalisedInside) if (n > (lowercase.get(norm) ?? 0)) proper.add(norm);
    return new CorpusIndex(corpus.documents, passages, corpus.skipped, ms, df, proper, [...nameTerms]);
  }

  static fromJSON(data: SerializedIndex): CorpusIndex {
    if (!data || data.format !== INDEX_FORMAT_VERSION) throw new Error(`Unsupported index format ${data?.format}; rebuild the index.`);
    const ms = MiniSearch.loadJS<IndexedPassage>(data.search as never, MINISEARCH_OPTIONS);
    return new CorpusIndex(data.documents, data.passages, data.skipped, ms, new Map(data.documentFrequency), new Set(data.properNouns), data.nameTerms);
  }

  toJSON(): SerializedIndex {
    return {
      format: INDEX_FORMAT_VERSION,
      documents: this.documents,
      passages: this.passages,
      skipped: this.skipped,
      documentFrequency: [...this.df],
      properNouns: [...this.properNouns],
      nameTerms: this.nameTerms,
      search: this.miniSearch.toJSON(),
    };
  }

  get documentCount(): number {
    return this.documents.length;
  }

  /** Inverse document frequency of a term; unseen terms count as rare. */
  idf(term: string): number {
    const n = this.passages.length || 1;
    const d = this.df.get(term) ?? 0;
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
    return !this.df.has(termOf(norm));
  };

  /** Corpus spellings of a name term: look-alikes for unknown terms, transliterations for known ones. */
  nameVariants = (term: string): readonly string[] => this.variants.of(term, this.df.has(term));

  /** BM25-ranked passages for a list of terms (already normalised by our tokenizer). */
  searchTerms(terms: string[], limit: number): SearchHit[] {
    const query = terms.filter(Boolean).join(' ');
    if (!query) return [];
    const hits = this.miniSearch.search(query);
    return hits.slice(0, limit).map((h) => ({ passage: this.passages[h.id as number], score: h.score }));
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
      a = analyze(this.passages[id].text, this.isProperNoun);
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
