/** Shared helpers of the feature suites: the extension's API, drafts in the workspace, waits. */
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorroborateApi } from '../../../src/extension';
import type { CheckReport } from '../../../src/extension/reports';
import { waitFor, waitUntil } from '../harness';

export const EXTENSION_ID = 'corroborate-dev.corroborate';

/**
 * Error lines a test provoked on purpose (a killed server is an error worth logging), each
 * expected once in the extension's log; the whole-run check allows exactly these and no others.
 */
export const provokedLogErrors: RegExp[] = [];
export const TIMEOUT = 15_000;

export async function api(): Promise<CorroborateApi> {
  const ext = vscode.extensions.getExtension<CorroborateApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder.uri.fsPath;
}

/** Writes a draft into the workspace and opens it in an editor. */
export async function openDraft(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), 'drafts', name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

/** The report for the document's current version, waiting for the check when it is not there yet. */
export async function checked(doc: vscode.TextDocument, description = `a check of ${path.basename(doc.uri.fsPath)}`): Promise<CheckReport> {
  const a = await api();
  return waitUntil(
    () => {
      const r = a.report(doc.uri);
      return r && r.version === doc.version && !a.isPending(doc.uri) ? r : undefined;
    },
    { event: a.onDidCheck, timeoutMs: TIMEOUT, description },
  );
}

/** Corroborate's diagnostics of a document once `accept` is satisfied. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, description: string): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Corroborate');
  return waitUntil(() => (accept(ours()) ? ours() : undefined), { event: vscode.languages.onDidChangeDiagnostics, timeoutMs: TIMEOUT, description });
}

export function nextCheck(doc: vscode.TextDocument, predicate: (r: CheckReport) => boolean, description: string): Promise<CheckReport> {
  return api().then((a) => waitFor(a.onDidCheck, (r) => r.uri.toString() === doc.uri.toString() && predicate(r), TIMEOUT, description));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('corroborate').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${doc.uri.fsPath}`);
  return doc.positionAt(at).line;
}

/** The quick fixes VS Code offers for a range of a document. */
export function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
}

/**
 * The extension's log file (its "Corroborate" output channel). VS Code writes a log output channel
 * to <logs>/<session>/exthost*\/<extension id>/Corroborate.log; the user data folder is `ud` in the
 * code-server runner's scratch folder and `.vscode-test/user-data` under @vscode/test-electron.
 */
export function logFile(extensionRoot: string): string {
  const roots = [...new Set([process.env.VSCODE_CWD, process.cwd(), extensionRoot].filter((r): r is string => !!r))];
  const found: { file: string; mtime: number }[] = [];
  for (const r of roots) {
    for (const userData of ['ud', path.join('.vscode-test', 'user-data'), 'user-data']) {
      const logs = path.join(r, userData, 'logs');
      if (!existsSync(logs)) continue;
      for (const session of readdirSync(logs)) {
        const sessionDir = path.join(logs, session);
        if (!statSync(sessionDir).isDirectory()) continue;
        for (const host of readdirSync(sessionDir).filter((n) => n.startsWith('exthost'))) {
          const file = path.join(sessionDir, host, EXTENSION_ID, 'Corroborate.log');
          if (existsSync(file)) found.push({ file, mtime: statSync(file).mtimeMs });
        }
      }
    }
  }
  const newest = found.sort((a, b) => b.mtime - a.mtime)[0];
  if (!newest) throw new Error(`the extension's log file was not found under ${roots.join(', ')}`);
  return newest.file;
}
