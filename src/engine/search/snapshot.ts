/**
 * The persisted form of a corpus index: a small JSON header, then passage texts and terms as
 * UTF-8 in chunks, then the numeric arrays as raw little-endian bytes. Binary rather than JSON
 * because JSON of a 50 MB corpus's index took seconds to write and read in one blocking call; here
 * every step works on one chunk at a time and pauses between slices.
 */
import type { IndexedDocument, Passage, PassageLocation, SkippedFile } from '../types';
import type { TimeSlicer } from '../util/timeSlicer';
import type { Bm25Data } from './bm25';

/** Bumped whenever the bytes or what the index computes from a corpus change. */
export const INDEX_FORMAT_VERSION = 6;

const MAGIC = 'CORROBIX';
/** Passages (or terms) per UTF-8 chunk: small enough that one chunk is well under a slice. */
const CHUNK = 4096;

export interface IndexSnapshot {
  documents: IndexedDocument[];
  passages: Passage[];
  skipped: SkippedFile[];
  properNouns: string[];
  nameTerms: string[];
  bm25: Bm25Data;
}

type ArrayKind = 'u32' | 'u16' | 'u8';
const NUMERIC_ARRAYS = [
  ['postingStart', 'u32'],
  ['postingPassage', 'u32'],
  ['postingCount', 'u8'],
  ['passageLength', 'u16'],
  ['titleStart', 'u32'],
  ['titleDocument', 'u32'],
  ['titleCount', 'u8'],
  ['titleLength', 'u16'],
  ['documentStart', 'u32'],
  ['documentPassage', 'u32'],
] as const satisfies readonly (readonly [keyof Bm25Data, ArrayKind])[];

interface Header {
  documents: IndexedDocument[];
  skipped: SkippedFile[];
  properNouns: string[];
  nameTerms: string[];
  passageCount: number;
  termCount: number;
  /** Byte length of each UTF-8 chunk of passage texts, then of terms. */
  textChunks: number[];
  termChunks: number[];
  /** Element count of each numeric array, in NUMERIC_ARRAYS order, then the passage columns. */
  arrayLengths: number[];
  /** [passage id, location] for the passages of formats with pages, times or paragraphs. */
  locations: [number, PassageLocation][];
}

const PASSAGE_COLUMNS = ['doc', 'offset', 'line', 'paragraph'] as const;

const padding = (n: number) => (4 - (n % 4)) % 4;

/** Encodes the snapshot as a list of byte pieces to be written in order. */
export async function encodeSnapshot(s: IndexSnapshot, slicer?: TimeSlicer): Promise<Uint8Array[]> {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  const textChunks: number[] = [];
  const textLengths = new Uint32Array(s.passages.length);
  const columns = PASSAGE_COLUMNS.map(() => new Uint32Array(s.passages.length));
  for (let from = 0; from < s.passages.length; from += CHUNK) {
    const texts: string[] = [];
    for (let i = from; i < Math.min(s.passages.length, from + CHUNK); i++) {
      const p = s.passages[i]!;
      texts.push(p.text);
      textLengths[i] = p.text.length;
      PASSAGE_COLUMNS.forEach((c, k) => (columns[k]![i] = p[c]));
    }
    const bytes = encoder.encode(texts.join(''));
    pieces.push(bytes);
    textChunks.push(bytes.length);
    if (slicer?.expired()) await slicer.pause();
  }
  const termChunks: number[] = [];
  for (let from = 0; from < s.bm25.terms.length; from += CHUNK) {
    const chunk = s.bm25.terms.slice(from, from + CHUNK);
    if (chunk.some((t) => t.includes('\n'))) throw new Error('a term holds a line break; the index cannot be saved');
    const bytes = encoder.encode(chunk.join('\n'));
    pieces.push(bytes);
    termChunks.push(bytes.length);
    if (slicer?.expired()) await slicer.pause();
  }
  const arrays: (Uint32Array | Uint16Array | Uint8Array)[] = [...NUMERIC_ARRAYS.map(([name]) => s.bm25[name] as Uint32Array), textLengths, ...columns];
  const header: Header = {
    documents: s.documents,
    skipped: s.skipped,
    properNouns: s.properNouns,
    nameTerms: s.nameTerms,
    passageCount: s.passages.length,
    termCount: s.bm25.terms.length,
    textChunks,
    termChunks,
    arrayLengths: arrays.map((a) => a.length),
    locations: s.passages.flatMap((p, i): [number, PassageLocation][] => (p.location ? [[i, p.location]] : [])),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const prefix = new Uint8Array(16);
  const view = new DataView(prefix.buffer);
  encoder.encodeInto(MAGIC, prefix);
  view.setUint32(8, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  let length = 16 + headerBytes.length + pieces.reduce((n, p) => n + p.length, 0);
  const out: Uint8Array[] = [prefix, headerBytes, ...pieces];
  for (const a of arrays) {
    if (padding(length)) {
      out.push(new Uint8Array(padding(length)));
      length += padding(length);
    }
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    out.push(bytes);
    length += bytes.length;
  }
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the index is saved little-endian; this machine is not');
  return out;
}

/** Reads a snapshot back; throws a message that says to rebuild when the bytes are not one. */
export async function decodeSnapshot(bytes: Uint8Array, slicer?: TimeSlicer): Promise<IndexSnapshot> {
  const fail = (why: string): never => {
    throw new Error(`Unreadable index (${why}); rebuild the index.`);
  };
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) fail('not a Corroborate index');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(8, true);
  if (format !== INDEX_FORMAT_VERSION) fail(`format ${format}, expected ${INDEX_FORMAT_VERSION}`);
  const headerLength = view.getUint32(12, true);
  let at = 16 + headerLength;
  if (at > bytes.length) fail('truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, at))) as Header;

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const textParts: string[] = [];
  for (const n of header.textChunks) {
    if (at + n > bytes.length) fail('truncated text');
    textParts.push(decoder.decode(bytes.subarray(at, at + n)));
    at += n;
    if (slicer?.expired()) await slicer.pause();
  }
  const terms: string[] = [];
  for (const n of header.termChunks) {
    if (at + n > bytes.length) fail('truncated terms');
    for (const t of decoder.decode(bytes.subarray(at, at + n)).split('\n')) terms.push(t);
    at += n;
    if (slicer?.expired()) await slicer.pause();
  }
  if (terms.length !== header.termCount) fail('term count');

  const kinds: ArrayKind[] = [...NUMERIC_ARRAYS.map(([, kind]) => kind), 'u32', ...PASSAGE_COLUMNS.map(() => 'u32' as const)];
  if (header.arrayLengths.length !== kinds.length) fail('array count');
  const arrays: (Uint32Array | Uint16Array | Uint8Array)[] = [];
  for (const [k, kind] of kinds.entries()) {
    at += padding(at);
    const n = header.arrayLengths[k]!;
    const width = kind === 'u32' ? 4 : kind === 'u16' ? 2 : 1;
    if (at + n * width > bytes.length) fail('truncated arrays');
    // Copied out (a Buffer's slice would be a view), so the file's bytes can be freed once read.
    const raw = new Uint8Array(bytes.subarray(at, at + n * width));
    at += n * width;
    arrays.push(kind === 'u32' ? new Uint32Array(raw.buffer) : kind === 'u16' ? new Uint16Array(raw.buffer) : raw);
    if (slicer?.expired()) await slicer.pause();
  }
  const bm25 = { terms } as Bm25Data;
  NUMERIC_ARRAYS.forEach(([name], k) => ((bm25 as unknown as Record<string, unknown>)[name] = arrays[k]));
  const textLengths = arrays[NUMERIC_ARRAYS.length] as Uint32Array;
  const columns = arrays.slice(NUMERIC_ARRAYS.length + 1) as Uint32Array[];
  if (textLengths.length !== header.passageCount || columns.some((c) => c.length !== header.passageCount)) fail('passage count');

  const passages: Passage[] = new Array(header.passageCount);
  for (let chunk = 0, id = 0; chunk < textParts.length; chunk++) {
    const text = textParts[chunk]!;
    let offset = 0;
    for (const end = Math.min(header.passageCount, id + CHUNK); id < end; id++) {
      const length = textLengths[id]!;
      passages[id] = { id, doc: columns[0]![id]!, text: text.slice(offset, offset + length), offset: columns[1]![id]!, line: columns[2]![id]!, paragraph: columns[3]![id]! };
      offset += length;
    }
    if (offset !== text.length) fail('passage text lengths');
    if (slicer?.expired()) await slicer.pause();
  }
  for (const [id, location] of header.locations ?? []) {
    if (!passages[id]) fail('location of a missing passage');
    passages[id]!.location = location;
  }
  return { documents: header.documents, passages, skipped: header.skipped, properNouns: header.properNouns, nameTerms: header.nameTerms, bm25 };
}
