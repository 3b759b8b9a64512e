import { inflateRawSync } from 'node:zlib';
import type { CancellationToken } from '../../types';

/**
 * A zip reader for office files that decides everything it can from the central directory before
 * inflating a byte, then inflates each entry with a hard cap. Hand-written rather than JSZip's
 * reader because JSZip inflates an entry completely and only then compares it with its declared
 * size: a few-KB entry that inflates to gigabytes would be in memory before anyone could object.
 * Node's inflate with `maxOutputLength` stops at the cap instead.
 */

/** Why an office file cannot be read; the message is the reason shown to the user. */
export class OfficeFileError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As declared by the central directory: what the budget is checked against before inflating. */
  size: number;
  localOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const STORED = 0;
const DEFLATED = 8;
/** The end record sits in the last 22 bytes plus a comment of at most 64 KB. */
const MAX_END_SEARCH = 22 + 0xffff;
/** OLE compound files (legacy .doc, and encrypted OOXML packages) start with these bytes. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "8.0 MB", "32 MB", "3.9 KB": sizes as a budget message states them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** "a Word document", "an OpenDocument text document". */
function withArticle(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

/** Encrypted OOXML is a compound file holding an "EncryptedPackage" stream; its directory names it in UTF-16LE. */
function namesEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export class ZipArchive {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /**
   * Reads the central directory. `what` names the expected kind ("Word document") in reasons:
   * the user sees "not a Word document (not a zip archive)", not a zip library's message.
   */
  static open(bytes: Uint8Array, what: string): ZipArchive {
    if (startsWith(bytes, CFB_SIGNATURE)) {
      throw new OfficeFileError(
        namesEncryptedPackage(bytes)
          ? `password-protected ${what} (it is encrypted; save a copy without a password to use it as a source)`
          : `not ${withArticle(what)} (an old binary Office file, not a zip archive)`,
      );
    }
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
      throw new OfficeFileError(`not ${withArticle(what)} (not a zip archive)`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const truncated = (detail: string): OfficeFileError => new OfficeFileError(`truncated or damaged ${what} (${detail})`);
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - MAX_END_SEARCH); at--) {
      if (view.getUint32(at, true) === END_OF_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) throw truncated('the zip directory at its end is missing');
    let count = view.getUint16(end + 10, true);
    let directorySize = view.getUint32(end + 12, true);
    let directoryOffset = view.getUint32(end + 16, true);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw truncated('zip64 directory locator missing');
      const zip64End = Number(view.getBigUint64(locator + 8, true));
      if (zip64End + 56 > bytes.length || view.getUint32(zip64End, true) !== ZIP64_END) throw truncated('zip64 directory missing');
      count = Number(view.getBigUint64(zip64End + 32, true));
      directorySize = Number(view.getBigUint64(zip64End + 40, true));
      directoryOffset = Number(view.getBigUint64(zip64End + 48, true));
    }
    if (directoryOffset + directorySize > bytes.length) throw truncated('the zip directory points past the end of the file');
    const entries = new Map<string, ZipEntry>();
    const decoder = new TextDecoder();
    let at = directoryOffset;
    for (let index = 0; index < count; index++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) throw truncated('broken zip directory entry');
      const flags = view.getUint16(at + 8, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      if (at + 46 + nameLength + extraLength > bytes.length) throw truncated('broken zip directory entry');
      const entry: ZipEntry = {
        // Non-UTF-8 names are CP437; the part names office files use are ASCII in both.
        name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
        method: view.getUint16(at + 10, true),
        encrypted: (flags & 1) !== 0,
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localOffset: view.getUint32(at + 42, true),
      };
      readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
      // Mixed-case duplicates do not happen in real packages; the first entry wins as in most readers.
      if (!entries.has(entry.name)) entries.set(entry.name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(bytes, view, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Refuses, before inflating anything, when the parts to be read declare more than the budget. */
  checkDeclared(names: Iterable<string>, maxBytes: number, what: string): void {
    let total = 0;
    for (const name of names) total += this.entries.get(name)?.size ?? 0;
    if (total > maxBytes) {
      throw new OfficeFileError(`${what} exceeds the decompressed-size budget (its text parts declare ${formatSize(total)}; budget ${formatSize(maxBytes)})`);
    }
  }

  /** The entry's bytes, inflated to at most its declared size (never more than `maxBytes`). */
  read(name: string, maxBytes: number, what: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw new OfficeFileError(`damaged ${what} (${name} is missing)`);
    if (entry.encrypted) throw new OfficeFileError(`password-protected ${what} (its parts are encrypted)`);
    if (entry.size > maxBytes) throw new OfficeFileError(`${what} exceeds the decompressed-size budget (${name} alone declares ${formatSize(entry.size)}; budget ${formatSize(maxBytes)})`);
    const local = entry.localOffset;
    if (local + 30 > this.bytes.length || this.view.getUint32(local, true) !== LOCAL_HEADER) {
      throw new OfficeFileError(`truncated or damaged ${what} (${name} is not where the zip directory says)`);
    }
    const start = local + 30 + this.view.getUint16(local + 26, true) + this.view.getUint16(local + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new OfficeFileError(`truncated ${what} (${name} is cut off)`);
    const data = this.bytes.subarray(start, end);
    if (entry.method === STORED) {
      if (data.length !== entry.size) throw new OfficeFileError(`damaged ${what} (${name} has the wrong size)`);
      return data;
    }
    if (entry.method !== DEFLATED) throw new OfficeFileError(`unsupported ${what} (${name} uses zip compression method ${entry.method})`);
    try {
      // The cap is the declared size: an entry that lies about its size is stopped, not trusted.
      return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new OfficeFileError(`${what} exceeds the decompressed-size budget (${name} inflates past the ${formatSize(entry.size)} it declares)`);
      }
      throw new OfficeFileError(`truncated or damaged ${what} (${name}: ${error instanceof Error ? error.message : String(error)})`);
    }
  }

  text(name: string, maxBytes: number, what: string): string {
    return new TextDecoder().decode(this.read(name, maxBytes, what));
  }
}

/** Sizes and offsets that overflow 32 bits live in the zip64 extra field, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const needs = [entry.size === 0xffffffff, entry.compressedSize === 0xffffffff, entry.localOffset === 0xffffffff];
  if (!needs.some(Boolean)) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        const value = field + 8 <= at + 4 + size ? Number(view.getBigUint64(field, true)) : Number.MAX_SAFE_INTEGER;
        field += 8;
        return value;
      };
      if (needs[0]) entry.size = next();
      if (needs[1]) entry.compressedSize = next();
      if (needs[2]) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * Start tags in XML bytes ("<" and a name), counted natively without decoding. A parsed tree costs
 * memory per element, not per byte: 15 MB of "<w:p><w:r><w:t>a</w:t></w:r></w:p>" is a 50 KB
 * file that a DOM turns into gigabytes, so the element count has a budget of its own.
 */
export function countElements(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(60); at >= 0; at = buffer.indexOf(60, at + 1)) {
    const next = buffer[at + 1];
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) count++;
  }
  return count;
}

export function checkElements(count: number, limit: number, what: string): void {
  if (count > limit) {
    const n = (value: number): string => value.toLocaleString('en-US');
    throw new OfficeFileError(`${what} is too complex to read within the budget (${n(count)} XML elements; limit ${n(limit)})`);
  }
}

/**
 * Wall clock and cancellation for one file. Returned as a reason rather than thrown, since
 * extract must not throw; `OfficeFileError` carries it out of nested steps.
 */
export class Deadline {
  private readonly end: number;

  constructor(
    private readonly maxMs: number,
    private readonly token: CancellationToken | undefined,
  ) {
    this.end = Date.now() + maxMs;
  }

  check(): void {
    if (this.token?.isCancellationRequested) throw new OfficeFileError('cancelled');
    if (Date.now() > this.end) {
      const limit = this.maxMs >= 1000 ? `${Math.round(this.maxMs / 1000)} s` : `${this.maxMs} ms`;
      throw new OfficeFileError(`took longer than the ${limit} time budget`);
    }
  }

  /**
   * Waits for work that cannot be interrupted (a library's promise chain) but stops waiting at
   * the deadline or on cancellation; the abandoned work is bounded by the byte budget anyway.
   */
  async race<T>(work: Promise<T>): Promise<T> {
    this.check();
    let timer: NodeJS.Timeout | undefined;
    const watch = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        try {
          this.check();
        } catch (error) {
          reject(error);
        }
      }, 25);
    });
    try {
      return await Promise.race([work, watch]);
    } finally {
      clearInterval(timer);
    }
  }
}

/** A reason for any failure: ours as written, anything else (a library's) wrapped. */
export function failure(error: unknown, what: string): { ok: false; reason: string } {
  if (error instanceof OfficeFileError) return { ok: false, reason: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: `unreadable ${what} (${message.split('\n')[0]!.slice(0, 200)})` };
}
