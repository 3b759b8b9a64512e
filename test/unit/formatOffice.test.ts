/** Word and OpenDocument sources: real pandoc output, edited the way editors store revisions, and broken files. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseSourceDocument } from '../../src/engine/corpus/document';
import { docxFormat } from '../../src/engine/corpus/formats/docx';
import type { ExtractionBudget, SourceFormat } from '../../src/engine/corpus/formats/format';
import { odtFormat } from '../../src/engine/corpus/formats/odt';
import { parseXml, textContent, XmlError } from '../../src/engine/corpus/formats/officeXml';
import { formatOf } from '../../src/engine/corpus/formats/registry';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import type { CancellationToken, PassageLocation } from '../../src/engine/types';
import {
  editZip, hasPandoc, makeDenseDocx, makeDenseOdt, makeDocx, makeEncryptedDocx, makeJunkZip, makeLegacyDoc, makeOdt, makeZipBomb, understateSize,
} from '../support/officeFixtures';

const root = path.resolve(__dirname, '../..');
const BUDGET: ExtractionBudget = { maxMs: 20_000, maxBytes: 64 * 1024 * 1024 };
const MB = 1024 * 1024;

const BRIEFING = `---
title: Ceasefire Talks Briefing
author: Jane Reporter
---

# Background

Putin spoke with Trump on Monday.[^1] The call lasted ninety minutes.

## Figures

| City | Population | Note |
|------|------------|------|
| Moscow | 12.6 million | The capital since 1918 |
| Kyiv | 2.9 million | The talks failed |

| Event | Outcome |
|-------|---------|
| Talks began in May. | Putin left early. |

- The first round was held in Istanbul.
- The second round was held in Geneva.
    - A third round in Riyadh is planned.

1. Delegates signed the first protocol.
2. Delegates signed the second protocol.

The final paragraph mentions Zelensky twice.[^2]

[^1]: According to the Kremlin readout published later.
[^2]: Reported by ABC News on 12 January.
`;

interface Passage {
  text: string;
  location?: PassageLocation;
}

async function extract(format: SourceFormat, bytes: Uint8Array, budget: ExtractionBudget = BUDGET, token?: CancellationToken) {
  return format.extract(bytes, { path: `test${format.extensions[0]}`, budget, token });
}

/** What the loader keeps of an extraction: the passages with their locations. */
async function passages(format: SourceFormat, bytes: Uint8Array): Promise<Passage[]> {
  const result = await extract(format, bytes);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return parseSourceDocument(`x${format.extensions[0]}`, result.text, result.kind, { meta: result.meta, anchors: result.anchors }).passages;
}

function find(list: Passage[], text: string): Passage {
  const found = list.find((passage) => passage.text === text);
  assert.ok(found, `no passage "${text}" among:\n${list.map((p) => p.text).join('\n')}`);
  return found;
}

function assertRejected(result: Awaited<ReturnType<typeof extract>>, pattern: RegExp): void {
  assert.equal(result.ok, false, 'expected the file to be refused');
  if (!result.ok) assert.match(result.reason, pattern);
}

/** Replaces exactly one occurrence, so a change in pandoc's output fails the test instead of silently testing nothing. */
function replaceOnce(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  assert.ok(at >= 0 && xml.indexOf(from, at + 1) < 0, `expected exactly one ${from}`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

let dir: string;
const pandocMissing = hasPandoc() ? false : 'pandoc is not installed (scripts/ensure-system-deps.sh installs it)';

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-office-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

for (const [format, make, label] of [
  [docxFormat, makeDocx, 'Word (.docx)'],
  [odtFormat, makeOdt, 'OpenDocument (.odt)'],
] as const) {
  const file = (name: string): string => path.join(dir, `${name}${format.extensions[0]}`);

  describe(`${label} written by pandoc`, { skip: pandocMissing }, () => {
    test('paragraphs, headings, lists and table rows are anchored to their paragraph number', async () => {
      const list = await passages(format, make(BRIEFING, file('briefing')));
      // Title 1, author 2, "Background" 3, then the first body paragraph.
      assert.deepEqual(find(list, 'Putin spoke with Trump on Monday.').location, { paragraph: 4 });
      assert.deepEqual(find(list, 'The call lasted ninety minutes.').location, { paragraph: 4 });
      // A row is one line; label cells read as one statement, sentence cells as sentences.
      assert.deepEqual(find(list, 'City | Population | Note').location, { paragraph: 6 });
      assert.deepEqual(find(list, 'Moscow | 12.6 million | The capital since 1918').location, { paragraph: 7 });
      assert.deepEqual(find(list, 'Kyiv | 2.9 million | The talks failed').location, { paragraph: 8 });
      assert.deepEqual(find(list, 'Talks began in May.').location, { paragraph: 10 });
      assert.deepEqual(find(list, 'Putin left early.').location, { paragraph: 10 });
      assert.deepEqual(find(list, 'The first round was held in Istanbul.').location, { paragraph: 11 });
      assert.deepEqual(find(list, 'A third round in Riyadh is planned.').location, { paragraph: 13 });
      assert.deepEqual(find(list, 'Delegates signed the second protocol.').location, { paragraph: 15 });
      assert.deepEqual(find(list, 'The final paragraph mentions Zelensky twice.').location, { paragraph: 16 });
      // Notes follow the body in citation order; they have no body paragraph, so no paragraph number.
      const texts = list.map((passage) => passage.text);
      const first = texts.indexOf('According to the Kremlin readout published later.');
      const second = texts.indexOf('Reported by ABC News on 12 January.');
      assert.ok(first > texts.indexOf('The final paragraph mentions Zelensky twice.') && second > first, texts.join('\n'));
      assert.equal(list[first]!.location?.paragraph, undefined);
      assert.ok(!texts.some((text) => /\[\d\]|\|\s*$|^\s*[-#]/.test(text)), 'no note marks or markup in passages');
    });

    test('title, author and creation date come from the document properties', async () => {
      const result = await extract(format, make(BRIEFING, file('meta')));
      assert.ok(result.ok);
      assert.deepEqual(result.meta, { title: 'Ceasefire Talks Briefing', author: 'Jane Reporter', fileDate: '2025-01-13' });
    });

    test('the bundled articles read exactly as their .txt versions do', async () => {
      for (const name of readdirSync(path.join(root, 'corpus')).filter((n) => n.endsWith('.txt'))) {
        const text = readFileSync(path.join(root, 'corpus', name), 'utf8');
        const fromText = parseSourceDocument(name, text, 'text').passages.map((p) => p.text);
        const fromOffice = (await passages(format, make(text, file(name), { from: 'text' }))).map((p) => p.text);
        assert.deepEqual(fromOffice, fromText, name);
      }
    });
  });
}

describe('Word revisions and comments', { skip: pandocMissing }, () => {
  const docxPath = (name: string): string => path.join(dir, `${name}.docx`);

  test('pandoc-written tracked changes: deletions are not evidence, insertions are; comments are not evidence', async () => {
    const source = [
      'The summit was held in [Geneva]{.deletion author="Ed" date="2025-01-01T00:00:00Z"}[Istanbul]{.insertion author="Ed" date="2025-01-01T00:00:00Z"} last week.',
      '',
      'Officials [This needs a second source.]{.comment-start id="0" author="Ed"}confirmed the date[]{.comment-end id="0"} on Friday.',
    ].join('\n');
    const bytes = makeDocx(source, docxPath('revisions'));
    const xml = await (await import('jszip')).default.loadAsync(bytes).then((zip) => zip.file('word/document.xml')!.async('string'));
    assert.match(xml, /<w:del [^>]*>.*Geneva/s, 'pandoc wrote a tracked deletion');
    const texts = (await passages(docxFormat, bytes)).map((p) => p.text);
    assert.deepEqual(texts, ['The summit was held in Istanbul last week.', 'Officials confirmed the date on Friday.']);
  });

  test('revisions injected into document.xml as Word stores them: w:del, w:ins, a deleted paragraph and a move', async () => {
    const base = makeDocx(
      ['The delegation arrived on Tuesday.', '', 'This paragraph was struck out entirely.', '', 'The ministers met in Ankara.', '', 'Nothing else happened.'].join('\n'),
      docxPath('injected'),
    );
    const stamp = 'w:author="Editor" w:date="2025-02-01T09:00:00Z"';
    const edited = await editZip(base, {
      'word/document.xml': (xml) => {
        let out = replaceOnce(
          xml,
          '<w:t xml:space="preserve">The delegation arrived on Tuesday.</w:t></w:r>',
          `<w:t xml:space="preserve">The delegation arrived on </w:t></w:r><w:del w:id="901" ${stamp}><w:r><w:delText>Tuesday</w:delText></w:r></w:del><w:ins w:id="902" ${stamp}><w:r><w:t>Wednesday</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r>`,
        );
        out = replaceOnce(
          out,
          '<w:r><w:t xml:space="preserve">This paragraph was struck out entirely.</w:t></w:r>',
          `<w:del w:id="903" ${stamp}><w:r><w:delText xml:space="preserve">This paragraph was struck out entirely.</w:delText></w:r></w:del>`,
        );
        // Its paragraph mark is deleted too, and an empty paragraph must not take a number.
        out = replaceOnce(out, '<w:pStyle w:val="BodyText" /></w:pPr><w:del', `<w:pStyle w:val="BodyText" /><w:rPr><w:del w:id="904" ${stamp}/></w:rPr></w:pPr><w:del`);
        out = replaceOnce(
          out,
          '<w:t xml:space="preserve">The ministers met in Ankara.</w:t></w:r>',
          `<w:t xml:space="preserve">The ministers met in </w:t></w:r><w:moveFrom w:id="905" ${stamp}><w:r><w:t>Ankara</w:t></w:r></w:moveFrom><w:moveTo w:id="906" ${stamp}><w:r><w:t>Baku</w:t></w:r></w:moveTo><w:r><w:t>.</w:t></w:r>`,
        );
        return out.replace('<w:body>', '<w:body><w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>');
      },
    });
    const list = await passages(docxFormat, edited);
    assert.deepEqual(
      list.map((p) => [p.text, p.location?.paragraph]),
      [
        ['The delegation arrived on Wednesday.', 1],
        ['The ministers met in Baku.', 2],
        ['Nothing else happened.', 3],
      ],
    );
  });
});

describe('OpenDocument revisions and comments', { skip: pandocMissing }, () => {
  test('LibreOffice-style tracked changes and annotations: only the current text is evidence', async () => {
    const base = makeOdt(['The delegation arrived on Tuesday.', '', 'Officials confirmed the date on Friday.'].join('\n'), path.join(dir, 'changes.odt'));
    const edited = await editZip(base, {
      'content.xml': (xml) => {
        const changes =
          '<text:tracked-changes text:track-changes="true">' +
          '<text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info><dc:creator>Editor</dc:creator><dc:date>2025-02-01T09:00:00</dc:date></office:change-info><text:p>Tuesday</text:p></text:deletion></text:changed-region>' +
          '<text:changed-region xml:id="ct2" text:id="ct2"><text:insertion><office:change-info><dc:creator>Editor</dc:creator><dc:date>2025-02-01T09:00:00</dc:date></office:change-info></text:insertion></text:changed-region>' +
          '</text:tracked-changes>';
        let out = replaceOnce(xml, '<office:text>', `<office:text>${changes}`);
        out = replaceOnce(out, 'arrived on Tuesday.', 'arrived on <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>Wednesday<text:change-end text:change-id="ct2"/>.');
        const note = '<office:annotation office:name="c1"><dc:creator>Editor</dc:creator><dc:date>2025-02-01T09:00:00</dc:date><text:p>This needs a second source.</text:p></office:annotation>';
        return replaceOnce(out, 'Officials confirmed', `Officials ${note}confirmed`).replace('Officials  confirmed', 'Officials confirmed');
      },
    });
    const texts = (await passages(odtFormat, edited)).map((p) => p.text);
    assert.deepEqual(texts, ['The delegation arrived on Wednesday.', 'Officials confirmed the date on Friday.']);
  });
});

describe('broken and hostile Word files', { skip: pandocMissing }, () => {
  let template: Uint8Array;
  before(() => {
    template = makeDocx('The delegation arrived on Tuesday.', path.join(dir, 'template.docx'));
  });

  test('a text file named .docx, a junk zip, a truncated file, a spreadsheet part', async () => {
    assertRejected(await extract(docxFormat, new TextEncoder().encode('Dear editor, this is not a Word file.')), /^not a Word document \(not a zip archive\)$/);
    assertRejected(await extract(docxFormat, await makeJunkZip()), /^not a Word document \(a zip archive without Office content\)$/);
    assertRejected(await extract(docxFormat, template.subarray(0, Math.floor(template.length / 2))), /^truncated or damaged Word document/);
    const sheet = await editZip(template, { '[Content_Types].xml': (xml) => xml.replace(/wordprocessingml\.document\.main/g, 'spreadsheetml.sheet.main').replace(/wordprocessingml/g, 'drawingml') });
    assertRejected(await extract(docxFormat, sheet), /^not a Word document \(an Excel workbook\)$/);
    assertRejected(await extract(docxFormat, new Uint8Array(0)), /not a zip archive/);
  });

  test('password-protected (encrypted OOXML in a compound file) and legacy binary files', async () => {
    assertRejected(await extract(docxFormat, makeEncryptedDocx()), /^password-protected Word document/);
    assertRejected(await extract(docxFormat, makeLegacyDoc()), /^not a Word document \(an old binary Office file, not a zip archive\)$/);
  });

  test('a zip bomb is refused from its declared sizes before anything is inflated', async () => {
    const bomb = await makeZipBomb(template, 32 * MB);
    assert.ok(bomb.length < 64 * 1024, `bomb is ${bomb.length} bytes`);
    const started = performance.now();
    assertRejected(await extract(docxFormat, bomb, { maxMs: 20_000, maxBytes: 8 * MB }), /^Word document exceeds the decompressed-size budget \(its text parts declare 32 MB; budget 8\.0 MB\)$/);
    assert.ok(performance.now() - started < 200, 'refused without inflating');
    // Within budget the same file is read: the limit, not the shape, decides.
    const read = await extract(docxFormat, bomb, { maxMs: 20_000, maxBytes: 40 * MB });
    assert.ok(read.ok && read.text.length > 32 * MB - 1000);
  });

  test('a bomb that understates its size is stopped at the declared size while inflating', async () => {
    const bomb = understateSize(await makeZipBomb(template, 32 * MB), 'word/document.xml', 4000);
    assertRejected(await extract(docxFormat, bomb), /^Word document exceeds the decompressed-size budget \(word\/document\.xml inflates past the 3\.9 KB it declares\)$/);
  });

  test('a file of millions of tiny elements is refused by its element count, before any tree is built', async () => {
    const dense = await makeDenseDocx(template, 300_000);
    assert.ok(dense.length < 64 * 1024, `dense file is ${dense.length} bytes`);
    const started = performance.now();
    assertRejected(await extract(docxFormat, dense), /^Word document is too complex to read within the budget \(900,\d{3} XML elements; limit 262,144\)$/);
    assert.ok(performance.now() - started < 2_000, 'refused without parsing');
  });

  test('the time budget and cancellation end extraction with a reason', async () => {
    const big = await makeZipBomb(template, 6 * MB);
    assertRejected(await extract(docxFormat, big, { maxMs: 1, maxBytes: 64 * MB }), /^took longer than the 1 ms time budget$/);
    assertRejected(await extract(docxFormat, template, BUDGET, { isCancellationRequested: true }), /^cancelled$/);
    let polls = 0;
    const soon: CancellationToken = { get isCancellationRequested() { return ++polls > 3; } };
    assertRejected(await extract(docxFormat, big, BUDGET, soon), /^cancelled$/);
  });

  test('damaged variants of a real file never throw and never hang', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 150; round++) {
      const bytes = Uint8Array.from(template);
      if (round % 3 === 0) bytes.fill(0, Math.floor(random() * bytes.length), Math.floor(random() * bytes.length));
      else for (let i = 0; i < 1 + round % 20; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const started = performance.now();
      const result = await extract(docxFormat, round % 5 === 0 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes);
      assert.ok(result.ok || result.reason.length > 0);
      assert.ok(performance.now() - started < 5_000);
    }
  });
});

describe('broken OpenDocument files', { skip: pandocMissing }, () => {
  let template: Uint8Array;
  before(() => {
    template = makeOdt('The delegation arrived on Tuesday.', path.join(dir, 'template.odt'));
  });

  test('another OpenDocument type, an encrypted package, damaged XML, no content', async () => {
    const sheet = await editZip(template, { mimetype: () => 'application/vnd.oasis.opendocument.spreadsheet' });
    assertRejected(await extract(odtFormat, sheet), /^not an OpenDocument text document \(it is application\/vnd\.oasis\.opendocument\.spreadsheet\)$/);
    const encrypted = await editZip(template, {
      // As LibreOffice records an encrypted part: its size and how it was encrypted.
      'META-INF/manifest.xml': (xml) =>
        replaceOnce(
          xml,
          'manifest:full-path="content.xml" manifest:version="1.2" />',
          'manifest:full-path="content.xml" manifest:version="1.2" manifest:size="1200"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>',
        ),
      'content.xml': () => new Uint8Array(1200).map((_, i) => (i * 151 + 7) & 0xff),
    });
    assertRejected(await extract(odtFormat, encrypted), /^password-protected OpenDocument text document \(it is encrypted/);
    const broken = await editZip(template, { 'content.xml': (xml) => xml.replace('</office:text>', '') });
    assertRejected(await extract(odtFormat, broken), /^damaged OpenDocument text document \(content\.xml: malformed XML/);
    assertRejected(await extract(odtFormat, await editZip(template, { 'content.xml': undefined })), /^not an OpenDocument text document \(the zip has no content\.xml\)$/);
    const dense = await makeDenseOdt(template, 600_000);
    assertRejected(await extract(odtFormat, dense), /^OpenDocument text document is too complex to read within the budget \(600,\d{3} XML elements; limit 524,288\)$/);
    assertRejected(await extract(odtFormat, new TextEncoder().encode('plain words')), /^not an OpenDocument text document \(not a zip archive\)$/);
  });
});

describe('the office XML reader', () => {
  test('entities, CDATA and character references decode; DTD entities are never expanded', () => {
    const root = parseXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY boom "BOOM">]><a b="1 &amp; 2"><c>x &lt; y &#233;&#x263A;</c><![CDATA[<raw>]]>&boom;<!-- gone --></a>');
    assert.equal(root.attributes.b, '1 & 2');
    assert.equal(textContent(root), 'x < y é☺<raw>&boom;');
  });

  test('malformed and absurdly deep documents are refused, not recursed into', () => {
    assert.throws(() => parseXml('<a><b></a>'), XmlError);
    assert.throws(() => parseXml('<a>'), XmlError);
    assert.throws(() => parseXml(`${'<d>'.repeat(300)}${'</d>'.repeat(300)}`), /nested deeper than 256/);
  });
});

describe('office formats in the corpus loader', { skip: pandocMissing }, () => {
  test('the registry claims .docx and .odt in any case; the loader reads good files and explains bad ones', async () => {
    assert.equal(formatOf('Report.DOCX'), docxFormat);
    assert.equal(formatOf('minutes.odt'), odtFormat);
    const corpus = mkdtempSync(path.join(dir, 'corpus-'));
    makeDocx(BRIEFING, path.join(corpus, 'briefing.docx'));
    makeOdt(BRIEFING, path.join(corpus, 'briefing.odt'));
    copyFileSync(path.join(dir, 'template.docx'), path.join(corpus, 'copy.docx'));
    writeFileSync(path.join(corpus, 'bomb.docx'), await makeZipBomb(readFileSync(path.join(dir, 'template.docx')), 16 * MB));
    writeFileSync(path.join(corpus, 'notes.docx'), 'not a zip');
    const loaded = await loadCorpus([corpus], { extraction: { maxBytes: 8 * MB } });
    assert.deepEqual(
      loaded.skipped.map((s) => [path.basename(s.path), s.reason]),
      [
        ['bomb.docx', 'Word document exceeds the decompressed-size budget (its text parts declare 16 MB; budget 8.0 MB)'],
        ['notes.docx', 'not a Word document (not a zip archive)'],
      ],
    );
    assert.deepEqual(loaded.documents.map((d) => path.basename(d.path)), ['briefing.docx', 'briefing.odt', 'copy.docx']);
    const briefing = loaded.passages.filter((p) => p.doc === 0);
    assert.deepEqual(briefing.find((p) => p.text.startsWith('Moscow'))?.location, { paragraph: 7 });
    assert.equal(loaded.documents[0]!.meta.title, 'Ceasefire Talks Briefing');
  });
});
