/**
 * Issue 6 at engine and CLI level: bad corpus input, bad drafts, cancellation, and nothing on disk
 * ever written. (Binary, invalid UTF-8, UTF-16 with BOM, symlink loops, missing and empty folders
 * and basic cancellation are in corpus.test.ts and cli.test.ts; this file adds the rest.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync, lstatSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CancelledError, checkText, CorpusIndex, LineMap, parseDraft, type CorpusData, type StatementResult } from '../../src/engine';
import { loadCorpus, type ParsedSourceCache } from '../../src/engine/corpus/loadCorpus';
import { buildCli, cliPath, positionAt as naivePositionAt, root, runCli } from './helpers/cli';
import { fsError, MemoryFs, prng, withFaults } from './helpers/memoryFs';

const BUNDLED = path.join(root, 'corpus');
const DRAFT_AGE_SOURCE = path.join(BUNDLED, '001_8f10653429561f07.txt');
const CLAIM = 'Waltz said Kyiv could lower its draft age from 25 to 18.';
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** path → sha256 of every file under `dir` (symlinks by their target text, not followed). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(p, `link`);
      else if (e.isDirectory()) walk(p);
      else out.set(p, sha256(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

let bundled: Promise<CorpusIndex> | undefined;
/** The index of the bundled corpus, built once for the whole file. */
function bundledIndex(): Promise<CorpusIndex> {
  bundled ??= loadCorpus([BUNDLED]).then((data) => CorpusIndex.build(data));
  return bundled;
}

const repoSnapshot = new Map<string, string>();
let tmp = '';

before(() => {
  buildCli();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-reliability-'));
  for (const dir of ['corpus', 'examples']) for (const [p, h] of snapshot(path.join(root, dir))) repoSnapshot.set(p, h);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Each path once, and the reasons by path. */
function skippedByPath(data: CorpusData): Map<string, string> {
  const paths = data.skipped.map((s) => s.path);
  assert.equal(paths.length, new Set(paths).size, `a path is reported twice: ${JSON.stringify(paths)}`);
  return new Map(data.skipped.map((s) => [s.path, s.reason]));
}

/** Passages point into their document: first character, line number, sequential ids. */
function assertCorpusConsistent(data: CorpusData): void {
  data.passages.forEach((p, i) => {
    assert.equal(p.id, i);
    const doc = data.documents[p.doc];
    assert.ok(doc, `passage ${i} points at document ${p.doc}`);
    assert.ok(p.text.length > 0 && p.offset >= 0 && p.offset < doc.text.length, `passage ${i} offset ${p.offset}`);
    assert.equal(doc.text[p.offset], p.text[0], `passage ${i} starts where its offset says`);
    assert.equal(new LineMap(doc.text).positionAt(p.offset).line + 1, p.line, `passage ${i} line`);
  });
  const docPaths = data.documents.map((d) => d.path);
  assert.equal(docPaths.length, new Set(docPaths).size, 'a document is loaded twice');
  for (const d of docPaths) assert.ok(!data.skipped.some((s) => s.path === d), `${d} is both loaded and skipped`);
}

// ---------------------------------------------------------------------------------------------

describe('a corpus folder full of bad input (engine and CLI)', () => {
  let sink = '';
  let draft = '';
  let data: CorpusData;
  const p = (...parts: string[]) => path.join(sink, ...parts);

  before(async () => {
    sink = path.join(tmp, 'sink');
    mkdirSync(sink);
    copyFileSync(DRAFT_AGE_SOURCE, p('good.txt'));
    const random = prng(6);
    writeFileSync(p('random-bytes.txt'), Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    // Windows-1252 leaves 0x81 undefined, so this is neither UTF-8 nor a legacy encoding.
    writeFileSync(p('invalid-utf8.md'), Buffer.from([0x54, 0x68, 0x65, 0x20, 0xc3, 0x28, 0x81, 0x9d, 0xfe, 0x20, 0x65, 0x6e, 0x64, 0x2e]));
    writeFileSync(p('utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The lighthouse of Varna has 212 steps.\r\n', 'utf16le')]));
    writeFileSync(p('utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('The ferry to Burgas leaves at noon.\n', 'utf16le').swap16()]));
    // 50 MB on one line, written in chunks so the test never holds it in memory.
    const fd = openSync(p('huge-line.txt'), 'w');
    const chunk = Buffer.from('The bridge is 42 metres long and opened in 1999 after a long delay. '.repeat(16_000));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    writeFileSync(p('empty.txt'), '');
    writeFileSync(p('blank.md'), ' \n\t\r\n  \n');
    writeFileSync(p('only-markup.html'), '<html><head><script>var x = 1;</script><style>p{}</style></head><body><div></div></body></html>');
    writeFileSync(p('notes.pdf'), '%PDF-1.4');
    symlinkSync(sink, p('loop-to-root'), 'dir');
    symlinkSync(p('self-link.txt'), p('self-link.txt'));
    symlinkSync(p('nowhere.txt'), p('dangling.txt'));
    // 200 nested folders with a source at depth 3 and at depth 100.
    let deep = p('deep');
    for (let level = 1; level <= 200; level++) {
      deep = path.join(deep, `d${level}`);
      if (level === 3 || level === 100) {
        mkdirSync(deep, { recursive: true });
        writeFileSync(path.join(deep, `level${level}.txt`), `The archive at level ${level} holds ${level * 7} ledgers.\n`);
      }
    }
    mkdirSync(deep, { recursive: true });
    draft = path.join(tmp, 'draft.md');
    writeFileSync(draft, `${CLAIM}\n\nThe lighthouse of Varna has 212 steps.\n`);
    data = await loadCorpus([sink]);
  });

  after(() => rmSync(sink, { recursive: true, force: true }));

  test('the readable sources are loaded, whatever else the folder holds', () => {
    assert.deepEqual(data.documents.map((d) => path.relative(sink, d.path)).sort(), [
      path.join('deep', 'd1', 'd2', 'd3', 'level3.txt'),
      'good.txt',
      'utf16be.txt',
      'utf16le.txt',
    ]);
    assertCorpusConsistent(data);
    assert.ok(data.passages.some((x) => x.text === 'The lighthouse of Varna has 212 steps.'));
    assert.ok(data.passages.some((x) => x.text === 'The ferry to Burgas leaves at noon.'));
  });

  test('every other file is reported once, with its reason', () => {
    const reasons = skippedByPath(data);
    const expected: [string, RegExp][] = [
      ['random-bytes.txt', /^binary file$/],
      ['invalid-utf8.md', /^not valid UTF-8 text$/],
      ['huge-line.txt', /^file too large \(50\.\d MB; limit 10\.0 MB\)$/],
      ['empty.txt', /^empty file$/],
      ['blank.md', /^empty file \(whitespace only\)$/],
      ['only-markup.html', /^no sentences found/],
      // A PDF header with nothing after it: read as a PDF, which has no end.
      ['notes.pdf', /^truncated PDF \(no end-of-file marker/],
      ['loop-to-root', /^symbolic link loop/],
      ['self-link.txt', /^symbolic link loop$/],
      ['dangling.txt', /^broken symbolic link$/],
      // sink/deep is level 1, so deep/d1/…/d64 is the 65th level: the first one not walked.
      [path.join('deep', ...Array.from({ length: 64 }, (_, i) => `d${i + 1}`)), /^folder nested deeper than 64 levels$/],
    ];
    for (const [file, reason] of expected) assert.match(reasons.get(p(file)) ?? '(not reported)', reason, file);
    assert.deepEqual([...reasons.keys()].sort(), expected.map(([f]) => p(f)).sort(), 'nothing else is reported');
  });

  test('the CLI checks against the rest and lists each skipped file once on stderr', () => {
    const run = runCli(['check', draft, '--corpus', sink, '--format', 'json']);
    assert.equal(run.status, 1, `exit status (stderr: ${run.stderr})`);
    assert.doesNotMatch(run.stderr, /internal error|^\s+at /m);
    const report = JSON.parse(run.stdout) as { corpus: { documents: number; skipped: { path: string; reason: string }[] }; files: { statements: StatementResult[] }[] };
    assert.equal(report.corpus.documents, 4);
    assert.deepEqual(report.corpus.skipped, data.skipped);
    const lines = run.stderr.trimEnd().split('\n');
    assert.deepEqual(lines, data.skipped.map((s) => `corroborate: skipped ${s.path}: ${s.reason}`));
    const [conflict, supported] = report.files[0]!.statements;
    assert.equal(conflict?.verdict, 'conflicting');
    assert.deepEqual(conflict?.conflicts.map((c) => [c.claimed, c.source]), [['25', '26']]);
    assert.equal(supported?.verdict, 'supported', 'a source read from UTF-16 supports the statement');
  });

  test('the text format says the same, and the CLI leaves the folder exactly as it was', () => {
    const before = snapshot(sink);
    const run = runCli(['check', draft, '--corpus', sink]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr.split('\n').filter((l) => l.includes('huge-line.txt')).length, 1);
    assert.match(run.stdout, /warning: conflicting \[number\]: "25" — source says "26"/);
    assert.deepEqual(snapshot(sink), before);
  });
});

describe('many, deep and odd folders', () => {
  test('10,000 tiny files load and are searchable', async () => {
    const dir = path.join(tmp, 'tiny');
    for (let i = 0; i < 10_000; i++) {
      const sub = path.join(dir, `g${String(Math.floor(i / 100)).padStart(3, '0')}`);
      if (i % 100 === 0) mkdirSync(sub, { recursive: true });
      // Every 1,000th file is broken, so the skipped list is exercised at scale too.
      writeFileSync(path.join(sub, `s${String(i).padStart(5, '0')}.txt`), i % 1000 === 999 ? Buffer.from([0, 1, 2, 3]) : `Station ${i} recorded ${i % 97} millimetres of rain on Monday.\n`);
    }
    try {
      const t0 = performance.now();
      const data = await loadCorpus([dir]);
      const loadMs = performance.now() - t0;
      assert.equal(data.documents.length, 9_990);
      const reasons = skippedByPath(data);
      assert.equal(reasons.size, 10);
      for (const reason of reasons.values()) assert.equal(reason, 'binary file');
      assert.equal(data.passages.length, 9_990);
      const index = await CorpusIndex.build(data);
      const [hit] = index.search('Station 4321 millimetres rain', 1);
      assert.equal(hit?.passage.text, 'Station 4321 recorded 53 millimetres of rain on Monday.');
      const ms = performance.now() - t0;
      assert.ok(ms < 60_000, `loading and indexing took ${Math.round(ms)} ms (load ${Math.round(loadMs)} ms)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same folder given twice, and a folder inside another, load each file once', async () => {
    const dir = path.join(tmp, 'twice');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a.txt'), 'The first file names the harbour.\n');
    writeFileSync(path.join(dir, 'sub', 'b.txt'), 'The second file names the bridge.\n');
    try {
      const data = await loadCorpus([dir, dir, path.join(dir, 'sub'), `${dir}/`]);
      assert.deepEqual(data.documents.map((d) => path.relative(dir, d.path)), ['a.txt', path.join('sub', 'b.txt')]);
      const reasons = skippedByPath(data);
      assert.deepEqual([...reasons.values()], ['folder already included via another path', 'folder already included via another path', 'folder already included via another path']);
      assertCorpusConsistent(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a corpus path that is a file, a symlink loop or a special file is reported, not thrown', async () => {
    const dir = path.join(tmp, 'odd-roots');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'single.md'), 'A single file can be a corpus of its own.\n');
    symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    // /dev is refused as a whole, so the special file is a named pipe of our own.
    const fifo = path.join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    try {
      const data = await loadCorpus([path.join(dir, 'single.md'), path.join(dir, 'loop'), fifo, '/dev/null', path.join(dir, 'missing')]);
      assert.deepEqual(data.documents.map((d) => path.basename(d.path)), ['single.md']);
      assert.deepEqual(Object.fromEntries(skippedByPath(data)), {
        [path.join(dir, 'loop')]: 'symbolic link loop',
        [fifo]: 'not a folder or a regular file',
        '/dev/null': 'corpus folder refused: /dev/null is inside the system folder /dev; choose the folder that holds your sources',
        [path.join(dir, 'missing')]: 'folder not found',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files that fail or change while the corpus is read (host file system wrappers)', () => {
  // Tests run as root, where chmod 000 does not stop reads: the wrapper raises EACCES instead.
  test('unreadable files and folders are skipped with the error code', async () => {
    const mem = new MemoryFs({
      '/c/a.txt': 'The first file is readable and says the ferry leaves at noon.',
      '/c/locked.txt': 'Nobody may read this file.',
      '/c/odd.md': 'A stat call on this file fails.',
      '/c/private/inside.txt': 'A file inside a folder that cannot be listed.',
      '/c/plain-error.txt': 'The host throws an error without a code.',
      '/c/thrown-string.txt': 'The host throws a string.',
      '/c/z.txt': 'The last file is readable too and says the bridge is long.',
    });
    const fs = withFaults(mem, {
      readFile(p) {
        if (p.endsWith('locked.txt')) throw fsError('EACCES', p);
        if (p.endsWith('plain-error.txt')) throw new Error('device not ready');
        if (p.endsWith('thrown-string.txt')) throw 'host exploded';
      },
      readDirectory(dir) {
        if (dir.endsWith('private')) throw fsError('EACCES', dir);
      },
      stat(p, call) {
        // The walk stats nothing but roots and links; the read stats each file once.
        if (p.endsWith('odd.md') && call > 0) throw fsError('EPERM', p);
      },
    });
    const data = await loadCorpus(['/c'], { fs });
    assert.deepEqual(data.documents.map((d) => d.path), ['/c/a.txt', '/c/z.txt']);
    assert.deepEqual(Object.fromEntries(skippedByPath(data)), {
      '/c/locked.txt': 'unreadable file (EACCES)',
      '/c/odd.md': 'unreadable file (EPERM)',
      '/c/private': 'unreadable folder (EACCES)',
      '/c/plain-error.txt': 'unreadable file (device not ready)',
      '/c/thrown-string.txt': 'unreadable file (host exploded)',
    });
    assertCorpusConsistent(data);
  });

  test('a host that lies about sizes or kinds cannot make the loader read too much or throw', async () => {
    const mem = new MemoryFs({ '/c/grows.txt': 'small', '/c/ok.txt': 'This one is fine.', '/c/turns-folder.txt': 'x' });
    const big = new Uint8Array(2048).fill(0x41);
    const fs = {
      ...mem,
      readDirectory: (d: string) => mem.readDirectory(d).then((entries) => [...entries, { name: 'weird.txt', kind: 'other' as const }, { name: 'link.txt', kind: 'symlink' as const }]),
      stat: async (p: string) => {
        if (p.endsWith('turns-folder.txt')) return { size: 1, mtimeMs: 0, kind: 'directory' as const };
        if (p.endsWith('link.txt')) throw fsError('EIO', p);
        return mem.stat(p);
      },
      readFile: async (p: string) => (p.endsWith('grows.txt') ? big : mem.readFile(p)),
    };
    const data = await loadCorpus(['/c'], { fs, maxFileBytes: 1024 });
    assert.deepEqual(data.documents.map((d) => d.path), ['/c/ok.txt']);
    assert.deepEqual(Object.fromEntries(skippedByPath(data)), {
      '/c/grows.txt': 'file too large (2.0 KB; limit 1.0 KB)',
      '/c/link.txt': 'unreadable (EIO)',
      '/c/turns-folder.txt': 'no longer a regular file',
      '/c/weird.txt': 'not a regular file',
    });
  });

  test('files deleted, rewritten or replaced on the first read, and a folder deleted mid-walk', async () => {
    const mem = new MemoryFs({
      '/c/a-first.txt': 'The first file triggers the changes when it is read.',
      '/c/b-deleted.txt': 'This file is deleted before it is read.',
      '/c/c-rewritten.txt': 'Old text that nobody should see.',
      '/c/d-binary.txt': 'This file becomes binary before it is read.',
      '/c/e-grown.txt': 'This file grows past the size limit.',
      '/c/f-emptied.md': 'This file is emptied before it is read.',
      '/c/g-sub/h.txt': 'This folder disappears before it is walked.',
      '/c/i-last.txt': 'The last file is untouched and says the harbour is open.',
    });
    const rewritten = 'New text written while indexing.\nIt says the dam holds 300 million cubic metres.\n';
    let fired = 0;
    const fs = withFaults(mem, {
      readDirectory(dir) {
        // Listed with its parent, then gone by the time the walk gets to it.
        if (dir === '/c/g-sub') mem.remove(dir);
      },
      readFile(p, call) {
        if (call !== 0) return;
        fired++;
        mem.remove('/c/b-deleted.txt');
        mem.write('/c/c-rewritten.txt', rewritten);
        mem.write('/c/d-binary.txt', Uint8Array.from([0, 159, 146, 150, 0, 0]));
        mem.write('/c/e-grown.txt', 'This file grew. '.repeat(200));
        mem.write('/c/f-emptied.md', '');
        assert.equal(p, '/c/a-first.txt');
      },
    });
    const data = await loadCorpus(['/c'], { fs, maxFileBytes: 1000 });
    assert.equal(fired, 1);
    assert.deepEqual(data.documents.map((d) => d.path), ['/c/a-first.txt', '/c/c-rewritten.txt', '/c/i-last.txt']);
    const reasons = Object.fromEntries(skippedByPath(data));
    assert.deepEqual(reasons, {
      '/c/b-deleted.txt': 'file disappeared before it could be read',
      '/c/d-binary.txt': 'binary file',
      '/c/e-grown.txt': 'file too large (3.1 KB; limit 1000 bytes)',
      '/c/f-emptied.md': 'empty file',
      '/c/g-sub': 'folder disappeared while loading',
    });
    const doc = data.documents.find((d) => d.path === '/c/c-rewritten.txt')!;
    assert.equal(doc.text, rewritten, 'the document is what was read, never a mix of versions');
    assert.equal(doc.hash, sha256(rewritten));
    assertCorpusConsistent(data);
  });

  test('a parse cache stays right while the corpus keeps changing under repeated loads', async () => {
    const random = prng(42);
    const mem = new MemoryFs();
    const sentence = (i: number, v: number) => `Report ${i} says the river rose ${v} centimetres on Tuesday.\n`;
    for (let i = 0; i < 40; i++) mem.write(`/c/r${String(i).padStart(2, '0')}.txt`, sentence(i, i));
    const cache: ParsedSourceCache = new Map();
    let version = 1000;
    // Every read changes something else: a rewrite, a deletion, a new file or a broken one.
    const churn = () => {
      const i = Math.floor(random() * 60);
      const file = `/c/r${String(i).padStart(2, '0')}.txt`;
      const roll = random();
      if (roll < 0.4) mem.write(file, sentence(i, version++));
      else if (roll < 0.6) mem.remove(file);
      else if (roll < 0.8) mem.write(file, sentence(i, version++).repeat(2));
      else mem.write(file, Uint8Array.from([0, 0, 1, 2]));
    };
    const fs = withFaults(mem, { readFile: churn, stat: () => (random() < 0.1 ? churn() : undefined) });
    for (let round = 0; round < 25; round++) {
      const data = await loadCorpus(['/c'], { fs, cache });
      assertCorpusConsistent(data);
      for (const reason of skippedByPath(data).values()) {
        assert.match(reason, /^(binary file|file disappeared before it could be read)$/);
      }
      for (const d of data.documents) assert.match(d.text, /^Report \d+ says the river rose \d+ centimetres on Tuesday\.\n/);
    }
    // Once the churn stops, a load through the cache equals a fresh one.
    const cached = await loadCorpus(['/c'], { fs: mem, cache });
    const fresh = await loadCorpus(['/c'], { fs: mem });
    assert.deepEqual(cached, fresh);
  });
});

// ---------------------------------------------------------------------------------------------

describe('bad drafts against the bundled corpus', () => {
  let index: CorpusIndex;
  before(async () => {
    index = await bundledIndex();
  });

  /** Every statement is the exact slice its offsets name; positions agree with a naive line model. */
  function assertExact(text: string, results: StatementResult[]): void {
    const lines = new LineMap(text);
    let end = 0;
    for (const r of results) {
      assert.ok(r.offset >= end && r.length > 0 && r.offset + r.length <= text.length, `range [${r.offset}, +${r.length}) in ${text.length}`);
      end = r.offset + r.length;
      assert.equal(text.slice(r.offset, r.offset + r.length), r.text);
      for (const o of [r.offset, r.offset + r.length]) {
        const pos = lines.positionAt(o);
        assert.deepEqual(pos, naivePositionAt(text, o), `position of offset ${o}`);
        assert.equal(lines.offsetAt(pos), o, `round trip of offset ${o}`);
      }
      for (const c of r.conflicts) {
        assert.ok(c.offset >= r.offset && c.offset + c.length <= r.offset + r.length, 'conflict inside its statement');
        assert.equal(text.slice(c.offset, c.offset + c.length), c.claimed);
      }
      assert.ok(r.confidence >= 0 && r.confidence <= 1);
    }
  }

  const decorated: Record<string, string> = {
    CRLF: `# Interview\r\n\r\nAn introduction comes first.\r\n${CLAIM}\r\n\r\nThe end.\r\n`,
    'lone CR': `An introduction comes first.\r${CLAIM}\rThe end.\r`,
    'mixed endings': `Line one ends in LF.\nLine two in CRLF.\r\n\r\n${CLAIM}\r\rAnd a lone CR.\r\nDone.`,
    BOM: `\ufeff${CLAIM}\n`,
    'BOM and CRLF': `\ufeff# Title\r\n\r\n${CLAIM}\r\n`,
    emoji: `😀 Family 👨‍👩‍👧‍👦 and flags 🇺🇦🇷🇺 come first.\n\n🎉 ${CLAIM} 🎉\n`,
    'combining characters': `Cafe\u0301 owners in Zu\u0308rich re\u0301sume\u0301 work.\n\n${CLAIM}\n`,
    'right-to-left text': `שלום עולם, זה טקסט בעברית. مرحبا بالعالم.\n\n${CLAIM} (كييف)\n`,
    'bidi controls': `\u202bRight-to-left embedding.\u202c\n\n\u200e${CLAIM}\u200f\n`,
    'control characters': `Bell\u0007 and escape\u001b[31m here.\u0000\n\n${CLAIM}\n\u2028${CLAIM}\u2029\n`,
    'lone surrogates': `Broken \ud800 pairs \udc00 here.\n\n${CLAIM}\n`,
  };

  for (const [name, text] of Object.entries(decorated)) {
    test(`${name}: ranges stay exact and the conflict is still found`, () => {
      for (const format of ['markdown', 'plaintext'] as const) {
        const results = checkText(index, text, { format });
        assertExact(text, results);
        const r = results.find((x) => x.text.includes('draft age'));
        assert.ok(r, `${format}: no statement about the draft age`);
        assert.equal(r.verdict, 'conflicting', `${format}: ${r.text}`);
        assert.deepEqual(r.conflicts.map((c) => [c.claimed, c.source]), [['25', '26']], format);
      }
    });
  }

  test('empty and content-free drafts give no statements and no error', () => {
    const nothing = ['', ' ', '\n', '\r\n\r\n', '\r', '\ufeff', '\ufeff\r\n', '\t \u00a0\u2003', '\u200b\u200e', '😀🎉', '...!?', '# \n\n- \n'];
    const markupOnly = ['<!-- only a comment -->', '```\ncode only\n```\n', '---\ntitle: front matter only\n---\n', '![](image.png)', '<https://example.com/a>'];
    for (const text of nothing) {
      for (const format of ['markdown', 'plaintext'] as const) assert.deepEqual(checkText(index, text, { format }), [], `${JSON.stringify(text)} (${format})`);
    }
    for (const text of markupOnly) {
      assert.deepEqual(checkText(index, text, { format: 'markdown' }), [], JSON.stringify(text));
      // Plain text is all prose: the same characters are statements there, and are skipped.
      const plain = checkText(index, text, { format: 'plaintext' });
      assertExact(text, plain);
      assert.ok(plain.every((r) => r.verdict === 'skipped' || r.verdict === 'unverified'), `${JSON.stringify(text)} (plaintext): ${plain.map((r) => r.verdict)}`);
    }
  });

  test('a 5 MB draft: cancelling the check stops it before the next statement', () => {
    const lines: string[] = [];
    for (let i = 0, n = 0; n < 5_000_000; i++) {
      const line = `Report ${i}: Waltz said Kyiv could lower its draft age from ${20 + (i % 9)} to 18 on Jan. ${1 + (i % 28)}.\n\n`;
      lines.push(line);
      n += line.length;
    }
    const text = lines.join('');
    assert.ok(text.length >= 5_000_000);
    // The engine polls the token before each statement: cancel at the 51st poll.
    let polls = 0;
    let cancelledAt = 0;
    const token = {
      get isCancellationRequested() {
        if (++polls <= 50) return false;
        cancelledAt ||= performance.now();
        return true;
      },
    };
    assert.throws(() => checkText(index, text, { token }), CancelledError);
    const stoppedAfter = performance.now() - cancelledAt;
    assert.equal(polls, 51, 'no statement is checked once cancellation is seen');
    assert.ok(stoppedAfter < 50, `stopped ${stoppedAfter.toFixed(1)} ms after the cancellation was seen`);
    assert.equal(parseDraft(text, 'markdown').length, lines.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('engine faults found by these tests (fixed in src/engine since; kept as regression tests)', () => {
  test('a long unpunctuated one-line source (an auto-generated transcript) does not stall checking', () => {
    // Was: analysis of one huge passage was quadratic (dateTokenIndexes was O(tokens × dates), and
    // chrono-node's ENEndOfPeriodRefiner matches a $-anchored regex against the whole prefix of
    // each date); 600 KB took ~8 s per statement, 1 MB ~21 s, 3 MB ~155 s, all under the 10 MB limit.
    const dir = path.join(tmp, 'transcript');
    mkdirSync(dir);
    try {
      const random = prng(3);
      const words = ['so', 'in', '2019', 'we', 'went', 'to', 'Kyiv', 'and', 'the', 'draft', 'age', 'was', '25', 'then', 'in', '2022', 'it', 'changed', 'um', 'you', 'know'];
      const parts: string[] = [];
      for (let n = 0; n < 600_000; ) {
        const w = words[Math.floor(random() * words.length)]!;
        parts.push(w);
        n += w.length + 1;
      }
      writeFileSync(path.join(dir, 'transcript.txt'), parts.join(' '));
      copyFileSync(DRAFT_AGE_SOURCE, path.join(dir, 'article.txt'));
      const script = path.join(dir, 'check.ts');
      writeFileSync(
        script,
        `import { loadCorpus } from ${JSON.stringify(path.join(root, 'src/engine/corpus/loadCorpus'))};
import { CorpusIndex, checkText } from ${JSON.stringify(path.join(root, 'src/engine'))};
(async () => {
  const index = await CorpusIndex.build(await loadCorpus([${JSON.stringify(dir)}]));
  const t0 = performance.now();
  checkText(index, ${JSON.stringify(CLAIM)});
  console.log(Math.round(performance.now() - t0));
})();
`,
      );
      // A child process, so a regression fails this test after 20 s instead of hanging the suite.
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.signal, null, 'checking one statement did not finish within 20 s (killed)');
      assert.equal(run.status, 0, run.stderr);
      assert.ok(Number(run.stdout) < 2_000, `checking one statement took ${run.stdout.trim()} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a source with classic-Mac (lone CR) line endings loads exactly like its LF twin', async () => {
    // Was: lines were counted by \n only and a lone \r did not end a source line, so in a CR-only
    // file every passage was on "line 1" (hover links and Open Source went to the top) and a
    // headline merged into the sentence after it.
    const lf = 'Harbour news from the Black Sea coast\n\nThe ferry to Burgas leaves at noon.\nThe bridge is 42 metres long.\n';
    const mem = new MemoryFs({ '/c/mac.txt': lf.replace(/\n/g, '\r'), '/c/unix.txt': lf });
    const data = await loadCorpus(['/c'], { fs: mem });
    const of = (doc: number) => data.passages.filter((x) => x.doc === doc).map((x) => [x.line, x.offset, x.text]);
    assert.equal(data.documents[0]?.path, '/c/mac.txt');
    assert.deepEqual(of(0), of(1));
    assert.deepEqual(of(1).map(([line]) => line), [1, 3, 4]);
    assertCorpusConsistent(data);
  });

  test('a conflict whose value is wrapped in emphasis claims the text as written', async () => {
    // Was: `claimed` came from the masked statement: "Jan.   13" while its range held "Jan.** 13",
    // so messages showed the padded value and the extension dropped the Replace quick fix.
    const draft = 'Waltz made the announcement during an interview with ABC News on **Jan.** 13.';
    const [r] = checkText(await bundledIndex(), draft);
    assert.equal(r?.verdict, 'conflicting');
    const c = r!.conflicts[0]!;
    assert.equal(draft.slice(c.offset, c.offset + c.length), c.claimed);
  });

  test('markup in a source does not change which value a number conflict reports', async () => {
    // Was: with "<script>alert(1)</script>" between the aligned words the conflict reported the "1"
    // of alert(1) instead of "212", the number in the slot ("has 212 steps" vs "has 240 steps").
    const mem = new MemoryFs({ '/c/notes.txt': 'Notes\n\nThe harbour master said the Varna lighthouse <script>alert(1)</script> has 212 steps and opened in 1897.\n' });
    const index = await CorpusIndex.build(await loadCorpus(['/c'], { fs: mem }));
    const [r] = checkText(index, 'The harbour master said the Varna lighthouse has 240 steps and opened in 1897.');
    assert.equal(r?.verdict, 'conflicting');
    assert.deepEqual(r?.conflicts.map((c) => [c.claimed, c.source]), [['240', '212']]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('nothing is written', () => {
  test('running the CLI from an empty folder creates no file there', () => {
    const cwd = path.join(tmp, 'cwd');
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'draft.md'), `${CLAIM}\n`);
    const before = snapshot(cwd);
    for (const args of [['check', 'draft.md'], ['check', 'draft.md', '--format', 'sarif'], ['search', 'draft', 'age']]) {
      const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.deepEqual(snapshot(cwd), before);
    assert.equal(lstatSync(path.join(cwd, 'draft.md')).size, CLAIM.length + 1);
  });

  test('the bundled corpus and the example draft are byte-for-byte what they were before this file ran', () => {
    const now = new Map<string, string>();
    for (const dir of ['corpus', 'examples']) for (const [p, h] of snapshot(path.join(root, dir))) now.set(p, h);
    assert.ok(repoSnapshot.size >= 6, `hashed ${repoSnapshot.size} files`);
    assert.deepEqual(now, repoSnapshot);
  });
});
