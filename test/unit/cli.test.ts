import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCli, cliPath, offsetAt, positionAt, root, runCli, splitLines, type CliRun } from './helpers/cli';

const VERDICTS = ['supported', 'conflicting', 'contested', 'unverified', 'skipped'];
const STANCES = ['supports', 'conflicts', 'related'];
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

interface JsonStatement {
  text: string;
  offset: number;
  length: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  verdict: string;
  confidence: number;
  conflicts: { kind: string; claimed: string; source: string; range: JsonStatement['range'] }[];
  evidence: { source: string; title: string; line: number; excerpt: string; stance: string; score: number }[];
  why?: { summary: string; relation?: string[]; unstated?: string[] };
}

interface JsonReport {
  tool: { name: string; version: string };
  corpus: { documents: number; passages: number; skipped: { path: string; reason: string }[] };
  files: { path: string; statements: JsonStatement[] }[];
}

let tmp = '';

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

function checkJson(file: string, corpus = 'corpus'): { run: CliRun; report: JsonReport } {
  const run = runCli(['check', file, '--corpus', corpus, '--format', 'json']);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort();
}

function assertKeys(o: object, keys: string[], where: string): void {
  assert.deepEqual(sortedKeys(o), [...keys].sort(), `keys of ${where}`);
}

/** Letters and digits only, so markdown emphasis or link markup in a source line does not matter. */
function squash(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
}

/** Usage errors must read as messages, never as a crash. */
function assertUsageError(run: CliRun, message: RegExp): void {
  assert.equal(run.status, 2, `exit status (stderr: ${run.stderr})`);
  assert.match(run.stderr, /^corroborate: /);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /^\s+at .+[:(]\d+/m, 'no stack trace');
  assert.doesNotMatch(run.stderr, /internal error/);
  assert.equal(run.stdout, '');
}

before(() => {
  buildCli();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-'));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('help and version', () => {
  test('--help prints usage on stdout and exits 0', () => {
    const run = runCli(['--help']);
    assert.equal(run.status, 0);
    for (const word of ['check', 'search', '--corpus', '--format']) assert.ok(run.stdout.includes(word), `usage mentions ${word}`);
    assert.match(run.stdout, /^Usage:/m);
    assert.equal(run.stderr, '');
  });

  test('--version prints the package.json version', () => {
    const run = runCli(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout.trim(), pkg.version);
  });
});

// Own wording, deliberately unlike ../shared/acceptance/claims.tsv.
const DRAFT = [
  'Waltz suggested that Kyiv lower the conscription age from 25 to 18.',
  '',
  'Crimea held a referendum in March 2014, after which it reintegrated with Russia.',
  'The Crimean referendum was monitored by observers from forty countries.',
  '',
  'Who could have predicted any of this? We should all hope for peace.',
  '',
  'Serbia and Switzerland offered to host peace negotiations',
  'between Trump and Putin.',
  '',
  'Crimean Tatars boycotted the 2014 referendum.',
  '',
  "Crimea's referendum took place in March 2014.",
  '',
  'I think this is the most fascinating diplomatic story of the decade.',
  '',
  'Kyiv ought to lower the conscription age from 25 to 18 to bolster its army.',
  '',
].join('\n');

const EXPECTED_STATEMENTS = [
  'Waltz suggested that Kyiv lower the conscription age from 25 to 18.',
  'Crimea held a referendum in March 2014, after which it reintegrated with Russia.',
  'The Crimean referendum was monitored by observers from forty countries.',
  'Who could have predicted any of this?',
  'We should all hope for peace.',
  'Serbia and Switzerland offered to host peace negotiations\nbetween Trump and Putin.',
  'Crimean Tatars boycotted the 2014 referendum.',
  "Crimea's referendum took place in March 2014.",
  'I think this is the most fascinating diplomatic story of the decade.',
  'Kyiv ought to lower the conscription age from 25 to 18 to bolster its army.',
];

describe('check --format json', () => {
  let draftFile = '';
  let run: CliRun;
  let report: JsonReport;
  let statements: JsonStatement[] = [];

  before(() => {
    draftFile = write('draft.md', DRAFT);
    ({ run, report } = checkJson(draftFile));
    statements = report.files[0]?.statements ?? [];
  });

  function statement(prefix: string): JsonStatement {
    const s = statements.find((x) => x.text.startsWith(prefix));
    assert.ok(s, `no statement starting with ${JSON.stringify(prefix)}`);
    return s;
  }

  test('top level, tool and corpus have exactly the documented keys', () => {
    assertKeys(report, ['tool', 'corpus', 'files'], 'report');
    assert.deepEqual(report.tool, { name: 'corroborate', version: pkg.version });
    assertKeys(report.corpus, ['documents', 'passages', 'skipped'], 'corpus');
    assert.equal(report.corpus.documents, 5);
    assert.ok(Number.isInteger(report.corpus.passages) && report.corpus.passages >= report.corpus.documents, `passages ${report.corpus.passages}`);
    assert.deepEqual(report.corpus.skipped, []);
    assert.equal(report.files.length, 1);
    assertKeys(report.files[0], ['path', 'statements'], 'files[0]');
    assert.equal(path.resolve(root, report.files[0].path), draftFile);
  });

  test('every statement is listed once, skipped ones included, in document order', () => {
    assert.deepEqual(
      statements.map((s) => s.text),
      EXPECTED_STATEMENTS,
    );
    for (let i = 1; i < statements.length; i++) {
      const prev = statements[i - 1];
      assert.ok(prev.offset + prev.length <= statements[i].offset, `statement ${i} starts after the end of statement ${i - 1}`);
    }
    assert.ok(statements.some((s) => s.verdict === 'skipped'), 'skipped statements are listed too');
  });

  test('each statement has exactly the documented keys and consistent offsets and ranges', () => {
    assert.ok(statements.length > 0);
    for (const s of statements) {
      const where = JSON.stringify(s.text);
      // Every checked statement says why; a skipped one does not.
      assertKeys(s, ['text', 'offset', 'length', 'range', 'verdict', 'confidence', 'conflicts', 'evidence', ...(s.verdict === 'skipped' ? [] : ['why'])], `statement ${where}`);
      if (s.why) {
        assert.ok(typeof s.why.summary === 'string' && s.why.summary.length > 10, `why of ${where}`);
        for (const k of Object.keys(s.why)) assert.ok(['summary', 'relation', 'unstated'].includes(k), `why key ${k} of ${where}`);
      }
      assert.equal(DRAFT.slice(s.offset, s.offset + s.length), s.text, `text at offset of ${where}`);
      assertKeys(s.range, ['start', 'end'], `range of ${where}`);
      assertKeys(s.range.start, ['line', 'character'], `range.start of ${where}`);
      assertKeys(s.range.end, ['line', 'character'], `range.end of ${where}`);
      assert.deepEqual(s.range.start, positionAt(DRAFT, s.offset), `range.start of ${where}`);
      assert.deepEqual(s.range.end, positionAt(DRAFT, s.offset + s.length), `range.end of ${where}`);
      assert.ok(VERDICTS.includes(s.verdict), `verdict ${s.verdict}`);
      assert.ok(s.confidence >= 0 && s.confidence <= 1, `confidence ${s.confidence} of ${where}`);
    }
  });

  test('conflicts have the documented keys and point at the claimed value inside their statement', () => {
    const all = statements.flatMap((s) => s.conflicts.map((c) => ({ s, c })));
    assert.ok(all.length > 0, 'the draft has at least one conflict');
    for (const { s, c } of all) {
      assertKeys(c, ['kind', 'claimed', 'source', 'range'], `conflict in ${JSON.stringify(s.text)}`);
      assert.ok(['number', 'date', 'name', 'negation', 'quote', 'role'].includes(c.kind), `kind ${c.kind}`);
      const start = offsetAt(DRAFT, c.range.start);
      const end = offsetAt(DRAFT, c.range.end);
      assert.ok(start >= s.offset && end <= s.offset + s.length && start <= end, `conflict range [${start}, ${end}) inside statement`);
      assert.equal(DRAFT.slice(start, end), c.claimed);
    }
  });

  test('evidence has the documented keys, a known stance and a line that holds the excerpt', () => {
    const all = statements.flatMap((s) => s.evidence);
    assert.ok(all.length > 0);
    for (const e of all) {
      assertKeys(e, ['source', 'title', 'line', 'excerpt', 'stance', 'score'], `evidence ${e.source}:${e.line}`);
      assert.ok(STANCES.includes(e.stance), `stance ${e.stance}`);
      assert.equal(typeof e.title, 'string');
      assert.equal(typeof e.score, 'number');
      const file = path.resolve(root, e.source);
      assert.ok(existsSync(file), `evidence source exists: ${e.source}`);
      const line = splitLines(readFileSync(file, 'utf8'))[e.line - 1];
      assert.ok(line !== undefined && squash(line).includes(squash(e.excerpt.slice(0, 40))), `${e.source}:${e.line} holds "${e.excerpt.slice(0, 40)}"`);
    }
  });

  test('a changed number is a number conflict with both values (and exit 1)', () => {
    const s = statement('Waltz suggested');
    assert.equal(s.verdict, 'conflicting');
    assert.deepEqual(
      s.conflicts.map((c) => [c.kind, c.claimed, c.source]),
      [['number', '25', '26']],
    );
    assert.match(path.basename(s.evidence[0].source), /^001_/);
    assert.equal(s.evidence[0].stance, 'conflicts');
    assert.equal(run.status, 1);
  });

  test('the Crimean referendum of March 2014 is supported by the Global Research article', () => {
    const s = statement('Crimea held a referendum');
    assert.equal(s.verdict, 'supported');
    assert.deepEqual(s.conflicts, []);
    assert.match(path.basename(s.evidence[0].source), /^002_/);
    assert.equal(s.evidence[0].stance, 'supports');
  });

  test('a sentence wrapped over two lines is one statement and supported', () => {
    const s = statement('Serbia and Switzerland');
    assert.equal(s.verdict, 'supported');
    assert.equal(s.range.start.line, 7);
    assert.equal(s.range.end.line, 8);
  });

  test('a detail the corpus does not cover is unverified', () => {
    const s = statement('The Crimean referendum was monitored');
    assert.equal(s.verdict, 'unverified');
    assert.ok(!s.evidence.some((e) => e.stance === 'supports'), 'no supporting evidence');
  });

  test('a question and an opinion are skipped', () => {
    assert.equal(statement('Who could have predicted').verdict, 'skipped');
    assert.equal(statement('We should all hope').verdict, 'skipped');
  });

  test('an unsupported detail about a covered event is unverified', () => {
    assert.equal(statement('Crimean Tatars').verdict, 'unverified');
  });

  test('a possessive place name is not a name conflict', () => {
    const s = statement("Crimea's referendum");
    assert.deepEqual(s.conflicts, []);
    assert.equal(s.verdict, 'supported');
  });

  // Guards the lexicon fix of 368db35: ATTRIBUTION_MARKERS was a Set of characters, so "I" read as attribution.
  test('a first-person opinion is skipped', () => {
    assert.equal(statement('I think this').verdict, 'skipped');
  });

  test('a paraphrased number conflict is still found', () => {
    const s = statement('Kyiv ought to');
    assert.equal(s.verdict, 'conflicting');
    assert.deepEqual(
      s.conflicts.map((c) => [c.kind, c.claimed, c.source]),
      [['number', '25', '26']],
    );
  });
});

describe('check ranges in CRLF text with characters outside the BMP', () => {
  test('offsets are UTF-16 code units and lines break at \\r\\n', () => {
    const text = 'Intro 😀 note: Waltz suggested that Kyiv lower the\r\nconscription age from 25 to 18.\r\n\r\nWho could have predicted any of this?\r\n';
    const file = write('crlf.md', text);
    const { report } = checkJson(file);
    const statements = report.files[0].statements;
    assert.deepEqual(
      statements.map((s) => s.text),
      ['Intro 😀 note: Waltz suggested that Kyiv lower the\r\nconscription age from 25 to 18.', 'Who could have predicted any of this?'],
    );
    for (const s of statements) {
      assert.equal(text.slice(s.offset, s.offset + s.length), s.text);
      assert.deepEqual(s.range, { start: positionAt(text, s.offset), end: positionAt(text, s.offset + s.length) });
    }
    assert.deepEqual(statements[1].range.start, { line: 3, character: 0 });
    for (const c of statements[0].conflicts) {
      assert.equal(text.slice(offsetAt(text, c.range.start), offsetAt(text, c.range.end)), c.claimed);
    }
  });
});

describe('check text format', () => {
  test('a conflict is a compiler-style warning with the excerpt, its source by label and source:line, and a summary (exit 1)', () => {
    const file = write('text-conflict.md', DRAFT);
    const run = runCli(['check', file, '--corpus', 'corpus']);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => /^.+:\d+:\d+: warning: conflicting \[number\]: "25" — source says "26"/.test(l));
    assert.ok(at >= 0, `no conflict line in:\n${run.stdout}`);
    const [, where, line, column] = /^(.+):(\d+):(\d+): /.exec(lines[at])!;
    assert.equal(path.resolve(root, where), file);
    assert.equal(Number(line), 1);
    assert.equal(Number(column), DRAFT.indexOf('25') + 1, 'column of the claimed value, 1-based');
    assert.equal(lines[at + 1].trim(), EXPECTED_STATEMENTS[0]);
    assert.match(lines[at + 2], /^\s+conflicts: ".+"$/, 'the excerpt');
    // Who said it by the article's opening words (it has no headline), not by its hashed file name; source:line last.
    const ref = /^\s+— “U\.S\. President-elect Donald Trump and Russian President Vladimir Putin are…”, (corpus\/001_[0-9a-f]+\.txt):(\d+)$/.exec(lines[at + 3]);
    assert.ok(ref, `attribution line with label and source:line, got ${JSON.stringify(lines[at + 3])}`);
    const sourceLine = splitLines(readFileSync(path.join(root, ref[1]), 'utf8'))[Number(ref[2]) - 1];
    assert.match(sourceLine, /draft age from 26 to 18/);
    assert.match(lines[lines.length - 1], /^1 file\(s\), 10 statement\(s\): \d+ supported, \d+ conflicting, \d+ contested, \d+ unverified, \d+ skipped$/);
    const counts = /(\d+) supported, (\d+) conflicting, (\d+) contested, (\d+) unverified, (\d+) skipped/.exec(lines[lines.length - 1])!;
    assert.equal(counts.slice(1).reduce((n, c) => n + Number(c), 0), 10);
    assert.ok(Number(counts[2]) >= 1);
  });

  test('nothing conflicting: exit 0, notes only, and --all lists supported statements', () => {
    const text = 'Crimea held a referendum in March 2014, after which it reintegrated with Russia.\n\nThe Crimean referendum was monitored by observers from forty countries.\n';
    const file = write('text-clean.md', text);
    const run = runCli(['check', file, '--corpus', 'corpus']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /: warning: /);
    assert.match(run.stdout, /^.+:3:1: note: unverified: /m);
    assert.doesNotMatch(run.stdout, /supported by/, 'supported statements are hidden without --all');
    assert.match(run.stdout, /^1 file\(s\), 2 statement\(s\): 1 supported, 0 conflicting, 0 contested, 1 unverified, 0 skipped$/m);
    const all = runCli(['check', file, '--corpus', 'corpus', '--all']);
    assert.equal(all.status, 0);
    assert.match(all.stdout, /^.+:1:1: info: supported by \d+ passage\(s\)/m);
  });
});

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

describe('check --format sarif', () => {
  let draftFile = '';
  let sarif: {
    $schema: string;
    version: string;
    runs: { tool: { driver: { name: string; version: string; rules: { id: string }[] } }; results: SarifResult[] }[];
  };
  let run: CliRun;

  before(() => {
    // A space in the name checks that the artifact URI is percent-encoded.
    draftFile = write('sarif dir/my draft.md', DRAFT);
    run = runCli(['check', draftFile, '--corpus', 'corpus', '--format', 'sarif']);
    sarif = JSON.parse(run.stdout);
  });

  test('is SARIF 2.1.0 from the corroborate driver (exit 1 for a conflict)', () => {
    assert.equal(run.status, 1, run.stderr);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif.*2\.1\.0.*\.json$/);
    assert.equal(sarif.runs.length, 1);
    assert.equal(sarif.runs[0].tool.driver.name, 'corroborate');
    assert.equal(sarif.runs[0].tool.driver.version, pkg.version);
    const ids = sarif.runs[0].tool.driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  });

  test('every result is well formed and located in the draft', () => {
    const { results, tool } = sarif.runs[0];
    const ruleIds = new Set(tool.driver.rules.map((r) => r.id));
    const lines = splitLines(DRAFT);
    assert.ok(results.length > 0);
    for (const r of results) {
      assert.ok(ruleIds.has(r.ruleId), `ruleId ${r.ruleId} is declared`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(r.level), `level ${r.level}`);
      assert.ok(typeof r.message.text === 'string' && r.message.text.trim().length > 0);
      const loc = r.locations[0].physicalLocation;
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), draftFile.split(path.sep).join('/'));
      assert.ok(!/\s/.test(loc.artifactLocation.uri), 'URI is percent-encoded');
      const g = loc.region;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(g[k]) && g[k] >= 1, `${k} = ${g[k]}`);
      assert.ok(g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn >= g.startColumn), 'end is not before start');
      assert.ok(g.endLine <= lines.length);
    }
  });

  test('a conflict result points at the claimed value; related locations are existing corpus lines', () => {
    const conflict = sarif.runs[0].results.find((r) => r.ruleId === 'conflicting' && r.message.text.includes('"25"'));
    assert.ok(conflict, 'a conflicting result for the changed number');
    assert.equal(conflict.level, 'warning');
    const g = conflict.locations[0].physicalLocation.region;
    assert.equal(g.startLine, g.endLine);
    assert.equal(splitLines(DRAFT)[g.startLine - 1].slice(g.startColumn - 1, g.endColumn - 1), '25');
    const related = sarif.runs[0].results.flatMap((r) => r.relatedLocations ?? []);
    assert.ok(related.length > 0);
    for (const rl of related) {
      const file = path.resolve(root, decodeURIComponent(rl.physicalLocation.artifactLocation.uri));
      assert.ok(existsSync(file), `related file exists: ${file}`);
      const n = splitLines(readFileSync(file, 'utf8')).length;
      assert.ok(rl.physicalLocation.region.startLine >= 1 && rl.physicalLocation.region.startLine <= n);
    }
    assert.ok(
      conflict.relatedLocations?.some((rl) => /^corpus\/001_/.test(rl.physicalLocation.artifactLocation.uri)),
      'the conflicting source is a related location',
    );
  });

  test('results are the conflicting, contested and unverified statements of the JSON report', () => {
    const { report } = checkJson(draftFile);
    const expected = report.files[0].statements.filter((s) => ['conflicting', 'contested', 'unverified'].includes(s.verdict)).map((s) => s.verdict);
    assert.deepEqual(
      sarif.runs[0].results.map((r) => r.ruleId),
      expected,
    );
  });
});

describe('search', () => {
  const RESULT = /^(corpus\/[^:]+):(\d+): (.*)$/;

  test('text: "draft age" finds the passage in the Kyiv Post article with its line', () => {
    const run = runCli(['search', 'draft', 'age', '--corpus', 'corpus']);
    assert.equal(run.status, 0, run.stderr);
    const hits = run.stdout.split('\n').map((l) => RESULT.exec(l)).filter((m) => m !== null);
    assert.ok(hits.length >= 1, run.stdout);
    const [, source, line, text] = hits[0];
    assert.match(source, /^corpus\/001_[0-9a-f]+\.txt$/);
    assert.match(text, /\bdraft\b/i);
    assert.match(text, /\bage\b/i);
    const fileLine = splitLines(readFileSync(path.join(root, source), 'utf8'))[Number(line) - 1];
    assert.ok(fileLine.includes(text), `${source}:${line} holds the passage`);
  });

  test('json: results have source, title, line, excerpt and score', () => {
    const run = runCli(['search', 'draft age', '--corpus', 'corpus', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const hits = JSON.parse(run.stdout) as { source: string; title: string; line: number; excerpt: string; score: number }[];
    assert.ok(hits.length >= 1);
    for (const h of hits) assertKeys(h, ['source', 'title', 'line', 'excerpt', 'score'], 'search hit');
    assert.match(hits[0].source, /^corpus\/001_/);
    assert.equal(hits[0].line, 10);
    assert.match(hits[0].excerpt, /draft age from 26 to 18/);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score, 'best first');
  });

  test('--limit caps the number of passages', () => {
    const all = JSON.parse(runCli(['search', 'Trump', 'Putin', '--corpus', 'corpus', '--format', 'json']).stdout) as unknown[];
    assert.ok(all.length > 2, 'the query matches more than the limit');
    const two = runCli(['search', 'Trump', 'Putin', '--corpus', 'corpus', '--format', 'json', '--limit', '2']);
    assert.equal(two.status, 0);
    assert.equal((JSON.parse(two.stdout) as unknown[]).length, 2);
    const text = runCli(['search', 'Trump', 'Putin', '--corpus', 'corpus', '--limit', '2']);
    assert.equal(text.stdout.split('\n').filter((l) => RESULT.test(l)).length, 2);
  });

  test('no match prints a clear message and exits 0', () => {
    const run = runCli(['search', 'xylophone', 'zebra', '--corpus', 'corpus']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout.trim(), 'no passage matches "xylophone zebra"');
    const json = runCli(['search', 'xylophone', 'zebra', '--corpus', 'corpus', '--format', 'json']);
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });
});

describe('bad input exits 2 with a message and no stack trace', () => {
  let draft = '';
  before(() => {
    draft = write('ok.md', 'Crimea held a referendum in March 2014, after which it reintegrated with Russia.\n');
  });

  test('missing draft file', () => {
    assertUsageError(runCli(['check', path.join(tmp, 'nope.md'), '--corpus', 'corpus']), /file not found: .*nope\.md/);
  });

  test('a folder passed as FILE', () => {
    assertUsageError(runCli(['check', tmp, '--corpus', 'corpus']), /is a folder, not a file/);
  });

  test('missing corpus folder', () => {
    assertUsageError(runCli(['check', draft, '--corpus', path.join(tmp, 'no-corpus')]), /corpus folder not found: .*no-corpus/);
  });

  test('empty corpus folder', () => {
    const empty = mkdtempSync(path.join(tmp, 'empty-'));
    assertUsageError(runCli(['check', draft, '--corpus', empty]), /no readable documents/);
  });

  test('a corpus holding only a binary file', () => {
    const dir = mkdtempSync(path.join(tmp, 'binary-corpus-'));
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]));
    const run = runCli(['check', draft, '--corpus', dir]);
    assertUsageError(run, /no readable documents/);
    assert.match(run.stderr, /skipped .*blob\.txt: binary file/);
  });

  test('unknown format', () => {
    assertUsageError(runCli(['check', draft, '--corpus', 'corpus', '--format', 'xml']), /unknown format: xml/);
  });

  test('unknown format for search', () => {
    assertUsageError(runCli(['search', 'draft', '--corpus', 'corpus', '--format', 'xml']), /unknown format: xml/);
  });

  test('unknown command', () => {
    const run = runCli(['frobnicate']);
    assertUsageError(run, /unknown command: frobnicate/);
    assert.match(run.stderr, /Usage:/);
  });

  test('no command', () => {
    const run = runCli([]);
    assertUsageError(run, /missing command/);
    assert.match(run.stderr, /Usage:/);
  });

  test('check with no FILE', () => {
    assertUsageError(runCli(['check', '--corpus', 'corpus']), /check needs at least one FILE/);
  });

  test('search with no QUERY', () => {
    assertUsageError(runCli(['search', '--corpus', 'corpus']), /search needs a QUERY/);
  });

  test('--limit 0', () => {
    assertUsageError(runCli(['search', 'draft', '--corpus', 'corpus', '--limit', '0']), /--limit must be a positive whole number/);
  });

  test('unknown option: a short message in the tool\'s words, not the argument parser\'s', () => {
    const run = runCli(['check', draft, '--frobnicate']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'corroborate: unknown option --frobnicate (corroborate --help lists the options)\n');
    assert.equal(runCli(['check', draft, '--format']).stderr, 'corroborate: --format needs a value (corroborate --help lists the options)\n');
  });

  test('--exit-zero shows the conflicts but exits 0; without it a conflict exits 1', () => {
    const failing = runCli(['check', 'examples/draft.md']);
    assert.equal(failing.status, 1);
    const shown = runCli(['check', 'examples/draft.md', '--exit-zero']);
    assert.equal(shown.status, 0);
    assert.equal(shown.stdout, failing.stdout);
  });

  test("the README's sample of the demo's output is what the demo prints", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const demo = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.demo as string;
    const args = /node dist\/cli\.js (.*)$/.exec(demo)![1]!.split(' ');
    const printed = runCli(args).stdout.split('\n');
    const sample = /`npm run demo` prints[\s\S]*?```\n([\s\S]*?)```/.exec(readme)![1]!.trimEnd().split('\n').filter((line) => line !== '…');
    assert.ok(sample.length >= 3, 'the README shows a sample');
    // Each sample line is printed, in the README's order.
    let at = 0;
    for (const line of sample) {
      const found = printed.indexOf(line, at);
      assert.ok(found >= 0, `the demo no longer prints: ${line}`);
      at = found + 1;
    }
  });

  test('a binary draft', () => {
    const file = write('binary.md', Buffer.from('Crimea held a referendum\u0000 in March 2014.', 'latin1'));
    assertUsageError(runCli(['check', file, '--corpus', 'corpus']), /cannot check .*binary\.md: binary file/);
  });
});

describe('draft encodings (src/engine/corpus/decode.ts)', () => {
  test('invalid UTF-8 that reads as windows-1252 is decoded that way', () => {
    // 0x93/0x94 are curly quotes only in windows-1252 (C1 controls in ISO-8859-1); 0xE9 is é in both.
    const bytes = Buffer.from('Crimea held a referendum in March 2014, after which it reintegrated with Russia.\n\nThe caf\xe9 owner called the vote \x93historic\x94.\n', 'latin1');
    const file = write('cp1252.txt', bytes);
    const { run, report } = checkJson(file);
    assert.equal(run.status, 0, run.stderr);
    const texts = report.files[0].statements.map((s) => s.text);
    assert.deepEqual(texts, ['Crimea held a referendum in March 2014, after which it reintegrated with Russia.', 'The café owner called the vote “historic”.']);
  });

  test('invalid UTF-8 with bytes windows-1252 leaves undefined is refused', () => {
    const file = write('undefined-1252.md', Buffer.from([...Buffer.from('Crimea held a referendum '), 0x81, 0x8d, ...Buffer.from(' in March 2014.\n')]));
    assertUsageError(runCli(['check', file, '--corpus', 'corpus']), /cannot check .*undefined-1252\.md: not valid UTF-8 text/);
  });

  test('invalid UTF-8 that is mostly high bytes is refused', () => {
    const file = write('soup.md', Buffer.from([0x41, 0xe4, 0xf6, 0xfc, 0xe9, 0xe8, 0x42, 0xc0, 0xc1, 0xf5, 0x0a]));
    assertUsageError(runCli(['check', file, '--corpus', 'corpus']), /not valid UTF-8 text/);
  });

  test('UTF-16 LE with a BOM is decoded and offsets count from after the BOM', () => {
    const text = 'Crimea held a referendum in March 2014, after which it reintegrated with Russia.\n';
    const file = write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { run, report } = checkJson(file);
    assert.equal(run.status, 0, run.stderr);
    const [s] = report.files[0].statements;
    assert.equal(s.text, text.trim());
    assert.equal(s.offset, 0);
    assert.equal(s.verdict, 'supported');
  });
});

describe('corpus with one article and one binary file', () => {
  test('checks against the article and reports the binary file once, with a reason', () => {
    const dir = mkdtempSync(path.join(tmp, 'mixed-corpus-'));
    const article = readdirSync(path.join(root, 'corpus')).find((f) => f.startsWith('002_'))!;
    writeFileSync(path.join(dir, article), readFileSync(path.join(root, 'corpus', article)));
    writeFileSync(path.join(dir, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const file = write('mixed.md', 'Crimea held a referendum in March 2014, after which it reintegrated with Russia.\n');
    const { run, report } = checkJson(file, dir);
    assert.equal(run.status, 0, run.stderr);
    const mentions = run.stderr.split('\n').filter((l) => l.includes('scan.txt'));
    assert.equal(mentions.length, 1, run.stderr);
    assert.match(mentions[0], /^corroborate: skipped .*scan\.txt: binary file$/);
    assert.equal(report.corpus.documents, 1);
    assert.deepEqual(
      report.corpus.skipped.map((s) => [path.basename(s.path), s.reason]),
      [['scan.txt', 'binary file']],
    );
    const [s] = report.files[0].statements;
    assert.equal(s.verdict, 'supported');
    assert.equal(path.basename(s.evidence[0].source), article);
  });
});

describe('markdown drafts', () => {
  // The conflicting sentence sits in every place markdown hides text; only the last copy is prose.
  const CONFLICT = 'Kyiv could lower its draft age from 25 to 18 to bolster its forces.';
  const MD = [
    '---',
    `title: ${CONFLICT}`,
    '---',
    '',
    'Crimea held a referendum in March 2014, after which it reintegrated with Russia.',
    '',
    '```text',
    CONFLICT,
    '```',
    '',
    `Reporters kept quoting \`${CONFLICT}\` in their notes.`,
    '',
    `<!-- ${CONFLICT} -->`,
    '',
    `${CONFLICT} <!-- corroborate-ignore -->`,
    '',
  ].join('\n');

  test('code, front matter and comments are not statements; an ignored statement is listed as skipped', () => {
    const file = write('markup.md', MD);
    const { run, report } = checkJson(file);
    const statements = report.files[0].statements;
    assert.deepEqual(
      statements.map((s) => s.text),
      ['Crimea held a referendum in March 2014, after which it reintegrated with Russia.', `Reporters kept quoting \`${CONFLICT}\` in their notes.`, CONFLICT],
    );
    const codeSpan = MD.indexOf('`' + CONFLICT);
    for (const s of statements) {
      assert.ok(s.offset < codeSpan || s.offset > codeSpan + CONFLICT.length, 'no statement starts inside the inline code');
      assert.notEqual(s.verdict, 'conflicting', `${JSON.stringify(s.text)} is not checked against hidden text`);
    }
    assert.equal(statements[1].conflicts.length, 0, 'inline code is not checked');
    const ignored = statements[2];
    assert.equal(ignored.offset, MD.lastIndexOf(CONFLICT));
    assert.equal(ignored.verdict, 'skipped');
    assert.equal(run.status, 0);
  });

  test('without the ignore comment the same sentence does conflict', () => {
    const file = write('markup-unignored.md', MD.replace(' <!-- corroborate-ignore -->', ''));
    const { run, report } = checkJson(file);
    const last = report.files[0].statements.at(-1)!;
    assert.equal(last.text, CONFLICT);
    assert.equal(last.verdict, 'conflicting');
    assert.equal(run.status, 1);
  });

  test('the same text in a .txt draft is prose: nothing is masked', () => {
    const file = write('markup.txt', `${CONFLICT}\n\n\`\`\`\n${CONFLICT}\n\`\`\`\n`);
    const { report } = checkJson(file);
    const conflicting = report.files[0].statements.filter((s) => s.verdict === 'conflicting');
    assert.equal(conflicting.length, 2);
  });
});

describe('check --cache', () => {
  test('the second run reads the saved index; a changed source is indexed again', () => {
    const corpus = path.join(tmp, 'cache-corpus');
    const cache = path.join(tmp, 'cache-dir');
    mkdirSync(corpus, { recursive: true });
    writeFileSync(path.join(corpus, 'harbour.txt'), 'Harbour report\n\nThe harbour welcomed 40 cruise ships in 2024, the port authority said.\n');
    const draft = write('cache-draft.md', 'The harbour welcomed 40 cruise ships in 2024.\n');
    const first = runCli(['check', draft, '--corpus', corpus, '--cache', cache, '--format', 'json']);
    assert.equal(first.status, 0, first.stderr);
    const files = readdirSync(cache).filter((f) => f.endsWith('.bin'));
    assert.equal(files.length, 1, 'one index file for the corpus');
    const saved = statSync(path.join(cache, files[0]!)).mtimeMs;
    const second = runCli(['check', draft, '--corpus', corpus, '--cache', cache, '--format', 'json']);
    assert.equal(second.stdout, first.stdout);
    assert.equal(statSync(path.join(cache, files[0]!)).mtimeMs, saved, 'read back, not rebuilt and saved again');
    writeFileSync(path.join(corpus, 'harbour.txt'), 'Harbour report\n\nThe harbour welcomed 42 cruise ships in 2024, the port authority said.\n');
    const third = runCli(['check', draft, '--corpus', corpus, '--cache', cache, '--format', 'json']);
    assert.equal(third.status, 1, 'the edited source now contradicts the draft');
    assert.equal(JSON.parse(third.stdout).files[0].statements[0].verdict, 'conflicting');
    assert.equal(runCli(['check', draft, '--corpus', corpus, '--cache', draft]).status, 2, 'a file is no cache folder');
  });

  test('the verdicts are kept too: an unchanged statement is not checked again, a changed corpus or build checks it afresh', () => {
    const corpus = path.join(tmp, 'verdict-corpus');
    const cache = path.join(tmp, 'verdict-cache');
    mkdirSync(corpus, { recursive: true });
    const source = path.join(corpus, 'ferry.txt');
    writeFileSync(source, 'Ferry report\n\nThe ferry to Hvar carried 310 passengers on Sunday, the operator said.\n');
    const draft = write('verdict-draft.md', 'The ferry to Hvar carried 310 passengers on Sunday.\n');
    const run = () => runCli(['check', draft, '--corpus', corpus, '--cache', cache, '--format', 'json']);
    const verdict = (r: { stdout: string }) => JSON.parse(r.stdout).files[0].statements[0].verdict;
    assert.equal(verdict(run()), 'supported');
    const kept = readdirSync(cache).find((f) => /^results-[0-9a-f]{16}\.json$/.test(f));
    assert.ok(kept, `the verdicts are kept beside the index: ${readdirSync(cache)}`);
    // Marked in the kept file, a verdict that shows up again can only have come from there.
    const file = path.join(cache, kept!);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { results: [string, { verdict: string }][] };
    assert.equal(stored.results.length, 1);
    stored.results[0]![1].verdict = 'contested';
    writeFileSync(file, JSON.stringify(stored));
    assert.equal(verdict(run()), 'contested', 'the unchanged statement was reused, not checked again');
    // The same statement against a changed corpus is checked afresh.
    writeFileSync(source, 'Ferry report\n\nThe ferry to Hvar carried 290 passengers on Sunday, the operator said.\n');
    assert.equal(verdict(run()), 'conflicting');
    // And against another build of the checking code (the bundle's time stands for it).
    const again = JSON.parse(readFileSync(file, 'utf8')) as { results: [string, { verdict: string }][] };
    again.results[0]![1].verdict = 'contested';
    writeFileSync(file, JSON.stringify(again));
    const now = new Date();
    utimesSync(cliPath, now, new Date(now.getTime() + 1000));
    assert.equal(verdict(run()), 'conflicting', 'a new build does not reuse verdicts');
  });
});

describe('lsp', () => {
  test('`corroborate lsp --stdio` is the language server: it answers initialize and exits on exit', async () => {
    const { RawLspClient } = await import('./helpers/lspClient');
    const client = new RawLspClient(process.execPath, [path.join(root, 'dist', 'cli.js'), 'lsp', '--stdio'], root);
    const init = await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    const capabilities = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    assert.ok(capabilities.hoverProvider, JSON.stringify(capabilities));
    assert.ok(capabilities.codeActionProvider);
    await client.request('shutdown');
    client.notify('exit');
    assert.equal(await client.exited, 0);
  });

  test('without a transport it says which ones it takes and exits 2', () => {
    const run = runCli(['lsp']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--stdio or --node-ipc/);
    assert.match(runCli(['lsp', '--socket=7000']).stderr, /never opens a socket/);
  });
});
