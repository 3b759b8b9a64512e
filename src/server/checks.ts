/**
 * Schedules and runs the checks of open drafts: debounced per document, each newer version
 * cancelling the check of an older one, incremental (an edit re-checks only the statements it
 * changed), and sliced so that hovers and other requests are answered while a check runs.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken } from 'vscode-languageserver/node';
import { CancelledError, checkDocument, SLICE_MS, TimeSlicer, type CheckMemo } from '../engine';
import { Cancellation } from './cancellation';
import type { CorpusService } from './corpus';
import type { CheckReport } from './diagnostics';
import type { DraftStore } from './documents';
import type { Log } from './log';
import { canonicalLanguage, languageChecked, type ServerSettings } from './settings';
import { uriToPath } from './uris';

export type Trigger = 'open' | 'type' | 'save' | 'command' | 'settings' | 'corpus';

interface DocState {
  timer?: ReturnType<typeof setTimeout>;
  cancel?: Cancellation;
  report?: CheckReport;
  /** Results by statement wording, so an edit re-checks only the statements it changed. */
  memo?: CheckMemo;
}

export class DraftChecks {
  private readonly states = new Map<string, DocState>();
  private readonly listeners: ((doc: TextDocument, report: CheckReport) => void)[] = [];
  private readonly pendingListeners: ((uri: string, version: number, pending: boolean) => void)[] = [];

  constructor(
    private readonly docs: DraftStore,
    private readonly corpus: CorpusService,
    private readonly settings: () => ServerSettings,
    private readonly log: Log,
    /** Settles once the client's settings are known, so the first index is built for the right folders. */
    private readonly configured: Promise<unknown> = Promise.resolve(),
  ) {}

  /** Called after a document's results were computed for its current version. */
  onDidCheck(listener: (doc: TextDocument, report: CheckReport) => void): void {
    this.listeners.push(listener);
  }

  /** Called whenever a document's check is scheduled, starts, or ends without another one waiting. */
  onPendingChange(listener: (uri: string, version: number, pending: boolean) => void): void {
    this.pendingListeners.push(listener);
  }

  /** Whether a check of the document is scheduled or running. */
  isPending(uri: string): boolean {
    const s = this.states.get(uri);
    return !!(s?.timer || s?.cancel);
  }

  /** Tells listeners whether the document's current version is still to be checked. */
  announcePending(uri: string): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    const pending = this.isPending(uri);
    for (const listener of this.pendingListeners) listener(uri, doc.version, pending);
  }

  /** Whether a document is a draft: a checked language, a file or untitled buffer, not a source. */
  isDraft(doc: TextDocument): boolean {
    if (!languageChecked(this.settings(), doc.languageId)) return false;
    if (doc.uri.startsWith('untitled:')) return true;
    const fsPath = uriToPath(doc.uri);
    return fsPath !== undefined && !this.corpus.contains(fsPath);
  }

  report(uri: string): CheckReport | undefined {
    return this.states.get(uri)?.report;
  }

  /** Reacts to an editor event according to the run setting. */
  schedule(doc: TextDocument, trigger: Trigger): void {
    if (this.wanted(doc, trigger)) this.queue(doc, trigger);
    this.announcePending(doc.uri);
  }

  private wanted(doc: TextDocument, trigger: Trigger): boolean {
    if (!this.isDraft(doc)) return false;
    const settings = this.settings();
    if (trigger === 'type' && settings.run !== 'onType') return false;
    // Checking on demand only: a draft is checked when asked, then kept current when the
    // settings or the sources change, but never checked unasked.
    return !(settings.run === 'manual' && (trigger === 'open' || trigger === 'save' || !this.report(doc.uri)));
  }

  private queue(doc: TextDocument, trigger: Trigger): void {
    const settings = this.settings();
    const state = this.state(doc.uri);
    // A new version makes any running check stale at once.
    state.cancel?.cancel();
    if (state.timer) clearTimeout(state.timer);
    const delay = trigger === 'type' ? settings.debounceMs : 0;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.check(doc.uri).catch((e) => this.log.error(`Checking ${doc.uri} failed`, e));
    }, delay);
  }

  /** Re-checks every open draft (the index or the settings changed). */
  recheckAll(trigger: 'settings' | 'corpus'): void {
    for (const doc of this.docs.all()) this.schedule(doc, trigger);
  }

  /**
   * Checks the document's current version now. Resolves with the report, or undefined when the
   * check was superseded, cancelled by `requestToken`, or the document changed or closed meanwhile.
   */
  async check(uri: string, requestToken?: CancellationToken, only?: { start: number; end: number }): Promise<CheckReport | undefined> {
    const doc = this.docs.get(uri);
    if (!doc || !this.isDraft(doc)) return undefined;
    const state = this.state(uri);
    state.cancel?.cancel();
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    const source = new Cancellation();
    state.cancel = source;
    const version = doc.version;
    this.announcePending(uri);
    let ended = false;
    const stale = () => source.isCancellationRequested || requestToken?.isCancellationRequested === true || this.docs.get(uri) !== doc || doc.version !== version;
    const token = { get isCancellationRequested() { return stale(); } };
    try {
      await this.configured;
      const index = await this.corpus.ready();
      if (stale()) return undefined;
      const settings = this.settings();
      const text = doc.getText();
      const previous = state.report?.version === version ? state.report : undefined;
      const slicer = new TimeSlicer(SLICE_MS, token, 1);
      let check;
      try {
        check = await checkDocument(index, text, {
          format: canonicalLanguage(doc.languageId) === 'markdown' ? 'markdown' : 'plaintext',
          maxSize: settings.maxDraftSize,
          previous: state.memo,
          token,
          slicer,
          // A check of a range keeps the other statements' results of this very version.
          keep: only && previous ? (s) => (s.offset + s.length < only.start || s.offset > only.end ? previous.results.find((r) => r.offset === s.offset && r.length === s.length) : undefined) : undefined,
        });
      } catch (error) {
        if (error instanceof CancelledError) return undefined;
        throw error;
      } finally {
        slicer.end();
      }
      // The memo holds even when this version is stale: its results are right for their wordings.
      state.memo = check.memo;
      if (stale()) return undefined;
      const report: CheckReport = { uri, version, results: check.results, checkedLength: check.checkedLength, textLength: text.length, fresh: check.fresh };
      state.report = report;
      // Done before listeners hear of it, so they see no check pending for this version.
      if (state.cancel === source) {
        state.cancel = undefined;
        ended = true;
      }
      for (const listener of this.listeners) listener(doc, report);
      return report;
    } finally {
      if (state.cancel === source) {
        state.cancel = undefined;
        ended = true;
      }
      // The last check of a version (finished, cancelled or stale) says that none is pending now.
      if (ended && this.docs.get(uri) && !state.timer && !state.cancel) this.announcePending(uri);
    }
  }

  /** Forgets a document (closed): pending work stops and its report goes away. */
  forget(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    state.cancel?.cancel();
    if (state.timer) clearTimeout(state.timer);
    this.states.delete(uri);
  }

  private state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) {
      s = {};
      this.states.set(uri, s);
    }
    return s;
  }

  dispose(): void {
    for (const uri of [...this.states.keys()]) this.forget(uri);
  }
}
