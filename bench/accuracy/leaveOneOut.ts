/**
 * Leave-one-out over a folder of articles on one story: each article is checked, as a plaintext
 * draft, against all the others. Runs the engine in-process (the same calls the CLI makes), so the
 * unit test and the accuracy harness share it; the labels live in test/fixtures/leave-one-out.tsv.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem, type CorpusFileSystem } from '../../src/engine/corpus/fileSystem';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { checkText, CorpusIndex, type StatementResult } from '../../src/engine';

export interface LooStatement {
  /** basename of the article checked as the draft */
  article: string;
  result: StatementResult;
}

export interface LooRun {
  article: string;
  text: string;
  results: StatementResult[];
}

/** The node file system with one file hidden, so the draft is never its own evidence. */
function hiding(hidden: string): CorpusFileSystem {
  return {
    ...nodeFileSystem,
    async readDirectory(dir) {
      const entries = await nodeFileSystem.readDirectory(dir);
      return entries.filter((e) => path.join(dir, e.name) !== hidden);
    },
  };
}

export function articleFiles(corpusDir: string): string[] {
  return readdirSync(corpusDir)
    .filter((n) => /\.(txt|md|markdown)$/i.test(n))
    .sort()
    .map((n) => path.join(corpusDir, n));
}

export async function runLeaveOneOut(corpusDir: string): Promise<LooRun[]> {
  const runs: LooRun[] = [];
  for (const file of articleFiles(corpusDir)) {
    const corpus = await loadCorpus([corpusDir], { fs: hiding(file) });
    const index = await CorpusIndex.build(corpus);
    const text = readFileSync(file, 'utf8');
    const results = checkText(index, text, { format: /\.(md|markdown)$/i.test(file) ? 'markdown' : 'plaintext' });
    runs.push({ article: path.basename(file), text, results });
  }
  return runs;
}

export const isFlag = (v: string): boolean => v === 'conflicting' || v === 'contested';

/** Whitespace and typographic quotes/dashes folded, so a label survives re-typing of the text. */
export function normalise(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface LooLabel {
  kind: 'flag' | 'stated';
  article: string;
  statement: string;
  /** flag: real | false; stated: stated | partly */
  label: string;
  other: string[];
  reason: string;
  /** 1-based line in the fixture, for messages */
  line: number;
}

const LABELS_BY_KIND: Record<string, string[]> = { flag: ['real', 'false'], stated: ['stated', 'partly'] };

/** Reads the fixture; every malformed row is reported in `errors` rather than thrown, so a test can list them all. */
export function loadLabels(file: string): { labels: LooLabel[]; errors: string[] } {
  const labels: LooLabel[] = [];
  const errors: string[] = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  let head: string[] | undefined;
  const want = ['kind', 'article', 'statement', 'label', 'other', 'reason'];
  lines.forEach((text, i) => {
    if (!text.trim() || text.startsWith('#')) return;
    const cells = text.split('\t');
    if (!head) {
      head = cells;
      if (want.some((c, j) => head![j] !== c)) errors.push(`line ${i + 1}: header must be ${want.join(' ')}`);
      return;
    }
    if (cells.length !== want.length) {
      errors.push(`line ${i + 1}: ${cells.length} cells, want ${want.length}`);
      return;
    }
    const [kind, article, statement, label, other, reason] = cells.map((c) => c.trim());
    if (!LABELS_BY_KIND[kind]) errors.push(`line ${i + 1}: kind "${kind}" is not flag or stated`);
    else if (!LABELS_BY_KIND[kind].includes(label)) errors.push(`line ${i + 1}: label "${label}" is not one of ${LABELS_BY_KIND[kind].join(', ')}`);
    if (statement.length < 12) errors.push(`line ${i + 1}: statement "${statement}" is too short to identify one`);
    if (reason.length < 10) errors.push(`line ${i + 1}: no reason given`);
    const others = other === '-' ? [] : other.split(',').map((o) => o.trim());
    if (kind === 'stated' && !others.length) errors.push(`line ${i + 1}: a stated row must name the article that states it`);
    if (others.includes(article)) errors.push(`line ${i + 1}: an article cannot be its own evidence`);
    labels.push({ kind: kind as LooLabel['kind'], article, statement, label, other: others, reason, line: i + 1 });
  });
  if (!head) errors.push('no header row');
  return { labels, errors };
}

/**
 * The statements a label names: every one whose text equals it (an article may repeat its headline),
 * else the only one it is a prefix of. None (with a reason) when none or several different ones match.
 */
export function findStatement(results: StatementResult[], statement: string): { indexes?: number[]; problem?: string } {
  const want = normalise(statement);
  const texts = results.map((r) => normalise(r.text));
  const exact = texts.flatMap((t, i) => (t === want ? [i] : []));
  if (exact.length) return { indexes: exact };
  const starts = texts.flatMap((t, i) => (t.startsWith(want) ? [i] : []));
  if (starts.length && starts.every((i) => texts[i] === texts[starts[0]])) return { indexes: starts };
  return { problem: starts.length ? `matches ${starts.length} statements` : 'matches no statement' };
}

export interface LooAudit {
  errors: string[];
  /** every flag raised, with its label when the fixture has one */
  flags: { article: string; result: StatementResult; label?: LooLabel }[];
  /** stated rows (label stated) and what the engine said */
  stated: { label: LooLabel; result: StatementResult }[];
  partly: { label: LooLabel; result: StatementResult }[];
  /** supported verdicts on statements with no stated/partly row: the sources do not say them */
  supportedUnstated: { article: string; result: StatementResult }[];
  statements: number;
}

export function audit(runs: LooRun[], labels: LooLabel[]): LooAudit {
  const out: LooAudit = { errors: [], flags: [], stated: [], partly: [], supportedUnstated: [], statements: 0 };
  const byArticle = new Map(runs.map((r) => [r.article, r]));
  const flagLabel = new Map<string, LooLabel>();
  const statedKeys = new Set<string>();
  const seen = new Set<string>();
  for (const l of labels) {
    const run = byArticle.get(l.article);
    if (!run) {
      out.errors.push(`line ${l.line}: no article ${l.article}`);
      continue;
    }
    for (const o of l.other) if (!byArticle.has(o)) out.errors.push(`line ${l.line}: no article ${o}`);
    const found = findStatement(run.results, l.statement);
    if (!found.indexes) {
      out.errors.push(`line ${l.line}: "${l.statement}" ${found.problem} of ${l.article}`);
      continue;
    }
    for (const index of found.indexes) {
      const key = `${l.article}#${index}`;
      if (seen.has(`${l.kind}:${key}`)) out.errors.push(`line ${l.line}: a second ${l.kind} row for the same statement`);
      seen.add(`${l.kind}:${key}`);
      const result = run.results[index];
      if (l.kind === 'flag') flagLabel.set(key, l);
      else {
        statedKeys.add(key);
        (l.label === 'stated' ? out.stated : out.partly).push({ label: l, result });
      }
    }
  }
  for (const run of runs) {
    out.statements += run.results.length;
    run.results.forEach((result, i) => {
      const key = `${run.article}#${i}`;
      if (isFlag(result.verdict)) out.flags.push({ article: run.article, result, label: flagLabel.get(key) });
      else if (result.verdict === 'supported' && !statedKeys.has(key)) out.supportedUnstated.push({ article: run.article, result });
    });
  }
  return out;
}

/** The audit's figures, as the accuracy harness prints them. */
export interface LooFigures {
  articles: number;
  statements: number;
  flags: number;
  flagsReal: number;
  flagsFalse: number;
  /** flags the fixture does not label yet: new behaviour to look at */
  flagsUnlabelled: string[];
  stated: number;
  statedSupported: number;
  statedVerdicts: Record<string, number>;
  partly: number;
  partlySupported: number;
  supportedUnstated: string[];
  /** fixture problems (malformed rows, statements gone) */
  errors: string[];
}

export function looFigures(runs: LooRun[], labels: LooLabel[], fixtureErrors: string[]): LooFigures {
  const a = audit(runs, labels);
  const where = (article: string, r: StatementResult): string => `${article}: ${r.text.replace(/\s+/g, ' ').slice(0, 90)}`;
  const statedVerdicts: Record<string, number> = {};
  for (const s of a.stated) statedVerdicts[s.result.verdict] = (statedVerdicts[s.result.verdict] ?? 0) + 1;
  return {
    articles: runs.length,
    statements: a.statements,
    flags: a.flags.length,
    flagsReal: a.flags.filter((f) => f.label?.label === 'real').length,
    flagsFalse: a.flags.filter((f) => f.label?.label === 'false').length,
    flagsUnlabelled: a.flags.filter((f) => !f.label).map((f) => where(f.article, f.result)),
    stated: a.stated.length,
    statedSupported: statedVerdicts.supported ?? 0,
    statedVerdicts,
    partly: a.partly.length,
    partlySupported: a.partly.filter((s) => s.result.verdict === 'supported').length,
    supportedUnstated: a.supportedUnstated.map((s) => where(s.article, s.result)),
    errors: [...fixtureErrors, ...a.errors],
  };
}
