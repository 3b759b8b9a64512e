import * as vscode from 'vscode';
import type { CorpusManager } from './corpus';
import type { Log } from './log';
import { sourceGlob } from '../engine';

const PATTERN = sourceGlob();
const SETTLE_MS = 300;

/**
 * Watches the corpus folders: files added, edited or deleted trigger one rebuild once the burst
 * of events settles (only changed files are parsed again), then `onRebuilt` re-checks drafts.
 */
export class CorpusWatcher implements vscode.Disposable {
  private watchers: vscode.FileSystemWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly corpus: CorpusManager,
    private readonly log: Log,
  ) {
    this.watch();
  }

  /** Follows the manager's current folders (call after they change). */
  watch(): void {
    this.disposeWatchers();
    if (this.corpus.location.origin === 'bundled') return;
    for (const folder of this.corpus.location.folders) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), PATTERN));
      const changed = (uri: vscode.Uri) => this.changed(uri);
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      this.watchers.push(watcher);
    }
  }

  private changed(uri: vscode.Uri): void {
    this.log.debug(`Corpus changed: ${uri.fsPath}`);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.corpus.rebuild(true).catch((e) => this.log.error('Re-indexing the corpus failed', e));
    }, SETTLE_MS);
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.disposeWatchers();
  }
}
