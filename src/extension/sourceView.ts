import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';
import { inform } from './notices';

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
    void inform('Corroborate: open the extracted text of a PDF, Word or transcript source first.');
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
export async function openSource(server: ServerConnection, target: string, line?: number, excerpt?: string): Promise<void> {
  const isLink = /^[a-z][a-z0-9+.-]+:/i.test(target) && !/^[a-z]:[\\/]/i.test(target);
  const link = isLink ? target : await server.link(target, line ?? 1);
  const uri = link ? vscode.Uri.parse(link) : vscode.Uri.file(target);
  const at = typeof line === 'number' ? line : Number(/^L(\d+)$/.exec(uri.fragment)?.[1] ?? 1);
  const doc = await vscode.workspace.openTextDocument(uri.with({ fragment: '' }));
  const lineIndex = Math.max(0, Math.min(doc.lineCount - 1, at - 1));
  const selection = (excerpt ? passageRange(doc, lineIndex, excerpt) : undefined) ?? new vscode.Range(lineIndex, 0, lineIndex, 0);
  const editor = await vscode.window.showTextDocument(doc, { selection, preview: true, viewColumn: vscode.ViewColumn.Beside });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The passage itself, selected, when it can be found from its line on: a passage is a sentence,
 * often one of several on a long unwrapped line, so the line alone does not show the writer where.
 */
export function passageRange(doc: Pick<vscode.TextDocument, 'getText' | 'offsetAt' | 'positionAt'>, line: number, excerpt: string): vscode.Range | undefined {
  const words = excerpt.trim().split(/\s+/).filter(Boolean).slice(0, 80);
  if (!words.length) return undefined;
  // Whitespace may differ (the index joins wrapped lines): match the words with any spacing.
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('\\s+'), 'g');
  const from = doc.offsetAt(new vscode.Position(line, 0));
  pattern.lastIndex = from;
  const m = pattern.exec(doc.getText());
  if (!m || m.index - from > 2000) return undefined;
  return new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length));
}
