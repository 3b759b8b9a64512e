/** What a writer meets every day: choosing sources, search results, uncovered documents, the findings view. */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test, waitUntil } from '../harness';
import { api, checked, diagnosticsWhen, openDraft, setSetting, TIMEOUT, workspaceRoot } from './helpers';

const corpusPaths = () => vscode.workspace.getConfiguration('corroborate').inspect<string[]>('corpusPaths')?.workspaceValue;

suite('Daily use', () => {
  test('"Use as Corroborate Sources" adds folders to the ones already chosen, never twice', async () => {
    const a = await api();
    const interviews = path.join(workspaceRoot(), 'interviews');
    await fs.mkdir(interviews, { recursive: true });
    await fs.writeFile(path.join(interviews, 'mayor.txt'), 'Interview with the mayor\n\nThe mayor of Trieste said the harbour festival will host 40 ships in June.\n');
    try {
      const corpus = vscode.Uri.file(path.join(workspaceRoot(), 'corpus'));
      assert.deepEqual(await vscode.commands.executeCommand('corroborate.useAsSources', corpus), ['corpus']);
      assert.deepEqual(await vscode.commands.executeCommand('corroborate.useAsSources', vscode.Uri.file(interviews), [vscode.Uri.file(interviews), corpus]), ['corpus', 'interviews']);
      assert.deepEqual(corpusPaths(), ['corpus', 'interviews']);
      const index = await waitUntil(async () => {
        const i = await a.ready();
        return i.documents.some((d) => d.path.endsWith('mayor.txt')) && i.documents.some((d) => d.path.includes(`${path.sep}corpus${path.sep}`)) ? i : undefined;
      }, { event: a.onDidChangeIndex, timeoutMs: TIMEOUT, description: 'an index of both folders' });
      assert.ok(index.documentCount >= 2);
      assert.deepEqual(a.corpusFolders().map((f) => path.basename(f)), ['corpus', 'interviews']);
    } finally {
      await setSetting('corpusPaths', undefined);
      await waitUntil(() => (corpusPaths() === undefined ? true : undefined), { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'corpusPaths reset' });
      await fs.rm(interviews, { recursive: true, force: true });
    }
  });

  test('a chosen search result opens with its passage selected, not just at the start of its line', async () => {
    const source = path.join(workspaceRoot(), 'corpus', '001_8f10653429561f07.txt');
    const text = await fs.readFile(source, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('draft age from 26'));
    const lineText = text.split('\n')[line]!;
    // A passage that is not the line's first sentence: the selection must start inside the line.
    const sentences = lineText.split(/(?<=[.!?”])\s+/);
    const excerpt = sentences.find((s, i) => i > 0 && s.length > 20) ?? sentences[0]!;
    await vscode.commands.executeCommand('corroborate.openSource', vscode.Uri.file(source).with({ fragment: `L${line + 1}` }).toString(), undefined, excerpt);
    const editor = await waitUntil(() => (vscode.window.activeTextEditor?.document.uri.fsPath === source ? vscode.window.activeTextEditor : undefined), { event: vscode.window.onDidChangeActiveTextEditor, timeoutMs: TIMEOUT, description: 'the source in an editor' });
    assert.equal(editor.document.getText(editor.selection).replace(/\s+/g, ' '), excerpt.replace(/\s+/g, ' '));
    assert.equal(editor.selection.start.line, line);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a document the sources do not speak to gets one notice instead of a hint per sentence', async () => {
    const readme = [
      '# Build notes',
      'Install the dependencies with the package manager before the first build.',
      'The compiler writes its output into the build folder next to the sources.',
      'Each module exports one public function and keeps its helpers private.',
      'Tests run in parallel on every commit to the main branch.',
      'Configuration files live in the settings folder of the repository.',
      'The linter rejects unused variables and missing semicolons.',
    ].join('\n\n');
    const doc = (await openDraft('build-notes.md', `${readme}\n`)).document;
    const report = await checked(doc);
    assert.ok(report.results.filter((r) => r.verdict === 'unverified').length >= 5, 'every statement is unverified');
    const diags = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'the notice');
    assert.deepEqual(diags.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)), ['not-covered']);
    assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Information);
    assert.match(diags[0]!.message, /none of its \d+ statements/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the findings view keeps the last draft while another editor has focus', async () => {
    const a = await api();
    const draft = (await openDraft('kept.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n')).document;
    await checked(draft);
    await waitUntil(() => (a.findingsDraft()?.toString() === draft.uri.toString() ? true : undefined), { event: vscode.window.onDidChangeActiveTextEditor, timeoutMs: TIMEOUT, description: 'the view to show the draft' });
    // A source opened beside the draft (as its links open) is no draft: focusing it leaves the draft's findings in view.
    const source = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'corpus', '001_8f10653429561f07.txt')));
    await vscode.window.showTextDocument(source, { viewColumn: vscode.ViewColumn.Beside });
    assert.equal(vscode.window.activeTextEditor?.document, source);
    assert.equal(a.findingsDraft()?.toString(), draft.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => (a.findingsDraft() === undefined ? true : undefined), { event: vscode.window.tabGroups.onDidChangeTabs, timeoutMs: TIMEOUT, description: 'the view to let go of the closed draft' });
  });
});

suite('Daily use: feedback and the evidence panel', () => {
  test('Rebuild Index and Check Selection say what they did', async () => {
    const a = await api();
    const editor = await openDraft('feedback.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n\nThe Kremlin welcomed the talks.\n');
    await checked(editor.document);
    const documents = await vscode.commands.executeCommand<number>('corroborate.rebuildIndex');
    assert.match(a.notices().at(-1) ?? '', new RegExp(`^Corroborate re-read ${documents} sources? \\([\\d,]+ passages\\)`));
    editor.selection = new vscode.Selection(0, 0, 0, 20);
    await vscode.commands.executeCommand('corroborate.checkSelection');
    assert.equal(a.notices().at(-1), 'Corroborate checked 1 statement in the selection: 1 conflicting.');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('an evidence panel kept over a reload shows its statement again, or closes when the statement is gone', async () => {
    const a = await api();
    const editor = await openDraft('restore.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n');
    await checked(editor.document);
    const kept = vscode.window.createWebviewPanel('corroborate.evidence', 'Corroborate: Evidence', vscode.ViewColumn.Beside, {});
    await a.restoreEvidencePanel(kept, { uri: editor.document.uri.toString(), offset: 3 });
    assert.match(kept.webview.html, /Waltz said Kyiv could lower its draft age from 25 to 18\./);
    assert.match(kept.webview.html, /data-statement="/, 'the restored panel keeps its state for the next reload');
    kept.dispose();
    const stale = vscode.window.createWebviewPanel('corroborate.evidence', 'Corroborate: Evidence', vscode.ViewColumn.Beside, {});
    let disposed = false;
    stale.onDidDispose(() => (disposed = true));
    await a.restoreEvidencePanel(stale, { uri: 'untitled:Gone-1', offset: 0 });
    assert.ok(disposed, 'a panel whose statement is gone closes instead of staying an empty group');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
