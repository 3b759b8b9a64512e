import * as vscode from 'vscode';
import { CancelledError, CorpusIndex, listCorpusFiles, loadCorpus, type ParsedSourceCache } from '../engine';
import { insideFolders, type CorpusLocation } from '../server/corpusLocation';
import { corpusFingerprint, indexCacheFile, readIndexCache, writeIndexCache } from '../server/indexCache';
import type { Log } from './log';

export { locateCorpus, type CorpusLocation } from '../server/corpusLocation';

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
    const cacheFile = indexCacheFile(this.storage.fsPath, folders);
    this.cacheFile = cacheFile;
    const fingerprint = corpusFingerprint(await listCorpusFiles(folders, { token }));
    if (!force) {
      const cached = await readIndexCache(cacheFile, fingerprint, token, (message) => this.log.warn(message));
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
    this.saved = writeIndexCache(cacheFile, fingerprint, index, (message) => this.log.warn(message));
    return index;
  }

  /** Whether a file belongs to the corpus (such files are sources, not drafts). */
  contains(fsPath: string): boolean {
    return insideFolders(this.location.folders, fsPath);
  }

  dispose(): void {
    this.cancel?.cancel();
    this.changed.dispose();
    this.busy.dispose();
  }
}
