/**
 * A workspace the user has not trusted, whose own .vscode/settings.json points corpusPaths at
 * private notes outside it (the runner sets this up and runs this suite alone, with VS Code's
 * workspace trust on: CORROBORATE_IT_UNTRUSTED=1). Nothing the writer sees — hovers,
 * diagnostics, search results, the log — may ever contain the notes' marker.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test, waitUntil } from '../harness';
import { api, checked, diagnosticsWhen, logFile, openDraft, TIMEOUT, workspaceRoot } from './helpers';

const MARKER = '7777';
const extensionRoot = process.env.CORROBORATE_EXPECTED_EXTENSION_PATH || path.resolve(__dirname, '..', '..', '..');

if (process.env.CORROBORATE_IT_UNTRUSTED === '1') {
  suite('Untrusted workspace', () => {
    const outside = process.env.CORROBORATE_IT_OUTSIDE!;

    test('the workspace is untrusted, its settings point outside it, and VS Code holds that value back', () => {
      assert.equal(vscode.workspace.isTrusted, false);
      const file = JSON.parse(readFileSync(path.join(workspaceRoot(), '.vscode', 'settings.json'), 'utf8'));
      assert.deepEqual(file['corroborate.corpusPaths'], [outside]);
      // corpusPaths is a restricted setting: untrusted, the workspace's value is not even inspectable.
      assert.equal(vscode.workspace.getConfiguration('corroborate').inspect('corpusPaths')?.workspaceValue, undefined);
    });

    test('the outside folder is never read: not indexed, not in a finding, a hover, a search or the log', async () => {
      const a = await api();
      assert.deepEqual(a.corpusFolders(), [path.join(workspaceRoot(), 'corpus')], "the workspace's own corpus/ folder is used");
      const index = await a.ready();
      assert.ok(!index.documents.some((d) => d.path.startsWith(outside)), 'nothing from outside is indexed');
      // The draft gives the notes' count wrongly: had the notes been read, this would be a conflict naming 7777.
      const doc = (await openDraft('gulls.md', 'The lighthouse keeper of Zlarin counted 7000 gulls on the breakwater on Tuesday.\n\nWaltz said Kyiv could lower its draft age from 25 to 18.\n')).document;
      const report = await checked(doc);
      assert.ok(!JSON.stringify(report.results.flatMap((r) => [r.evidence, r.conflicts, r.message])).includes(MARKER), 'no finding quotes the notes');
      const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.message.includes('"25"')), 'the workspace corpus still checks the draft');
      assert.ok(!JSON.stringify(diags).includes(MARKER));
      for (const line of [0, 2]) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 5));
        assert.ok(!JSON.stringify(hovers).includes(MARKER), 'no hover shows the notes');
      }
      assert.deepEqual((await a.search('lighthouse keeper Zlarin gulls')).filter((h) => h.excerpt.includes(MARKER)), [], 'search does not find the notes');
      const log = await waitUntil(() => {
        const text = readFileSync(logFile(extensionRoot), 'utf8');
        return text.includes('is ignored: the workspace is not trusted') ? text : undefined;
      }, { timeoutMs: TIMEOUT, description: 'the log line saying the workspace setting is ignored' });
      assert.ok(!log.includes(MARKER), 'the log never quotes the notes');
    });
  });
}
