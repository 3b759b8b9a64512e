/**
 * What a hostile workspace or source file can make the corpus loader do: corpus folders that are
 * the disk, the home folder or the system; links out of the corpus folder; files that are huge on
 * disk, huge once inflated, or that carry script. Nothing outside the corpus folder is read, no
 * script runs, and every refusal says why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, ftruncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { nodeFileSystem, type CorpusFileSystem } from '../../src/engine/corpus/fileSystem';
import { emlFormat } from '../../src/engine/corpus/formats/email';
import { pdfFormat } from '../../src/engine/corpus/formats/pdf';
import { listCorpusFiles, loadCorpus, refusedCorpusRoot, type ParsedSourceCache } from '../../src/engine/corpus/loadCorpus';
import type { RootRules } from '../../src/engine/corpus/refusedRoots';
import type { CorpusData } from '../../src/engine/types';
import { buildCli, cliPath, root as repositoryRoot } from './helpers/cli';
import { MemoryFs, withFaults } from './helpers/memoryFs';
import { mimeMessage } from '../support/emailFixtures';
import { docxBomb, fontMatrixScriptPdf, minimalDocx } from '../support/hostileFixtures';

const MB = 1024 * 1024;
const ADVICE = '; choose the folder that holds your sources';
const reasons = (data: CorpusData): Record<string, string> => Object.fromEntries(data.skipped.map((s) => [s.path, s.reason]));
const names = (data: CorpusData): string[] => data.documents.map((d) => d.path);

/** Every path the loader touched, by operation. */
function recording(base: CorpusFileSystem): { fs: CorpusFileSystem; touched: string[]; read: string[] } {
  const touched: string[] = [];
  const read: string[] = [];
  const fs = withFaults(base, {
    readDirectory: (p) => void touched.push(p),
    stat: (p) => void touched.push(p),
    readFile: (p) => {
      touched.push(p);
      read.push(p);
    },
  });
  return { fs, touched, read };
}

describe('corpus folders that are refused', () => {
  const linux: RootRules = { platform: 'linux', home: '/home/writer', temp: '/tmp', shipped: ['/usr/lib/node_modules/corroborate/corpus'] };
  const mac: RootRules = { platform: 'darwin', home: '/Users/writer', temp: '/var/folders/xy/T', shipped: [] };
  const windows: RootRules = { platform: 'win32', home: 'C:\\Users\\writer', temp: 'C:\\Users\\writer\\AppData\\Local\\Temp', shipped: [] };

  test('the whole disk, the home folder or what holds it, and system folders are refused with the reason', () => {
    const cases: [string, RootRules, string | undefined][] = [
      ['/', linux, '/ is the whole disk'],
      ['/home/writer', linux, '/home/writer is your whole home folder'],
      ['/home/writer/', linux, '/home/writer is your whole home folder'],
      ['/home', linux, '/home holds your home folder'],
      ['/etc', linux, '/etc is a system folder'],
      ['/etc/ssh', linux, '/etc/ssh is inside the system folder /etc'],
      ['/usr/share/../../proc/self', linux, '/proc/self is inside the system folder /proc'],
      ['/var/lib', linux, '/var/lib is inside the system folder /var'],
      ['/boot', linux, '/boot is a system folder'],
      ['/System/Library', mac, '/System/Library is inside the system folder /System'],
      ['/private/etc', mac, '/private/etc is inside the system folder /private'],
      ['/USR/local', mac, '/USR/local is inside the system folder /usr'],
      ['/Users', mac, '/Users holds your home folder'],
      ['C:\\', windows, 'C:\\ is the whole disk'],
      ['c:\\windows\\System32', windows, 'c:\\windows\\System32 is inside the system folder c:\\Windows'],
      ['C:\\Program Files (x86)\\Vendor', windows, 'C:\\Program Files (x86)\\Vendor is inside the system folder C:\\Program Files (x86)'],
      ['C:\\Users\\writer', windows, 'C:\\Users\\writer is your whole home folder'],
      // Folders of sources, including the ones that live under a system folder by design.
      ['/home/writer/sources', linux, undefined],
      ['/etcetera/notes', linux, undefined],
      ['/tmp/download', linux, undefined],
      ['/var/tmp/scans', linux, undefined],
      ['/run/media/writer/USB STICK', linux, undefined],
      ['/usr/lib/node_modules/corroborate/corpus', linux, undefined],
      ['/srv/newsroom', linux, undefined],
      ['/var/folders/xy/T/attachments', mac, undefined],
      ['/Volumes/Archive', mac, undefined],
      ['C:\\Users\\writer\\Documents', windows, undefined],
      ['D:\\Archive', windows, undefined],
      ['\\\\newsroom\\share', windows, undefined],
    ];
    for (const [folder, rules, why] of cases) {
      assert.equal(refusedCorpusRoot(folder, rules), why === undefined ? undefined : `corpus folder refused: ${why}${ADVICE}`, folder);
    }
    // A home below /var (Fedora Silverblue) is still a place for sources.
    assert.equal(refusedCorpusRoot('/var/home/writer/sources', { ...linux, home: '/var/home/writer' }), undefined);
  });

  test('a refused root is reported like a skipped file, and nothing under it is even looked at', async () => {
    const memory = new MemoryFs({
      '/home/writer/sources/harbour.txt': 'The harbour reopened on Monday after three days of repairs.',
      '/home/writer/diary.txt': 'A private diary entry that is not a source.',
      '/etc/hosts.txt': 'A system file that is not a source.',
      '/usr/share/doc/readme.txt': 'A package readme that is not a source.',
    });
    const { fs, touched } = recording(memory);
    const rootRules: RootRules = { platform: 'linux', home: '/home/writer', temp: '/tmp', shipped: [] };
    const folders = ['/', '/home/writer', '/home', '/etc', '/usr/share/doc', '/home/writer/sources'];
    const data = await loadCorpus(folders, { fs, rootRules });
    assert.deepEqual(names(data), ['/home/writer/sources/harbour.txt']);
    assert.deepEqual(reasons(data), {
      '/': `corpus folder refused: / is the whole disk${ADVICE}`,
      '/home/writer': `corpus folder refused: /home/writer is your whole home folder${ADVICE}`,
      '/home': `corpus folder refused: /home holds your home folder${ADVICE}`,
      '/etc': `corpus folder refused: /etc is a system folder${ADVICE}`,
      '/usr/share/doc': `corpus folder refused: /usr/share/doc is inside the system folder /usr${ADVICE}`,
    });
    assert.ok(touched.every((p) => p.startsWith('/home/writer/sources')), touched.join(', '));
    touched.length = 0;
    assert.deepEqual((await listCorpusFiles(folders, { fs, rootRules })).map((f) => f.path), ['/home/writer/sources/harbour.txt']);
    assert.ok(touched.every((p) => p.startsWith('/home/writer/sources')), touched.join(', '));
  });

  test('a corpus folder that is a link to a system folder is refused where it leads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-refused-'));
    try {
      symlinkSync('/etc', path.join(dir, 'sources'), 'dir');
      const data = await loadCorpus([path.join(dir, 'sources')]);
      assert.deepEqual(names(data), []);
      assert.deepEqual(data.skipped, [{ path: path.join(dir, 'sources'), reason: `corpus folder refused: /etc is a system folder${ADVICE}` }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the CLI', () => {
    let dir = '';
    let home = '';
    let draft = '';
    before(() => {
      buildCli();
      dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-refused-cli-'));
      // A home of its own: were it not refused, the CLI would read this folder, not the user's.
      home = path.join(dir, 'home');
      mkdirSync(home);
      writeFileSync(path.join(home, 'diary.txt'), 'The harbour reopened on Monday after three days of repairs.\n');
      draft = path.join(dir, 'draft.md');
      writeFileSync(draft, 'The harbour reopened on Monday.\n');
      symlinkSync('/etc', path.join(dir, 'looks-harmless'), 'dir');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const run = (corpus: string) =>
      spawnSync(process.execPath, [cliPath, 'check', draft, '--corpus', corpus], { cwd: repositoryRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: home, USERPROFILE: home } });

    for (const [what, corpus, message] of [
      ['the whole disk', () => '/', () => `/ is the whole disk${ADVICE}`],
      ['the home folder', () => home, () => `${home} is your whole home folder${ADVICE}`],
      ['a system folder', () => '/etc', () => `/etc is a system folder${ADVICE}`],
      ['a link to a system folder', () => path.join(dir, 'looks-harmless'), () => `/etc is a system folder${ADVICE} (${path.join(dir, 'looks-harmless')} resolves to it)`],
    ] as const) {
      // Folders are known only once `before` has run, hence the functions.
      test(`--corpus naming ${what} is a usage error with the reason (exit 2)`, () => {
        const result = run(corpus());
        assert.equal(result.status, 2, result.stderr);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr.trim().split('\n')[0], `corroborate: corpus folder refused: ${message()}`);
      });
    }
  });
});

describe('size: one huge file, and the corpus as a whole', () => {
  test('a sparse 10 GB file is skipped by its size at once, never read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-sparse-'));
    try {
      writeFileSync(path.join(dir, 'notes.txt'), 'The harbour reopened on Monday after three days of repairs.\n');
      for (const name of ['huge.pdf', 'huge.txt']) {
        // ftruncate makes the size without writing a byte: the file takes no room on disk.
        const fd = openSync(path.join(dir, name), 'w');
        ftruncateSync(fd, 10 * 1024 * MB);
        closeSync(fd);
      }
      const { fs, read } = recording(nodeFileSystem);
      const started = performance.now();
      const data = await loadCorpus([dir], { fs });
      assert.ok(performance.now() - started < 2_000, `${performance.now() - started} ms`);
      assert.deepEqual(names(data).map((p) => path.basename(p)), ['notes.txt']);
      assert.deepEqual(read.map((p) => path.basename(p)), ['notes.txt']);
      assert.deepEqual(reasons(data), {
        [path.join(dir, 'huge.pdf')]: 'file too large (10.0 GB; limit 50.0 MB)',
        [path.join(dir, 'huge.txt')]: 'file too large (10.0 GB; limit 10.0 MB)',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('past the total byte budget the rest is left unread, reported once where the cut fell', async () => {
    const sentence = (n: number) => `Statement number ${n} of the council records is here. `.padEnd(400, 'x').slice(0, 399) + '\n';
    const memory = new MemoryFs({ '/c/a.txt': sentence(1), '/c/b.txt': sentence(2), '/c/c.txt': sentence(3), '/c/d.txt': 'Short.\n', '/c/e.txt': 'Also short.\n' });
    const { fs, read } = recording(memory);
    const data = await loadCorpus(['/c'], { fs, maxTotalBytes: 1000 });
    assert.deepEqual(names(data), ['/c/a.txt', '/c/b.txt']);
    // d.txt would fit, but "the first N bytes in sorted order" is what a user can predict.
    assert.deepEqual(read, ['/c/a.txt', '/c/b.txt']);
    assert.deepEqual(data.skipped, [{ path: '/c/c.txt', reason: 'corpus size limit reached: sources past the first 1000 bytes are not read (this file and the 2 after it)' }]);
  });

  test('the default total budget is 1 GB, counted from sizes before anything is read', async () => {
    // A host that reports 9 MB for each of 120 files: 113 fit in 1 GB.
    const files = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, '0')}.txt`);
    let bytesRead = 0;
    const fs: CorpusFileSystem = {
      readDirectory: async () => files.map((name) => ({ name, kind: 'file' as const })),
      stat: async (p) => (p === '/c' ? { size: 0, mtimeMs: 0, kind: 'directory', realPath: p } : { size: 9 * MB, mtimeMs: 0, kind: 'file', realPath: p }),
      readFile: async (p) => {
        bytesRead += 9 * MB;
        return new TextEncoder().encode(`File ${path.basename(p)} says the ferry runs at noon.\n`);
      },
    };
    const data = await loadCorpus(['/c'], { fs });
    assert.equal(data.documents.length, 113);
    assert.ok(bytesRead <= 1024 * MB);
    assert.deepEqual(data.skipped, [{ path: '/c/f113.txt', reason: 'corpus size limit reached: sources past the first 1.0 GB are not read (this file and the 6 after it)' }]);
  });

  test('files reused from the parse cache count too, so a reload holds the same files', async () => {
    const memory = new MemoryFs({ '/c/a.txt': 'The first statement is here.\n', '/c/b.txt': 'The second statement is here.\n', '/c/c.txt': 'The third statement is here.\n' });
    const cache: ParsedSourceCache = new Map();
    const first = await loadCorpus(['/c'], { fs: memory, cache, maxTotalBytes: 70 });
    const again = await loadCorpus(['/c'], { fs: memory, cache, maxTotalBytes: 70 });
    assert.deepEqual(names(first), ['/c/a.txt', '/c/b.txt']);
    assert.deepEqual([names(again), again.skipped], [names(first), first.skipped]);
  });
});

describe('symbolic links that leave the corpus folder', () => {
  let dir = '';
  let corpus = '';
  let outside = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-links-'));
    // Real paths: on macOS the temporary folder is itself behind a link (/var → /private/var).
    corpus = path.join(realpathSync(dir), 'corpus');
    outside = path.join(realpathSync(dir), 'outside');
    mkdirSync(path.join(corpus, '.archive'), { recursive: true });
    mkdirSync(path.join(outside, 'folder'), { recursive: true });
    writeFileSync(path.join(corpus, 'harbour.txt'), 'The harbour reopened on Monday after three days of repairs.\n');
    writeFileSync(path.join(corpus, '.archive', 'ferry.txt'), 'The ferry timetable changes on 1 April.\n');
    writeFileSync(path.join(outside, 'secret.txt'), 'A private note kept outside the corpus folder.\n');
    writeFileSync(path.join(outside, 'folder', 'more.txt'), 'Another private note kept outside the corpus folder.\n');
    // Inside: a link to a file the walk would not reach (dot-folders are skipped), and a loop.
    symlinkSync(path.join(corpus, '.archive', 'ferry.txt'), path.join(corpus, 'ferry-link.txt'));
    symlinkSync(corpus, path.join(corpus, 'loop'), 'dir');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(corpus, 'secret-link.txt'));
    symlinkSync(path.join(outside, 'folder'), path.join(corpus, 'folder-link'), 'dir');
    symlinkSync('/etc', path.join(corpus, 'etc-link'), 'dir');
    symlinkSync('/', path.join(corpus, 'disk-link'), 'dir');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const at = (...parts: string[]) => path.join(corpus, ...parts);

  test('are not followed by default, each reported; links inside still work and loops keep their reason', async () => {
    const { fs, touched } = recording(nodeFileSystem);
    const data = await loadCorpus([corpus], { fs });
    assert.deepEqual(names(data), [at('ferry-link.txt'), at('harbour.txt')]);
    assert.deepEqual(reasons(data), {
      [at('disk-link')]: 'symbolic link to a place outside the corpus folder (/) not followed',
      [at('etc-link')]: 'symbolic link to a place outside the corpus folder (/etc) not followed',
      [at('folder-link')]: `symbolic link to a place outside the corpus folder (${path.join(outside, 'folder')}) not followed`,
      [at('loop')]: 'symbolic link loop (points back to a parent folder)',
      [at('secret-link.txt')]: `symbolic link to a place outside the corpus folder (${path.join(outside, 'secret.txt')}) not followed`,
    });
    assert.ok(!touched.some((p) => p.startsWith(at('folder-link') + path.sep) || p.startsWith(at('etc-link') + path.sep)), 'nothing under the links is listed');
    const listed = await listCorpusFiles([corpus]);
    assert.deepEqual(listed.map((f) => f.path), [at('ferry-link.txt'), at('harbour.txt')]);
  });

  test('followLinksOutside follows them, but never into the whole disk or a system folder', async () => {
    const data = await loadCorpus([corpus], { followLinksOutside: true });
    assert.deepEqual(names(data), [at('ferry-link.txt'), at('folder-link', 'more.txt'), at('harbour.txt'), at('secret-link.txt')]);
    assert.deepEqual(reasons(data), {
      [at('disk-link')]: 'symbolic link not followed: / is the whole disk',
      [at('etc-link')]: 'symbolic link not followed: /etc is a system folder',
      [at('loop')]: 'symbolic link loop (points back to a parent folder)',
    });
    assert.equal((await listCorpusFiles([corpus], { followLinksOutside: true })).length, 4);
  });

  test('a host that cannot tell where a link points gets the link skipped, not followed', async () => {
    const fs: CorpusFileSystem = {
      readDirectory: async () => [{ name: 'notes.txt', kind: 'file' }, { name: 'elsewhere', kind: 'symlink' }],
      stat: async (p) => (p === '/c' ? { size: 0, mtimeMs: 0, kind: 'directory' } : p === '/c/elsewhere' ? { size: 0, mtimeMs: 0, kind: 'directory' } : { size: 40, mtimeMs: 0, kind: 'file' }),
      readFile: async () => new TextEncoder().encode('The harbour reopened on Monday after repairs.\n'),
    };
    const data = await loadCorpus(['/c'], { fs });
    assert.deepEqual(names(data), ['/c/notes.txt']);
    assert.deepEqual(data.skipped, [{ path: '/c/elsewhere', reason: 'symbolic link not followed (this file system does not tell where it points)' }]);
  });
});

describe('hostile source files', () => {
  const sentence = 'The harbour reopened on Monday after three days of repairs.';

  test('a zip-bomb Word file of a few KB is skipped within the budget; the other files load', async () => {
    const bomb = await docxBomb(6 * MB);
    assert.ok(bomb.length < 16 * 1024, `${bomb.length} bytes`);
    const memory = new MemoryFs({ '/c/bomb.docx': bomb, '/c/notes.docx': await minimalDocx(sentence) });
    const started = performance.now();
    const data = await loadCorpus(['/c'], { fs: memory, extraction: { maxBytes: 4 * MB } });
    assert.ok(performance.now() - started < 2_000, `${performance.now() - started} ms`);
    assert.deepEqual(names(data), ['/c/notes.docx']);
    assert.deepEqual(reasons(data), { '/c/bomb.docx': 'Word document exceeds the decompressed-size budget (its text parts declare 6.0 MB; budget 4.0 MB)' });
  });

  test('a PDF whose fonts carry script in their FontMatrix (CVE-2024-4367) is read without running it', async () => {
    const marker = globalThis as { corroboratePwned?: unknown };
    delete marker.corroboratePwned;
    const bytes = fontMatrixScriptPdf(sentence, 'globalThis.corroboratePwned = 1;');
    const result = await pdfFormat.extract(bytes, { path: 'font.pdf', budget: { maxMs: 10_000, maxBytes: 64 * MB } });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.ok(result.text.includes(sentence), 'the text drawn in the hostile font is read');
    const data = await loadCorpus(['/c'], { fs: new MemoryFs({ '/c/font.pdf': bytes }) });
    assert.deepEqual(names(data), ['/c/font.pdf']);
    assert.equal(marker.corroboratePwned, undefined);
  });

  test('an e-mail with a zip-bomb or oversized attachment keeps its message; the attachment is left out', async () => {
    const message = mimeMessage({
      subject: 'Repairs',
      text: sentence,
      attachments: [
        { name: 'bomb.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: await docxBomb(6 * MB) },
        { name: 'huge.txt', contentType: 'text/plain', content: 'The same line of a very long log. '.repeat(150_000) },
        { name: 'note.txt', contentType: 'text/plain', content: 'The ferry timetable changes on 1 April.' },
      ],
    });
    const started = performance.now();
    const data = await loadCorpus(['/c'], { fs: new MemoryFs({ '/c/mail.eml': message }), extraction: { maxBytes: 4 * MB } });
    assert.ok(performance.now() - started < 3_000, `${performance.now() - started} ms`);
    assert.deepEqual(names(data), ['/c/mail.eml', '/c/mail.eml#note.txt']);
    assert.deepEqual(data.skipped, []);
    const direct = await emlFormat.extract(new TextEncoder().encode(message), { path: 'mail.eml', budget: { maxMs: 10_000, maxBytes: 4 * MB } });
    assert.ok(direct.ok);
    assert.deepEqual(direct.attachments?.map((a) => a.name), ['bomb.docx', 'note.txt'], 'the oversized part is dropped before it is decoded into a document');
  });
});
