/** Shared data shapes of the engine. Offsets are UTF-16 code-unit offsets into the original text. */
import type { Explanation } from './check/explain';

export type { Explanation } from './check/explain';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 character within the line (as in LSP and VS Code). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A sentence found in a text: `text === source.slice(offset, offset + length)`. */
export interface SentenceSpan {
  offset: number;
  length: number;
  text: string;
}

/** Cooperative cancellation, shaped like VS Code's token so the adapter can pass its own. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

/** What the text of a source states about itself; every field optional but `title`. */
export interface DocumentMeta {
  title: string;
  outlet?: string;
  author?: string;
  /** ISO date (YYYY-MM-DD) when the text states a publication date. */
  date?: string;
  /**
   * What a writer is shown to name the source: outlet, date and headline, or the opening words of
   * its first sentence, the file name only as a last resort. Every loaded document has one; hand-built
   * corpora may leave it out.
   */
  label?: string;
}

/**
 * Where a passage is in a file that is not plain text: the page (and line on it) of a PDF, the
 * paragraph of a Word document, the cue time of a transcript, the message of a mailbox.
 */
export interface PassageLocation {
  page?: number;
  /** 1-based line on the page. */
  line?: number;
  /** 1-based paragraph of a word-processor document. */
  paragraph?: number;
  /** Start of the transcript cue, "HH:MM:SS.mmm". */
  time?: string;
  /** 1-based message of a mailbox. */
  message?: number;
}

/** One sentence of a source document: the unit of evidence. */
export interface Passage {
  /** Index of the passage in the corpus (stable within one index). */
  id: number;
  /** Index of the owning document in `CorpusData.documents`. */
  doc: number;
  text: string;
  /** Offset of the sentence in the cleaned document text (== original text for .txt/.md). */
  offset: number;
  /** 1-based line of the sentence's first character in the original source file. */
  line: number;
  /** Index of the paragraph within the document; passages of one paragraph share it. */
  paragraph: number;
  /** Where in the original file, for formats where a line of the extracted text says little. */
  location?: PassageLocation;
}

export interface SourceDocument {
  /** Path as given to the loader joined with the file's relative path, with forward slashes. */
  path: string;
  meta: DocumentMeta;
  /** Cleaned text: boilerplate lines blanked out (kept as empty lines so line numbers hold). */
  text: string;
  /** Content hash of the raw file (for cache invalidation). */
  hash: string;
}

/** A document as an index keeps it: its passages carry the text. */
export type IndexedDocument = Omit<SourceDocument, 'text'>;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CorpusData {
  documents: SourceDocument[];
  passages: Passage[];
  skipped: SkippedFile[];
}

export type Verdict = 'supported' | 'conflicting' | 'contested' | 'unverified' | 'skipped';
export type ConflictKind = 'number' | 'date' | 'name' | 'negation' | 'quote' | 'role';
export type Stance = 'supports' | 'conflicts' | 'related';

export interface Conflict {
  kind: ConflictKind;
  /** The draft's value, as written. */
  claimed: string;
  /** The source's value, as written. */
  source: string;
  /** Offsets of the claimed value relative to the start of the draft text (not the statement). */
  offset: number;
  length: number;
  /** Passage that holds the source value. */
  passage: number;
}

export interface Evidence {
  passage: number;
  source: string;
  title: string;
  /** The document's label (`DocumentMeta.label`), so every message can say who said it. */
  label?: string;
  line: number;
  /** Page, time or paragraph in the original file, when the source is not plain text. */
  location?: PassageLocation;
  excerpt: string;
  stance: Stance;
  score: number;
}

export interface StatementResult {
  text: string;
  offset: number;
  length: number;
  verdict: Verdict;
  confidence: number;
  /** Why a statement was skipped (opinion, question, ...), for hovers and logs. */
  reason?: string;
  conflicts: Conflict[];
  evidence: Evidence[];
  /** Why this verdict: the relation that matched, the values that differ, or what no source states. */
  why?: Explanation;
}
