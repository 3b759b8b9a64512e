/**
 * What the language server and its VS Code client say to each other beyond standard LSP: method
 * names and message shapes. Engine-free at run time (types only), so the extension can share it
 * without bundling the engine. Other editors need none of this: diagnostics, hovers, quick fixes
 * and `workspace/executeCommand` are plain LSP.
 */
import type { DocumentMeta, Evidence, PassageLocation, StatementResult } from '../engine';

/** `initializationOptions` the server understands (every one optional). */
export interface ClientOptions {
  /** Where the index cache lives (the editor's storage for this workspace). */
  storagePath?: string;
  /**
   * A URI scheme under which the client shows the extracted text of PDF, Word, transcript and
   * mail sources. Links to such sources use it; without it they point at the file itself.
   */
  sourceViewScheme?: string;
  /** The client renders `$(icon)` codicons in hovers. */
  themeIcons?: boolean;
  /**
   * The client shows a statement's diagnostics, related information included, in the same hover
   * box (VS Code does): the hover then leaves out the excerpts the diagnostic already shows.
   */
  diagnosticsInHover?: boolean;
  /** The client wants the `corroborate/*` notifications below (reports, pending state, index). */
  notifications?: boolean;
  /**
   * The client has commands of its own under the server's command names (VS Code's extension):
   * the server then does not advertise them, so the client does not register them twice. It
   * still runs them when asked through `workspace/executeCommand`.
   */
  clientCommands?: boolean;
}

/** One checked version of one document, as the server pushes it and answers `corroborate/check`. */
export interface ReportMessage {
  uri: string;
  version: number;
  results: StatementResult[];
  /** The one-line message of each result (same order), as the Problems list words it. */
  messages: string[];
  /** Characters checked; less than the text's length when the draft exceeds maxDraftSize. */
  checkedLength: number;
  textLength: number;
  /** Statements checked afresh for this version; the others were reused. */
  fresh: number;
  /** Whether another check of the document is already scheduled or running. */
  pending: boolean;
}

/** A check of the document is (or no longer is) scheduled or running, as of `version`. */
export interface PendingMessage {
  uri: string;
  version: number;
  pending: boolean;
}

/** What the client shows of the index: where it came from, what it holds. */
export interface IndexSummary {
  folders: string[];
  /** Why these folders: the settings, the workspace's `corpus/`, or the bundled sample. */
  origin: 'settings' | 'workspace' | 'bundled';
  /** Read back from the cache, or built from the files. */
  loadedFrom: 'cache' | 'built';
  /** The cache file of these folders, when a cache folder is known. */
  cacheFile?: string;
  documentCount: number;
  passageCount: number;
  skippedCount: number;
  documents: { path: string; hash: string; title: string }[];
}

/** An evidence ready to show: where it is in words, its document's facts, a link to open it. */
export interface PresentedEvidence extends Evidence {
  /** "report.pdf p. 12", "notes.txt:7". */
  at: string;
  meta?: DocumentMeta;
  /** The source at the passage's line (file or extracted-text view). */
  link: string;
}

export interface PresentedResult extends Omit<StatementResult, 'evidence'> {
  message: string;
  evidence: PresentedEvidence[];
}

export interface SearchHit {
  source: string;
  title: string;
  /** Who published it, as a reader knows the source ("Outlet, Jan. 12, 2025: “Headline”"). */
  label: string;
  line: number;
  location?: PassageLocation;
  excerpt: string;
  /** The part of the excerpt around the query's words, with ellipses where it was cut. */
  snippet: string;
  score: number;
  /** "report.pdf p. 12". */
  at: string;
  link: string;
}

/** A draft that is not open, checked from disk: its diagnostics, or why it was not checked. */
export type FileCheck = { uri: string; diagnostics: import('vscode-languageserver-types').Diagnostic[]; findings: number } | { uri: string; skipped: string };

export type SourceText = { ok: true; text: string; original: string } | { ok: false; reason: string };

export const Methods = {
  /** server → client: a document was checked (ReportMessage). */
  didCheck: 'corroborate/didCheck',
  /** server → client: the pending state of a document changed (PendingMessage). */
  pending: 'corroborate/pending',
  /** server → client: indexing started or ended ({busy}). */
  indexing: 'corroborate/indexing',
  /** server → client: a new index is in use (IndexSummary). */
  indexChanged: 'corroborate/indexChanged',
  /** {uri, range?} → ReportMessage | null: check now (a range keeps the other statements' results). */
  check: 'corroborate/check',
  /** {uri} → FileCheck: check a draft from disk without opening it. */
  checkFile: 'corroborate/checkFile',
  /** {} → IndexSummary once the index is ready. */
  index: 'corroborate/index',
  /** {force} → IndexSummary: reload (from cache while unchanged) or rebuild. */
  reload: 'corroborate/reload',
  /** {} → null once the last index cache write finished. */
  cacheSaved: 'corroborate/cacheSaved',
  /** {path} → SourceText: the extracted text of a source, for a read-only view. */
  sourceText: 'corroborate/sourceText',
  /** {source, line} → the link (file or extracted-text view) to a source at a line. */
  link: 'corroborate/link',
  /** {uri, position, present?} → StatementResult | PresentedResult | null. */
  evidence: 'corroborate/evidence',
  /** {query, limit?} → SearchHit[]. */
  search: 'corroborate/search',
  /** {uri} → counts per verdict | null. */
  counts: 'corroborate/counts',
  /** {uri} → the latest report | null. */
  report: 'corroborate/report',
} as const;
