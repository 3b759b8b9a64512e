/** Result of turning a file's bytes into text. */
export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' }
  | { ok: false; reason: string };

const SNIFF_BYTES = 8192;
/** Share of control bytes in the sniffed prefix above which a file is treated as binary. */
const MAX_CONTROL_RATIO = 0.1;
/**
 * Share of bytes >= 0x80 above which a non-UTF-8 file is not taken for windows-1252: Western
 * text in that encoding has a few accented letters or smart quotes, not a byte soup.
 */
const MAX_HIGH_BYTE_RATIO = 0.3;
/** Bytes windows-1252 leaves undefined; they do not occur in genuine text in that encoding. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Windows-1252 characters for bytes 0x80–0x9F (undefined ones kept as C1 controls). Written out
 * because Node's TextDecoder('windows-1252') decodes these bytes as Latin-1 control characters.
 */
export const WINDOWS_1252_C1: readonly string[] = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

function decodeWindows1252Bytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    let text = '';
    const end = Math.min(bytes.length, start + chunk);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_C1[byte - 0x80]! : String.fromCharCode(byte);
    }
    parts.push(text);
  }
  return parts.join('');
}

function isControlByte(byte: number): boolean {
  // Tab, LF, VT, FF, CR and ESC occur in real text files (ESC in terminal logs); the rest do not.
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b;
}

/** NUL bytes or a high share of control bytes in the first 8 KB mean the file is not text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  if (end === 0) return false;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 0) return true;
    if (isControlByte(byte)) control++;
  }
  return control / end > MAX_CONTROL_RATIO;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `not valid ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} text` };
  }
}

/**
 * Windows-1252 fallback, taken only when the bytes look like it: few high bytes, none of the
 * undefined ones, and no control characters after decoding. Old Western-European exports (and
 * Latin-1 files, which WHATWG decodes as windows-1252) are common in archives of articles, so
 * skipping them would lose real sources; random or other-encoding bytes (undefined bytes, a high
 * share of bytes >= 0x80) are skipped rather than indexed as mojibake that would match nothing
 * and mislead excerpts.
 */
function decodeWindows1252(bytes: Uint8Array): DecodeResult | undefined {
  let high = 0;
  for (const byte of bytes) {
    if (byte < 0x80) continue;
    if (UNDEFINED_1252.has(byte)) return undefined;
    high++;
  }
  if (high / bytes.length > MAX_HIGH_BYTE_RATIO) return undefined;
  const text = decodeWindows1252Bytes(bytes);
  return { ok: true, text, encoding: 'windows-1252' };
}

/**
 * Decodes UTF-8 (BOM stripped), UTF-16 with a BOM, or plausible windows-1252; everything else is
 * reported with a reason for the loader's `skipped` list.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  // UTF-16 is full of NUL bytes, so its BOM must be checked before binary sniffing.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file' };
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    return decodeWindows1252(bytes) ?? { ok: false, reason: 'not valid UTF-8 text' };
  }
}
