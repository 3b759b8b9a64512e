import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError, CorpusIndex, INDEX_FORMAT_VERSION, listCorpusFiles, loadCorpus, type ParsedSourceCache } from '../engine';
import type { Settings } from './config';
import type { Log } from './log';

export type CorpusOrigin = 'settings' | 'workspace' | 'bundled';

export interface CorpusLocation {
  folders: string[];
  origin: CorpusOrigin;
  /** Configured folders that do not exist (reported, then ignored). */
  missing: string[];
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where the sources are: the configured folders; else a `corpus/` folder of the workspace; else
 * the sample corpus bundled with the extension, so zero configuration always works.
 */
export function locateCorpus(settings: Settings, workspaceFolders: readonly string[], extensionPath: string): CorpusLocation {
  const missing: string[] = [];
  const configured: string[] = [];
  for (const entry of settings.corpusPaths) {
    const candidates = path.isAbsolute(entry) ? [entry] : workspaceFolders.map((w) => path.join(w, entry));
    const found = candidates.find(isFolder);
    if (found) configured.push(found);
    else missing.push(entry);
  }
  if (configured.length) return { folders: configured, origin: 'settings', missing };
  const inWorkspace = workspaceFolders.map((w) => path.join(w, 'corpus')).filter(isFolder);
  if (inWorkspace.length) return { folders: inWorkspace, origin: 'workspace', missing };
  return { folders: [path.join(extensionPath, 'corpus')], origin: 'bundled', missing };
}

/**
 * Owns the corpus index: builds it in the background with a progress indicator, persists it in
 * the extension's storage, reloads it at start when the corpus is unchanged, and rebuilds when
 * told the corpus changed (re-parsing only files whose size or time changed).
 */
export class CorpusManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CorpusIndex>();
  /** Fires with each new index, after a build, a reload or a rebuild. */
  readonly onDidChangeIndex = this.changed.event;
  private readonly busy = new vscode.EventEmitter<boolean>();
  /** Fires true when indexing starts and false when it ends. */
  readonly onDidChangeBusy = this.busy.event;

  private current: CorpusIndex | undefined;
  private pending: Promise<CorpusIndex> | undefined;
  private generation = 0;
  private cancel: vscode.CancellationTokenSource | undefined;
  private readonly parsed: ParsedSourceCache = new Map();
  private reportedSkips = new Set<string>();
  /** How the current index was obtained: read back from the storage cache, or built. */
  origin: 'cache' | 'built' | undefined;
  /** The last write of the index cache (it runs in the background). */
  saved: Promise<void> = Promise.resolve();
  /** Where the index of the current folders is cached (set once a build or reload started). */
  cacheFile: string | undefined;
  location: CorpusLocation;

  constructor(
    location: CorpusLocation,
    private readonly storage: vscode.Uri,
    private readonly log: Log,
  ) {
    this.location = location;
  }

  get index(): CorpusIndex | undefined {
    return this.current;
  }

  get indexing(): boolean {
    return this.pending !== undefined;
  }

  /** The index, building or loading it first when there is none yet. */
  ready(): Promise<CorpusIndex> {
    if (this.current && !this.pending) return Promise.resolve(this.current);
    return this.pending ?? this.rebuild(false);
  }

  /** Points the manager at other folders (a setting changed) and rebuilds if they differ. */
  relocate(location: CorpusLocation): void {
    const same = location.folders.join('\n') === this.location.folders.join('\n');
    this.location = location;
    if (!same) {
      this.parsed.clear();
      void this.rebuild(false);
    }
  }

  /**
   * Builds a new index. Without `force`, a persisted index whose corpus is unchanged is loaded
   * instead. A newer call supersedes an older one still running.
   */
  rebuild(force: boolean): Promise<CorpusIndex> {
    this.cancel?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.cancel = source;
    const generation = ++this.generation;
    const run = this.run(force, source.token).then(
      (index) => {
        if (generation === this.generation) {
          this.current = index;
          this.pending = undefined;
          this.busy.fire(false);
          this.changed.fire(index);
        }
        return index;
      },
      (error) => {
        if (generation === this.generation) {
          this.pending = undefined;
          this.busy.fire(false);
        }
        if (error instanceof CancelledError && this.pending) return this.pending;
        throw error;
      },
    );
    this.pending = run;
    this.busy.fire(true);
    return run;
  }

  private async run(force: boolean, token: vscode.CancellationToken): Promise<CorpusIndex> {
    const { folders, origin } = this.location;
    const started = Date.now();
    const cacheFile = vscode.Uri.joinPath(this.storage, `index-${hash(folders.join('\n')).slice(0, 16)}.bin`);
    this.cacheFile = cacheFile.fsPath;
    const files = await listCorpusFiles(folders, { token });
    const fingerprint = hash(`${INDEX_FORMAT_VERSION}\n${JSON.stringify(files)}`);
    if (!force) {
      const cached = await this.readCache(cacheFile, fingerprint, token);
      if (cached) {
        this.origin = 'cache';
        this.log.info(`Loaded the index of ${cached.documentCount} source(s) from cache in ${Date.now() - started} ms (${origin} corpus: ${folders.join(', ')}).`);
        return cached;
      }
    }
    const index = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Corroborate: indexing sources' },
      async (progress) => {
        const corpus = await loadCorpus(folders, {
          token,
          cache: this.parsed,
          onProgress: (done, total) => progress.report({ message: `${done}/${total} files` }),
        });
        for (const s of corpus.skipped) {
          const key = `${s.path}\n${s.reason}`;
          if (!this.reportedSkips.has(key)) this.log.warn(`Skipped ${s.path}: ${s.reason}`);
          this.reportedSkips.add(key);
        }
        return CorpusIndex.build(corpus, token);
      },
    );
    this.log.info(`Indexed ${index.documentCount} source(s), ${index.passages.length} passages in ${Date.now() - started} ms (${origin} corpus: ${folders.join(', ')}).`);
    if (!index.documentCount) this.log.warn(`No readable sources in ${folders.join(', ')}: every statement will be unverified.`);
    this.origin = 'built';
    this.saved = this.writeCache(cacheFile, fingerprint, index);
    return index;
  }

  /**
   * The cache file is the corpus fingerprint (64 hex characters, then a line break) followed by
   * the index's bytes; a stale fingerprint or unreadable bytes mean "build afresh".
   */
  private async readCache(file: vscode.Uri, fingerprint: string, token: vscode.CancellationToken): Promise<CorpusIndex | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file.fsPath);
    } catch {
      return undefined;
    }
    if (bytes.subarray(0, FINGERPRINT_BYTES).toString('latin1') !== `${fingerprint}\n`) return undefined;
    try {
      return await CorpusIndex.deserialize(bytes.subarray(FINGERPRINT_BYTES), token);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      this.log.warn(`Ignored the saved index: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async writeCache(file: vscode.Uri, fingerprint: string, index: CorpusIndex): Promise<void> {
    const temp = `${file.fsPath}.${process.pid}.tmp`;
    try {
      const pieces = await index.serialize();
      await fs.mkdir(path.dirname(file.fsPath), { recursive: true });
      await fs.writeFile(temp, [Buffer.from(`${fingerprint}\n`, 'latin1'), ...pieces]);
      await fs.rename(temp, file.fsPath);
    } catch (error) {
      this.log.warn(`Could not save the index cache: ${(error as Error).message}`);
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /** Whether a file belongs to the corpus (such files are sources, not drafts). */
  contains(fsPath: string): boolean {
    return this.location.folders.some((f) => {
      const rel = path.relative(f, fsPath);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  dispose(): void {
    this.cancel?.cancel();
    this.changed.dispose();
    this.busy.dispose();
  }
}

/** A SHA-256 in hex and a line break. */
const FINGERPRINT_BYTES = 65;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
