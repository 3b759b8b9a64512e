/** Proves that the tests run against THIS checkout's extension inside a real VS Code 1.100. */
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test } from '../harness';

const EXTENSION_ID = 'corroborate-dev.corroborate';

/**
 * The repository under test. The runners pass it in CORROBORATE_EXPECTED_EXTENSION_PATH; without
 * it, the root is derived from this bundle's location (dist/test/integration/index.js), which
 * belongs to the checkout being tested. A stale copy in an extensions folder has a different path.
 */
function expectedRoot(): string {
  return process.env.CORROBORATE_EXPECTED_EXTENSION_PATH || path.resolve(__dirname, '..', '..', '..');
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

suite('Smoke', () => {
  test('the extension under test is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not known to VS Code`);
  });

  test('it is the development copy from this repository, not a stale installed one', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to VS Code`);
    const actual = canonical(ext.extensionPath);
    const expected = canonical(expectedRoot());
    assert.equal(actual, expected, `VS Code loaded ${EXTENSION_ID} from ${actual}, not from ${expected} (a stale installed copy?)`);
  });

  test('it activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to VS Code`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('VS Code is 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
  });
});
