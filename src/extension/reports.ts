import * as vscode from 'vscode';
import type { StatementResult } from '../engine';
import type { IndexSummary, PendingMessage, ReportMessage } from '../server/protocol';

/** A statement's result with the one-line message the Problems list shows for it. */
export type ReportedResult = StatementResult & { message: string };

/** The outcome of checking one version of one document, as the server reported it. */
export interface CheckReport {
  uri: vscode.Uri;
  version: number;
  results: ReportedResult[];
  /** Characters checked; less than the text's length when the draft exceeds the size setting. */
  checkedLength: number;
  textLength: number;
  /** Statements checked afresh for this version; the others were reused. */
  fresh: number;
}

export function toCheckReport(message: ReportMessage): CheckReport {
  return {
    uri: vscode.Uri.parse(message.uri),
    version: message.version,
    results: message.results.map((r, i) => ({ ...r, message: message.messages[i] ?? '' })),
    checkedLength: message.checkedLength,
    textLength: message.textLength,
    fresh: message.fresh,
  };
}

/**
 * What the extension knows of the server's work: the latest report per document, whether a check
 * is still to come, and the index in use. Whether a check is pending is known at once after an
 * edit (the client expects one), before the server has even heard of the edit, and stays so until
 * the server has answered for that version.
 */
export class ReportStore implements vscode.Disposable {
  private readonly reports = new Map<string, CheckReport>();
  /** The version a check is expected for (an edit or open the server has not answered yet). */
  private readonly expected = new Map<string, number>();
  private readonly serverPending = new Map<string, boolean>();
  private readonly requested = new Map<string, number>();
  private readonly checked = new vscode.EventEmitter<CheckReport>();
  private readonly cleared = new vscode.EventEmitter<vscode.Uri>();
  private readonly indexChanged = new vscode.EventEmitter<IndexSummary>();
  private readonly busyChanged = new vscode.EventEmitter<boolean>();
  /** Fires after a document's results were computed for a version. */
  readonly onDidCheck = this.checked.event;
  /** Fires when a document's report was dropped (closed, checking turned off, server restarted). */
  readonly onDidClear = this.cleared.event;
  readonly onDidChangeIndex = this.indexChanged.event;
  readonly onDidChangeBusy = this.busyChanged.event;
  /** Statements checked afresh so far, over every report. */
  freshChecks = 0;
  index: IndexSummary | undefined;
  busy = false;

  report(uri: vscode.Uri): CheckReport | undefined {
    return this.reports.get(uri.toString());
  }

  isPending(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.expected.has(key) || this.serverPending.get(key) === true || (this.requested.get(key) ?? 0) > 0;
  }

  /** The client sent a version the server will check. */
  expect(uri: vscode.Uri, version: number): void {
    this.expected.set(uri.toString(), version);
  }

  /** Counts a check the extension asked for, until its answer is in. */
  async request<T>(uri: vscode.Uri, ask: () => Promise<T>): Promise<T> {
    const key = uri.toString();
    this.requested.set(key, (this.requested.get(key) ?? 0) + 1);
    try {
      return await ask();
    } finally {
      const left = (this.requested.get(key) ?? 1) - 1;
      if (left > 0) this.requested.set(key, left);
      else this.requested.delete(key);
    }
  }

  private answered(key: string, version: number, pending: boolean): void {
    const expected = this.expected.get(key);
    if (expected !== undefined && version >= expected) this.expected.delete(key);
    this.serverPending.set(key, pending);
  }

  /** The server's word on whether a check is coming; ignored for a document closed meanwhile. */
  pending(message: PendingMessage, isOpen: (uri: vscode.Uri) => boolean): void {
    const uri = vscode.Uri.parse(message.uri);
    if (isOpen(uri)) this.answered(uri.toString(), message.version, message.pending);
  }

  /** A report from the server; dropped when its document was closed meanwhile. */
  add(message: ReportMessage, isOpen: (uri: vscode.Uri) => boolean): CheckReport | undefined {
    const report = toCheckReport(message);
    if (!isOpen(report.uri)) return undefined;
    const key = report.uri.toString();
    this.answered(key, report.version, message.pending);
    this.reports.set(key, report);
    this.freshChecks += report.fresh;
    this.checked.fire(report);
    return report;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.expected.delete(key);
    this.serverPending.delete(key);
    const had = this.reports.delete(key);
    if (had) this.cleared.fire(uri);
  }

  forgetAll(): void {
    for (const key of [...this.reports.keys(), ...this.expected.keys()]) this.forget(vscode.Uri.parse(key));
    this.serverPending.clear();
  }

  setIndex(summary: IndexSummary): void {
    this.index = summary;
    this.indexChanged.fire(summary);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.busyChanged.fire(busy);
  }

  dispose(): void {
    this.checked.dispose();
    this.cleared.dispose();
    this.indexChanged.dispose();
    this.busyChanged.dispose();
  }
}
