/**
 * The engine runs in a language server process of its own: the extension host only shows what it
 * finds. A server that crashes or is killed is restarted, the writer is told, and the findings of
 * open drafts come back for their current text, with nothing stale left behind.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test, waitUntil } from '../harness';
import { api, checked, diagnosticsWhen, openDraft, provokedLogErrors, TIMEOUT } from './helpers';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Language server process', () => {
  test('the engine runs in a process of its own', async () => {
    const a = await api();
    await a.ready();
    const pid = a.serverProcessId();
    assert.ok(pid !== undefined && pid !== process.pid, `server process ${pid}, extension host ${process.pid}`);
    assert.ok(alive(pid!), 'the server process is running');
  });

  test('a killed server is restarted, and the open draft’s findings come back for its current text', async () => {
    const a = await api();
    const editor = await openDraft('crash.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n');
    const doc = editor.document;
    await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.message.includes('"25"')), 'the finding before the crash');
    const before = a.serverProcessId()!;
    provokedLogErrors.push(/\[error\] Server process exited with signal SIGKILL\.$/);
    process.kill(before, 'SIGKILL');
    await waitUntil(() => (!alive(before) ? true : undefined), { timeoutMs: TIMEOUT, description: 'the server process to end' });
    // The draft changes while the server is down: the finding that comes back must be the new text's.
    const at = doc.getText().indexOf('25');
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 2)), '24')));
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.message.includes('"24"')), 'the finding of the edited draft from the restarted server');
    assert.ok(!diags.some((x) => x.message.includes('"25"')), 'no finding of the text before the crash is left');
    const after = a.serverProcessId();
    assert.ok(after !== undefined && after !== before && alive(after), `a new server process runs (${before} → ${after})`);
    const report = await checked(doc, 'a report from the restarted server');
    assert.equal(report.version, doc.version);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }, { timeout: 40_000 });
});
