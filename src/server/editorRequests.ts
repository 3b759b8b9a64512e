/**
 * The requests a full editor UI needs on top of LSP (VS Code's client uses them): check now, check
 * a draft that is not open, the index and its cache, a source's extracted text, and reports and
 * evidence worded and linked ready to show. Every answer is computed here, so the client holds no
 * engine at all.
 */
import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import {
  checkDocument,
  decodeText,
  messageOf,
  readSourceText,
  shortSourceAt,
  SLICE_MS,
  splitEmbeddedPath,
  TimeSlicer,
  type CorpusIndex,
  type StatementResult,
} from '../engine';
import type { DraftChecks } from './checks';
import { foldUncovered, sourcesInWords } from './coverage';
import type { CorpusService } from './corpus';
import { toDiagnostics, type CheckReport } from './diagnostics';
import type { DraftStore } from './documents';
import { metaOf } from './hover';
import { invalid, isRange, record } from './params';
import { Methods, type FileCheck, type IndexSummary, type PresentedResult, type ReportMessage, type SourceText } from './protocol';
import type { ServerSettings } from './settings';
import { uriToPath, type SourceLinks } from './uris';

export interface EditorServices {
  docs: DraftStore;
  checks: DraftChecks;
  corpus: CorpusService;
  links: SourceLinks;
  settings: () => ServerSettings;
  /** Whether the corpus watcher holds a change whose re-index has not started yet. */
  watchSettling?: () => boolean;
}

export function reportMessage(report: CheckReport, pending: boolean): ReportMessage {
  return { ...report, messages: report.results.map(messageOf), pending };
}

export function indexSummary(corpus: CorpusService, index: CorpusIndex): IndexSummary {
  return {
    folders: [...corpus.location.folders],
    origin: corpus.location.origin,
    loadedFrom: corpus.origin ?? 'built',
    ...(corpus.cacheFile ? { cacheFile: corpus.cacheFile } : {}),
    documentCount: index.documentCount,
    passageCount: index.passages.length,
    skippedCount: index.skipped.length,
    documents: index.documents.map((d) => ({ path: d.path, hash: d.hash, title: d.meta.title })),
  };
}

/** A result with each evidence's place in words, its document's facts and a link, ready for a panel. */
export function presentResult(r: StatementResult, index: CorpusIndex | undefined, links: SourceLinks): PresentedResult {
  const meta = metaOf(index);
  return {
    ...r,
    message: messageOf(r),
    evidence: r.evidence.map((e) => {
      const m = meta(e);
      return { ...e, at: shortSourceAt(e), ...(m ? { meta: m } : {}), link: links.line(e.source, e.line) };
    }),
  };
}

/** Checks a draft from disk with the settings of open drafts: the same findings, limit and notice. */
async function checkFile(uri: string, s: EditorServices, token: CancellationToken): Promise<FileCheck> {
  const file = uriToPath(uri);
  if (file === undefined) return { uri, skipped: 'not a local file' };
  if (s.corpus.contains(file)) return { uri, skipped: 'one of the sources, not a draft' };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { uri, skipped: (error as Error).message };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { uri, skipped: decoded.reason };
  const index = await s.corpus.readyFor(token);
  const settings = s.settings();
  const slicer = new TimeSlicer(SLICE_MS, token, 1);
  try {
    const check = await checkDocument(index, decoded.text, { format: /\.txt$/i.test(file) ? 'plaintext' : 'markdown', maxSize: settings.maxDraftSize, token, slicer });
    const doc = TextDocument.create(uri, 'markdown', 0, decoded.text);
    const diagnostics = foldUncovered(toDiagnostics(doc, { ...check, textLength: decoded.text.length }, settings, s.links), check.results, sourcesInWords(s.corpus.location), (offset) => doc.positionAt(offset));
    return { uri, diagnostics, findings: diagnostics.filter((d) => d.code !== 'size-limit' && d.code !== 'not-covered').length };
  } finally {
    slicer.end();
  }
}

/** The extracted text of a source for a read-only view; only files of the corpus in use are read. */
async function sourceText(display: string, s: EditorServices): Promise<SourceText> {
  const original = splitEmbeddedPath(display).file;
  if (!s.corpus.contains(original)) return { ok: false, reason: 'it is not in the sources Corroborate uses' };
  const read = await readSourceText(display);
  return read.ok ? { ok: true, text: read.text, original } : read;
}

export function registerEditorRequests(connection: Connection, s: EditorServices): void {
  connection.onRequest(Methods.check, async (params: unknown, token: CancellationToken): Promise<ReportMessage | null> => {
    const p = record(params, Methods.check);
    if (typeof p.uri !== 'string') throw invalid(`${Methods.check} needs a document uri.`);
    const doc = s.docs.get(p.uri);
    if (!doc) return null;
    const only = isRange(p.range) ? { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) } : undefined;
    const report = await s.checks.check(p.uri, token, only);
    return report ? reportMessage(report, s.checks.isPending(p.uri)) : null;
  });

  connection.onRequest(Methods.checkFile, async (params: unknown, token: CancellationToken): Promise<FileCheck> => {
    const p = record(params, Methods.checkFile);
    if (typeof p.uri !== 'string') throw invalid(`${Methods.checkFile} needs a file uri.`);
    return checkFile(p.uri, s, token);
  });

  connection.onRequest(Methods.index, async (_params: unknown, token: CancellationToken): Promise<IndexSummary> => indexSummary(s.corpus, await s.corpus.readyFor(token)));

  connection.onRequest(Methods.reload, async (params: unknown): Promise<IndexSummary> => {
    const force = record(params ?? {}, Methods.reload).force === true;
    return indexSummary(s.corpus, await s.corpus.rebuild(force));
  });

  // Settled: no change waits for the watcher's re-index, no build runs, and the last one's cache is written.
  connection.onRequest(Methods.cacheSaved, async (): Promise<null> => {
    for (;;) {
      while (s.watchSettling?.()) await new Promise((resolve) => setTimeout(resolve, 50));
      const saved = s.corpus.saved;
      await saved;
      if (s.corpus.indexing) await s.corpus.ready().catch(() => undefined);
      if (!s.watchSettling?.() && !s.corpus.indexing && s.corpus.saved === saved) return null;
    }
  });

  connection.onRequest(Methods.link, (params: unknown): string => {
    const p = record(params, Methods.link);
    if (typeof p.source !== 'string' || !p.source) throw invalid(`${Methods.link} needs the path of a source.`);
    const line = typeof p.line === 'number' && Number.isInteger(p.line) && p.line >= 1 ? p.line : 1;
    return s.links.line(p.source, line);
  });

  connection.onRequest(Methods.sourceText, (params: unknown): Promise<SourceText> => {
    const p = record(params, Methods.sourceText);
    if (typeof p.path !== 'string' || !p.path) throw invalid(`${Methods.sourceText} needs the path of a source.`);
    return sourceText(p.path, s);
  });
}
