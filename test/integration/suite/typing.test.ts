/**
 * Typing in real VS Code: only the changed statement is checked again, the extension host stays
 * free while the engine works, and an edit's findings arrive promptly. The figures printed here
 * (the host's longest block, edit-to-diagnostics latency) are the editor half of the performance
 * report; they are printed, not asserted, as timings belong to benchmarks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { api, checked, diagnosticsWhen, openDraft, setSetting, workspaceRoot } from './helpers';

function corpusSentences(): string[] {
  const source = readFileSync(path.join(workspaceRoot(), 'corpus', '001_8f10653429561f07.txt'), 'utf8');
  return source.split(/(?<=[.!?”])\s+/).filter((s) => s.split(/\s+/).length > 6);
}

/** A ~2,000-word draft made of the corpus's own sentences, some with a changed number. */
function longDraft(): string {
  const sentences = corpusSentences();
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

suite('Typing in a long draft', () => {
  test('after a one-sentence edit only that statement is checked again, and the host is not blocked', async () => {
    const a = await api();
    // The extension host's event loop, sampled every millisecond: its longest block is what a
    // writer feels as a stutter in every extension, ours included.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();

    const editor = await openDraft('long.md', longDraft());
    const doc = editor.document;
    const first = await checked(doc, 'the first check of the 2,000-word draft');
    assert.ok(first.results.length > 50, `only ${first.results.length} statements`);
    const before = a.freshChecks();
    // Change one word inside one statement; every other statement keeps its wording.
    const at = doc.getText().indexOf('(section 7)') + 1;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'section'.length)), 'part'));
    const second = await checked(doc, 'the re-check after one edit');
    loop.disable();
    assert.equal(second.results.length, first.results.length);
    const fresh = a.freshChecks() - before;
    assert.ok(fresh >= 1 && fresh <= 2, `${fresh} statements were checked again after editing one`);
    console.log(`      2,000-word draft: ${first.results.length} statements; ${fresh} re-checked after one edit; Corroborate's longest block in the extension host ${a.longestBlockMs().toFixed(1)} ms (${a.longestBlockName()}); the host's longest block, all extensions and VS Code included, ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms)`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }, { timeout: 60_000 });

  test('20 one-sentence edits: each edit’s own finding reaches the Problems list', async () => {
    await setSetting('debounceMs', 0);
    try {
      const sentences = corpusSentences().slice(0, 12);
      const claim = 'Waltz said Kyiv could lower its draft age from 26 to 18.';
      const editor = await openDraft('latency.md', `${[...sentences, claim].join('\n\n')}\n`);
      const doc = editor.document;
      await checked(doc, 'the first check of the latency draft');
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const value = String(30 + i);
        const m = /from (\d+) to 18/.exec(doc.getText())!;
        const start = m.index + 'from '.length;
        const t0 = performance.now();
        const arrived = diagnosticsWhen(doc.uri, (d) => d.some((x) => x.message.includes(`"${value}"`)), `the finding for "${value}"`);
        assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(start), doc.positionAt(start + m[1]!.length)), value)));
        const diags = await arrived;
        latencies.push(performance.now() - t0);
        assert.ok(!diags.some((x) => x.message.includes(`"${Number(value) - 1}"`)), 'the previous edit’s finding is gone');
      }
      const sorted = [...latencies].sort((x, y) => x - y);
      console.log(`      edit → diagnostics over 20 edits (debounce 0): median ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await setSetting('debounceMs', undefined);
    }
  }, { timeout: 60_000 });
});
