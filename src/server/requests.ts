/**
 * The server's own requests (`corroborate/*`) and commands (`workspace/executeCommand`), for
 * clients that want more than diagnostics: search the sources, the evidence under the cursor,
 * per-verdict counts for a status line, the whole latest report.
 */
import type { CancellationToken, Connection, ExecuteCommandParams } from 'vscode-languageserver/node';
import { countVerdicts, shortSourceAt, type CorpusIndex, type StatementResult, type Verdict } from '../engine';
import type { DraftChecks } from './checks';
import { CHECK_COMMAND } from './codeActions';
import type { CorpusService } from './corpus';
import type { CheckReport } from './diagnostics';
import type { DraftStore } from './documents';
import { presentResult } from './editorRequests';
import { cancelled, invalid, positionParam, record, uriParam } from './params';
import { resultAt } from './hover';
import type { PresentedResult, SearchHit } from './protocol';
import { FILE_LINKS, type SourceLinks } from './uris';

export const REBUILD_COMMAND = 'corroborate.rebuildIndex';
export const COMMANDS = [CHECK_COMMAND, REBUILD_COMMAND];

export interface Services {
  docs: DraftStore;
  checks: DraftChecks;
  corpus: CorpusService;
  links: SourceLinks;
}

const MAX_SEARCH_HITS = 200;

const SNIPPET = 90;

/**
 * The part of a passage that shows why it matched: a window around the place where most of the
 * query's words occur, with ellipses where it was cut. A list row shows ~90 characters, so a
 * match late in a long sentence must not be cut off.
 */
export function snippetFor(text: string, query: string, width = SNIPPET): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= width) return clean;
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])];
  const lower = clean.toLowerCase();
  const hits: number[] = [];
  for (const w of words) for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) hits.push(at);
  hits.sort((a, b) => a - b);
  // The window that holds the most hits, starting a little before its first one.
  let best = hits[0] ?? 0;
  let most = 0;
  for (const start of hits) {
    const n = hits.filter((h) => h >= start && h < start + width - 20).length;
    if (n > most) [best, most] = [start, n];
  }
  let from = Math.max(0, Math.min(best - 25, clean.length - width));
  const space = clean.lastIndexOf(' ', from);
  if (from > 0 && space > from - 15) from = space + 1;
  let to = Math.min(clean.length, from + width);
  const end = clean.indexOf(' ', to);
  if (to < clean.length && end > 0 && end - to < 15) to = end;
  return `${from > 0 ? '…' : ''}${clean.slice(from, to).trim()}${to < clean.length ? '…' : ''}`;
}

export function searchHits(index: CorpusIndex, query: string, limit: number, links: SourceLinks = FILE_LINKS): SearchHit[] {
  return index.search(query, limit).map((h) => {
    const doc = index.documents[h.passage.doc]!;
    const place = { source: doc.path, line: h.passage.line, ...(h.passage.location ? { location: h.passage.location } : {}) };
    return {
      ...place,
      title: doc.meta.title,
      label: doc.meta.label ?? doc.meta.title,
      excerpt: h.passage.text,
      snippet: snippetFor(h.passage.text, query),
      score: Math.round(h.score * 100) / 100,
      at: shortSourceAt(place),
      link: links.line(doc.path, h.passage.line),
    };
  });
}

/** A command's document argument: a URI string, or an object with one (`{uri}`, as some clients wrap it). */
function commandUri(args: unknown[] | undefined): string | undefined {
  const first = args?.[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && typeof (first as { uri?: unknown }).uri === 'string') return (first as { uri: string }).uri;
  return undefined;
}

export function registerRequests(connection: Connection, s: Services): void {
  connection.onRequest('corroborate/search', async (params: unknown, token: CancellationToken): Promise<SearchHit[]> => {
    const p = record(params, 'corroborate/search');
    if (typeof p.query !== 'string') throw invalid('corroborate/search needs a query (a string).');
    const limit = p.limit === undefined ? 20 : p.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw invalid('corroborate/search: limit must be a whole number ≥ 1.');
    const index = await s.corpus.readyFor(token, cancelled);
    if (token.isCancellationRequested) throw cancelled();
    return searchHits(index, p.query, Math.min(limit, MAX_SEARCH_HITS), s.links);
  });

  // With `present: true`, each evidence comes with its place in words, its document's facts and a link.
  connection.onRequest('corroborate/evidence', (params: unknown): StatementResult | PresentedResult | null => {
    const p = record(params, 'corroborate/evidence');
    const uri = uriParam(p, 'corroborate/evidence');
    const position = positionParam(p.position, 'corroborate/evidence');
    const doc = s.docs.get(uri);
    if (!doc) return null;
    const found = resultAt(s.checks.report(uri), doc.offsetAt(position), true);
    if (!found) return null;
    return p.present === true ? presentResult(found, s.corpus.index, s.links) : found;
  });

  connection.onRequest('corroborate/counts', (params: unknown): Record<Verdict, number> | null => {
    const report = s.checks.report(uriParam(record(params, 'corroborate/counts'), 'corroborate/counts'));
    return report ? countVerdicts(report.results) : null;
  });

  connection.onRequest('corroborate/report', (params: unknown): CheckReport | null => {
    return s.checks.report(uriParam(record(params, 'corroborate/report'), 'corroborate/report')) ?? null;
  });

  connection.onExecuteCommand(async (params: ExecuteCommandParams, token: CancellationToken) => {
    switch (params?.command) {
      case CHECK_COMMAND: {
        const uri = commandUri(params.arguments);
        const uris = uri ? [uri] : s.docs.all().map((d) => d.uri);
        if (uri && !s.docs.get(uri)) throw invalid(`${CHECK_COMMAND}: ${uri} is not open.`);
        const checked = [];
        for (const u of uris) {
          const doc = s.docs.get(u);
          if (!doc || !s.checks.isDraft(doc)) continue;
          const report = await s.checks.check(u, token);
          if (token.isCancellationRequested) throw cancelled();
          if (report) checked.push({ uri: u, version: report.version, counts: countVerdicts(report.results) });
        }
        return checked;
      }
      case REBUILD_COMMAND: {
        const index = await s.corpus.rebuild(true);
        return { documents: index.documentCount, passages: index.passages.length, skipped: index.skipped.length };
      }
      default:
        throw invalid(`Unknown command ${String(params?.command)}; this server runs ${COMMANDS.join(', ')}.`);
    }
  });
}
