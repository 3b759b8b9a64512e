/** Quick fixes for the findings under the cursor: the source's value (preferred), cite the source, ignore. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { fixesFor, type CorpusIndex, type FixOptions, type TextFix } from '../engine';
import { SOURCE, type CheckReport } from './diagnostics';
import { metaOf } from './hover';
import { canonicalLanguage } from './settings';

export const CHECK_COMMAND = 'corroborate.checkDocument';

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

export interface CodeActionOptions {
  /** The workspace folders' paths: a citation links a source in the draft's folder relative to the draft. */
  workspaceFolders?: readonly string[];
  /** How a citation names its source (see `FixOptions.citationStyle`). */
  citationStyle?: 'link' | 'label';
}

export function codeActionsFor(doc: TextDocument, report: CheckReport | undefined, params: CodeActionParams, index: CorpusIndex | undefined, options: CodeActionOptions = {}): CodeAction[] {
  if (!report) return [];
  const only = params.context?.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
  const start = doc.offsetAt(params.range.start);
  const end = doc.offsetAt(params.range.end);
  const text = doc.getText();
  const ours = (params.context?.diagnostics ?? []).filter((d) => d.source === SOURCE);
  const format = canonicalLanguage(doc.languageId) === 'markdown' ? 'markdown' : 'plaintext';
  const fixOptions: FixOptions = {
    format,
    metaOf: metaOf(index),
    draft: doc.uri,
    ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders } : {}),
    ...(options.citationStyle ? { citationStyle: options.citationStyle } : {}),
  };
  const actions: CodeAction[] = [];
  for (const r of report.results) {
    if (start > r.offset + r.length || end < r.offset) continue;
    const at = doc.positionAt(r.offset);
    const diagnostics: Diagnostic[] = ours.filter((d) => samePosition(d.range.start, at));
    for (const fix of fixesFor(text, r, fixOptions)) actions.push(toCodeAction(doc, fix, diagnostics));
  }
  return actions;
}

function toCodeAction(doc: TextDocument, fix: TextFix, diagnostics: Diagnostic[]): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText }));
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: fix.preferred,
    edit: { changes: { [doc.uri]: edits } },
    // Re-check after the edit, so the finding goes away even when checking runs only on demand.
    command: { title: 'Check again', command: CHECK_COMMAND, arguments: [doc.uri] },
  };
}
