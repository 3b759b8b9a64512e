import * as path from 'node:path';
import * as vscode from 'vscode';
import { needsExtractedView, readSourceText, splitEmbeddedPath } from '../engine';

/** Read-only documents holding the text extracted from a PDF, Word file, transcript or attachment. */
export const SOURCE_VIEW_SCHEME = 'corroborate-source';

/**
 * Where a source opens: the file itself when it is plain text, else its extracted text in a
 * read-only view, so that the line a passage was found on is the line the editor shows.
 */
export function sourceUri(e: { source: string }): vscode.Uri {
  const full = path.resolve(e.source);
  return needsExtractedView(e.source) ? vscode.Uri.from({ scheme: SOURCE_VIEW_SCHEME, path: vscode.Uri.file(full).path }) : vscode.Uri.file(full);
}

/** The source file behind a view (for an attachment, the message it came with). */
function originalFile(uri: vscode.Uri): string {
  return splitEmbeddedPath(uri.with({ scheme: 'file' }).fsPath).file;
}

export class SourceViewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const display = uri.with({ scheme: 'file' }).fsPath;
    const read = await readSourceText(display);
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
export async function openOriginal(uri: vscode.Uri | undefined): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== SOURCE_VIEW_SCHEME) {
    void vscode.window.showInformationMessage('Corroborate: open the extracted text of a PDF, Word or transcript source first.');
    return;
  }
  const opened = await vscode.env.openExternal(vscode.Uri.file(originalFile(target)));
  if (!opened) void vscode.window.showWarningMessage(`Corroborate: no application opened ${path.basename(originalFile(target))}.`);
}
