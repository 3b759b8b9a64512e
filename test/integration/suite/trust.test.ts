/**
 * What Corroborate reads, and when: a workspace's settings may point corpusPaths anywhere, but a
 * folder outside the workspace is read only once the user allowed it (in a workspace they have
 * not trusted, never: VS Code restricts the setting, and test/integration/untrusted covers that).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test, waitUntil } from '../harness';
import { api, checked, openDraft, setSetting, TIMEOUT } from './helpers';

const MARKER = 'The lighthouse keeper of Zlarin counted 7777 gulls on the breakwater on Tuesday.';

suite('Trust: sources outside the workspace', () => {
  test('a folder outside the workspace named by its settings is read only after the user allows it', async () => {
    const a = await api();
    const outside = mkdtempSync(path.join(os.tmpdir(), 'corroborate-outside-'));
    await fs.writeFile(path.join(outside, 'private-notes.txt'), `Private notes\n\n${MARKER}\n`);
    try {
      const noticesBefore = a.notices().length;
      await setSetting('corpusPaths', [outside]);
      await waitUntil(() => (a.notices().slice(noticesBefore).some((n) => n.includes('outside the workspace')) ? true : undefined), { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'the question whether to read the outside folder' });
      assert.ok(!a.corpusFolders().includes(outside), 'not read before the user allows it');
      const doc = (await openDraft('outside.md', `${MARKER}\n`)).document;
      const before = await checked(doc);
      assert.notEqual(before.results[0]?.verdict, 'supported');
      assert.ok(!before.results.flatMap((r) => r.evidence).some((e) => e.excerpt.includes('Zlarin') || e.source.startsWith(outside)), 'no evidence from the outside folder');
      assert.ok(!(await a.ready()).documents.some((d) => d.path.startsWith(outside)));

      const allowed = await vscode.commands.executeCommand<string[]>('corroborate.allowOutsideSources');
      assert.deepEqual(allowed, [outside]);
      await waitUntil(async () => ((await a.ready()).documents.some((d) => d.path.startsWith(outside)) ? true : undefined), { event: a.onDidChangeIndex, timeoutMs: TIMEOUT, description: 'the outside folder indexed once allowed' });
      assert.deepEqual(a.corpusFolders(), [outside]);
      const after = await waitUntil(() => {
        const r = a.report(doc.uri);
        return r?.results[0]?.verdict === 'supported' ? r : undefined;
      }, { event: a.onDidCheck, timeoutMs: TIMEOUT, description: 'the draft supported by the allowed folder' });
      assert.ok(after.results[0]!.evidence.some((e) => e.source.startsWith(outside)));
    } finally {
      await setSetting('corpusPaths', undefined);
      await waitUntil(() => (vscode.workspace.getConfiguration('corroborate').inspect('corpusPaths')?.workspaceValue === undefined ? true : undefined), { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'corpusPaths reset' });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await fs.rm(outside, { recursive: true, force: true });
    }
  }, { timeout: 40_000 });
});
