/** Typing in a long draft: only the changed statement is checked again, and the host stays free. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { api, checked, openDraft, workspaceRoot } from './helpers';

/** A ~2,000-word draft made of the corpus's own sentences, some with a changed number. */
function longDraft(): string {
  const source = readFileSync(path.join(workspaceRoot(), 'corpus', '001_8f10653429561f07.txt'), 'utf8');
  const sentences = source.split(/(?<=[.!?”])\s+/).filter((s) => s.split(/\s+/).length > 6);
  const paragraphs: string[] = [];
  let words = 0;
  for (let k = 0; words < 2000; k++) {
    let s = sentences[k % sentences.length];
    if (k % 5 === 0) s = s.replace(/\b26\b/, '25');
    paragraphs.push(`${s} (section ${k + 1})`);
    words += s.split(/\s+/).length + 2;
  }
  return `${paragraphs.join('\n\n')}\n`;
}

suite('Typing in a long draft', () => {
  test('after a one-sentence edit only that statement is checked again', async () => {
    const a = await api();
    const editor = await openDraft('long.md', longDraft());
    const doc = editor.document;
    const first = await checked(doc, 'the first check of the 2,000-word draft');
    assert.ok(first.results.length > 50, `only ${first.results.length} statements`);
    const before = a.freshChecks();
    // Change one word inside one statement; every other statement keeps its wording.
    const at = doc.getText().indexOf('(section 7)') + 1;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'section'.length)), 'part'));
    const second = await checked(doc, 'the re-check after one edit');
    assert.equal(second.results.length, first.results.length);
    const fresh = a.freshChecks() - before;
    assert.ok(fresh >= 1 && fresh <= 2, `${fresh} statements were checked again after editing one`);
    console.log(`2,000-word draft: ${first.results.length} statements; ${fresh} re-checked after one edit; longest synchronous slice so far ${a.longestSliceMs().toFixed(1)} ms`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
