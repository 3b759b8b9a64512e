import { promises as fsp } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

export type CorpusEntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface CorpusDirEntry {
  name: string;
  /** 'symlink' is reported unresolved so the loader can decide whether to follow it. */
  kind: CorpusEntryKind;
}

export interface CorpusStat {
  size: number;
  mtimeMs: number;
  /** Kind of the target: stat follows symbolic links, so never 'symlink'. */
  kind: CorpusEntryKind;
  /** Canonical path, when the host can tell; lets the loader detect symlink loops and duplicates. */
  realPath?: string;
}

/**
 * The file operations the loader needs. The host passes its own (VS Code's workspace.fs,
 * an in-memory map in tests); errors are thrown as objects with a Node-style `code` where possible.
 */
export interface CorpusFileSystem {
  readDirectory(path: string): Promise<CorpusDirEntry[]>;
  stat(path: string): Promise<CorpusStat>;
  readFile(path: string): Promise<Uint8Array>;
}

function direntKind(entry: Dirent): CorpusEntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

function statKind(stats: Stats): CorpusEntryKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

export const nodeFileSystem: CorpusFileSystem = {
  async readDirectory(path) {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, kind: direntKind(entry) }));
  },
  async stat(path) {
    // fs.stat follows links (throwing ELOOP on cyclic chains); realpath gives the identity
    // the loader compares to notice a directory link pointing back at an ancestor.
    const stats = await fsp.stat(path);
    const realPath = await fsp.realpath(path);
    return { size: stats.size, mtimeMs: stats.mtimeMs, kind: statKind(stats), realPath };
  },
  async readFile(path) {
    return fsp.readFile(path);
  },
};
