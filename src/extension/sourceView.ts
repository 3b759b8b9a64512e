import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';

/** Read-only documents holding the text extracted from a PDF, Word file, transcript or attachment. */
export const SOURCE_VIEW_SCHEME = 'corroborate-source';

/** The source path a view shows (an attachment keeps its `mail.eml#report.pdf` form). */
function sourcePathOf(uri: vscode.Uri): string {
  return uri.with({ scheme: 'file', fragment: '' }).fsPath;
}

/** The extracted text comes from the language server, which reads the sources; nothing is parsed here. */
export class SourceViewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly server: ServerConnection) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const display = sourcePathOf(uri);
    const read = await this.server.sourceText(display).catch((error: Error) => ({ ok: false as const, reason: error.message }));
    if (!read) return `Corroborate could not read the text of ${path.basename(display)}: checking is turned off.`;
    return read.ok ? read.text : `Corroborate could not read the text of ${path.basename(display)}: ${read.reason}.`;
  }

  /** The corpus was re-read: open views show their file's new text. */
  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SOURCE_VIEW_SCHEME) this.changed.fire(doc.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens the file behind an extracted-text view with the system's own viewer (a PDF reader, Word). */
export async function openOriginal(server: ServerConnection, uri: vscode.Uri | undefined): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== SOURCE_VIEW_SCHEME) {
    void vscode.window.showInformationMessage('Corroborate: open the extracted text of a PDF, Word or transcript source first.');
    return;
  }
  const read = await server.sourceText(sourcePathOf(target));
  const original = read?.ok ? read.original : sourcePathOf(target);
  const opened = await vscode.env.openExternal(vscode.Uri.file(original));
  if (!opened) void vscode.window.showWarningMessage(`Corroborate: no application opened ${path.basename(original)}.`);
}

/**
 * Opens a source at a line beside the draft: `target` is a link the server made (a file or an
 * extracted-text view, `#L12` naming the line) or a source's path, for which the server makes one.
 */
export async function openSource(server: ServerConnection, target: string, line?: number): Promise<void> {
  const isLink = /^[a-z][a-z0-9+.-]+:/i.test(target) && !/^[a-z]:[\\/]/i.test(target);
  const link = isLink ? target : await server.link(target, line ?? 1);
  const uri = link ? vscode.Uri.parse(link) : vscode.Uri.file(target);
  const at = typeof line === 'number' ? line : Number(/^L(\d+)$/.exec(uri.fragment)?.[1] ?? 1);
  const doc = await vscode.workspace.openTextDocument(uri.with({ fragment: '' }));
  const position = new vscode.Position(Math.max(0, Math.min(doc.lineCount - 1, at - 1)), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position), preview: true, viewColumn: vscode.ViewColumn.Beside });
}
