/**
 * One corpus size, measured in its own process (so memory figures start from a clean heap):
 * generate the corpus, warm the JIT on the bundled corpus, then index, check and run the peers.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { CorpusIndex, checkText } from '../../src/engine';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { measureChecking } from './checking';
import { generateDocument, loadSourcePool, writeCorpus } from './corpusGen';
import { makeDraft } from './draft';
import { measureIndexing } from './indexing';
import { gc } from './measure';
import { measureFuse, measureMiniSearch, type PeerBudget } from './peers';
import type { SizeFigures } from './types';

/** Documents the draft is written from: all inside the smallest (1 MB) corpus. */
const DRAFT_SOURCE_DOCS = 30;
/** Time for each reference figure (full warm re-check, retrieval alone) before extrapolating. */
const REFERENCE_BUDGET_MS = 8000;

/**
 * Runs every code path once on the five bundled articles, so no measurement pays for compiling
 * it. The measured index is a different one, so its caches stay cold.
 */
async function warmUp(repoRoot: string): Promise<void> {
  const corpus = await loadCorpus([path.join(repoRoot, 'corpus')]);
  const index = await CorpusIndex.build(corpus);
  const again = await CorpusIndex.deserialize(Buffer.concat(await index.serialize()));
  const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
  const results = checkText(again, draft);
  for (const r of results.slice(0, 5)) again.search(r.text, 5);
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  ms.addAll(corpus.passages);
  const fuse = new Fuse(corpus.passages, { keys: ['text'], threshold: 0.4, ignoreLocation: true });
  for (const r of results.slice(0, 5)) {
    ms.search(r.text);
    fuse.search(r.text, { limit: 5 });
  }
}

export async function runSize(repoRoot: string, targetMB: number, dir: string, budget: PeerBudget): Promise<SizeFigures> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const pool = loadSourcePool(repoRoot);
  const generated = writeCorpus(pool, dir, targetMB * 1e6);
  log(`[${targetMB} MB] generated ${generated.files} files, ${(generated.bytes / 1e6).toFixed(1)} MB in ${(generated.ms / 1000).toFixed(1)} s → ${dir}`);
  const draftDocs = Array.from({ length: Math.min(DRAFT_SOURCE_DOCS, generated.files) }, (_, i) => generateDocument(pool, i));
  const draft = makeDraft(draftDocs);

  await warmUp(repoRoot);
  gc();

  const indexing = await measureIndexing(dir, log);
  const { index } = indexing;
  const check = await measureChecking(index, draft, REFERENCE_BUDGET_MS);
  log(`  cold check ${check.figures.coldMs.toFixed(0)} ms, edits ${check.figures.editMs.map((m) => m.toFixed(1)).join('/')} ms`);

  const queries = check.statements.filter((s) => !s.ignored).map((s) => s.masked.trim());
  const mini = measureMiniSearch(index.passages, queries, budget);
  log(`  MiniSearch default: build ${(mini.buildMs / 1000).toFixed(1)} s, draft ${(mini.searchMs / 1000).toFixed(1)} s (${mini.measuredStatements}/${mini.totalStatements} measured)`);
  const fuse = measureFuse(index.passages, queries, budget);
  log(`  fuse.js: draft ${(fuse.searchMs / 1000).toFixed(1)} s (${fuse.measuredStatements}/${fuse.totalStatements} statements, ${fuse.measuredPassages}/${fuse.totalPassages} passages)`);

  return {
    corpus: {
      targetMB,
      files: generated.files,
      bytes: generated.bytes,
      documents: indexing.documents,
      passages: index.passages.length,
      passageChars: indexing.passageChars,
      generateMs: generated.ms,
    },
    build: indexing.figures,
    check: check.figures,
    peers: [mini, fuse],
  };
}
