/** Commands, corpus changes and the run setting, in a real VS Code. */
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { after, suite, test, waitFor } from '../harness';
import { api, checked, EXTENSION_ID, nextCheck, openDraft, setSetting, workspaceRoot } from './helpers';

suite('Commands', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('every contributed command is registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 9);
    for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but not registered`);
  });

  test('every contributed command runs', async () => {
    const editor = await openDraft('commands.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n\nThe Kremlin welcomed the talks.\n');
    const doc = editor.document;
    await checked(doc);
    const report = await vscode.commands.executeCommand<{ results: { verdict: string }[] }>('corroborate.checkDocument');
    assert.equal(report?.results[0].verdict, 'conflicting');
    editor.selection = new vscode.Selection(0, 0, 0, 20);
    const selection = await vscode.commands.executeCommand<{ results: unknown[] }>('corroborate.checkSelection');
    assert.ok(selection && selection.results.length >= 1);
    const findings = await vscode.commands.executeCommand<number>('corroborate.checkWorkspace');
    assert.ok(typeof findings === 'number' && findings >= 1, `workspace findings: ${findings}`);
    const documents = await vscode.commands.executeCommand<number>('corroborate.rebuildIndex');
    assert.ok(typeof documents === 'number' && documents >= 1);
    await vscode.commands.executeCommand('corroborate.searchCorpus', 'draft age');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    await vscode.window.showTextDocument(doc);
    const evidence = await vscode.commands.executeCommand<{ verdict: string }>('corroborate.showEvidence');
    assert.equal(evidence?.verdict, 'conflicting');
    assert.equal(await vscode.commands.executeCommand('corroborate.toggle'), false);
    assert.equal(await vscode.commands.executeCommand('corroborate.toggle'), true);
    await vscode.commands.executeCommand('corroborate.showFindings');
    await vscode.commands.executeCommand('corroborate.showLog');
    await vscode.commands.executeCommand('corroborate.revealStatement', doc.uri, 0, 10);
    const source = path.join(workspaceRoot(), 'corpus', '001_8f10653429561f07.txt');
    await vscode.commands.executeCommand('corroborate.openSource', source, 10);
    const opened = vscode.window.activeTextEditor;
    assert.equal(opened?.document.uri.fsPath, source);
    assert.equal(opened?.selection.active.line, 9);
  });

  test('checking all drafts fills the Problems panel for drafts that are not open', async () => {
    const file = path.join(workspaceRoot(), 'drafts', 'closed.md');
    await fs.writeFile(file, 'Waltz said Kyiv could lower its draft age from 23 to 18.\n');
    await vscode.commands.executeCommand('corroborate.checkWorkspace');
    const diags = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Corroborate');
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /"23".*"26"/);
  });

  test('checking all drafts honours the severity, confidence and unverified settings', async () => {
    const file = path.join(workspaceRoot(), 'drafts', 'closed-settings.md');
    await fs.writeFile(file, 'Waltz said Kyiv could lower its draft age from 23 to 18.\n\nThe harbour festival in Trieste will host 40 ships in June.\n');
    const ours = () => vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Corroborate');
    try {
      await vscode.commands.executeCommand('corroborate.checkWorkspace');
      assert.deepEqual(ours().map((d) => d.severity), [vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Hint], 'a conflict and an unverified hint by default');
      await setSetting('severity.conflicting', 'error');
      await setSetting('showUnverified', false);
      await vscode.commands.executeCommand('corroborate.checkWorkspace');
      assert.deepEqual(ours().map((d) => d.severity), [vscode.DiagnosticSeverity.Error]);
      await setSetting('minimumConfidence', 1);
      await vscode.commands.executeCommand('corroborate.checkWorkspace');
      assert.deepEqual(ours(), [], 'no finding is as confident as 1');
    } finally {
      for (const key of ['severity.conflicting', 'showUnverified', 'minimumConfidence']) await setSetting(key, undefined);
      await fs.rm(file, { force: true });
    }
  });
});

suite('Corpus changes and run modes', () => {
  const sourceFile = () => path.join(workspaceRoot(), 'corpus', 'zz-added-source.txt');
  after(async () => {
    await fs.rm(sourceFile(), { force: true });
    await setSetting('run', undefined);
    await setSetting('debounceMs', undefined);
  });

  test('a corpus file added, then edited, changes the verdict of an open draft', async () => {
    const editor = await openDraft('corpus-change.md', 'The mayor of Trieste confirmed that the harbour festival will host 40 ships in June.\n');
    const doc = editor.document;
    const first = await checked(doc);
    assert.equal(first.results[0].verdict, 'unverified');
    const supported = nextCheck(doc, (r) => r.results[0]?.verdict === 'supported', 'the draft to become supported after the source was added');
    await fs.writeFile(sourceFile(), 'Harbour news\n\nThe mayor of Trieste confirmed on Monday that the harbour festival will host 40 ships in June.\n');
    await supported;
    const conflicting = nextCheck(doc, (r) => r.results[0]?.verdict === 'conflicting', 'the draft to conflict after the source was edited');
    await fs.writeFile(sourceFile(), 'Harbour news\n\nThe mayor of Trieste confirmed on Monday that the harbour festival will host 35 ships in June.\n');
    const report = await conflicting;
    assert.deepEqual(report.results[0].conflicts.map((c) => [c.kind, c.claimed, c.source]), [['number', '40', '35']]);
  });

  test('corroborate.run = manual stops on-type checking; the command still checks', async () => {
    const a = await api();
    const editor = await openDraft('manual.md', 'Waltz said Kyiv could lower its draft age from 26 to 18.\n');
    const doc = editor.document;
    assert.equal((await checked(doc)).results[0].verdict, 'supported');
    // Control: with on-type checking an edit schedules a check at once.
    await setSetting('debounceMs', 5000);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '\n'));
    assert.equal(a.isPending(doc.uri), true, 'on-type checking should schedule a check');
    await setSetting('run', 'manual');
    await setSetting('debounceMs', 0);
    await checked(doc).catch(() => undefined);
    const before = a.report(doc.uri);
    const at = doc.getText().indexOf('26');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 2)), '29'));
    assert.equal(a.isPending(doc.uri), false, 'no check may be scheduled in manual mode');
    assert.equal(a.report(doc.uri), before, 'the report must not change by itself');
    assert.notEqual(before?.version, doc.version);
    const report = await vscode.commands.executeCommand<{ version: number; results: { verdict: string }[] }>('corroborate.checkDocument');
    assert.equal(report?.version, doc.version);
    assert.equal(report?.results[0].verdict, 'conflicting');
  });

  test('package.json declares limited untrusted-workspace support (the workspace\'s corpusPaths is restricted) and stays on VS Code 1.100', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['corroborate.corpusPaths']);
    assert.equal(pkg.engines.vscode, '^1.100.0');
  });
});

suite('Index persistence', () => {
  test('the index is saved and reloaded from storage while the corpus is unchanged', async () => {
    const a = await api();
    await vscode.commands.executeCommand('corroborate.rebuildIndex');
    await a.cacheSaved();
    assert.equal(await a.reloadIndex(), 'cache');
    const source = path.join(workspaceRoot(), 'corpus', 'zz-persistence.txt');
    const has = (index: { documents: { path: string }[] }) => index.documents.some((d) => d.path.endsWith('zz-persistence.txt'));
    const rebuilt = waitFor(a.onDidChangeIndex, has, 15_000, 'the watcher to re-index after a source was added');
    await fs.writeFile(source, 'Persistence check\n\nThe archive in Tallinn holds 12 ledgers from 1890.\n');
    try {
      await rebuilt;
      await a.cacheSaved();
      assert.equal(await a.reloadIndex(), 'cache', 'the re-indexed corpus is what the cache now holds');
      assert.ok(has(await a.ready()));
      const removed = waitFor(a.onDidChangeIndex, (index) => !has(index), 15_000, 'the watcher to re-index after the source was deleted');
      await fs.rm(source, { force: true });
      await removed;
    } finally {
      await fs.rm(source, { force: true });
    }
  });

  test('a damaged or foreign index cache is not used: the index is rebuilt, a good cache written, checking goes on', async () => {
    const a = await api();
    await vscode.commands.executeCommand('corroborate.rebuildIndex');
    await a.cacheSaved();
    const file = a.indexCacheFile();
    assert.ok(file, 'the cache file is known');
    const good = await fs.readFile(file!);
    const fingerprint = good.subarray(0, good.indexOf(10) + 1);
    const damaged = [
      // The corpus is unchanged (same fingerprint), but the index bytes are cut short or foreign.
      Buffer.concat([fingerprint, good.subarray(fingerprint.length, Math.floor(good.length / 2))]),
      Buffer.concat([fingerprint, Buffer.from('{"format": 3, "not": "an index"}')]),
      Buffer.from('random bytes without a fingerprint'),
    ];
    const expected = (await a.ready()).passageCount;
    for (const bytes of damaged) {
      await fs.writeFile(file!, bytes);
      assert.equal(await a.reloadIndex(), 'built', 'a damaged cache is not used');
      assert.equal((await a.ready()).passageCount, expected, 'the rebuilt index is complete');
      await a.cacheSaved();
      assert.equal(await a.reloadIndex(), 'cache', 'the rebuild wrote a good cache again');
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The draft says Waltz spoke to Fox News on Sunday.' });
    const report = await vscode.commands.executeCommand<{ results: { verdict: string }[] }>('corroborate.checkDocument', doc.uri);
    assert.equal(report?.results.length, 1, 'checking works after the rebuilds');
  });
});
