/**
 * With `--cache`, the CLI also keeps the last run's verdicts by statement wording, valid only for
 * the same corpus files and the same build of Corroborate: checking a draft again in CI then
 * re-checks only the statements that changed, as the editor does while you type.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CheckMemo, CorpusIndex, StatementResult } from '../engine';

const FORMAT = 1;

/**
 * What stored verdicts depend on: the corpus (the fingerprint of its files) and the checking code,
 * which the running bundle stands for (a new build never reuses an older one's verdicts).
 */
function validity(fingerprint: string, codeFile: string): string | undefined {
  try {
    const code = statSync(codeFile);
    return createHash('sha256').update(`${FORMAT}\n${codeFile}\n${code.size}\n${code.mtimeMs}\n${fingerprint}`).digest('hex');
  } catch {
    return undefined;
  }
}

export function resultCacheFile(cacheDir: string, folders: readonly string[]): string {
  const key = createHash('sha256').update(folders.map((f) => path.resolve(f)).join('\n')).digest('hex').slice(0, 16);
  return path.join(cacheDir, `results-${key}.json`);
}

interface Stored {
  validity: string;
  results: [string, StatementResult][];
}

/** The verdicts of the last run for this corpus and build, or undefined (none, stale or unreadable). */
export async function readResults(file: string, fingerprint: string, codeFile: string, index: CorpusIndex): Promise<CheckMemo | undefined> {
  const expected = validity(fingerprint, codeFile);
  if (!expected) return undefined;
  try {
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Stored>;
    if (stored.validity !== expected || !Array.isArray(stored.results)) return undefined;
    return { index, byWording: new Map(stored.results) };
  } catch {
    return undefined;
  }
}

/** Keeps this run's verdicts (only this run's: the file does not grow with every draft ever checked). */
export async function writeResults(file: string, fingerprint: string, codeFile: string, memos: CheckMemo[], warn: (message: string) => void): Promise<void> {
  const valid = validity(fingerprint, codeFile);
  if (!valid) return;
  const results = new Map<string, StatementResult>();
  for (const memo of memos) for (const [wording, result] of memo.byWording) results.set(wording, result);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, JSON.stringify({ validity: valid, results: [...results] } satisfies Stored));
    await fs.rename(temp, file);
  } catch (error) {
    warn(`could not keep the verdicts in ${file}: ${(error as Error).message}`);
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
