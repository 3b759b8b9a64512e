import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';

// Every word equally rare, no spelling variants: the comparer is judged on the sentences alone.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;

/**
 * One-slot edits of a source sentence (a value, a name, an opposite word, swapped arguments) and
 * paraphrases that must stay supported. `not-supports` marks edits the engine cannot yet call a
 * conflict: it must at least not support them.
 */
const rows = readFileSync(path.join(__dirname, '..', 'fixtures', 'minimal-edits.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t'));

test('minimal edits of a source sentence conflict or lose support; paraphrases keep it', () => {
  const wrong: string[] = [];
  for (const [expect, claim, passage] of rows) {
    const stance = compare(analyze(claim, proper), analyze(passage, proper), [], env).stance;
    const ok = expect === 'not-supports' ? stance !== 'supports' : stance === expect;
    if (!ok) wrong.push(`${expect} but ${stance}: ${claim} | ${passage}`);
  }
  assert.ok(rows.length >= 100, `only ${rows.length} rows read`);
  assert.deepEqual(wrong, []);
});
