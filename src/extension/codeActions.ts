import * as path from 'node:path';
import * as vscode from 'vscode';
import { locationLabel, type CorpusIndex, type Evidence, type StatementResult } from '../engine';
import type { DraftChecker } from './checker';
import type { CorpusManager } from './corpus';
import { SOURCE } from './diagnostics';
import { shortSourceAt } from '../engine';

export const IGNORE_COMMENT = '<!-- corroborate-ignore -->';

/** A footnote label not used in the document yet. */
function freeFootnote(text: string): string {
  for (let n = 1; ; n++) if (!text.includes(`[^${n}]`)) return String(n);
}

function citationText(e: Evidence, index: CorpusIndex | undefined): string {
  const meta = index?.documents[index.passages[e.passage]?.doc ?? -1]?.meta;
  const parts = [meta?.title ?? e.title];
  if (meta?.outlet) parts.push(meta.outlet);
  if (meta?.date) parts.push(meta.date);
  return `${parts.join(', ')} (${e.source.split(path.sep).join('/')}, ${locationLabel(e.location) ?? `line ${e.line}`})`;
}

/** Quick fixes for Corroborate's findings: use the source's value, cite the source, or ignore. */
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
    const results = report.results.filter((r) => r.verdict !== 'skipped' && r.verdict !== 'supported' && start <= r.offset + r.length && end >= r.offset);
    const actions: vscode.CodeAction[] = [];
    const recheck: vscode.Command = { command: 'corroborate.checkDocument', title: 'Check again', arguments: [doc.uri] };
    for (const r of results) {
      const diagnostic = ours.find((d) => d.range.start.isEqual(doc.positionAt(r.offset)));
      const diagnostics = diagnostic ? [diagnostic] : [];
      actions.push(...this.replaceActions(doc, r, diagnostics));
      const cite = this.citeAction(doc, r, diagnostics);
      if (cite) actions.push(cite);
      actions.push(this.ignoreAction(doc, r, diagnostics));
    }
    // Re-check after the edit, so the finding goes away even when checking runs only on demand.
    for (const a of actions) a.command = recheck;
    return actions;
  }

  private replaceActions(doc: vscode.TextDocument, r: StatementResult, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
    return r.conflicts
      .filter((c) => c.source && doc.getText(new vscode.Range(doc.positionAt(c.offset), doc.positionAt(c.offset + c.length))) === c.claimed)
      .map((c, k) => {
        const action = new vscode.CodeAction(`Replace "${c.claimed}" with "${c.source}" (from the source)`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(c.offset), doc.positionAt(c.offset + c.length)), c.source);
        action.diagnostics = diagnostics;
        action.isPreferred = k === 0;
        return action;
      });
  }

  private citeAction(doc: vscode.TextDocument, r: StatementResult, diagnostics: vscode.Diagnostic[]): vscode.CodeAction | undefined {
    const evidence = r.evidence.find((e) => e.stance === (r.verdict === 'conflicting' ? 'conflicts' : 'supports')) ?? r.evidence.find((e) => e.stance !== 'related');
    if (!evidence) return undefined;
    const action = new vscode.CodeAction(`Cite ${shortSourceAt(evidence)}`, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    const end = doc.positionAt(r.offset + r.length);
    const citation = citationText(evidence, this.corpus.index);
    if (doc.languageId === 'markdown') {
      const label = freeFootnote(doc.getText());
      edit.insert(doc.uri, end, `[^${label}]`);
      const last = doc.lineAt(doc.lineCount - 1);
      const gap = last.text.trim() === '' ? '\n' : '\n\n';
      edit.insert(doc.uri, last.range.end, `${gap}[^${label}]: ${citation}\n`);
    } else {
      edit.insert(doc.uri, end, ` (source: ${citation})`);
    }
    action.edit = edit;
    action.diagnostics = diagnostics;
    return action;
  }

  private ignoreAction(doc: vscode.TextDocument, r: StatementResult, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
    const action = new vscode.CodeAction('Ignore this statement (add an ignore comment)', vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(doc.uri, doc.positionAt(r.offset + r.length), ` ${IGNORE_COMMENT}`);
    action.diagnostics = diagnostics;
    return action;
  }
}
