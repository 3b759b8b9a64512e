import * as path from 'node:path';
import { throwIfCancelled } from '../types';
import type { CancellationToken, CorpusData, Passage, SkippedFile, SourceDocument } from '../types';
import type { ParsedSource } from './document';
import { nodeFileSystem } from './fileSystem';
import type { CorpusFileSystem, CorpusStat } from './fileSystem';
import type { ExtractionBudget, SourceFormat } from './formats/format';
import { formatOf, SUPPORTED_EXTENSIONS } from './formats/registry';
import { DEFAULT_EXTRACTION, readSource } from './readSource';
import { refusedCorpusRoot, rootRefusal } from './refusedRoots';
import type { RootRules } from './refusedRoots';

export { refusedCorpusRoot, SUPPORTED_EXTENSIONS };

export interface LoadCorpusOptions {
  fs?: CorpusFileSystem;
  /** Files larger than this are skipped (default 10 MB; 50 MB for PDF and Word files). */
  maxFileBytes?: number;
  /** Per-file extraction budget for formats that decompress or parse (PDF, Word, e-mail). */
  extraction?: Partial<ExtractionBudget>;
  /** Supported files beyond this count are not loaded (default 50 000). */
  maxFiles?: number;
  /**
   * Bytes on disk of all files read, together (default 1 GB): in sorted order, the first file
   * that does not fit and every file after it are left unread.
   */
  maxTotalBytes?: number;
  /**
   * Follow symbolic links that lead outside the corpus folder they were found in (default false:
   * a link in a shared or downloaded folder must not pull in the rest of the disk). Links into
   * the whole disk, the home folder itself or a system folder are never followed.
   */
  followLinksOutside?: boolean;
  /** Which roots are refused; defaults to this machine's home, temporary folder and platform. */
  rootRules?: RootRules;
  token?: CancellationToken;
  /** Called with (0, total) once the walk is done, then after each file. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Parsed files from an earlier load, by path: a file whose size and modification time are
   * unchanged is reused without being read again, so a reload after one edit parses one file.
   * The loader updates the cache (adds parsed files, drops vanished ones).
   */
  cache?: ParsedSourceCache;
}

/** A file with attachments yields several parsed sources, the file's own first. */
export type ParsedSourceCache = Map<string, { size: number; mtimeMs: number; parsed: ParsedSource[] }>;

/** One supported file of a corpus, as the walk finds it, with what identifies its version. */
export interface CorpusFileInfo {
  path: string;
  size: number;
  mtimeMs: number;
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** PDFs and Word files are mostly images and fonts: their text is a small part of their size. */
const DEFAULT_MAX_BINARY_FILE_BYTES = 50 * 1024 * 1024;
const DEFAULT_MAX_FILES = 50_000;
const DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Backstop for hosts whose stat gives no realPath, where a symlink loop would otherwise recurse forever. */
const MAX_DEPTH = 64;

interface Candidate {
  fsPath: string;
  display: string;
  format: SourceFormat;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Node and VS Code spell "not found" differently. */
function isNotFound(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'FileNotFound';
}

function isLoop(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ELOOP' || code === 'FileSystemLoop';
}

function describe(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** Whether `child` is `parent` or lies under it; both canonical paths. */
function isAtOrInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function toDisplay(fsPath: string): string {
  return fsPath.replace(/\\/g, '/');
}

/** Dot-folders (.git), dot-files (.DS_Store) and dependency trees are never sources. */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

class Walker {
  readonly candidates: Candidate[] = [];
  readonly skipped = new Map<string, string>();
  private readonly visitedFolders = new Set<string>();
  private readonly seenFiles = new Map<string, string>();
  private limitReported = false;

  constructor(
    private readonly fs: CorpusFileSystem,
    private readonly maxFiles: number,
    private readonly token: CancellationToken | undefined,
    private readonly links: { followOutside: boolean; rules: RootRules | undefined } = { followOutside: false, rules: undefined },
  ) {}

  skip(display: string, reason: string): void {
    // Each path once: the first reason is the one that stopped it.
    if (!this.skipped.has(display)) this.skipped.set(display, reason);
  }

  async walkRoot(folder: string): Promise<void> {
    const fsPath = path.join(folder);
    const display = toDisplay(fsPath);
    // Before the first stat: a refused root is not touched at all.
    const refused = refusedCorpusRoot(fsPath, this.links.rules);
    if (refused) return this.skip(display, refused);
    let info: CorpusStat;
    try {
      info = await this.fs.stat(fsPath);
    } catch (error) {
      if (isNotFound(error)) this.skip(display, 'folder not found');
      else if (isLoop(error)) this.skip(display, 'symbolic link loop');
      else this.skip(display, `unreadable folder (${describe(error)})`);
      return;
    }
    const real = info.realPath ?? fsPath;
    // A harmless-looking folder may be a link to / or to /etc.
    const refusedTarget = real === fsPath ? undefined : refusedCorpusRoot(real, this.links.rules);
    if (refusedTarget) return this.skip(display, refusedTarget);
    // A file given instead of a folder is loaded on its own.
    if (info.kind === 'file') return this.addFile(fsPath, display, real, display);
    if (info.kind !== 'directory') return this.skip(display, 'not a folder or a regular file');
    if (this.visitedFolders.has(real)) return this.skip(display, 'folder already included via another path');
    this.visitedFolders.add(real);
    await this.walkFolder(fsPath, real, [real], display);
  }

  /** Why a symbolic link whose target is `target` is not followed from the corpus folder `rootReal`. */
  private linkRefusal(target: string | undefined, rootReal: string): string | undefined {
    if (target === undefined) return 'symbolic link not followed (this file system does not tell where it points)';
    if (isAtOrInside(target, rootReal)) return undefined;
    if (!this.links.followOutside) return `symbolic link to a place outside the corpus folder (${toDisplay(target)}) not followed`;
    const why = rootRefusal(target, this.links.rules);
    return why === undefined ? undefined : `symbolic link not followed: ${why}`;
  }

  private async walkFolder(fsPath: string, real: string, ancestors: string[], root: string): Promise<void> {
    throwIfCancelled(this.token);
    const display = toDisplay(fsPath);
    let entries;
    try {
      entries = await this.fs.readDirectory(fsPath);
    } catch (error) {
      this.skip(display, isNotFound(error) ? 'folder disappeared while loading' : `unreadable folder (${describe(error)})`);
      return;
    }
    // Code-unit order, not localeCompare: the same corpus must load identically on every machine.
    entries = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isIgnored(entry.name)) continue;
      const childPath = path.join(fsPath, entry.name);
      const childDisplay = toDisplay(childPath);
      // Without a symlink in between, the canonical path follows from the parent's.
      let childReal = path.join(real, entry.name);
      let kind = entry.kind;
      if (kind === 'symlink') {
        try {
          const target = await this.fs.stat(childPath);
          const refused = this.linkRefusal(target.realPath, ancestors[0]!);
          if (refused) {
            this.skip(childDisplay, refused);
            continue;
          }
          kind = target.kind;
          childReal = target.realPath ?? childPath;
        } catch (error) {
          if (isLoop(error)) this.skip(childDisplay, 'symbolic link loop');
          else if (isNotFound(error)) this.skip(childDisplay, 'broken symbolic link');
          else this.skip(childDisplay, `unreadable (${describe(error)})`);
          continue;
        }
      }
      if (kind === 'file') {
        this.addFile(childPath, childDisplay, childReal, root);
      } else if (kind === 'directory') {
        if (ancestors.includes(childReal)) this.skip(childDisplay, 'symbolic link loop (points back to a parent folder)');
        else if (this.visitedFolders.has(childReal)) this.skip(childDisplay, 'folder already included via another path');
        else if (ancestors.length > MAX_DEPTH) this.skip(childDisplay, `folder nested deeper than ${MAX_DEPTH} levels`);
        else {
          this.visitedFolders.add(childReal);
          await this.walkFolder(childPath, childReal, [...ancestors, childReal], root);
        }
      } else {
        this.skip(childDisplay, 'not a regular file');
      }
    }
  }

  private addFile(fsPath: string, display: string, real: string, root: string): void {
    const format = formatOf(fsPath);
    if (!format) return this.skip(display, `unsupported file type (${path.extname(fsPath).toLowerCase() || 'no extension'})`);
    const first = this.seenFiles.get(real);
    if (first !== undefined) return this.skip(display, `same file as ${first}`);
    if (this.candidates.length >= this.maxFiles) {
      if (!this.limitReported) this.skip(root, `file limit reached: only the first ${this.maxFiles} files are loaded`);
      this.limitReported = true;
      return;
    }
    this.seenFiles.set(real, display);
    this.candidates.push({ fsPath, display, format });
  }
}

/**
 * Reads every supported source under `folders` (recursively, in sorted order) into documents
 * and passages. Nothing on disk makes it throw: unreadable, odd or vanished files end up in
 * `skipped`. Only cancellation throws (CancelledError), checked between folders and files.
 */
export async function loadCorpus(folders: string[], options: LoadCorpusOptions = {}): Promise<CorpusData> {
  const fs = options.fs ?? nodeFileSystem;
  const limits: ReadLimits = {
    maxFileBytes: options.maxFileBytes,
    extraction: { ...DEFAULT_EXTRACTION, ...options.extraction },
    token: options.token,
    total: new TotalBudget(options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES),
  };
  const walker = new Walker(fs, options.maxFiles ?? DEFAULT_MAX_FILES, options.token, linkOptions(options));
  for (const folder of folders) {
    throwIfCancelled(options.token);
    await walker.walkRoot(folder);
  }

  const documents: SourceDocument[] = [];
  const passages: Passage[] = [];
  const total = walker.candidates.length;
  options.onProgress?.(0, total);
  let done = 0;
  for (const candidate of walker.candidates) {
    throwIfCancelled(options.token);
    const reason = await readCandidate(fs, candidate, limits, documents, passages, options.cache);
    if (reason === OVER_TOTAL) limits.total.leftOut.push(candidate.display);
    else if (reason) walker.skip(candidate.display, reason);
    options.onProgress?.(++done, total);
  }
  const [firstLeftOut, ...alsoLeftOut] = limits.total.leftOut;
  // Once, like the file limit, at the file where the cut fell.
  if (firstLeftOut !== undefined) {
    const rest = alsoLeftOut.length ? ` and the ${alsoLeftOut.length} after it` : '';
    walker.skip(firstLeftOut, `corpus size limit reached: sources past the first ${formatBytes(limits.total.max)} are not read (this file${rest})`);
  }
  if (options.cache) {
    const present = new Set(walker.candidates.map((c) => c.display));
    for (const key of [...options.cache.keys()]) if (!present.has(key)) options.cache.delete(key);
  }
  const skipped: SkippedFile[] = [...walker.skipped].map(([path, reason]) => ({ path, reason }));
  return { documents, passages, skipped };
}

/**
 * Lists the supported files under `folders` with their size and modification time, reading no
 * file: enough to tell whether a persisted index still matches the corpus.
 */
export async function listCorpusFiles(
  folders: string[],
  options: Pick<LoadCorpusOptions, 'fs' | 'maxFiles' | 'token' | 'followLinksOutside' | 'rootRules'> = {},
): Promise<CorpusFileInfo[]> {
  const fs = options.fs ?? nodeFileSystem;
  const walker = new Walker(fs, options.maxFiles ?? DEFAULT_MAX_FILES, options.token, linkOptions(options));
  for (const folder of folders) await walker.walkRoot(folder);
  const files: CorpusFileInfo[] = [];
  for (const c of walker.candidates) {
    throwIfCancelled(options.token);
    try {
      const info = await fs.stat(c.fsPath);
      files.push({ path: c.display, size: info.size, mtimeMs: info.mtimeMs });
    } catch {
      // A file that vanished since the walk is simply not part of this version of the corpus.
    }
  }
  return files;
}

function linkOptions(options: Pick<LoadCorpusOptions, 'followLinksOutside' | 'rootRules'>): { followOutside: boolean; rules: RootRules | undefined } {
  return { followOutside: options.followLinksOutside ?? false, rules: options.rootRules };
}

/** What all files read may take together, counted from their sizes on disk before reading. */
class TotalBudget {
  private used = 0;
  readonly leftOut: string[] = [];

  constructor(readonly max: number) {}

  /** Takes `bytes` from the budget; false once a file has not fitted, for it and every later file. */
  take(bytes: number): boolean {
    if (this.leftOut.length > 0 || this.used + bytes > this.max) return false;
    this.used += bytes;
    return true;
  }

  /** A file that grew between stat and read still counts as what was read. */
  grew(bytes: number): void {
    this.used += bytes;
  }
}

/** readCandidate's answer for a file past the total budget: reported together, not one by one. */
const OVER_TOTAL = Symbol('over the total byte budget');

interface ReadLimits {
  /** Unset: by format (10 MB for text, 50 MB for binary formats). */
  maxFileBytes: number | undefined;
  extraction: ExtractionBudget;
  token: CancellationToken | undefined;
  total: TotalBudget;
}

/** Loads one file into `documents`/`passages`; returns why it was skipped instead. */
async function readCandidate(
  fs: CorpusFileSystem,
  candidate: Candidate,
  limits: ReadLimits,
  documents: SourceDocument[],
  passages: Passage[],
  cache: ParsedSourceCache | undefined,
): Promise<string | typeof OVER_TOTAL | undefined> {
  const unreadable = (error: unknown): string =>
    isNotFound(error) ? 'file disappeared before it could be read' : `unreadable file (${describe(error)})`;
  const maxFileBytes = limits.maxFileBytes ?? (candidate.format.binary ? DEFAULT_MAX_BINARY_FILE_BYTES : DEFAULT_MAX_FILE_BYTES);
  let bytes: Uint8Array;
  let info: CorpusStat;
  try {
    // Size first, so a huge file is never pulled into memory.
    info = await fs.stat(candidate.fsPath);
    if (info.kind !== 'file') return 'no longer a regular file';
    if (info.size === 0) return 'empty file';
    if (info.size > maxFileBytes) return `file too large (${formatBytes(info.size)}; limit ${formatBytes(maxFileBytes)})`;
    // Cached files count too, so which files a corpus holds does not depend on what was cached.
    if (!limits.total.take(info.size)) return OVER_TOTAL;
    const cached = cache?.get(candidate.display);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      for (const parsed of cached.parsed) addParsed(parsed, documents, passages);
      return undefined;
    }
    bytes = await fs.readFile(candidate.fsPath);
  } catch (error) {
    return unreadable(error);
  }
  limits.total.grew(Math.max(0, bytes.length - info.size));
  // The file may have grown between stat and read.
  if (bytes.length > maxFileBytes) return `file too large (${formatBytes(bytes.length)}; limit ${formatBytes(maxFileBytes)})`;
  const read = await readSource(candidate.display, candidate.format, bytes, limits);
  if (typeof read === 'string') return read;
  cache?.set(candidate.display, { size: info.size, mtimeMs: info.mtimeMs, parsed: read });
  for (const parsed of read) addParsed(parsed, documents, passages);
  return undefined;
}

function addParsed(parsed: ParsedSource, documents: SourceDocument[], passages: Passage[]): void {
  const doc = documents.length;
  documents.push(parsed.document);
  for (const passage of parsed.passages) passages.push({ id: passages.length, doc, ...passage });
}
