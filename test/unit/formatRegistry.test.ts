import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseSourceDocument } from '../../src/engine/corpus/document';
import { formatOf, SOURCE_FORMATS, sourceGlob, SUPPORTED_EXTENSIONS } from '../../src/engine/corpus/formats/registry';
import { locationLabel, sourceAt } from '../../src/engine/corpus/location';
import { needsExtractedView, readSourceText, splitEmbeddedPath } from '../../src/engine/corpus/readSource';
import { CorpusIndex } from '../../src/engine/search/corpusIndex';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { MemoryFs } from './helpers/memoryFs';
import { mimeMessage } from '../support/emailFixtures';

test('every extension belongs to exactly one format, found in any case', () => {
  const seen = new Set<string>();
  for (const format of SOURCE_FORMATS) {
    for (const extension of format.extensions) {
      assert.match(extension, /^\.[a-z0-9]+$/, `${format.name}: ${extension} is lower-case with a dot`);
      assert.ok(!seen.has(extension), `${extension} is claimed twice`);
      seen.add(extension);
      assert.equal(formatOf(`/notes/File${extension.toUpperCase()}`), format);
    }
  }
  assert.deepEqual([...seen], [...SUPPORTED_EXTENSIONS]);
  assert.equal(formatOf('/notes/archive.tar'), undefined);
  assert.equal(formatOf('/notes.d/README'), undefined, 'a dot in a folder name is not an extension');
});

test('the watcher glob covers every supported extension in both cases', () => {
  const glob = sourceGlob();
  for (const extension of SUPPORTED_EXTENSIONS) {
    assert.ok(glob.includes(extension.slice(1)), glob);
    assert.ok(glob.includes(extension.slice(1).toUpperCase()), glob);
  }
});

test('the settings description and the README name every supported extension', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { markdownDescription?: string }> }[] } };
  const description = manifest.contributes.configuration.flatMap((section) => Object.entries(section.properties)).find(([key]) => key === 'corroborate.corpusPaths')![1].markdownDescription!;
  const readme = readFileSync('README.md', 'utf8');
  for (const extension of SUPPORTED_EXTENSIONS) {
    assert.ok(description.includes(`\`${extension}\``), `corroborate.corpusPaths description lacks ${extension}`);
    assert.ok(readme.includes(`\`${extension}\``), `README lacks ${extension}`);
  }
});

test('a location reads as a reader finds it in the original', () => {
  assert.equal(locationLabel({ page: 12, line: 3 }), 'p. 12');
  assert.equal(locationLabel({ time: '00:14:03.200' }), '00:14:03');
  assert.equal(locationLabel({ paragraph: 7 }), '¶ 7');
  assert.equal(locationLabel({ message: 2 }), 'message 2');
  assert.equal(locationLabel(undefined), undefined);
  assert.equal(sourceAt('report.pdf', 40, { page: 12 }), 'report.pdf p. 12');
  assert.equal(sourceAt('notes.txt', 15), 'notes.txt:15');
});

test('each passage takes the location of the last anchor at or before it', () => {
  const text = 'The council met on Monday in the town hall.\n\nIt voted to close the bridge for repairs.\n\nThe mayor said work would start in May.\n';
  const second = text.indexOf('It voted');
  const third = text.indexOf('The mayor');
  const parsed = parseSourceDocument('/s/minutes.pdf', text, 'text', {
    anchors: [
      { offset: 0, location: { page: 1, line: 1 } },
      { offset: second, location: { page: 2, line: 1 } },
      { offset: third - 2, location: { page: 2, line: 3 } },
    ],
    meta: { title: 'Council minutes', author: 'Clerk', date: '2024-05-02' },
  });
  assert.deepEqual(
    parsed.passages.map((p) => [p.text.split(' ')[0], p.location]),
    [
      ['The', { page: 1, line: 1 }],
      ['It', { page: 2, line: 1 }],
      ['The', { page: 2, line: 3 }],
    ],
  );
  assert.equal(parsed.document.meta.title, 'Council minutes');
  assert.equal(parsed.document.meta.author, 'Clerk');
  assert.equal(parsed.document.meta.date, '2024-05-02');
});

test("a file's creation date is the document's date only when the text states none", () => {
  // A PDF printed today of an article from January must not be dated today.
  const dated = parseSourceDocument('/s/print.pdf', 'Bridge closes for repairs\n\nBy Ann Lee | Jan. 13, 2025\n\nThe council voted to close the bridge on Monday.\n', 'text', { meta: { fileDate: '2026-11-30' } });
  assert.equal(dated.document.meta.date, '2025-01-13');
  const undated = parseSourceDocument('/s/notes.docx', 'The council voted to close the bridge on Monday.\n', 'text', { meta: { fileDate: '2026-11-30' } });
  assert.equal(undated.document.meta.date, '2026-11-30');
});

test('an index saved and read back keeps every passage location', async () => {
  const text = 'The council met on Monday in the town hall.\n\nIt voted to close the bridge for repairs.\n';
  const parsed = parseSourceDocument('/s/minutes.pdf', text, 'text', { anchors: [{ offset: text.indexOf('It'), location: { page: 4, line: 9 } }] });
  const passages = parsed.passages.map((p, id) => ({ ...p, id, doc: 0 }));
  const index = await CorpusIndex.build({ documents: [parsed.document], passages, skipped: [] });
  const pieces = await index.serialize();
  const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  const back = await CorpusIndex.deserialize(bytes);
  assert.deepEqual(
    back.passages.map((p) => p.location),
    [undefined, { page: 4, line: 9 }],
  );
});

test('an attachment path names the file it came in; a "#" inside a file name stays part of it', () => {
  // Whichever formats carry attachments, the split depends only on the host file's extension.
  const host = `/mail/tip${SUPPORTED_EXTENSIONS[0]}`;
  assert.deepEqual(splitEmbeddedPath(`${host}#report.pdf`), { file: host, embedded: ['report.pdf'] });
  assert.equal(needsExtractedView(`${host}#notes.txt`), true);
  assert.deepEqual(splitEmbeddedPath('/notes/draft#4.txt'), { file: '/notes/draft#4.txt', embedded: [] });
  assert.equal(needsExtractedView('/notes/draft#4.txt'), false);
});

test('the text a source view shows has its passages on the lines the index gives', async () => {
  const html = '<html><head><title>Bridge</title></head><body>\n<nav>Home | News</nav>\n<article>\n<p>The council voted to close the bridge for repairs on Monday.</p>\n<p>Work will start in May, the mayor said.</p>\n</article>\n</body></html>';
  const fs = new MemoryFs({ '/c/bridge.html': html, '/c/notes.txt': 'First line of notes.\nThe bridge closes on Monday for repairs.\n' });
  const data = await loadCorpus(['/c'], { fs });
  for (const passage of data.passages) {
    const doc = data.documents[passage.doc]!;
    const view = await readSourceText(doc.path, fs);
    assert.ok(view.ok);
    const line = view.text.split('\n')[passage.line - 1]!;
    assert.ok(line.replace(/\s+/g, ' ').includes(passage.text.slice(0, 20)), `${doc.path}:${passage.line} shows "${line}", not "${passage.text}"`);
  }
  const missing = await readSourceText('/c/gone.txt', fs);
  assert.equal(missing.ok, false);
});

test('a parse cache re-reads a changed transcript or mail, and keeps the rest (attachments included)', async () => {
  const cue = (start: number, text: string) => `${timestampOf(start)} --> ${timestampOf(start + 3)}\n${text}\n`;
  const transcript = (ships: string) => `WEBVTT\n\n${cue(0, `MAYOR SMITH: The harbour will welcome ${ships} ships this summer.`)}\n${cue(4, 'It will be the busiest season in a decade.')}`;
  const mail = mimeMessage({
    subject: 'Harbour figures',
    date: 'Tue, 4 Mar 2025 10:00:00 +0100',
    text: 'Here are the harbour figures you asked for.\n',
    attachments: [{ name: 'figures.txt', contentType: 'text/plain', content: 'The harbour handled nine hundred ships last year.\n' }],
  });
  const fs = new MemoryFs({ '/c/hearing.vtt': transcript('forty'), '/c/tip.eml': mail });
  const reads: string[] = [];
  const counting = { ...fs, readDirectory: fs.readDirectory.bind(fs), stat: fs.stat.bind(fs), readFile: (p: string) => (reads.push(p), fs.readFile(p)) };
  const cache = new Map();
  const first = await loadCorpus(['/c'], { fs: counting, cache });
  assert.deepEqual(first.documents.map((d) => d.path), ['/c/hearing.vtt', '/c/tip.eml', '/c/tip.eml#figures.txt']);
  assert.equal(first.passages.find((p) => /forty ships/.test(p.text))?.location?.time, '00:00:00.000');
  reads.length = 0;
  fs.write('/c/hearing.vtt', transcript('fifty'));
  const again = await loadCorpus(['/c'], { fs: counting, cache });
  assert.deepEqual(reads, ['/c/hearing.vtt'], 'only the changed file is read again');
  assert.deepEqual(again.documents.map((d) => d.path), ['/c/hearing.vtt', '/c/tip.eml', '/c/tip.eml#figures.txt'], 'the attachment stays without a new read');
  assert.ok(again.passages.some((p) => /fifty ships/.test(p.text)));
  assert.ok(!again.passages.some((p) => /forty ships/.test(p.text)));
});

function timestampOf(seconds: number): string {
  return `00:00:${String(seconds).padStart(2, '0')}.000`;
}
