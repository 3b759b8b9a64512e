import * as vscode from 'vscode';
import { fixesFor, type TextFix } from '../engine';
import type { DraftChecker } from './checker';
import type { CorpusManager } from './corpus';
import { SOURCE } from './diagnostics';

/**
 * Quick fixes for Corroborate's findings: use the source's value, cite the source, or ignore. The
 * fixes themselves (titles, edits) come from the engine, as the language server's do; this only
 * turns them into VS Code's types.
 */
export class FindingActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly checker: DraftChecker,
    private readonly corpus: CorpusManager,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const report = this.checker.report(doc.uri);
    if (!report) return [];
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const text = doc.getText();
    const index = this.corpus.index;
    const options = {
      format: doc.languageId === 'markdown' ? ('markdown' as const) : ('plaintext' as const),
      metaOf: (e: { passage: number }) => index?.documents[index.passages[e.passage]?.doc ?? -1]?.meta,
    };
    // Re-check after the edit, so the finding goes away even when checking runs only on demand.
    const recheck: vscode.Command = { command: 'corroborate.checkDocument', title: 'Check again', arguments: [doc.uri] };
    const actions: vscode.CodeAction[] = [];
    for (const r of report.results) {
      if (start > r.offset + r.length || end < r.offset) continue;
      const diagnostic = ours.find((d) => d.range.start.isEqual(doc.positionAt(r.offset)));
      for (const fix of fixesFor(text, r, options)) actions.push(toAction(doc, fix, diagnostic ? [diagnostic] : [], recheck));
    }
    return actions;
  }
}

function toAction(doc: vscode.TextDocument, fix: TextFix, diagnostics: vscode.Diagnostic[], command: vscode.Command): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  action.diagnostics = diagnostics;
  action.isPreferred = fix.preferred;
  action.command = command;
  return action;
}
