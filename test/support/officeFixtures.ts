/**
 * Word and OpenDocument fixtures made at test time by a real producer (pandoc), plus the edits
 * Word and LibreOffice make to such files (tracked changes, comments) and the broken variants a
 * corpus meets (zip bombs, junk zips, truncated and encrypted files). Shared by the unit tests,
 * the throughput benchmark and end-to-end tests; nothing here is committed as a binary.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';

/** Fixed so core properties (and so the extracted date) are the same on every run: 2025-01-13T11:00:00Z. */
export const FIXTURE_EPOCH = 1736766000;

export interface MakeOptions {
  /** 'markdown' (default) reads pandoc Markdown; 'text' reads one paragraph per line, nothing else. */
  from?: 'markdown' | 'text';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text goes through HTML paragraphs, not Markdown: a news line starting "1. " or "# " must
 * stay a paragraph, and consecutive lines must not be merged into one.
 */
function pandoc(source: string, to: 'docx' | 'odt', outPath: string, options: MakeOptions): void {
  const text = options.from === 'text';
  const input = text
    ? source
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => `<p>${escapeHtml(line.trim())}</p>`)
        .join('\n')
    : source;
  execFileSync('pandoc', ['-f', text ? 'html' : 'markdown', '-t', to, '-o', outPath], {
    input,
    env: { ...process.env, SOURCE_DATE_EPOCH: String(FIXTURE_EPOCH) },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

export function makeDocx(source: string, outPath: string, options: MakeOptions = {}): Uint8Array {
  pandoc(source, 'docx', outPath, options);
  return readFileSync(outPath);
}

export function makeOdt(source: string, outPath: string, options: MakeOptions = {}): Uint8Array {
  pandoc(source, 'odt', outPath, options);
  return readFileSync(outPath);
}

export function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Rewrites zip entries the way an editor saving the file would; `undefined` removes the entry. */
export async function editZip(bytes: Uint8Array, edits: Record<string, ((text: string) => string | Uint8Array) | undefined>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, edit] of Object.entries(edits)) {
    if (!edit) {
      zip.remove(name);
      continue;
    }
    const current = zip.file(name);
    zip.file(name, edit(current ? await current.async('string') : ''));
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * A Word file whose document.xml is a valid paragraph that inflates to `inflatedBytes`; zeros of
 * text compress about a thousandfold, so 32 MB of XML is a file of some tens of KB.
 */
export async function makeZipBomb(template: Uint8Array, inflatedBytes: number): Promise<Uint8Array> {
  const head = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
  const tail = '</w:t></w:r></w:p></w:body></w:document>';
  const body = 'a'.repeat(Math.max(0, inflatedBytes - head.length - tail.length));
  return editZip(template, { 'word/document.xml': () => head + body + tail });
}

/**
 * A Word file of `paragraphs` one-word paragraphs: small when inflated too (38 bytes each), but a
 * DOM spends memory per element, so this is the bomb a byte budget alone lets through.
 */
export async function makeDenseDocx(template: Uint8Array, paragraphs: number): Promise<Uint8Array> {
  const head = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  return editZip(template, { 'word/document.xml': () => `${head}${'<w:p><w:r><w:t>a b.</w:t></w:r></w:p>'.repeat(paragraphs)}</w:body></w:document>` });
}

export async function makeDenseOdt(template: Uint8Array, paragraphs: number): Promise<Uint8Array> {
  return editZip(template, { 'content.xml': (xml) => xml.replace('<office:text>', `<office:text>${'<text:p>a b.</text:p>'.repeat(paragraphs)}`) });
}

/**
 * The same file with `entry`'s declared uncompressed size (local header and central directory)
 * set to `declared`: how a crafted bomb slips past a check of declared sizes alone.
 */
export function understateSize(bytes: Uint8Array, entry: string, declared: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer);
  const name = Buffer.from(entry);
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && Buffer.from(out.subarray(at + 30, at + 30 + name.length)).equals(name) && view.getUint16(at + 26, true) === name.length) {
      view.setUint32(at + 22, declared, true);
    } else if (signature === 0x02014b50 && Buffer.from(out.subarray(at + 46, at + 46 + name.length)).equals(name) && view.getUint16(at + 28, true) === name.length) {
      view.setUint32(at + 24, declared, true);
    }
  }
  return out;
}

/** A zip named .docx that holds no Office package at all. */
export async function makeJunkZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('notes.txt', 'shopping list: bread, milk');
  zip.file('data.bin', randomBytes(2048));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * A minimal OLE compound file (MS-CFB, version 3, 512-byte sectors) holding the named streams.
 * Word saves a password-protected .docx as such a file with "EncryptionInfo" and "EncryptedPackage"
 * streams, and old .doc files are one with a "WordDocument" stream. No producer of encrypted OOXML
 * is available at test time (Word, LibreOffice and msoffcrypto-tool are not installed), so the
 * container is written here; each stream is padded to 4 KB so that it lives in regular sectors.
 */
export function makeCompoundFile(streams: { name: string; data: Uint8Array }[]): Uint8Array {
  const SECTOR = 512;
  const END_OF_CHAIN = 0xfffffffe;
  const FREE = 0xffffffff;
  const padded = streams.map((stream) => {
    const data = new Uint8Array(Math.max(4096, Math.ceil(stream.data.length / SECTOR) * SECTOR));
    data.set(stream.data);
    return { name: stream.name, data, size: stream.data.length };
  });
  const dataSectors = padded.reduce((sum, stream) => sum + stream.data.length / SECTOR, 0);
  const out = new Uint8Array(SECTOR * (3 + dataSectors)); // header, FAT, directory, streams
  const view = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // one FAT sector
  view.setUint32(0x30, 1, true); // directory in sector 1
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, END_OF_CHAIN, true);
  view.setUint32(0x44, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : FREE, true);
  const sectorAt = (index: number): number => SECTOR * (1 + index);
  const fat = new Array<number>(SECTOR / 4).fill(FREE);
  fat[0] = 0xfffffffd;
  fat[1] = END_OF_CHAIN;
  const directory = (slot: number, name: string, type: number, fields: { child?: number; right?: number; start?: number; size?: number }): void => {
    const at = sectorAt(1) + slot * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    out.set(encoded, at);
    view.setUint16(at + 0x40, encoded.length, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1;
    view.setUint32(at + 0x44, FREE, true);
    view.setUint32(at + 0x48, fields.right ?? FREE, true);
    view.setUint32(at + 0x4c, fields.child ?? FREE, true);
    view.setUint32(at + 0x74, fields.start ?? END_OF_CHAIN, true);
    view.setUint32(at + 0x78, fields.size ?? 0, true);
  };
  directory(0, 'Root Entry', 5, { child: padded.length ? 1 : undefined });
  let next = 2;
  padded.forEach((stream, index) => {
    const count = stream.data.length / SECTOR;
    for (let s = 0; s < count; s++) fat[next + s] = s + 1 < count ? next + s + 1 : END_OF_CHAIN;
    out.set(stream.data, sectorAt(next));
    // Siblings as a right-leaning chain: a valid (if unbalanced) red-black tree when names ascend.
    directory(index + 1, stream.name, 2, { right: index + 2 <= padded.length ? index + 2 : undefined, start: next, size: stream.size });
    next += count;
  });
  fat.forEach((value, index) => view.setUint32(sectorAt(0) + index * 4, value, true));
  return out;
}

export function makeEncryptedDocx(): Uint8Array {
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0" encoding="UTF-8"?><encryption/>')]);
  return makeCompoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: randomBytes(6000) },
  ]);
}

export function makeLegacyDoc(): Uint8Array {
  return makeCompoundFile([{ name: 'WordDocument', data: randomBytes(5000) }]);
}

export function writeBytes(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
}
