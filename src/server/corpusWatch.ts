/**
 * Notices sources being added, edited or deleted and rebuilds the index once a burst of changes
 * settles. The client's file watcher is preferred (`workspace/didChangeWatchedFiles`, registered
 * dynamically for exactly the corpus folders): it is the editor's own, shared with everything
 * else it watches. A client that cannot register watchers gets the server's own fs.watch.
 */
import { watch, type FSWatcher } from 'node:fs';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type DidChangeWatchedFilesParams, type FileSystemWatcher } from 'vscode-languageserver/node';
import { formatOf, sourceGlob } from '../engine';
import type { CorpusService } from './corpus';
import type { Log } from './log';
import { pathToUri, uriToPath } from './uris';

const SETTLE_MS = 300;

export interface WatchCapabilities {
  /** The client registers `workspace/didChangeWatchedFiles` on request. */
  dynamicRegistration: boolean;
  /** The client understands `{baseUri, pattern}` globs (LSP 3.17). */
  relativePatternSupport: boolean;
}

export class CorpusWatch {
  private registration: Promise<Disposable | undefined> | undefined;
  private watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly corpus: CorpusService,
    private readonly capabilities: WatchCapabilities,
    private readonly log: Log,
  ) {}

  /** Watches the corpus's current folders (call again after they change). The bundled corpus never changes. */
  follow(): void {
    this.stop();
    if (this.disposed || this.corpus.location.origin === 'bundled') return;
    const folders = this.corpus.location.folders;
    if (this.capabilities.dynamicRegistration) {
      const watchers: FileSystemWatcher[] = folders.map((folder) => ({
        globPattern: this.capabilities.relativePatternSupport ? { baseUri: pathToUri(folder), pattern: sourceGlob() } : `${folder.replace(/\\/g, '/')}/${sourceGlob()}`,
      }));
      this.registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).then(
        (d) => d,
        (error: unknown) => {
          this.log.warn(`The editor refused to watch the corpus (${(error as Error).message}); watching it from the server instead.`);
          this.watchLocally(folders);
          return undefined;
        },
      );
      return;
    }
    this.watchLocally(folders);
  }

  /** The client's file events: only supported files inside the corpus matter. */
  clientChanged(params: DidChangeWatchedFilesParams): void {
    const changes = Array.isArray(params?.changes) ? params.changes : [];
    const relevant = changes.map((c) => (typeof c?.uri === 'string' ? uriToPath(c.uri) : undefined)).filter((p): p is string => !!p && this.corpus.contains(p) && !!formatOf(p));
    if (relevant.length) this.changed(relevant[0]!);
  }

  private watchLocally(folders: readonly string[]): void {
    for (const folder of folders) {
      try {
        // Not persistent: the connection keeps the process alive, a watcher must not keep it after exit.
        const watcher = watch(folder, { recursive: true, persistent: false }, (_event, name) => {
          if (name === null || formatOf(String(name))) this.changed(`${folder}/${name ?? ''}`);
        });
        watcher.on('error', (error) => {
          this.log.warn(`Stopped watching ${folder}: ${error.message}. Use the corroborate.rebuildIndex command after changing sources.`);
          watcher.close();
        });
        this.watchers.push(watcher);
      } catch (error) {
        this.log.warn(`Cannot watch ${folder}: ${(error as Error).message}. Use the corroborate.rebuildIndex command after changing sources.`);
      }
    }
  }

  /** Whether a change was seen and its re-index waits for the burst to settle. */
  get settling(): boolean {
    return this.timer !== undefined;
  }

  private changed(what: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.log.info(`Sources changed (${what}); re-indexing.`);
      this.corpus.rebuild(true).catch((e) => this.log.error('Re-indexing the corpus failed', e));
    }, SETTLE_MS);
  }

  private stop(): void {
    const registration = this.registration;
    this.registration = undefined;
    void registration?.then((d) => d?.dispose());
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.stop();
  }
}
