/** Sources that are not plain text, in a real VS Code: the page in the hover, the extracted text view. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { after, suite, test } from '../harness';
import { api, checked, openDraft, setSetting, TIMEOUT, workspaceRoot } from './helpers';
import { waitUntil } from '../harness';

/** A folder of the workspace holding only a PDF print of the corpus article (made by the runner). */
const PDF_FOLDER = 'sources-pdf';
const STATEMENT = "Switzerland's Foreign Ministry expressed its willingness on Jan. 12 to host a face-to-face meeting between Trump and Putin.";

suite('Sources that are not plain text', () => {
  after(async () => {
    await setSetting('corpusPaths', undefined);
    await waitUntil(async () => ((await api()).corpusFolders().every((f) => path.basename(f) === 'corpus') ? true : undefined), {
      event: (await api()).onDidChangeIndex,
      timeoutMs: TIMEOUT,
      description: 'the workspace corpus to be back',
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a statement backed by a PDF: the hover names the page, the source opens as its text at the passage', async () => {
    const a = await api();
    await setSetting('corpusPaths', [PDF_FOLDER]);
    const index = await waitUntil(
      async () => {
        const i = await a.ready();
        return i.documents.some((d) => d.path.endsWith('.pdf')) ? i : undefined;
      },
      { event: a.onDidChangeIndex, timeoutMs: 60_000, description: 'an index of the PDF folder' },
    );
    assert.deepEqual(
      index.documents.map((d) => path.relative(workspaceRoot(), d.path).split(path.sep).join('/')),
      [`${PDF_FOLDER}/article.pdf`],
      'only the PDF is indexed',
    );

    const editor = await openDraft('from-pdf.md', `${STATEMENT}\n`);
    const report = await checked(editor.document);
    const result = report.results.find((r) => r.text === STATEMENT);
    assert.equal(result?.verdict, 'supported', JSON.stringify(result));
    const evidence = result!.evidence.find((e) => e.stance === 'supports')!;
    assert.ok(evidence.location?.page, `the evidence has a page: ${JSON.stringify(evidence)}`);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 3));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // The place in the PDF by its page, linked to the extracted text, not the PDF bytes.
    assert.match(hover, new RegExp(`\\[p\\\\?\\. ${evidence.location!.page}\\]\\(corroborate-source:[^)]*article\\.pdf#L\\d+\\)`), hover);

    await vscode.commands.executeCommand('corroborate.openSource', evidence.source, evidence.line);
    const view = await waitUntil(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'corroborate-source' ? active : undefined;
    }, { event: vscode.window.onDidChangeActiveTextEditor, timeoutMs: TIMEOUT, description: 'the extracted text of the PDF in an editor' });
    const shown = view.document.lineAt(view.selection.active.line).text.replace(/\s+/g, ' ');
    assert.ok(shown.includes(evidence.excerpt.slice(0, 30)), `line ${view.selection.active.line + 1} shows "${shown}"; the passage is "${evidence.excerpt}"`);
    assert.equal(path.basename(view.document.uri.path), 'article.pdf');
    // Not a file: nothing a writer types there can be saved over the PDF.
    assert.notEqual(view.document.uri.scheme, 'file');
  });
});
