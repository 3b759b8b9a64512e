import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus, SUPPORTED_EXTENSIONS } from '../../src/engine/corpus/loadCorpus';
import { nodeFileSystem, type CorpusFileSystem } from '../../src/engine/corpus/fileSystem';
import { CancelledError } from '../../src/engine/types';
import type { CorpusData } from '../../src/engine/types';

const CORPUS = path.join(__dirname, '..', '..', 'corpus');
const FILES = [
  '000_aa888994a9035024.txt',
  '001_8f10653429561f07.txt',
  '002_9aa3f48b954331ad.txt',
  '003_5d632ffce283f8f7.txt',
  '004_162da3a77ddfb392.txt',
];

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** The raw line as a reader sees it: markdown link targets and emphasis marks removed. */
const readable = (line: string): string => normalise(line.replace(/\]\([^)]*\)/g, '').replace(/[*_[\]#]/g, ''));

describe('loadCorpus on the real five-article corpus', () => {
  let corpus: CorpusData;
  let raw: string[];
  const relative = path.relative(process.cwd(), CORPUS) || '.';

  before(async () => {
    corpus = await loadCorpus([relative]);
    raw = await Promise.all(FILES.map((name) => readFile(path.join(CORPUS, name), 'utf8')));
  });

  test('loads every file in sorted order with joined forward-slash paths', () => {
    assert.deepEqual(
      corpus.documents.map((doc) => doc.path),
      FILES.map((name) => `${relative.replace(/\\/g, '/')}/${name}`),
    );
    assert.deepEqual(corpus.skipped, []);
  });

  test('passage ids are global and doc indexes point at their document', () => {
    assert.ok(corpus.passages.length > 100 && corpus.passages.length < 160, `got ${corpus.passages.length} passages`);
    corpus.passages.forEach((passage, index) => assert.equal(passage.id, index));
    const docs = corpus.passages.map((passage) => passage.doc);
    assert.deepEqual([...new Set(docs)], [0, 1, 2, 3, 4]);
    assert.deepEqual(docs, [...docs].sort((a, b) => a - b));
  });

  test('boilerplate never reaches a passage', () => {
    const banned = ['Advertisement', 'Show More', 'Read more', 'Featured image', 'Dismiss', 'News Feed', 'Ctrl + Enter',
      'suggest a correction', 'Become a Member', 'Region:', 'Articles by', 'Article image', 'Avatar', 'originally published',
      'Getty Images', 'Facebook page', 'media inquiries'];
    const bannedAnyCase = ['subscribe', 'donation', 'copyright', 'disclaimer', 'fair use', 'min read'];
    for (const passage of corpus.passages) {
      for (const phrase of banned) assert.ok(!passage.text.includes(phrase), `"${phrase}" in passage: ${passage.text}`);
      for (const phrase of bannedAnyCase) {
        assert.ok(!passage.text.toLowerCase().includes(phrase), `"${phrase}" in passage: ${passage.text}`);
      }
    }
  });

  test('facts and a factual photo caption are kept', () => {
    const texts = corpus.passages.map((passage) => passage.text);
    const find = (fragment: string) => corpus.passages.find((passage) => passage.text.includes(fragment));
    assert.equal(find('in Danang, Vietnam, on Nov. 11, 2017')?.doc, 4);
    assert.equal(find('from 26 to 18')?.doc, 1);
    assert.equal(find('96% supported')?.doc, 2);
    assert.ok(texts.filter((text) => text.includes('Jan. 12')).length >= 2);
    assert.ok(texts.includes('Switzerland Offers to Host In-Person Talks'));
    assert.ok(texts.includes('In turn, Dmitry Peskov, the Russian president’s spokesman, said that Putin remains open to talks with world leaders, including the US president-elect.'));
  });

  test('line numbers and offsets point into the raw file', () => {
    for (const passage of corpus.passages) {
      const source = raw[passage.doc]!;
      const line = source.split(/\r?\n/)[passage.line - 1];
      assert.ok(line !== undefined, `line ${passage.line} out of range`);
      const head = normalise(passage.text.slice(0, 20));
      assert.ok(readable(line).includes(head), `line ${passage.line} "${line}" lacks "${head}"`);
      // .txt cleaning is length-preserving, so offsets are raw offsets too.
      assert.equal(source.slice(0, passage.offset).split('\n').length, passage.line);
      assert.equal(source[passage.offset], passage.text[0]);
      assert.equal(corpus.documents[passage.doc]!.text[passage.offset], passage.text[0]);
    }
  });

  test('specific passages sit on the expected lines and paragraphs', () => {
    const at = (doc: number, fragment: string) =>
      corpus.passages.find((passage) => passage.doc === doc && passage.text.includes(fragment));
    assert.equal(at(1, 'from 26 to 18')?.line, 10);
    assert.equal(at(2, '96% supported')?.line, 35);
    assert.equal(at(4, 'Danang')?.line, 7);
    const first = at(0, 'Speaking to ABC on 12 January')!;
    const second = at(0, 'However, he appears to have backtracked')!;
    assert.equal(first.line, 11);
    assert.equal(first.paragraph, second.paragraph);
    assert.notEqual(at(0, 'The call could pave the way')!.paragraph, first.paragraph);
    for (let i = 1; i < corpus.passages.length; i++) {
      const [prev, next] = [corpus.passages[i - 1]!, corpus.passages[i]!];
      if (prev.doc !== next.doc) continue;
      assert.ok(next.paragraph === prev.paragraph || next.paragraph === prev.paragraph + 1);
      assert.equal(next.paragraph === prev.paragraph, next.line === prev.line, 'news .txt: one paragraph per line');
    }
  });

  test('cleaned text keeps the raw line structure and length', () => {
    corpus.documents.forEach((doc, index) => {
      assert.equal(doc.text.length, raw[index]!.length);
      assert.equal(doc.text.split('\n').length, raw[index]!.split('\n').length);
      assert.ok(!doc.text.includes('Advertisement'));
    });
  });

  test('hash is the sha256 of the raw bytes', async () => {
    const bytes = await readFile(path.join(CORPUS, FILES[2]!));
    assert.equal(corpus.documents[2]!.hash, createHash('sha256').update(bytes).digest('hex'));
  });

  test('metadata states only what the articles state', () => {
    assert.deepEqual(
      corpus.documents.map((doc) => doc.meta),
      [
        {
          title: 'Trump to hold talks with Putin in coming days, national security adviser reveals',
          outlet: 'bne IntelliNews',
          date: '2025-01-13',
          label: 'bne IntelliNews, Jan. 13, 2025: “Trump to hold talks with Putin in coming days, national…”',
        },
        { title: '001_8f10653429561f07', label: '“U.S. President-elect Donald Trump and Russian President Vladimir Putin are…”' },
        {
          title: 'Trump, Putin Expected to Speak “in the Coming Days and Weeks”',
          author: 'Ahmed Adel',
          outlet: 'Global Research',
          date: '2025-01-14',
          label: 'Global Research, Jan. 14, 2025: “Trump, Putin Expected to Speak ‘in the Coming Days and Weeks’”',
        },
        { title: '003_5d632ffce283f8f7', label: '“US President-elect Donald Trump has indicated he intends to hold…”' },
        {
          title: "Trump instructs aides to arrange call with Putin 'in coming days' after inauguration, CNN reports",
          label: "“Trump instructs aides to arrange call with Putin 'in coming…”",
        },
      ],
    );
  });
});

describe('loadCorpus on a prepared folder tree', () => {
  let root: string;
  const p = (...parts: string[]) => path.join(root, ...parts).replace(/\\/g, '/');
  const reasonOf = (data: CorpusData, file: string) => data.skipped.find((entry) => entry.path === file)?.reason;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'corroborate-corpus-'));
    await mkdir(path.join(root, 'nested', 'deeper'), { recursive: true });
    await mkdir(path.join(root, 'empty-folder'));
    await mkdir(path.join(root, '.git'));
    await mkdir(path.join(root, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(root, 'page.html'), [
      '<html><head><title>Harbour reopens | Coast News</title>',
      '<style>p { color: red; }</style>',
      '<script>document.write("Secret script words here.");</script>',
      '</head><body><h1>Harbour reopens after storm</h1>',
      '<p>The harbour reopened on Monday after',
      'three days of repairs.</p><p>Ferries resumed at noon.</p>',
      '</body></html>',
    ].join('\n'));
    await writeFile(path.join(root, 'nested', 'deeper', 'notes.md'), '# Field notes\n\nThe bridge is **42 metres** long and opened in 1999.\n');
    await writeFile(path.join(root, 'nested', 'UPPER.TXT'), 'Upper-case extensions are accepted by the loader.\n');
    await writeFile(path.join(root, 'binary.txt'), Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
    await writeFile(path.join(root, 'latin1.txt'), Buffer.from('Le caf\xe9 ouvre \xe0 huit heures du matin.\n', 'latin1'));
    await writeFile(path.join(root, 'garbage.txt'), Buffer.from([0x41, 0x42, 0xc3, 0x28, 0x81, 0x9d, 0xfe, 0xfd, 0xc0, 0xc1, 0x43]));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The dam holds 300 million cubic metres.\n', 'utf16le')]);
    await writeFile(path.join(root, 'utf16.txt'), utf16);
    await writeFile(path.join(root, 'big.txt'), 'This sentence is repeated to make a large file. '.repeat(40));
    await writeFile(path.join(root, 'empty.txt'), '');
    await writeFile(path.join(root, 'report.pdf'), '%PDF-1.4 not really');
    await writeFile(path.join(root, '.hidden.txt'), 'Hidden files are not sources at all.');
    await writeFile(path.join(root, '.git', 'notes.txt'), 'Git internals are never walked by the loader.');
    await writeFile(path.join(root, 'node_modules', 'pkg', 'readme.md'), 'Dependencies are never walked either.');
    await symlink(root, path.join(root, 'nested', 'loop'), 'dir');
    await symlink(path.join(root, 'cycle-b'), path.join(root, 'cycle-a'));
    await symlink(path.join(root, 'cycle-a'), path.join(root, 'cycle-b'));
    await symlink(path.join(root, 'nested', 'UPPER.TXT'), path.join(root, 'alias.txt'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('loads supported text files and reports everything else once', async () => {
    const data = await loadCorpus([root, path.join(root, 'missing')], { maxFileBytes: 1000 });
    assert.deepEqual(data.documents.map((doc) => doc.path), [
      p('alias.txt'), p('latin1.txt'), p('nested/UPPER.TXT'), p('nested/deeper/notes.md'), p('page.html'), p('utf16.txt'),
    ].filter((file) => file !== p('nested/UPPER.TXT')));
    assert.equal(reasonOf(data, p('nested/UPPER.TXT')), `same file as ${p('alias.txt')}`);
    assert.equal(reasonOf(data, p('binary.txt')), 'binary file');
    assert.equal(reasonOf(data, p('garbage.txt')), 'not valid UTF-8 text');
    assert.match(reasonOf(data, p('big.txt'))!, /^file too large \(1\.9 KB; limit 1000 bytes\)$/);
    assert.equal(reasonOf(data, p('empty.txt')), 'empty file');
    // Read as a PDF now: the bytes claim to be one but end without its end-of-file marker.
    assert.match(reasonOf(data, p('report.pdf'))!, /^truncated PDF/);
    assert.match(reasonOf(data, p('nested/loop'))!, /symbolic link loop/);
    assert.equal(reasonOf(data, p('cycle-a')), 'symbolic link loop');
    assert.equal(reasonOf(data, p('cycle-b')), 'symbolic link loop');
    assert.equal(reasonOf(data, p('missing')), 'folder not found');
    assert.equal(data.skipped.length, new Set(data.skipped.map((entry) => entry.path)).size, 'each path once');
    assert.equal(data.skipped.length, 10);
    const all = JSON.stringify(data);
    for (const hidden of ['.git', 'node_modules', '.hidden', 'empty-folder']) assert.ok(!all.includes(hidden), hidden);
  });

  test('decodes latin-1, UTF-16 and HTML into clean passages with raw line numbers', async () => {
    const data = await loadCorpus([root], { maxFileBytes: 1000 });
    const textsOf = (file: string) => {
      const doc = data.documents.findIndex((entry) => entry.path === p(file));
      return data.passages.filter((passage) => passage.doc === doc).map((passage) => [passage.line, passage.text]);
    };
    assert.deepEqual(textsOf('latin1.txt'), [[1, 'Le café ouvre à huit heures du matin.']]);
    assert.deepEqual(textsOf('utf16.txt'), [[1, 'The dam holds 300 million cubic metres.']]);
    assert.deepEqual(textsOf('page.html'), [
      [4, 'Harbour reopens after storm'],
      [5, 'The harbour reopened on Monday after three days of repairs.'],
      [6, 'Ferries resumed at noon.'],
    ]);
    assert.deepEqual(textsOf('nested/deeper/notes.md'), [[1, 'Field notes'], [3, 'The bridge is 42 metres long and opened in 1999.']]);
    const page = data.documents.find((doc) => doc.path === p('page.html'))!;
    assert.equal(page.meta.title, 'Harbour reopens');
    assert.equal(page.text.split('\n').length, 7);
    assert.ok(!page.text.includes('Secret') && !page.text.includes('color'));
  });

  test('an empty folder yields nothing and no error', async () => {
    assert.deepEqual(await loadCorpus([path.join(root, 'empty-folder')]), { documents: [], passages: [], skipped: [] });
  });

  test('accepts the documented extensions case-insensitively', () => {
    // The text formats lead (usage texts list them first); each further format module adds its own after them.
    assert.deepEqual([...SUPPORTED_EXTENSIONS].slice(0, 5), ['.txt', '.md', '.markdown', '.html', '.htm']);
    assert.ok(SUPPORTED_EXTENSIONS.includes('.pdf'), '.pdf');
    for (const extension of ['.srt', '.vtt', '.eml', '.mbox']) assert.ok(SUPPORTED_EXTENSIONS.includes(extension), extension);
  });

  test('maxFiles stops loading and says so once', async () => {
    const data = await loadCorpus([path.join(root, 'nested')], { maxFiles: 1 });
    assert.deepEqual(data.documents.map((doc) => doc.path), [p('nested/UPPER.TXT')]);
    assert.equal(reasonOf(data, p('nested')), 'file limit reached: only the first 1 files are loaded');
  });

  test('cancellation between files rejects with CancelledError', async () => {
    const token = { isCancellationRequested: false };
    const progress: [number, number][] = [];
    const loading = loadCorpus([root], {
      token,
      onProgress: (done, total) => {
        progress.push([done, total]);
        if (done === 2) token.isCancellationRequested = true;
      },
    });
    await assert.rejects(loading, CancelledError);
    assert.deepEqual(progress.map(([done]) => done), [0, 1, 2]);
    await assert.rejects(loadCorpus([root], { token: { isCancellationRequested: true } }), CancelledError);
  });

  test('a file deleted between listing and reading is skipped, not thrown', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'corroborate-vanish-'));
    try {
      await writeFile(path.join(folder, 'a.txt'), 'The first file stays where it is.');
      await writeFile(path.join(folder, 'b.txt'), 'The second file is deleted during loading.');
      const totals: number[] = [];
      const data = await loadCorpus([folder], {
        onProgress: (done, total) => {
          totals.push(total);
          if (done === 0) void unlink(path.join(folder, 'b.txt'));
        },
      });
      assert.deepEqual(data.documents.map((doc) => path.basename(doc.path)), ['a.txt']);
      assert.deepEqual(data.skipped, [{ path: path.join(folder, 'b.txt').replace(/\\/g, '/'), reason: 'file disappeared before it could be read' }]);
      assert.deepEqual(totals, [2, 2, 2]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('loadCorpus with a host file system', () => {
  const files = new Map<string, string>([
    ['/docs/b.md', 'Second document says the vote was 12 to 3.'],
    ['/docs/a.txt', 'First document says the vote was held on 3 May 2021.'],
    ['/docs/sub/c.htm', '<p>Third document in a subfolder of the corpus.</p>'],
  ]);
  const memoryFs: CorpusFileSystem = {
    async readDirectory(dir) {
      const names = new Map<string, 'file' | 'directory'>();
      for (const file of files.keys()) {
        if (!file.startsWith(`${dir}/`)) continue;
        const [name, ...rest] = file.slice(dir.length + 1).split('/');
        names.set(name!, rest.length ? 'directory' : 'file');
      }
      if (!names.size) throw Object.assign(new Error('missing'), { code: 'FileNotFound' });
      return [...names].map(([name, kind]) => ({ name, kind }));
    },
    async stat(file) {
      const content = files.get(file);
      if (content !== undefined) return { size: content.length, mtimeMs: 0, kind: 'file' };
      if ([...files.keys()].some((name) => name.startsWith(`${file}/`))) return { size: 0, mtimeMs: 0, kind: 'directory' };
      throw Object.assign(new Error('missing'), { code: 'FileNotFound' });
    },
    async readFile(file) {
      const content = files.get(file);
      if (content === undefined) throw Object.assign(new Error('missing'), { code: 'FileNotFound' });
      return new TextEncoder().encode(content);
    },
  };

  test('walks the substituted file system deterministically', async () => {
    const data = await loadCorpus(['/docs', '/nowhere'], { fs: memoryFs });
    assert.deepEqual(data.documents.map((doc) => doc.path), ['/docs/a.txt', '/docs/b.md', '/docs/sub/c.htm']);
    assert.deepEqual(data.passages.map((passage) => [passage.id, passage.doc, passage.line]), [[0, 0, 1], [1, 1, 1], [2, 2, 1]]);
    assert.deepEqual(data.skipped, [{ path: '/nowhere', reason: 'folder not found' }]);
  });
});

describe('corpus versions for the index cache', () => {
  test('listCorpusFiles reports size and time of each supported file, reading none', async () => {
    const { listCorpusFiles } = await import('../../src/engine/corpus/loadCorpus');
    const os = await import('node:os');
    const fsp = await import('node:fs/promises');
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'corr-list-'));
    try {
      await fsp.writeFile(path.join(dir, 'a.txt'), 'First sentence here. Second one too.');
      await fsp.writeFile(path.join(dir, 'b.bin'), Buffer.from([0, 1, 2]));
      const before = await listCorpusFiles([dir]);
      assert.deepEqual(before.map((f) => [path.basename(f.path), f.size]), [['a.txt', 36]]);
      await fsp.writeFile(path.join(dir, 'a.txt'), 'First sentence here. Second one too, longer.');
      const after = await listCorpusFiles([dir]);
      assert.notDeepEqual(after, before);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  test('a parse cache re-reads only files whose size or time changed', async () => {
    const { loadCorpus } = await import('../../src/engine/corpus/loadCorpus');
    const os = await import('node:os');
    const fsp = await import('node:fs/promises');
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'corr-cache-'));
    try {
      await fsp.writeFile(path.join(dir, 'a.txt'), 'The first file says forty ships came.');
      await fsp.writeFile(path.join(dir, 'b.txt'), 'The second file says nine ships left.');
      const cache = new Map();
      const reads: string[] = [];
      const counting = { ...nodeFileSystem, readFile: async (p: string) => (reads.push(path.basename(p)), nodeFileSystem.readFile(p)) };
      await loadCorpus([dir], { fs: counting, cache });
      assert.deepEqual(reads.sort(), ['a.txt', 'b.txt']);
      reads.length = 0;
      await fsp.writeFile(path.join(dir, 'b.txt'), 'The second file now says eleven ships left.');
      const again = await loadCorpus([dir], { fs: counting, cache });
      assert.deepEqual(reads, ['b.txt']);
      assert.match(again.passages.map((p) => p.text).join(' '), /eleven ships/);
      await fsp.rm(path.join(dir, 'a.txt'));
      await loadCorpus([dir], { fs: counting, cache });
      assert.deepEqual([...cache.keys()].map((k) => path.basename(k)), ['b.txt']);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
