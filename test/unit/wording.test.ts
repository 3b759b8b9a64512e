import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clipExcerpt, codeOf, countVerdicts, describe, hoverMarkdown, messageOf, shortSourceAt, sizeLimitMessage, sourceLabel, type Evidence, type StatementResult } from '../../src/engine';
import type { CheckReport } from '../../src/server/diagnostics';
import { hoverAt } from '../../src/server/hover';

const fromPdf: Evidence = {
  passage: 7,
  source: '/work/sources/council report.pdf',
  title: 'Harbour budget [draft](javascript:alert(1))',
  label: 'Port Gazette, May 2, 2024: “Harbour budget [draft](javascript:alert(1))”',
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

test('a conflict names both values, the kind and who says so, by the source’s label', () => {
  assert.equal(messageOf(conflict), 'Conflicting: the draft says "25", the source says "26" [number] (Port Gazette, May 2, 2024: “Harbour budget [draft](javascript:alert(1))”).');
  assert.equal(codeOf(conflict), 'number');
  assert.equal(describe(conflict), 'conflicting [number]: "25" — source says "26"');
});

test('a source without a label is named by its headline, else by its file name', () => {
  const bare = { source: '/s/002_9aa3f48b954331ad.txt', title: '002_9aa3f48b954331ad' };
  assert.equal(sourceLabel(bare), '002_9aa3f48b954331ad.txt');
  assert.equal(sourceLabel({ ...bare, title: 'Bridge reopens' }), '“Bridge reopens”');
  assert.equal(sourceLabel({ ...bare, label: 'Coast News: “Bridge reopens”' }), 'Coast News: “Bridge reopens”');
  assert.equal(sourceLabel(bare, { title: 'x', label: 'From the current index' }), 'From the current index', 'the index’s metadata wins');
  assert.equal(messageOf({ ...conflict, evidence: [{ ...fromPdf, label: undefined, title: 'council report' }] }), 'Conflicting: the draft says "25", the source says "26" [number] (council report.pdf).');
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
  assert.equal(messageOf(contested), 'Contested: the sources disagree (1 source supports, 1 contradicts).');
  assert.equal(messageOf(result({})), '', 'a supported statement is no finding');
});

const LINK = 'file:///work/sources/council%20report.pdf#L40';

test('the hover’s first line is the answer: both values, who says so and a link', () => {
  const md = hoverMarkdown(conflict, { linkOf: () => LINK, icons: false });
  const lines = md.split('\n\n');
  assert.equal(lines[0], `**Conflicting (number)** — the draft says “25”; *Port Gazette, May 2, 2024: “Harbour budget \\[draft\\]\\(javascript:alert\\(1\\)\\)”* says “26” · [p\\. 12](${LINK})`);
  assert.equal(lines[1], '> The council approved **26** new berths on \\<b\\>Monday\\</b\\>\\.');
  assert.equal(lines[2], 'confidence 0.90 · 1 source contradicts');
  assert.equal(lines.length, 3);
  assert.ok(!md.includes('<b>'), 'HTML from a source is escaped');
  assert.ok(!md.includes('](javascript:'), 'a link in a source label is escaped');
  assert.match(hoverMarkdown(conflict), /^\$\(warning\) \*\*Conflicting/, 'VS Code gets its codicons by default');
});

const more = (n: number, stance: Evidence['stance']): Evidence[] =>
  Array.from({ length: n }, (_, i) => ({ ...fromPdf, passage: 10 + i, source: `/s/other${i}.txt`, label: `Other ${i}`, line: i + 1, location: undefined, stance }));

test('a finding’s hover shows one excerpt, since its diagnostic lists the others; without a diagnostic it lists them', () => {
  const many = { ...conflict, evidence: [fromPdf, ...more(3, 'conflicts')] };
  const shown = hoverMarkdown(many, { icons: false });
  assert.equal(shown.split('\n\n').filter((p) => p.startsWith('> ')).length, 1, shown);
  assert.ok(!shown.includes('Other 0'), shown);
  const alone = hoverMarkdown(many, { icons: false, diagnosticShown: false });
  assert.equal(alone.split('\n\n').filter((p) => p.startsWith('> ')).length, 3, alone);
  assert.ok(alone.includes('Contradicts — *Other 0* · line 1'), alone);
});

test('a supported statement’s hover is one line and one short excerpt, clipped around the statement’s words', () => {
  const long = `${'Earlier in the year the harbour office had published a long list of works that were planned for the quays. '.repeat(2)}The council approved 25 new berths for ferries on Monday, the harbour office said. ${'Other works will follow later, after the summer season, when the ferries run less often. '.repeat(2)}`;
  const supported = result({
    evidence: [{ ...fromPdf, excerpt: long, stance: 'supports' }, ...more(2, 'supports')],
    why: { summary: 'A source states the same relation (“approved”).', relation: ['approved'] },
  });
  const md = hoverMarkdown(supported, { linkOf: () => LINK, icons: false });
  const lines = md.split('\n\n');
  assert.equal(lines.length, 2, md);
  assert.equal(lines[0], `**Supported** — *Port Gazette, May 2, 2024: “Harbour budget \\[draft\\]\\(javascript:alert\\(1\\)\\)”* states the same relation \\(“approved”\\) · [p\\. 12](${LINK}) · 3 sources agree`);
  assert.match(lines[1]!, /^> ….*The council approved 25 new berths for ferries on Monday.*…$/);
  assert.ok(lines[1]!.replace(/\\/g, '').length <= 2 + 160, lines[1]);
});

test('an excerpt is clipped around the differing value and the statement’s words, at spaces', () => {
  const text = `${'Word '.repeat(60)}the pier reopened after 14 days of repairs ${'more '.repeat(60)}`.trim();
  const clipped = clipExcerpt(text, 'The pier reopened after 11 days of repairs.', ['14']);
  assert.ok(clipped.length <= 160, clipped);
  assert.match(clipped, /^….*the pier reopened after 14 days of repairs.*…$/);
  assert.equal(clipExcerpt('Short enough.', 'anything'), 'Short enough.');
  const late = `${'A '.repeat(100)}value 26 here`;
  assert.match(clipExcerpt(late, 'unrelated', ['26']), /value 26 here$/, 'the value is kept even at the very end');
});

test('a hostile label or file name is escaped in the hover like any source text', () => {
  const hostile: Evidence = {
    ...fromPdf,
    source: '/s/zz [x](command:workbench.action.quit) <img src=x onerror=alert(1)>.txt',
    title: 'zz [x](command:workbench.action.quit) <img src=x onerror=alert(1)>',
    label: '$(alert) <script>alert(1)</script> [click](command:workbench.action.quit) <command:workbench.action.quit>',
  };
  for (const evidence of [hostile, { ...hostile, label: undefined }]) {
    const md = hoverMarkdown({ ...conflict, evidence: [evidence] }, { linkOf: () => LINK });
    assert.doesNotMatch(md, /(^|[^\\])<(script|img|a|b|command)\b/i, md);
    assert.doesNotMatch(md, /(^|[^\\])\]\(\s*command:/, md);
    assert.doesNotMatch(md, /(^|[^\\])\$\(alert\)/, md);
    const targets = [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]!);
    assert.deepEqual(targets, [LINK]);
  }
});

suite('hover modes', () => {
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, 'The council approved 25 new berths. Nice weather today. It opened in 1897.');
  const report: CheckReport = {
    uri: doc.uri,
    version: 1,
    checkedLength: doc.getText().length,
    textLength: doc.getText().length,
    fresh: 3,
    results: [
      { ...conflict, offset: 0, length: 35 },
      result({ text: 'Nice weather today.', offset: 36, length: 19, verdict: 'skipped', reason: 'opinion' }),
      result({ text: 'It opened in 1897.', offset: 56, length: 18, evidence: [{ ...fromPdf, stance: 'supports' }] }),
    ],
  };
  const at = (offset: number) => doc.positionAt(offset);
  const value = (h: ReturnType<typeof hoverAt>) => (h?.contents as { value: string } | undefined)?.value;

  test('all (the default): findings and supported statements; skipped ones get none', () => {
    assert.match(value(hoverAt(doc, report, at(5), undefined))!, /^\*\*Conflicting/);
    assert.match(value(hoverAt(doc, report, at(60), undefined, { mode: 'all' }))!, /^\*\*Supported/);
    assert.equal(hoverAt(doc, report, at(40), undefined), null);
  });

  test('findings: only conflicting, contested and unverified statements', () => {
    assert.match(value(hoverAt(doc, report, at(5), undefined, { mode: 'findings' }))!, /^\*\*Conflicting/);
    assert.equal(hoverAt(doc, report, at(60), undefined, { mode: 'findings' }), null);
  });

  test('off: no hover at all', () => {
    assert.equal(hoverAt(doc, report, at(5), undefined, { mode: 'off' }), null);
  });

  test('a finding whose diagnostic is not shown lists its other excerpts', () => {
    const many: CheckReport = { ...report, results: [{ ...conflict, offset: 0, length: 35, evidence: [fromPdf, ...more(2, 'conflicts')] }] };
    const quotes = (h: ReturnType<typeof hoverAt>) => value(h)!.split('\n\n').filter((p) => p.startsWith('> ')).length;
    assert.equal(quotes(hoverAt(doc, many, at(5), undefined)), 1);
    assert.equal(quotes(hoverAt(doc, many, at(5), undefined, { hasDiagnostic: () => false })), 3);
  });
});

test('counts and the size notice', () => {
  assert.deepEqual(countVerdicts([conflict, result({}), result({})]), { supported: 2, conflicting: 1, contested: 0, unverified: 0, skipped: 0 });
  assert.equal(sizeLimitMessage(200000, 350123), 'Corroborate checked only the first 200,000 of 350,123 characters (setting corroborate.maxDraftSize).');
});
