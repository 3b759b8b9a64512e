import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeOf, countVerdicts, describe, hoverMarkdown, messageOf, shortSourceAt, sizeLimitMessage, type Evidence, type StatementResult } from '../../src/engine';

const fromPdf: Evidence = {
  passage: 7,
  source: '/work/sources/council report.pdf',
  title: 'Harbour budget [draft](javascript:alert(1))',
  line: 40,
  location: { page: 12, line: 3 },
  excerpt: 'The council approved 26 new berths on <b>Monday</b>.',
  stance: 'conflicts',
  score: 0.9,
};

function result(over: Partial<StatementResult>): StatementResult {
  return { text: 'The council approved 25 new berths.', offset: 0, length: 35, verdict: 'supported', confidence: 0.9, conflicts: [], evidence: [], ...over };
}

const conflict = result({
  verdict: 'conflicting',
  conflicts: [{ kind: 'number', claimed: '25', source: '26', offset: 21, length: 2, passage: 7 }],
  evidence: [fromPdf],
  why: { summary: 'Same statement, different number: the draft says “25”, the source says “26”.' },
});

test('a conflict names both values, the kind and where the source says it', () => {
  assert.equal(messageOf(conflict), 'Conflicting: the draft says "25", the source says "26" [number] (council report.pdf p. 12).');
  assert.equal(codeOf(conflict), 'number');
  assert.equal(describe(conflict), 'conflicting [number]: "25" — source says "26"');
});

test('plain-text sources are named file:line, Windows paths included', () => {
  assert.equal(shortSourceAt({ source: 'C:\\notes\\bridge.txt', line: 15 }), 'bridge.txt:15');
  assert.equal(shortSourceAt({ source: '/t/interview.vtt', line: 9, location: { time: '00:14:03.200' } }), 'interview.vtt 00:14:03');
});

test('unverified and contested say why, or say plainly that nothing speaks to the statement', () => {
  const bare = result({ verdict: 'unverified' });
  assert.equal(messageOf(bare), 'Unverified: nothing in the sources speaks to this statement.');
  const why = result({ verdict: 'unverified', why: { summary: 'No source states “berths”.', unstated: ['berths'] } });
  assert.equal(messageOf(why), 'Unverified: no source states “berths”.');
  const contested = result({ verdict: 'contested', evidence: [{ ...fromPdf, stance: 'supports' }, fromPdf] });
  assert.equal(messageOf(contested), 'Contested: the sources disagree (1 support, 1 contradict).');
  assert.equal(messageOf(result({})), '', 'a supported statement is no finding');
});

test('the hover gives the answer first, the excerpt with the source value in bold, and escapes source text', () => {
  const md = hoverMarkdown(conflict, { linkOf: () => 'file:///work/sources/council%20report.pdf#L40', icons: false });
  const lines = md.split('\n\n');
  assert.equal(lines[0], '**Corroborate** — Conflicting (number) · confidence 0.90');
  assert.match(lines[1]!, /^Same statement, different number/);
  assert.ok(md.includes('**26**'), md);
  assert.ok(!md.includes('<b>'), 'HTML from a source is escaped');
  assert.ok(!md.includes('](javascript:'), 'a link in a source title is escaped');
  assert.ok(md.includes('[council report\\.pdf p\\. 12](file:///work/sources/council%20report.pdf#L40)'), md);
  assert.ok(md.endsWith('0 sources agree · 1 contradicts'), md);
  assert.match(hoverMarkdown(conflict), /\$\(warning\) Conflicting/, 'VS Code gets its codicons by default');
});

test('counts and the size notice', () => {
  assert.deepEqual(countVerdicts([conflict, result({}), result({})]), { supported: 2, conflicting: 1, contested: 0, unverified: 0, skipped: 0 });
  assert.equal(sizeLimitMessage(200000, 350123), 'Corroborate checked only the first 200,000 of 350,123 characters (setting corroborate.maxDraftSize).');
});
