import * as vscode from 'vscode';
import { CancelledError, checkStatementSliced, parseDraft, SLICE_MS, TimeSlicer, type CorpusIndex, type DraftStatement, type StatementResult } from '../engine';
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
  memo: Map<string, StatementResult>;
  memoIndex?: CorpusIndex;
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
      if (state.memoIndex !== index) {
        state.memo.clear();
        state.memoIndex = index;
      }
      const settings = this.settingsFor(doc);
      const text = doc.getText();
      // One slicer for the whole check: it pauses between statements and inside a long one.
      const slicer = new TimeSlicer(SLICE_MS, token, 1);
      const { statements, checkedLength } = statementsWithin(text, doc.languageId === 'markdown' ? 'markdown' : 'plaintext', settings.maxDraftSize);
      const previous = state.report?.version === version ? state.report : undefined;
      const results: StatementResult[] = [];
      const memo = new Map<string, StatementResult>();
      try {
        for (const s of statements) {
          if (slicer.expired()) await slicer.pause();
          if (doc.isClosed || doc.version !== version) return undefined;
          const inRange = !range || new vscode.Range(doc.positionAt(s.offset), doc.positionAt(s.offset + s.length)).intersection(range);
          const old = !inRange ? previous?.results.find((r) => r.offset === s.offset && r.length === s.length) : undefined;
          const result = old ?? (await this.checkOne(index, s, state.memo, slicer));
          memo.set(memoKey(s), shift(result, -s.offset, result.text));
          results.push(result);
        }
      } catch (error) {
        if (error instanceof CancelledError) return undefined;
        throw error;
      } finally {
        slicer.end();
        this.longestSliceMs = Math.max(this.longestSliceMs, slicer.longestMs);
      }
      state.memo = memo;
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

  private async checkOne(index: CorpusIndex, s: DraftStatement, memo: Map<string, StatementResult>, slicer: TimeSlicer): Promise<StatementResult> {
    const known = memo.get(memoKey(s));
    if (known) return shift(known, s.offset, s.text);
    this.freshChecks++;
    return checkStatementSliced(index, s, slicer);
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
      s = { memo: new Map() };
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

/**
 * The statements of a draft up to `maxSize` characters, and where checking stops. When the limit
 * falls inside the draft, the last statement before it may be cut ("from 26 to 1|8.") and half a
 * sentence can contradict a source the whole one agrees with, so it is left out and checking
 * stops where it starts.
 */
export function statementsWithin(text: string, format: 'markdown' | 'plaintext', maxSize: number): { statements: DraftStatement[]; checkedLength: number } {
  if (text.length <= maxSize) return { statements: parseDraft(text, format), checkedLength: text.length };
  const statements = parseDraft(text.slice(0, maxSize), format);
  const cut = statements.pop();
  return { statements, checkedLength: cut ? cut.offset : maxSize };
}

function memoKey(s: DraftStatement): string {
  return `${s.ignored ? 'i' : 'c'}\u0000${s.masked}`;
}

/** A result moved by `delta` characters: memoised at offset 0, then placed where the statement now stands. */
function shift(r: StatementResult, delta: number, text: string): StatementResult {
  return {
    ...r,
    text,
    offset: r.offset + delta,
    conflicts: r.conflicts.map((c) => ({ ...c, offset: c.offset + delta })),
  };
}
