/**
 * The persisted corpus index, shared by every host that keeps one (the language server now, the
 * extension later): no editor types, only Node's fs. A cache file belongs to one set of corpus
 * folders and is valid while every file's size and modification time — and the index format —
 * are unchanged, so a restart reloads in milliseconds what took seconds to build.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancelledError, CorpusIndex, INDEX_FORMAT_VERSION, listCorpusFiles, loadCorpus, type CancellationToken, type CorpusFileInfo, type ParsedSourceCache, type SkippedFile } from '../engine';

/** A SHA-256 in hex and a line break: the cache file's header. */
const FINGERPRINT_BYTES = 65;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Where an index of these folders is cached in `storageDir` (one file per set of folders). */
export function indexCacheFile(storageDir: string, folders: readonly string[]): string {
  return path.join(storageDir, `index-${sha256(folders.join('\n')).slice(0, 16)}.bin`);
}

/** What identifies one version of a corpus: its files' paths, sizes and times, and the index format. */
export function corpusFingerprint(files: readonly CorpusFileInfo[]): string {
  return sha256(`${INDEX_FORMAT_VERSION}\n${JSON.stringify(files)}`);
}

/**
 * The per-user cache folder when the client names none: XDG on Linux, the platform's own elsewhere.
 * Never inside the workspace, which may be under version control or read-only.
 */
export function defaultCacheDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'corroborate', 'cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'corroborate');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'corroborate');
}

/**
 * The cached index when its fingerprint matches, else undefined ("build afresh"): a missing,
 * stale or damaged file is never an error. Only cancellation throws.
 */
export async function readIndexCache(file: string, fingerprint: string, token?: CancellationToken, warn?: (message: string) => void): Promise<CorpusIndex | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, FINGERPRINT_BYTES).toString('latin1') !== `${fingerprint}\n`) return undefined;
  try {
    return await CorpusIndex.deserialize(bytes.subarray(FINGERPRINT_BYTES), token);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    warn?.(`Ignored the saved index: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Writes the index through a temporary file and a rename, so a reader (another editor window, a
 * crash half-way) never sees half a file. Failing to write only costs the next start a build.
 */
export async function writeIndexCache(file: string, fingerprint: string, index: CorpusIndex, warn?: (message: string) => void): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const pieces = await index.serialize();
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(temp, [Buffer.from(`${fingerprint}\n`, 'latin1'), ...pieces]);
    await fs.rename(temp, file);
  } catch (error) {
    warn?.(`Could not save the index cache: ${(error as Error).message}`);
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

export interface OpenIndexOptions {
  /** Folder of the cache files; none: nothing is read or written. */
  storageDir?: string;
  /** Build even when the cache matches (the user asked for a rebuild, or a file watcher fired). */
  force?: boolean;
  token?: CancellationToken;
  /** Parsed files kept between builds, so a rebuild after one edit parses one file. */
  parsed?: ParsedSourceCache;
  /** Files loaded so far, while building (not called when the cache is used). */
  onProgress?: (done: number, total: number) => void;
  /** Passages indexed so far, once the files are loaded. */
  onIndexProgress?: (done: number, total: number) => void;
  warn?: (message: string) => void;
  /** Follow symbolic links that lead out of the corpus folders (a user's own choice; off by default). */
  followLinksOutside?: boolean;
}

export interface OpenedIndex {
  index: CorpusIndex;
  origin: 'cache' | 'built';
  /** Files that could not be used, with the reason (empty when read from the cache). */
  skipped: SkippedFile[];
  /** The cache write, which runs after the index is returned. */
  saved: Promise<void>;
  cacheFile?: string;
  /** The corpus files' fingerprint, when a cache folder was given (it keys anything cached for this corpus). */
  fingerprint?: string;
}

/** The index of `folders`: read back from the cache when the corpus is unchanged, else built (and saved). */
export async function openIndex(folders: readonly string[], options: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const { storageDir, token, warn } = options;
  const cacheFile = storageDir ? indexCacheFile(storageDir, folders) : undefined;
  const followLinksOutside = options.followLinksOutside === true;
  // Whether links out were followed changes what the corpus holds: it is part of the fingerprint.
  const fingerprint = cacheFile ? `${corpusFingerprint(await listCorpusFiles([...folders], { token, followLinksOutside }))}${followLinksOutside ? ':links-out' : ''}` : '';
  if (cacheFile && !options.force) {
    const cached = await readIndexCache(cacheFile, fingerprint, token, warn);
    if (cached) return { index: cached, origin: 'cache', skipped: [], saved: Promise.resolve(), cacheFile, fingerprint };
  }
  const corpus = await loadCorpus([...folders], { token, cache: options.parsed, onProgress: options.onProgress, followLinksOutside });
  const index = await CorpusIndex.build(corpus, token, options.onIndexProgress);
  const saved = cacheFile ? writeIndexCache(cacheFile, fingerprint, index, warn) : Promise.resolve();
  return { index, origin: 'built', skipped: corpus.skipped, saved, cacheFile, ...(cacheFile ? { fingerprint } : {}) };
}
