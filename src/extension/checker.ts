import * as vscode from 'vscode';
import { CancelledError, checkDocument, SLICE_MS, TimeSlicer, type CheckMemo, type StatementResult } from '../engine';
import type { Settings } from './config';
import type { CorpusManager } from './corpus';
import type { Log } from './log';

/** The outcome of checking one version of one document. */
export interface CheckReport {
  uri: vscode.Uri;
  version: number;
  results: StatementResult[];
  /** Characters checked; less than the text's length when the draft exceeds the size setting. */
  checkedLength: number;
  textLength: number;
}

export type Trigger = 'open' | 'type' | 'save' | 'command' | 'settings' | 'corpus';


interface DocState {
  timer?: ReturnType<typeof setTimeout>;
  cancel?: vscode.CancellationTokenSource;
  report?: CheckReport;
  /** Results by statement wording, so an edit re-checks only the statements it changed. */
  memo?: CheckMemo;
}

/**
 * Schedules and runs checks: debounced per document, cancelled when superseded, dropped when the
 * document changed meanwhile, and sliced so the extension host never blocks for long.
 */
export class DraftChecker implements vscode.Disposable {
  private readonly states = new Map<string, DocState>();
  private readonly checked = new vscode.EventEmitter<CheckReport>();
  /** Fires after a document's results were computed for its current version. */
  readonly onDidCheck = this.checked.event;
  private readonly cleared = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidClear = this.cleared.event;
  enabled = true;
  /** Longest synchronous slice seen, in ms (for the performance benchmark). */
  longestSliceMs = 0;
  /** Statements checked afresh (not reused from an earlier check of the same wording). */
  freshChecks = 0;

  constructor(
    private readonly corpus: CorpusManager,
    private readonly settingsFor: (doc: vscode.TextDocument) => Settings,
    private readonly log: Log,
  ) {}

  /** Whether a document is a draft this extension checks. */
  isDraft(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
    if (!this.settingsFor(doc).languages.includes(doc.languageId)) return false;
    return !(doc.uri.scheme === 'file' && this.corpus.contains(doc.uri.fsPath));
  }

  /** Whether a check of the document is scheduled or running. */
  isPending(uri: vscode.Uri): boolean {
    const s = this.states.get(uri.toString());
    return !!(s?.timer || s?.cancel);
  }

  report(uri: vscode.Uri): CheckReport | undefined {
    return this.states.get(uri.toString())?.report;
  }

  /** Reacts to an editor event according to the run setting. */
  schedule(doc: vscode.TextDocument, trigger: Trigger): void {
    if (!this.enabled || !this.isDraft(doc)) return;
    const settings = this.settingsFor(doc);
    if (trigger === 'type' && settings.run !== 'onType') return;
    if (trigger === 'save' && settings.run === 'manual') return;
    if (trigger === 'open' && settings.run === 'manual') return;
    const state = this.state(doc.uri);
    // A new edit makes any running check stale at once.
    state.cancel?.cancel();
    if (state.timer) clearTimeout(state.timer);
    const delay = trigger === 'type' ? settings.debounceMs : 0;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.check(doc).catch((e) => this.log.error(`Checking ${doc.uri.fsPath || doc.uri.toString()} failed`, e));
    }, delay);
  }

  /**
   * Checks the document now. Resolves with the report, or undefined when the check was
   * superseded or the document changed or closed meanwhile (its result would be stale).
   */
  async check(doc: vscode.TextDocument, range?: vscode.Range): Promise<CheckReport | undefined> {
    const state = this.state(doc.uri);
    state.cancel?.cancel();
    const source = new vscode.CancellationTokenSource();
    state.cancel = source;
    const token = source.token;
    const version = doc.version;
    try {
      const index = await this.corpus.ready();
      if (token.isCancellationRequested || doc.isClosed || doc.version !== version) return undefined;
      const settings = this.settingsFor(doc);
      const text = doc.getText();
      // One slicer for the whole check: it pauses between statements and inside a long one.
      // Stops at the next statement or slice when the draft closes or changes, not only on cancel.
      const current = { get isCancellationRequested() { return token.isCancellationRequested || doc.isClosed || doc.version !== version; } };
      const slicer = new TimeSlicer(SLICE_MS, current, 1);
      const previous = state.report?.version === version ? state.report : undefined;
      let check;
      try {
        check = await checkDocument(index, text, {
          format: doc.languageId === 'markdown' ? 'markdown' : 'plaintext',
          maxSize: settings.maxDraftSize,
          previous: state.memo,
          token: current,
          slicer,
          // A selection check keeps the other statements' results of this very version.
          keep: (s) => (range && !new vscode.Range(doc.positionAt(s.offset), doc.positionAt(s.offset + s.length)).intersection(range) ? previous?.results.find((r) => r.offset === s.offset && r.length === s.length) : undefined),
        });
      } catch (error) {
        if (error instanceof CancelledError) return undefined;
        throw error;
      } finally {
        slicer.end();
        this.longestSliceMs = Math.max(this.longestSliceMs, slicer.longestMs);
      }
      this.freshChecks += check.fresh;
      state.memo = check.memo;
      const { results, checkedLength } = check;
      if (token.isCancellationRequested || doc.isClosed || doc.version !== version) return undefined;
      const report: CheckReport = { uri: doc.uri, version, results, checkedLength, textLength: text.length };
      state.report = report;
      // Done before listeners hear of it, so they see no check pending for this version.
      if (state.cancel === source) state.cancel = undefined;
      this.checked.fire(report);
      return report;
    } finally {
      source.dispose();
      if (state.cancel === source) state.cancel = undefined;
    }
  }

  /** Forgets a document (closed): pending work stops and its findings go away. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    state.cancel?.cancel();
    if (state.timer) clearTimeout(state.timer);
    this.states.delete(key);
    this.cleared.fire(uri);
  }

  /** Stops everything and forgets every document (checking turned off). */
  forgetAll(): void {
    for (const key of [...this.states.keys()]) this.forget(vscode.Uri.parse(key));
  }

  private state(uri: vscode.Uri): DocState {
    const key = uri.toString();
    let s = this.states.get(key);
    if (!s) {
      s = {};
      this.states.set(key, s);
    }
    return s;
  }

  dispose(): void {
    for (const s of this.states.values()) {
      s.cancel?.cancel();
      if (s.timer) clearTimeout(s.timer);
    }
    this.checked.dispose();
    this.cleared.dispose();
  }
}
