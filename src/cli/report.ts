import { LineMap, type CorpusIndex, type Range, type StatementResult, type Verdict } from '../engine';

/** One checked draft, ready to be written in any output format. */
export interface FileReport {
  path: string;
  text: string;
  results: StatementResult[];
}

export interface JsonConflict {
  kind: string;
  claimed: string;
  source: string;
  range: Range;
}

export interface JsonStatement {
  text: string;
  offset: number;
  length: number;
  range: Range;
  verdict: Verdict;
  confidence: number;
  conflicts: JsonConflict[];
  evidence: { source: string; title: string; line: number; excerpt: string; stance: string; score: number }[];
  why?: { summary: string; relation?: string[]; unstated?: string[] };
}

export interface JsonReport {
  tool: { name: string; version: string };
  corpus: { documents: number; passages: number; skipped: { path: string; reason: string }[] };
  files: { path: string; statements: JsonStatement[] }[];
}

export function rangeOf(lines: LineMap, offset: number, length: number): Range {
  return { start: lines.positionAt(offset), end: lines.positionAt(offset + length) };
}

/** The exact JSON contract other tools read (see README, "JSON output"). */
export function toJson(version: string, index: CorpusIndex, files: FileReport[]): JsonReport {
  return {
    tool: { name: 'corroborate', version },
    corpus: { documents: index.documents.length, passages: index.passages.length, skipped: index.skipped.map((s) => ({ path: s.path, reason: s.reason })) },
    files: files.map((f) => {
      const lines = new LineMap(f.text);
      return {
        path: f.path,
        statements: f.results.map((r) => ({
          text: r.text,
          offset: r.offset,
          length: r.length,
          range: rangeOf(lines, r.offset, r.length),
          verdict: r.verdict,
          confidence: r.confidence,
          conflicts: r.conflicts.map((c) => ({ kind: c.kind, claimed: c.claimed, source: c.source, range: rangeOf(lines, c.offset, c.length) })),
          evidence: r.evidence.map((e) => ({ source: e.source, title: e.title, line: e.line, ...(e.location ? { location: e.location } : {}), excerpt: e.excerpt, stance: e.stance, score: e.score })),
          ...(r.why ? { why: r.why } : {}),
        })),
      };
    }),
  };
}

