/**
 * Accuracy harness: scores the built CLI on the labelled claim sets the way
 * ../shared/tools/score.py does, next to a plain-BM25 reference and an "always supported" baseline.
 *
 *   npm run bench:accuracy                      (builds, then runs every set)
 *   node --import tsx bench/accuracy.ts [--set acceptance|climate-fever|dev|fm2-dev|leave-one-out] [--limit N] [--json FILE] [--dump DIR]
 *
 * Sets (paths relative to the repository root):
 *   acceptance     ../shared/acceptance/claims.tsv            against corpus/
 *   climate-fever  ../shared/bench/climate-fever/claims.jsonl against ../shared/bench/climate-fever/corpus/
 *   dev            test/fixtures/devset.tsv                   against corpus/
 *   fm2-dev        ../shared/bench/fm2-dev/claims.jsonl       against ../shared/bench/fm2-dev/corpus/
 *   leave-one-out  each article of corpus/ against the other four, labels in test/fixtures/leave-one-out.tsv
 *                  (runs the engine in-process from src/, not dist/cli.js; see bench/accuracy/leaveOneOut.ts)
 *   corpus-edits   one-slot edits of every sentence of corpus/ (another number, date, "not", an opposite
 *                  word) checked against corpus/, in-process; see bench/accuracy/corpusEdits.ts
 *
 * Per set, all claims go into one draft (one paragraph each, a blank line between), the CLI runs
 * once with --format json, and statements map back to claims by start line (the most severe verdict
 * wins on a line; a claim with no statement counts as unverified). Figures match score.py's
 * (precS, precC, decided, macro-F1, accuracy, kind accuracy, evidence@1/@5, non-claims flagged); calibration is extra: of
 * the scored claims whose statement has confidence ≥ 0.8, the share whose 3-way verdict is right.
 * `--json FILE` writes every figure; `--dump DIR` also keeps the CLI's raw JSON and a per-claim TSV.
 * The modules are in bench/accuracy/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runBm25, type Bm25Run } from './accuracy/bm25';
import { loadClaims } from './accuracy/claims';
import { bundleHash, runCli, type CliRun } from './accuracy/cli';
import { score, threeWay } from './accuracy/metrics';
import { looFigures, loadLabels, runLeaveOneOut } from './accuracy/leaveOneOut';
import { runCorpusEdits } from './accuracy/corpusEdits';
import { printCorpusEdits, printLeaveOneOut, printSet, summaryLine } from './accuracy/report';
import type { Claim, Prediction, SetResult } from './accuracy/types';

const root = path.resolve(__dirname, '..');
const shared = path.join(root, '..', 'shared');

interface SetDef {
  name: string;
  claims: string;
  corpus: string;
  needsShared: boolean;
  /** the leave-one-out audit: `claims` is its label fixture */
  leaveOneOut?: boolean;
  /** edits of the corpus's own sentences: no claim file */
  corpusEdits?: boolean;
}

const SETS: SetDef[] = [
  {
    name: 'acceptance',
    claims: path.join(shared, 'acceptance', 'claims.tsv'),
    corpus: path.join(root, 'corpus'),
    needsShared: true,
  },
  {
    name: 'climate-fever',
    claims: path.join(shared, 'bench', 'climate-fever', 'claims.jsonl'),
    corpus: path.join(shared, 'bench', 'climate-fever', 'corpus'),
    needsShared: true,
  },
  { name: 'dev', claims: path.join(root, 'test', 'fixtures', 'devset.tsv'), corpus: path.join(root, 'corpus'), needsShared: false },
  {
    name: 'fm2-dev',
    claims: path.join(shared, 'bench', 'fm2-dev', 'claims.jsonl'),
    corpus: path.join(shared, 'bench', 'fm2-dev', 'corpus'),
    needsShared: true,
  },
  {
    name: 'leave-one-out',
    claims: path.join(root, 'test', 'fixtures', 'leave-one-out.tsv'),
    corpus: path.join(root, 'corpus'),
    needsShared: false,
    leaveOneOut: true,
  },
  { name: 'corpus-edits', claims: path.join(root, 'corpus'), corpus: path.join(root, 'corpus'), needsShared: false, corpusEdits: true },
];

interface Args {
  set?: string;
  limit: number;
  json?: string;
  dump?: string;
}

function usage(msg: string): never {
  console.error(`${msg}\nusage: node --import tsx bench/accuracy.ts [--set ${SETS.map((s) => s.name).join('|')}] [--limit N] [--json FILE] [--dump DIR]`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { limit: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--set') a.set = value();
    else if (flag === '--limit') {
      a.limit = Number(value());
      if (!Number.isInteger(a.limit) || a.limit < 0) usage('--limit takes a whole number ≥ 0');
    } else if (flag === '--json') a.json = path.resolve(value());
    else if (flag === '--dump') a.dump = path.resolve(value());
    else if (flag === '--help' || flag === '-h') usage('');
    else usage(`unknown argument: ${flag}`);
  }
  if (a.set && !SETS.some((s) => s.name === a.set)) usage(`unknown set: ${a.set}`);
  return a;
}

function git(...args: string[]): string {
  const p = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return p.status === 0 ? p.stdout.trim() : '';
}

const rel = (p: string): string => path.relative(root, p) || '.';

function alwaysSupported(claims: Claim[]): { accuracy: number; macroF1: number } {
  const preds: Prediction[] = claims.map(() => ({ verdict: 'supported', conflictKinds: [], sources: [] }));
  const m = score(claims, preds, false);
  return { accuracy: m.accuracy, macroF1: m.macroF1 };
}

function dumpSet(dir: string, name: string, claims: Claim[], cli: CliRun, bm: Bm25Run): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.cli.json`), cli.rawJson);
  const clean = (s: string | undefined): string => (s ?? '').replace(/[\t\n\r]+/g, ' ');
  const lines = ['id\tgold\tkind\tcli\tcli3\tconfidence\tcliKinds\tcliTop\tbm25\toverlap\tbm25Top\tclaim'];
  claims.forEach((c, i) => {
    const p = cli.predictions[i], t = bm.top[i];
    lines.push(
      [c.id, c.label, c.kind, p.verdict + (p.missing ? '(missing)' : ''), threeWay(p.verdict), p.confidence ?? '',
        p.conflictKinds.join(','), path.basename(p.sources[0] ?? ''), bm.predictions[i].verdict,
        t ? t.overlap.toFixed(2) : '', t ? `${path.basename(t.sentence.source)}:${t.sentence.line}` : '', clean(c.claim)].join('\t'),
    );
  });
  writeFileSync(path.join(dir, `${name}.claims.tsv`), lines.join('\n') + '\n');
}

async function runLooSet(def: SetDef, base: Pick<SetResult, 'name' | 'claimsFile' | 'corpusDir'>): Promise<SetResult> {
  const t0 = performance.now();
  try {
    const runs = await runLeaveOneOut(def.corpus);
    const { labels, errors } = loadLabels(def.claims);
    return { ...base, status: 'ok', leaveOneOut: { ...looFigures(runs, labels, errors), wallMs: performance.now() - t0 } };
  } catch (e) {
    return { ...base, status: 'failed', reason: (e as Error).stack ?? String(e) };
  }
}

async function runSet(def: SetDef, args: Args): Promise<SetResult> {
  const base = { name: def.name, claimsFile: rel(def.claims), corpusDir: rel(def.corpus) };
  if (def.needsShared && !existsSync(shared)) {
    return { ...base, status: 'skipped', reason: `${rel(shared)} not found (the shared claim sets live there)` };
  }
  if (!existsSync(def.claims)) return { ...base, status: 'missing', reason: `${rel(def.claims)} does not exist` };
  if (!existsSync(def.corpus)) return { ...base, status: 'missing', reason: `corpus ${rel(def.corpus)} does not exist` };
  if (def.leaveOneOut) return runLooSet(def, base);
  if (def.corpusEdits) {
    try {
      return { ...base, status: 'ok', corpusEdits: await runCorpusEdits(def.corpus) };
    } catch (e) {
      return { ...base, status: 'failed', reason: (e as Error).stack ?? String(e) };
    }
  }
  const claims = loadClaims(def.claims, args.limit);
  let cli: CliRun;
  try {
    cli = runCli(root, claims, def.corpus);
  } catch (e) {
    return { ...base, status: 'failed', reason: (e as Error).message };
  }
  const bm = runBm25(claims, def.corpus);
  if (args.dump) dumpSet(args.dump, def.name, claims, cli, bm);
  return {
    ...base,
    status: 'ok',
    bundle: bundleHash(root),
    warning: cli.bundleChanged ? 'dist/cli.js was rebuilt while the CLI ran (a concurrent build?): the figures may come from either build; run again' : undefined,
    cli: {
      metrics: score(claims, cli.predictions, true),
      wallMs: cli.wallMs,
      statements: cli.statements.length,
      corpus: {
        documents: cli.output.corpus?.documents ?? 0,
        passages: cli.output.corpus?.passages ?? 0,
        skipped: cli.output.corpus?.skipped?.length ?? 0,
      },
    },
    bm25: {
      metrics: score(claims, bm.predictions, false),
      wallMs: bm.wallMs,
      corpus: { documents: bm.documents, passages: bm.sentences, skipped: 0 },
    },
    alwaysSupported: alwaysSupported(claims),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const date = new Date().toISOString();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  console.log(`corroborate accuracy — ${date.slice(0, 10)} (${date}), commit ${commit}${dirty ? ' + uncommitted changes' : ''}`);
  console.log(`node ${process.version}; CLI: ${rel(path.join(root, 'dist', 'cli.js'))} (sha256 ${bundleHash(root)})${args.limit ? `; --limit ${args.limit} claims per set` : ''}`);
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) usage('dist/cli.js is missing: run `npm run build` (npm run bench:accuracy does)');
  if (!existsSync(shared)) console.log(`NOTE: ${shared} not found — the acceptance, climate-fever and fm2-dev sets are skipped.`);

  const results: SetResult[] = [];
  for (const def of SETS.filter((s) => !args.set || s.name === args.set)) {
    const r = await runSet(def, args);
    results.push(r);
    if (r.status === 'ok') (r.leaveOneOut ? printLeaveOneOut : r.corpusEdits ? printCorpusEdits : printSet)(r);
    else console.log(`\n== ${r.name}: ${r.status.toUpperCase()} — ${r.reason}`);
    if (r.warning) console.log(`  WARNING: ${r.warning}`);
  }
  console.log('\nsummary:');
  for (const r of results) console.log(summaryLine(r));
  if (args.json) {
    mkdirSync(path.dirname(args.json), { recursive: true });
    writeFileSync(args.json, JSON.stringify({ date, commit, dirty, limit: args.limit || null, sets: results }, null, 2) + '\n');
    console.log(`figures written to ${args.json}`);
  }
  if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
}

void main();
