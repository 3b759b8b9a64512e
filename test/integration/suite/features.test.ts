/** Diagnostics, hover, quick fixes and the ignore comment, in a real VS Code. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test, waitUntil } from '../harness';
import { api, checked, diagnosticsWhen, lineOf, openDraft, quickFixes, setSetting, workspaceRoot } from './helpers';

const DRAFT = `# Waltz interview

Waltz said Kyiv could lower its draft age from 25 to 18.

Switzerland's Foreign Ministry expressed its willingness on Jan. 12 to host a face-to-face meeting between Trump and Putin.
`;

suite('Diagnostics, hover and quick fixes', () => {
  test('the index is built from the workspace corpus folder', async () => {
    const a = await api();
    const index = await a.ready();
    assert.deepEqual(a.corpusFolders().map((f) => path.basename(f)), ['corpus']);
    assert.ok(index.documents.length >= 1, 'no documents indexed');
  });

  test('a conflicting statement gets a Warning with range, message and related information', async () => {
    const editor = await openDraft('conflict.md', DRAFT);
    const doc = editor.document;
    const line = lineOf(doc, 'Waltz said Kyiv');
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.range.start.line === line), 'a diagnostic on the draft-age statement');
    const d = diags.find((x) => x.range.start.line === line)!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), 'Waltz said Kyiv could lower its draft age from 25 to 18.');
    assert.match(d.message, /"25"/);
    assert.match(d.message, /"26"/);
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    assert.equal(code, 'number');
    assert.ok(d.relatedInformation?.length, 'no related information');
    const related = d.relatedInformation![0];
    assert.match(related.location.uri.fsPath, /corpus[\\/]001_8f10653429561f07\.txt$/);
    assert.equal(related.location.range.start.line, 9, 'the excerpt is on line 10 of the source');
    assert.match(related.message, /26 to 18/);
  });

  test('a supported statement gets no diagnostic', async () => {
    const doc = vscode.window.activeTextEditor!.document;
    const report = await checked(doc);
    const swiss = report.results.find((r) => r.text.startsWith("Switzerland's"));
    assert.equal(swiss?.verdict, 'supported');
    const line = lineOf(doc, "Switzerland's");
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Corroborate');
    assert.deepEqual(ours.filter((d) => d.range.start.line === line), []);
  });

  test('the hover shows the source excerpt, for conflicting and supported statements', async () => {
    const doc = vscode.window.activeTextEditor!.document;
    await checked(doc);
    const text = async (needle: string) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf(needle) + 2));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    // A finding's hover is its diagnostic, which VS Code shows answer first, with its source's
    // label and the excerpt: Corroborate adds no second block that would repeat them.
    assert.equal(await text('Waltz said Kyiv'), '');
    const line = lineOf(doc, 'Waltz said Kyiv');
    const diag = vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'Corroborate' && d.range.start.line === line)!;
    assert.match(diag.message, /^Conflicting: the draft says "25", the source says "26" \[number\] \(“.+”\)\.$/);
    assert.doesNotMatch(diag.message, /001_8f10653429561f07/, 'the source is named by its label, not its file name');
    assert.equal(diag.relatedInformation?.filter((r) => /draft age from 26 to 18/.test(r.message)).length, 1, 'the excerpt once');
    // Without a diagnostic (its severity set to none) the hover gives the answer itself, first, in one line.
    await setSetting('severity.conflicting', 'none');
    try {
      const conflict = await waitUntil(async () => {
        const t = await text('Waltz said Kyiv');
        return t ? t : undefined;
      }, { event: vscode.languages.onDidChangeDiagnostics, timeoutMs: 15_000, description: 'the hover of a finding without a diagnostic' });
      const firstLine = conflict.split('\n')[0]!;
      assert.match(firstLine, /Conflicting \(number\)\*\* — the draft says “25”; .+ says “26” · \[line 10\]\(file:\/\/\/.*001_8f10653429561f07\.txt#L10\)/);
      assert.match(conflict, /draft age from \*\*26\*\* to 18/);
    } finally {
      await setSetting('severity.conflicting', undefined);
      await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.range.start.line === line), 'the warning back');
    }
    const supported = await text("Switzerland's");
    assert.match(supported, /Supported/);
    // Compact: one line and at most one short excerpt.
    assert.ok(supported.split('\n').filter((l) => l.startsWith('>')).length <= 1, supported);
    assert.ok(supported.length < 600, `${supported.length} characters: ${supported}`);
  });

  test('the preferred quick fix puts in the source value and the diagnostic goes away', async () => {
    const doc = vscode.window.activeTextEditor!.document;
    // Like the tests before it: the current version's check has finished (none still running).
    const current = await checked(doc);
    const line = lineOf(doc, 'Waltz said Kyiv');
    const diag = (await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.range.start.line === line), 'the draft-age warning')).find((x) => x.range.start.line === line)!;
    const actions = await quickFixes(doc, diag.range);
    const preferred = actions.filter((a) => a.isPreferred);
    const state = `report v${current.version} of doc v${doc.version}: ${current.results.map((r) => r.verdict).join(',')}; now ${(await api()).report(doc.uri)?.version}`;
    assert.equal(preferred.length, 1, `preferred actions: ${actions.map((a) => a.title).join(' | ')} (${state})`);
    assert.match(preferred[0].title, /Replace "25" with "26"/);
    // The source at hand contradicts the statement: it is no citation for it.
    assert.ok(!actions.some((a) => /^Cite /.test(a.title)), `a citation of the contradicting source: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => /^Ignore/.test(a.title)), 'no ignore fix');
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
    assert.match(doc.getText(), /draft age from 26 to 18\./);
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => x.range.start.line === line), 'the warning to disappear after the fix');
    const report = await checked(doc);
    assert.equal(report.results.find((r) => r.text.startsWith('Waltz said'))?.verdict, 'supported');
  });

  test('the citation fix cites a supporting source in a footnote linked relative to the draft', async () => {
    const statement = "Switzerland's Foreign Ministry expressed its willingness on Jan. 12 to host a face-to-face meeting between Trump and Putin.";
    const editor = await openDraft('cite.md', `${statement}\n`);
    const doc = editor.document;
    const report = await checked(doc);
    assert.equal(report.results[0]?.verdict, 'supported');
    const actions = await quickFixes(doc, new vscode.Range(0, 3, 0, 3));
    const cite = actions.find((a) => /^Cite /.test(a.title));
    assert.ok(cite?.edit, `fixes: ${actions.map((a) => a.title).join(' | ')}`);
    assert.doesNotMatch(cite.title, /\.txt/, 'named by who published it, not by its file');
    assert.ok(await vscode.workspace.applyEdit(cite.edit));
    assert.match(doc.getText(), /Putin\.\[\^1\]/);
    // The draft is in drafts/, the source in corpus/: a link a reader of the draft can follow, no absolute path.
    assert.match(doc.getText(), /\n\[\^1\]: .*\(\[\.\.\/corpus\/00\d_[0-9a-f]+\.txt, line \d+\]\(\.\.\/corpus\/00\d_[0-9a-f]+\.txt#L\d+\)\)/);
    assert.ok(!doc.getText().includes(workspaceRoot()), 'no absolute path in the draft');
    // The note itself is no statement: the draft still has one, supported.
    const after = await checked(doc);
    assert.deepEqual(after.results.filter((r) => r.verdict !== 'skipped').map((r) => r.verdict), ['supported']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the ignore comment silences a statement', async () => {
    const editor = await openDraft('ignore.md', 'Waltz said Kyiv could lower its draft age from 30 to 18.\n');
    const doc = editor.document;
    const diag = (await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'a warning in ignore.md'))[0];
    const actions = await quickFixes(doc, diag.range);
    const ignore = actions.find((a) => /^Ignore/.test(a.title));
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(doc.getText(), /18\. <!-- corroborate-ignore -->/);
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'no diagnostics once the statement is ignored');
    const report = await checked(doc);
    assert.equal(report.results[0].verdict, 'skipped');
  });

  test('an untitled draft is checked, and its findings clear when it closes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Waltz said Kyiv could lower its draft age from 21 to 18.\n' });
    await vscode.window.showTextDocument(doc);
    const diags = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'a warning in the untitled draft');
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Warning);
    const closed = diagnosticsWhen(doc.uri, (d) => d.length === 0, 'the untitled draft’s diagnostics to clear');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
  });
});
