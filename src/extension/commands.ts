import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError, checkDocument, decodeText, LineMap, SLICE_MS, type StatementResult, TimeSlicer } from '../engine';
import type { DraftChecker } from './checker';
import { readSettings } from './config';
import type { CorpusManager } from './corpus';
import { toDiagnostics } from './diagnostics';
import type { EvidencePanel } from './evidencePanel';
import type { Log } from './log';
import { searchCorpus } from './searchCorpus';
import { openOriginal, sourceUri } from './sourceView';
import { corpusPathSetting } from './sourceFolderSetting';

export interface CommandDeps {
  checker: DraftChecker;
  corpus: CorpusManager;
  panel: EvidencePanel;
  log: Log;
  /** Diagnostics for drafts that are not open (Check All Drafts in Workspace). */
  workspaceDiagnostics: vscode.DiagnosticCollection;
  setEnabled(enabled: boolean): void;
  isEnabled(): boolean;
  recheckOpenDrafts(): void;
}

function draftEditor(checker: DraftChecker): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && checker.isDraft(editor.document)) return editor;
  void vscode.window.showInformationMessage('Corroborate checks Markdown and plain-text drafts: open one first.');
  return undefined;
}

async function statementAtCursor(deps: CommandDeps): Promise<StatementResult | undefined> {
  const editor = draftEditor(deps.checker);
  if (!editor) return undefined;
  const doc = editor.document;
  let report = deps.checker.report(doc.uri);
  if (!report || report.version !== doc.version) report = await deps.checker.check(doc);
  const offset = doc.offsetAt(editor.selection.active);
  const found = report?.results.find((r) => offset >= r.offset && offset <= r.offset + r.length);
  if (!found) void vscode.window.showInformationMessage('Corroborate: no statement at the cursor.');
  return found;
}

async function checkWorkspace(deps: CommandDeps): Promise<number> {
  const uris = await vscode.workspace.findFiles('**/*.{md,markdown,txt}', '{**/node_modules/**,**/.git/**,**/dist/**}', 2000);
  const drafts = uris.filter((u) => !deps.corpus.contains(u.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  let findings = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corroborate: checking drafts', cancellable: true }, async (progress, token) => {
    const index = await deps.corpus.ready();
    for (const [k, uri] of drafts.entries()) {
      if (token.isCancellationRequested) break;
      progress.report({ message: `${path.basename(uri.fsPath)} (${k + 1}/${drafts.length})`, increment: 100 / drafts.length });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open && deps.checker.isDraft(open)) {
        const report = await deps.checker.check(open);
        findings += report?.results.filter((r) => r.verdict === 'conflicting' || r.verdict === 'contested').length ?? 0;
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (error) {
        // Deleted or unreadable since the search found it.
        deps.log.warn(`Not checked ${uri.fsPath}: ${(error as Error).message}`);
        continue;
      }
      const decoded = decodeText(bytes);
      if (!decoded.ok) {
        deps.log.warn(`Not checked ${uri.fsPath}: ${decoded.reason}`);
        continue;
      }
      const text = decoded.text;
      const lines = new LineMap(text);
      const settings = readSettings(uri, () => undefined);
      // Sliced like open drafts' checks, so the editor gets a turn every few milliseconds.
      const slicer = new TimeSlicer(SLICE_MS, token, 1);
      let check;
      try {
        check = await checkDocument(index, text, { format: /\.txt$/i.test(uri.fsPath) ? 'plaintext' : 'markdown', maxSize: settings.maxDraftSize, token, slicer });
      } catch (error) {
        if (error instanceof CancelledError) break;
        throw error;
      }
      const positions = { positionAt: (offset: number) => { const p = lines.positionAt(offset); return new vscode.Position(p.line, p.character); } };
      const diagnostics = toDiagnostics(positions, check, settings);
      findings += diagnostics.filter((d) => d.code !== 'size-limit').length;
      deps.workspaceDiagnostics.set(uri, diagnostics);
    }
  });
  return findings;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { checker, corpus, panel, log } = deps;
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg('corroborate.checkDocument', async (uri?: vscode.Uri) => {
      const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : draftEditor(checker)?.document;
      if (!doc || !checker.isDraft(doc)) return undefined;
      return checker.check(doc);
    }),
    reg('corroborate.checkSelection', async () => {
      const editor = draftEditor(checker);
      if (!editor) return undefined;
      if (editor.selection.isEmpty) {
        void vscode.window.showInformationMessage('Corroborate: select the statements to check first.');
        return undefined;
      }
      return checker.check(editor.document, editor.selection);
    }),
    reg('corroborate.checkWorkspace', async () => {
      const n = await checkWorkspace(deps);
      void vscode.window.showInformationMessage(`Corroborate: ${n} finding(s) in the workspace's drafts. See the Problems panel.`);
      return n;
    }),
    reg('corroborate.rebuildIndex', async () => {
      const index = await corpus.rebuild(true);
      deps.recheckOpenDrafts();
      return index.documentCount;
    }),
    reg('corroborate.searchCorpus', async (query?: string) => {
      const editor = vscode.window.activeTextEditor;
      const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      await searchCorpus(corpus, typeof query === 'string' ? query : selected.slice(0, 200));
    }),
    reg('corroborate.showEvidence', async () => {
      const r = await statementAtCursor(deps);
      if (r) panel.show(r, corpus.index);
      return r;
    }),
    reg('corroborate.toggle', () => {
      deps.setEnabled(!deps.isEnabled());
      return deps.isEnabled();
    }),
    reg('corroborate.showFindings', () => vscode.commands.executeCommand('corroborate.findings.focus')),
    reg('corroborate.showLog', () => log.show()),
    reg('corroborate.revealStatement', async (uri: vscode.Uri, offset: number, length: number) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));
      await vscode.window.showTextDocument(doc, { selection: range });
    }),
    reg('corroborate.chooseSourceFolder', async () => {
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: true,
        openLabel: 'Use as Sources',
        title: 'Corroborate: the folder(s) of your sources',
        defaultUri: roots[0]?.uri,
      });
      if (!picked?.length) return undefined;
      const value = picked.map((uri) => corpusPathSetting(uri.fsPath, roots[0]?.uri.fsPath));
      // Without a workspace the choice is the user's own setting, used in every window.
      await vscode.workspace.getConfiguration('corroborate').update('corpusPaths', value, roots.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`Corroborate now checks drafts against ${value.join(', ')}.`);
      return value;
    }),
    reg('corroborate.openOriginal', (uri?: vscode.Uri) => openOriginal(uri)),
    reg('corroborate.openSource', async (source: string, line: number) => {
      const doc = await vscode.workspace.openTextDocument(sourceUri({ source }));
      const at = new vscode.Position(Math.max(0, Math.min(doc.lineCount - 1, line - 1)), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
  ];
}
