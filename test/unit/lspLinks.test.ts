/** The language server follows links out of the sources only when the user's settings say so. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { buildCli, root } from './helpers/cli';
import { startServerOn, type RawLspClient } from './helpers/lspClient';

const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-links-'));
const outside = path.join(dir, 'elsewhere');
let client: RawLspClient;

before(async () => {
  buildCli();
  mkdirSync(path.join(dir, 'ws', 'corpus'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(dir, 'ws', 'corpus', 'inside.txt'), 'Inside\n\nThe ferry to Hvar leaves at noon.\n');
  writeFileSync(path.join(outside, 'notes.txt'), 'Notes\n\nThe lighthouse keeper counted 7777 gulls.\n');
  symlinkSync(outside, path.join(dir, 'ws', 'corpus', 'linked'), 'dir');
  client = await startServerOn(path.join(root, 'dist', 'server.js'), path.join(dir, 'ws'), {}, path.join(dir, 'cache'));
});

after(() => {
  client?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('a link out of the sources is not followed until followLinksOutsideSources is on', async () => {
  const paths = async () => ((await client.request('corroborate/index', {})).result as { documents: { path: string }[] }).documents.map((d) => path.basename(d.path));
  assert.deepEqual(await paths(), ['inside.txt']);
  const skipped = client.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
  assert.ok(skipped.some((l) => /symbolic link to a place outside the corpus folder .* not followed/.test(l)), skipped.join('\n'));
  client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({ followLinksOutsideSources: true })));
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const end = Date.now() + 15_000;
  let now: string[] = [];
  while (Date.now() < end && !(now = await paths()).includes('notes.txt')) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(now.sort(), ['inside.txt', 'notes.txt']);
});
