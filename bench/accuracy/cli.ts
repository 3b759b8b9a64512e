/** Running the built CLI once on a set and mapping its statements back to the claims. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { draftText } from './claims';
import type { Claim, Prediction } from './types';

/** The part of the JSON contract (README "JSON output") the harness reads. */
export interface CliStatement {
  text: string;
  range: { start: { line: number; character: number } };
  verdict: string;
  confidence?: number;
  conflicts?: { kind?: string; claimed?: string; source?: string }[];
  evidence?: { source?: string; line?: number; excerpt?: string; stance?: string; score?: number }[];
}

export interface CliOutput {
  corpus?: { documents?: number; passages?: number; skipped?: unknown[] };
  files?: { path: string; statements?: CliStatement[] }[];
}

export interface CliRun {
  predictions: Prediction[];
  /** the statement chosen for each claim (undefined when none started on its line) */
  chosen: (CliStatement | undefined)[];
  statements: CliStatement[];
  output: CliOutput;
  rawJson: string;
  wallMs: number;
  /** set when dist/cli.js was rewritten while the CLI ran (someone else building): the figures may mix builds */
  bundleChanged?: boolean;
}

/** Short hash of the CLI bundle, to tell builds apart (dist/ is shared with whoever else builds). */
export function bundleHash(root: string): string {
  const file = path.join(root, 'dist', 'cli.js');
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12) : 'missing';
}

/** Severity for the per-line merge, as score.py: a strictly more severe verdict replaces the one kept. */
const SEVERITY: Record<string, number> = { conflicting: 3, contested: 2, supported: 1 };

/**
 * Writes the draft to a scratch folder and runs `node dist/cli.js check DRAFT --corpus DIR --format json`
 * from the repository root (the corpus path is passed relative to it, as score.py is usually run).
 * Exit status 0 or 1 is a result; anything else, or output that is not JSON, throws.
 */
export function runCli(root: string, claims: Claim[], corpusDir: string): CliRun {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-accuracy-'));
  try {
    const draft = path.join(tmp, 'draft.md');
    writeFileSync(draft, draftText(claims), 'utf8');
    const corpusArg = path.relative(root, corpusDir) || '.';
    const args = [path.join(root, 'dist', 'cli.js'), 'check', draft, '--corpus', corpusArg, '--format', 'json'];
    const before = bundleHash(root);
    const t0 = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wallMs = performance.now() - t0;
    const bundleChanged = bundleHash(root) !== before;
    if (p.error) throw new Error(`could not run the CLI: ${p.error.message}`);
    if (p.status !== 0 && p.status !== 1) {
      throw new Error(`CLI exited ${p.status ?? p.signal}:\n${(p.stderr ?? '').slice(-2000)}`);
    }
    let output: CliOutput;
    try {
      output = JSON.parse(p.stdout) as CliOutput;
    } catch (e) {
      throw new Error(`CLI output is not JSON (${(e as Error).message}): ${p.stdout.slice(0, 500)}`);
    }
    const statements = output.files?.[0]?.statements ?? [];
    const chosen: (CliStatement | undefined)[] = new Array(claims.length).fill(undefined);
    for (const s of statements) {
      const ln = s.range.start.line;
      if (ln % 2 !== 0 || ln / 2 >= claims.length) continue; // blank separator lines belong to no claim
      const i = ln / 2;
      const prev = chosen[i];
      if (prev === undefined || (SEVERITY[s.verdict] ?? 0) > (SEVERITY[prev.verdict] ?? 0)) chosen[i] = s;
    }
    const predictions = chosen.map(toPrediction);
    return { predictions, chosen, statements, output, rawJson: p.stdout, wallMs, bundleChanged };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function toPrediction(s: CliStatement | undefined): Prediction {
  if (!s) return { verdict: 'unverified', conflictKinds: [], sources: [], missing: true };
  return {
    verdict: s.verdict,
    confidence: typeof s.confidence === 'number' ? s.confidence : undefined,
    conflictKinds: (s.conflicts ?? []).map((c) => c.kind ?? ''),
    sources: (s.evidence ?? []).map((e) => e.source ?? ''),
  };
}
