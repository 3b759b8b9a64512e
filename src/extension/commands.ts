import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PresentedResult } from '../server/protocol';
import type { EvidencePanel } from './evidencePanel';
import type { Log } from './log';
import { toCheckReport, type CheckReport, type ReportStore } from './reports';
import { searchCorpus } from './searchCorpus';
import type { ServerConnection } from './serverConnection';
import { withSourceFolders } from './sourceFolderSetting';
import { openOriginal, openSource } from './sourceView';
import { inform } from './notices';

export interface CommandDeps {
  server: ServerConnection;
  store: ReportStore;
  panel: EvidencePanel;
  log: Log;
  /** Diagnostics for drafts that are not open (Check All Drafts in Workspace). */
  workspaceDiagnostics: vscode.DiagnosticCollection;
  isDraft(doc: vscode.TextDocument): boolean;
  /** Whether a file lies in the corpus folders (a source, never a draft). */
  isSource(fsPath: string): boolean;
  setEnabled(enabled: boolean): Promise<void>;
  /** Allows the workspace's corpus folders outside it that wait for consent; the folders allowed. */
  allowOutsideSources(): Promise<string[]>;
  isEnabled(): boolean;
}

function draftEditor(deps: CommandDeps): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && deps.isDraft(editor.document)) return editor;
  void inform('Corroborate checks Markdown and plain-text drafts: open one first.');
  return undefined;
}

function whenEnabled(deps: CommandDeps): boolean {
  if (deps.isEnabled()) return true;
  void inform('Corroborate: checking is turned off. Run "Corroborate: Toggle Checking" to turn it on.');
  return false;
}

async function check(deps: CommandDeps, doc: vscode.TextDocument, range?: vscode.Range, token?: vscode.CancellationToken): Promise<CheckReport | undefined> {
  const message = await deps.server.check(doc, range, token);
  return message ? toCheckReport(message) : undefined;
}

async function statementAtCursor(deps: CommandDeps): Promise<{ doc: vscode.TextDocument; found: PresentedResult } | undefined> {
  const editor = draftEditor(deps);
  if (!editor || !whenEnabled(deps)) return undefined;
  const doc = editor.document;
  const report = deps.store.report(doc.uri);
  if (!report || report.version !== doc.version) await check(deps, doc);
  const found = await deps.server.evidence(doc, editor.selection.active);
  if (!found) void inform('Corroborate: no statement at the cursor.');
  return found ? { doc, found } : undefined;
}

async function checkWorkspace(deps: CommandDeps): Promise<number> {
  const uris = await vscode.workspace.findFiles('**/*.{md,markdown,txt}', '{**/node_modules/**,**/.git/**,**/dist/**}', 2000);
  const drafts = uris.filter((u) => !deps.isSource(u.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  let findings = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corroborate: checking drafts', cancellable: true }, async (progress, token) => {
    for (const [k, uri] of drafts.entries()) {
      if (token.isCancellationRequested) break;
      progress.report({ message: `${path.basename(uri.fsPath)} (${k + 1}/${drafts.length})`, increment: 100 / drafts.length });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open && deps.isDraft(open)) {
        const report = await check(deps, open, undefined, token);
        findings += report?.results.filter((r) => r.verdict === 'conflicting' || r.verdict === 'contested').length ?? 0;
        continue;
      }
      // Read and checked by the server, with the settings of open drafts.
      const outcome = await deps.server.checkFile(uri, token);
      if (!outcome) break;
      if ('skipped' in outcome) {
        deps.log.warn(`Not checked ${uri.fsPath}: ${outcome.skipped}`);
        continue;
      }
      findings += outcome.findings;
      deps.workspaceDiagnostics.set(uri, await deps.server.asDiagnostics(outcome.diagnostics));
    }
  });
  return findings;
}

/**
 * Adds folders to `corroborate.corpusPaths` (workspace settings; the user's own without a
 * workspace) and says which sources are now in use.
 */
async function addSourceFolders(folders: vscode.Uri[]): Promise<string[]> {
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const config = vscode.workspace.getConfiguration('corroborate');
  const target = roots.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<string[]>('corpusPaths');
  const current = (roots.length ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  const value = withSourceFolders(Array.isArray(current) ? current : [], folders.map((u) => u.fsPath), roots[0]?.uri.fsPath);
  await config.update('corpusPaths', value, target);
  void inform(`Corroborate now checks drafts against ${value.join(', ')}.`);
  return value;
}

/** "1 conflicting, 2 supported": the verdicts of some statements, most pressing first. */
export function verdictSummary(results: readonly { verdict: string }[]): string {
  const order = ['conflicting', 'contested', 'unverified', 'supported'];
  return order
    .map((v) => [v, results.filter((r) => r.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

/** A document argument as VS Code passes it (a Uri) or as the server's code actions do (a string). */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value ? vscode.Uri.parse(value) : undefined;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { server, panel, log } = deps;
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    reg('corroborate.checkDocument', async (target?: vscode.Uri | string) => {
      const uri = asUri(target);
      const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : draftEditor(deps)?.document;
      if (!doc || !deps.isDraft(doc) || !whenEnabled(deps)) return undefined;
      return check(deps, doc);
    }),
    reg('corroborate.checkSelection', async () => {
      const editor = draftEditor(deps);
      if (!editor || !whenEnabled(deps)) return undefined;
      if (editor.selection.isEmpty) {
        void inform('Corroborate: select the statements to check first.');
        return undefined;
      }
      const report = await check(deps, editor.document, editor.selection);
      if (report) {
        const doc = editor.document;
        const inside = report.results.filter((r) => r.verdict !== 'skipped' && editor.selection.intersection(new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length))));
        void inform(`Corroborate checked ${inside.length} statement${inside.length === 1 ? '' : 's'} in the selection: ${verdictSummary(inside) || 'nothing to check'}.`);
      }
      return report;
    }),
    reg('corroborate.checkWorkspace', async () => {
      if (!whenEnabled(deps)) return 0;
      const n = await checkWorkspace(deps);
      void inform(`Corroborate: ${n} finding(s) in the workspace's drafts. See the Problems panel.`);
      return n;
    }),
    reg('corroborate.rebuildIndex', async () => {
      if (!whenEnabled(deps)) return undefined;
      const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corroborate: re-reading the sources' }, () => server.reload(true));
      if (summary) {
        const skipped = summary.skippedCount ? `; ${summary.skippedCount} file${summary.skippedCount === 1 ? '' : 's'} could not be read (Corroborate: Show Log says why)` : '';
        void inform(`Corroborate re-read ${summary.documentCount} source${summary.documentCount === 1 ? '' : 's'} (${summary.passageCount.toLocaleString('en')} passages)${skipped}.`);
      }
      return summary?.documentCount;
    }),
    reg('corroborate.searchCorpus', async (query?: string) => {
      if (!whenEnabled(deps)) return;
      const editor = vscode.window.activeTextEditor;
      const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      await searchCorpus(server, typeof query === 'string' ? query : selected.slice(0, 200));
    }),
    reg('corroborate.showEvidence', async () => {
      const at = await statementAtCursor(deps);
      if (at) panel.show(at.found, { uri: at.doc.uri.toString(), offset: at.found.offset });
      return at?.found;
    }),
    reg('corroborate.toggle', async () => {
      await deps.setEnabled(!deps.isEnabled());
      return deps.isEnabled();
    }),
    reg('corroborate.showFindings', () => vscode.commands.executeCommand('corroborate.findings.focus')),
    reg('corroborate.showLog', () => log.show()),
    reg('corroborate.revealStatement', async (target: vscode.Uri | string, offset: number, length: number) => {
      const doc = await vscode.workspace.openTextDocument(asUri(target)!);
      const range = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));
      await vscode.window.showTextDocument(doc, { selection: range });
    }),
    reg('corroborate.chooseSourceFolder', async () => {
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: true,
        openLabel: 'Add as Sources',
        title: 'Corroborate: the folder(s) where you keep your sources',
        defaultUri: roots[0]?.uri,
      });
      if (!picked?.length) return undefined;
      return addSourceFolders(picked);
    }),
    // From the Explorer's context menu, on one folder or a selection of them.
    reg('corroborate.useAsSources', async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const folders = (selected?.length ? selected : clicked ? [clicked] : []).filter((u) => u.scheme === 'file');
      if (!folders.length) {
        void inform('Corroborate: right-click a folder in the Explorer to use it as sources.');
        return undefined;
      }
      return addSourceFolders(folders);
    }),
    reg('corroborate.allowOutsideSources', async () => {
      const allowed = await deps.allowOutsideSources();
      if (!allowed.length) void inform("Corroborate: this workspace's settings name no sources outside it that wait for your consent.");
      return allowed;
    }),
    reg('corroborate.openOriginal', (uri?: vscode.Uri) => openOriginal(server, uri)),
    reg('corroborate.openSource', (target: string, line?: number, excerpt?: string) => openSource(server, target, line, excerpt)),
  ];
}
