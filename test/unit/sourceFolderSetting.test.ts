import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusPathSetting } from '../../src/extension/sourceFolderSetting';

test('a sources folder inside the workspace is written relative to it, one outside stays absolute', () => {
  const root = path.resolve('/work/story');
  assert.equal(corpusPathSetting(path.join(root, 'sources', 'pdfs'), root), 'sources/pdfs');
  assert.equal(corpusPathSetting(root, root), '.');
  assert.equal(corpusPathSetting(path.resolve('/work/story-notes'), root), path.resolve('/work/story-notes'), 'a sibling with a common prefix is outside');
  assert.equal(corpusPathSetting(path.resolve('/archive/2024'), undefined), path.resolve('/archive/2024'));
});
