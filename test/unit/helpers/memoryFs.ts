/**
 * An in-memory CorpusFileSystem and a wrapper that injects faults into any file system, for the
 * reliability and fuzz tests (not a test file itself: no `.test.ts`).
 */
import * as path from 'node:path';
import type { CorpusDirEntry, CorpusFileSystem, CorpusStat } from '../../../src/engine/corpus/fileSystem';

/** An error shaped like Node's: `code` is what the loader looks at. */
export function fsError(code: string, where = ''): Error {
  return Object.assign(new Error(`${code}: ${where}`), { code });
}

const encoder = new TextEncoder();

/**
 * Files held in a map by absolute POSIX path; folders exist implicitly while a file lies under
 * them. Every write advances a clock used as mtime, so a parse cache sees each rewrite.
 */
export class MemoryFs implements CorpusFileSystem {
  readonly files = new Map<string, { bytes: Uint8Array; mtimeMs: number }>();
  private clock = 1;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }

  write(p: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    this.files.set(path.posix.normalize(p), { bytes, mtimeMs: this.clock++ });
  }

  /** Removes a file, or a folder with everything under it. */
  remove(p: string): void {
    const n = path.posix.normalize(p);
    for (const key of [...this.files.keys()]) if (key === n || key.startsWith(`${n}/`)) this.files.delete(key);
  }

  private isFolder(p: string): boolean {
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const key of this.files.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  async readDirectory(dir: string): Promise<CorpusDirEntry[]> {
    const n = path.posix.normalize(dir);
    if (this.files.has(n)) throw fsError('ENOTDIR', n);
    const prefix = n === '/' ? '/' : `${n}/`;
    const names = new Map<string, 'file' | 'directory'>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) continue;
      const [name, ...rest] = key.slice(prefix.length).split('/');
      if (rest.length) names.set(name!, 'directory');
      else if (!names.has(name!)) names.set(name!, 'file');
    }
    if (!names.size) throw fsError('ENOENT', n);
    return [...names].map(([name, kind]) => ({ name, kind }));
  }

  async stat(p: string): Promise<CorpusStat> {
    const n = path.posix.normalize(p);
    const file = this.files.get(n);
    if (file) return { size: file.bytes.length, mtimeMs: file.mtimeMs, kind: 'file', realPath: n };
    if (this.isFolder(n)) return { size: 0, mtimeMs: 0, kind: 'directory', realPath: n };
    throw fsError('ENOENT', n);
  }

  async readFile(p: string): Promise<Uint8Array> {
    const file = this.files.get(path.posix.normalize(p));
    if (!file) throw fsError('ENOENT', p);
    return file.bytes;
  }
}

export interface FaultHooks {
  /** Runs before the wrapped call; may mutate the world or throw to make the call fail. */
  readDirectory?(dir: string, call: number): void | Promise<void>;
  stat?(p: string, call: number): void | Promise<void>;
  readFile?(p: string, call: number): void | Promise<void>;
}

/** Wraps a file system so each operation first runs its hook (counting calls per operation). */
export function withFaults(base: CorpusFileSystem, hooks: FaultHooks): CorpusFileSystem {
  const count = { readDirectory: 0, stat: 0, readFile: 0 };
  return {
    async readDirectory(dir) {
      await hooks.readDirectory?.(dir, count.readDirectory++);
      return base.readDirectory(dir);
    },
    async stat(p) {
      await hooks.stat?.(p, count.stat++);
      return base.stat(p);
    },
    async readFile(p) {
      await hooks.readFile?.(p, count.readFile++);
      return base.readFile(p);
    },
  };
}

/** A small, fast, seeded PRNG (mulberry32), so random tests replay exactly from their seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
