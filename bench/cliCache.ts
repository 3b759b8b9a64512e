/**
 * The CLI in CI against a large corpus, with and without `--cache`: the 2,000-word benchmark draft
 * checked against a generated corpus (as bench:perf makes them), wall time of whole CLI runs:
 * without the cache, building it, reading it back (index and verdicts), and after a one-sentence
 * edit of the draft (only that statement is checked again).
 *
 *   npm run build && node --import tsx bench/cliCache.ts [--size 10]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDocument, loadSourcePool, writeCorpus } from './perf/corpusGen';
import { makeDraft } from './perf/draft';
import { option } from './extractionTiming';

const root = path.resolve(__dirname, '..');
const sizeMb = Number(option('--size', '10'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-cache-'));
try {
  const pool = loadSourcePool(root);
  const corpus = writeCorpus(pool, path.join(tmp, 'corpus'), sizeMb * 1024 * 1024);
  const draft = makeDraft(Array.from({ length: Math.min(30, corpus.files) }, (_, i) => generateDocument(pool, i)));
  const draftFile = path.join(tmp, 'draft.md');
  writeFileSync(draftFile, draft.text);
  const cache = path.join(tmp, 'cache');
  const run = (label: string, extra: string[]) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', draftFile, '--corpus', corpus.dir, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - started;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${label}: exit ${r.status}: ${r.stderr}`);
    console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2)} s wall`);
    return r.stdout;
  };
  console.log(`corpus ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB in ${corpus.files} files; draft ${draft.words} words`);
  const plain = run('without --cache', []);
  const first = run('--cache, first run (build + save)', ['--cache', cache]);
  const second = run('--cache, second run (read back)', ['--cache', cache]);
  console.log(`same findings with and without the cache: ${plain === first && first === second ? 'yes' : 'NO'}`);
  // CI after a writer's edit: one statement of the draft changed since the cached run.
  writeFileSync(draftFile, draft.edits[0]!);
  run('--cache, after a one-sentence edit', ['--cache', cache]);
  const editedPlain = run('the edited draft without --cache', []);
  const editedCached = run('the edited draft with --cache again', ['--cache', cache]);
  console.log(`same findings for the edited draft with and without the cache: ${editedPlain === editedCached ? 'yes' : 'NO'}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
