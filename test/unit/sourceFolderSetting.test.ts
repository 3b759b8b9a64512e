import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusPathSetting, withSourceFolders } from '../../src/extension/sourceFolderSetting';

test('a sources folder inside the workspace is written relative to it, one outside stays absolute', () => {
  const root = path.resolve('/work/story');
  assert.equal(corpusPathSetting(path.join(root, 'sources', 'pdfs'), root), 'sources/pdfs');
  assert.equal(corpusPathSetting(root, root), '.');
  assert.equal(corpusPathSetting(path.resolve('/work/story-notes'), root), path.resolve('/work/story-notes'), 'a sibling with a common prefix is outside');
  assert.equal(corpusPathSetting(path.resolve('/archive/2024'), undefined), path.resolve('/archive/2024'));
});

test('adding source folders keeps the ones already chosen and never lists a folder twice', () => {
  const root = path.resolve('/work/story');
  assert.deepEqual(withSourceFolders([], [path.join(root, 'articles')], root), ['articles']);
  assert.deepEqual(withSourceFolders(['articles'], [path.join(root, 'interviews')], root), ['articles', 'interviews']);
  assert.deepEqual(withSourceFolders(['articles'], [path.join(root, 'articles')], root), ['articles'], 'the same folder, relative before');
  assert.deepEqual(withSourceFolders([path.join(root, 'articles')], [path.join(root, 'articles')], root), [path.join(root, 'articles')], 'the same folder, absolute before');
  assert.deepEqual(withSourceFolders(['a'], [path.resolve('/elsewhere/b'), path.resolve('/elsewhere/b')], root), ['a', path.resolve('/elsewhere/b')]);
});
