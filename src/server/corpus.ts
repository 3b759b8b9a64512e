/**
 * Owns the corpus index in the server: builds it in the background with `$/progress`, persists it
 * in the cache folder, reloads it at start while the corpus is unchanged, and rebuilds when told
 * the corpus or its location changed (re-parsing only files whose size or time changed).
 */
import type { CancellationToken as RequestToken, Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { CancelledError, type CancellationToken, type CorpusIndex, type ParsedSourceCache } from '../engine';
import { Cancellation } from './cancellation';
import { sameFolders, insideFolders, type CorpusLocation } from './corpusLocation';
import { openIndex } from './indexCache';
import type { Log } from './log';

type Listener = (index: CorpusIndex) => void;
type BusyListener = (busy: boolean) => void;

export class CorpusService {
  private current: CorpusIndex | undefined;
  private pending: Promise<CorpusIndex> | undefined;
  private generation = 0;
  private cancel: Cancellation | undefined;
  private readonly parsed: ParsedSourceCache = new Map();
  private readonly reportedSkips = new Set<string>();
  private readonly listeners: Listener[] = [];
  private readonly busyListeners: BusyListener[] = [];
  /** How the current index was obtained. */
  origin: 'cache' | 'built' | undefined;
  /** The last write of the index cache (it runs in the background). */
  saved: Promise<void> = Promise.resolve();
  /** The cache file of the current index, when there is a cache folder. */
  cacheFile: string | undefined;

  constructor(
    public location: CorpusLocation,
    private readonly connection: Connection,
    private readonly storageDir: string | undefined,
    private readonly log: Log,
    /** Whether to follow links out of the corpus folders, read at each build. */
    private readonly followLinksOutside: () => boolean = () => false,
  ) {}

  get index(): CorpusIndex | undefined {
    return this.current;
  }

  get indexing(): boolean {
    return this.pending !== undefined;
  }

  /** Called with each new index, after a build, a reload or a rebuild. */
  onDidChangeIndex(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Called with true when indexing starts and false when it ends. */
  onBusyChange(listener: BusyListener): void {
    this.busyListeners.push(listener);
  }

  private setBusy(busy: boolean): void {
    for (const listener of this.busyListeners) listener(busy);
  }

  /** The index, building or loading it first when there is none yet. */
  ready(): Promise<CorpusIndex> {
    if (this.current && !this.pending) return Promise.resolve(this.current);
    return this.pending ?? this.rebuild(false);
  }

  /**
   * The index once ready for a request: at once when there is one and no build runs, else when
   * the build ends; rejects with `cancelledError()` as soon as the client gives up.
   */
  readyFor(token: RequestToken, cancelledError: () => unknown = () => new CancelledError()): Promise<CorpusIndex> {
    if (this.current && !this.pending) return Promise.resolve(this.current);
    return new Promise<CorpusIndex>((resolve, reject) => {
      const listener = token.onCancellationRequested(() => reject(cancelledError()));
      this.ready().then(resolve, reject).finally(() => listener.dispose());
    });
  }

  /** Whether a file is one of the sources (such files are never checked as drafts). */
  contains(fsPath: string): boolean {
    return insideFolders(this.location.folders, fsPath);
  }

  /** Points the service at other folders (settings or workspace folders changed); rebuilds if they differ. */
  relocate(location: CorpusLocation): boolean {
    const same = sameFolders(location, this.location);
    this.location = location;
    if (same) return false;
    this.parsed.clear();
    this.rebuild(false).catch((e) => this.log.error('Indexing the corpus failed', e));
    return true;
  }

  /**
   * Builds a new index; without `force`, a cached index of an unchanged corpus is loaded instead.
   * A newer call supersedes an older one still running (which is cancelled).
   */
  rebuild(force: boolean): Promise<CorpusIndex> {
    this.cancel?.cancel();
    const source = new Cancellation();
    this.cancel = source;
    const generation = ++this.generation;
    const run = this.run(force, source).then(
      (index) => {
        if (generation === this.generation) {
          this.current = index;
          this.pending = undefined;
          this.setBusy(false);
          for (const listener of this.listeners) listener(index);
        }
        return index;
      },
      (error: unknown) => {
        if (generation === this.generation) {
          this.pending = undefined;
          this.setBusy(false);
        }
        // A superseded build answers with the build that replaced it.
        if (error instanceof CancelledError && this.pending) return this.pending;
        throw error;
      },
    );
    this.pending = run;
    this.setBusy(true);
    return run;
  }

  private async run(force: boolean, token: CancellationToken): Promise<CorpusIndex> {
    const { folders, origin } = this.location;
    const started = Date.now();
    // The build does not wait for the client to accept the progress token: a client slow to
    // answer (or never answering) must not hold up indexing; reports before then are dropped.
    let progress: WorkDoneProgressServerReporter | undefined;
    const created = this.connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.begin('Corroborate: indexing sources', 0, folders.join(', '));
        progress = reporter;
        return reporter;
      },
      () => undefined,
    );
    // One report per percent: the index build calls back every slice, ~80 times a second.
    let lastPercent = -1;
    const report = (percent: number, message: string) => {
      if (percent === lastPercent) return;
      lastPercent = percent;
      progress?.report(percent, message);
    };
    try {
      const opened = await openIndex(folders, {
        storageDir: this.storageDir,
        force,
        token,
        parsed: this.parsed,
        // Reading the files is the first half of a build, indexing their passages the second.
        onProgress: (done, total) => report(total ? Math.round((50 * done) / total) : 50, `${done}/${total} files`),
        onIndexProgress: (done, total) => report(50 + (total ? Math.round((50 * done) / total) : 50), `${done.toLocaleString('en')}/${total.toLocaleString('en')} passages`),
        warn: (message) => this.log.warn(message),
        followLinksOutside: this.followLinksOutside(),
      });
      for (const s of opened.skipped) {
        const key = `${s.path}\n${s.reason}`;
        if (!this.reportedSkips.has(key)) this.log.warn(`Skipped ${s.path}: ${s.reason}`);
        this.reportedSkips.add(key);
      }
      const { index } = opened;
      const how = opened.origin === 'cache' ? 'Loaded the index of' : 'Indexed';
      this.log.info(`${how} ${index.documentCount} source(s), ${index.passages.length} passages in ${Date.now() - started} ms (${origin} corpus: ${folders.join(', ')}).`);
      if (!index.documentCount) this.log.warn(`No readable sources in ${folders.join(', ')}: every statement will be unverified.`);
      this.origin = opened.origin;
      this.saved = opened.saved;
      this.cacheFile = opened.cacheFile;
      return index;
    } finally {
      void created.then((reporter) => reporter?.done());
    }
  }

  dispose(): void {
    this.cancel?.cancel();
  }
}
