/** Shared by the tests that drive the built CLI bundle (not a test file itself: no `.test.ts`). */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(root, 'dist', 'cli.js');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function isStale(): boolean {
  if (!existsSync(cliPath)) return true;
  const inputs = ['src', 'esbuild.js', 'package.json'].map((p) => newestMtime(path.join(root, p)));
  return statSync(cliPath).mtimeMs < Math.max(...inputs);
}

/**
 * `node --test` runs test files in parallel processes. esbuild truncates and rewrites dist/cli.js,
 * so one file rebuilding while another spawns the CLI could run a half-written bundle. Builds are
 * therefore serialised by a lock folder and skipped when the bundle is newer than its inputs
 * (`npm test` has just built it; a lone `node --test FILE` after an edit still rebuilds).
 */
export function buildCli(): void {
  const lock = path.join(os.tmpdir(), `corroborate-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A run killed mid-build leaves its lock behind; no build takes a minute.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Another process removed it first.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      sleep(50);
    }
  }
  try {
    if (isStale()) execFileSync('node', ['esbuild.js'], { cwd: root, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Offsets of each line's first character; lines end at \n, \r\n or a lone \r, as in VS Code. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') starts.push(i + 1);
  }
  return starts;
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function offsetAt(text: string, pos: { line: number; character: number }): number {
  return lineStarts(text)[pos.line] + pos.character;
}

/** Lines as an editor numbers them (index 0 is line 1). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
