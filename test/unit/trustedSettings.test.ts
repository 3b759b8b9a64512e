import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { displayPath, effectiveCorpusPaths } from '../../src/extension/trustedSettings';

const WS = path.resolve('/work/story');
const OUTSIDE = path.resolve('/home/reporter/private-notes');

describe('which corpus paths a workspace may use', () => {
  test('an untrusted workspace’s own corpusPaths are ignored; the user’s still apply', () => {
    const r = effectiveCorpusPaths({ user: ['/archive'], workspace: [OUTSIDE, 'sources'] }, { trusted: false, workspaceFolders: [WS], allowed: [] });
    assert.deepEqual(r.paths, ['/archive']);
    assert.deepEqual(r.ignoredUntrusted, [OUTSIDE, 'sources']);
    assert.deepEqual(r.needConsent, []);
  });

  test('a trusted workspace reads its own folders at once, and one outside only once allowed', () => {
    const asked = effectiveCorpusPaths({ workspace: ['sources', OUTSIDE] }, { trusted: true, workspaceFolders: [WS], allowed: [] });
    assert.deepEqual(asked.paths, ['sources']);
    assert.deepEqual(asked.needConsent, [OUTSIDE]);
    const allowed = effectiveCorpusPaths({ workspace: ['sources', OUTSIDE] }, { trusted: true, workspaceFolders: [WS], allowed: [OUTSIDE] });
    assert.deepEqual(allowed.paths, ['sources', OUTSIDE]);
    assert.deepEqual(allowed.needConsent, []);
  });

  test('a relative path that climbs out of the workspace needs consent too', () => {
    const r = effectiveCorpusPaths({ workspace: ['../../etc'] }, { trusted: true, workspaceFolders: [WS], allowed: [] });
    assert.deepEqual(r.paths, []);
    assert.deepEqual(r.needConsent, [path.resolve(WS, '../../etc')]);
  });

  test('when every workspace entry waits for consent, the user’s own value applies; a folder value wins over the workspace’s', () => {
    assert.deepEqual(effectiveCorpusPaths({ user: ['/archive'], workspace: [OUTSIDE] }, { trusted: true, workspaceFolders: [WS], allowed: [] }).paths, ['/archive']);
    assert.deepEqual(effectiveCorpusPaths({ workspace: ['a'], folder: ['b'] }, { trusted: true, workspaceFolders: [WS], allowed: [] }).paths, ['b']);
    assert.deepEqual(effectiveCorpusPaths({ user: [OUTSIDE] }, { trusted: false, workspaceFolders: [WS], allowed: [] }).paths, [OUTSIDE], 'the user’s own choice is never second-guessed');
  });

  test('paths in the home folder are shown with ~', () => {
    assert.equal(displayPath(OUTSIDE, path.resolve('/home/reporter')), `~${path.sep}private-notes`);
    assert.equal(displayPath('/srv/x', path.resolve('/home/reporter')), '/srv/x');
  });
});
