import { isSpace } from './sentences';

/** The working copy of one masking pass: char codes to blank in place, plus the line table. */
export class MaskBuffer {
  readonly n: number;
  readonly out: Uint16Array;
  readonly starts: number[] = [0];
  readonly ends: number[] = [];
  /** [start, end) of every HTML comment found outside code. */
  readonly comments: Array<[number, number]> = [];

  constructor(readonly src: string) {
    const n = (this.n = src.length);
    this.out = toCodeUnits(src);
    let i = 0;
    // indexOf finds line breaks far faster than a char loop; \r is rare enough to check for once.
    if (src.indexOf('\r') < 0) {
      for (let k = src.indexOf('\n'); k >= 0; k = src.indexOf('\n', k + 1)) {
        this.ends.push(k);
        this.starts.push(k + 1);
      }
    } else {
      for (; i < n; i++) {
        const c = src.charCodeAt(i);
        if (c === 10 || c === 13) {
          this.ends.push(i);
          if (c === 13 && src.charCodeAt(i + 1) === 10) i++;
          this.starts.push(i + 1);
        }
      }
    }
    this.ends.push(n);
  }

  /** Spaces over [s, e), keeping line breaks so lines and offsets hold. */
  blank(s: number, e: number): void {
    const out = this.out;
    for (let i = s; i < e; i++) if (out[i] !== 10 && out[i] !== 13) out[i] = 32;
  }

  runLength(p: number, c: number): number {
    let e = p;
    while (e < this.n && this.src.charCodeAt(e) === c) e++;
    return e - p;
  }

  skipSpaces(p: number, le: number, max = Infinity): number {
    let k = 0;
    while (p < le && k < max && (this.src.charCodeAt(p) === 32 || this.src.charCodeAt(p) === 9)) p++, k++;
    return p;
  }

  toString(): string {
    if (LITTLE_ENDIAN) return Buffer.from(this.out.buffer, this.out.byteOffset, this.out.byteLength).toString('utf16le');
    const chunks: string[] = [];
    for (let i = 0; i < this.n; i += 8192) {
      const part = this.out.subarray(i, Math.min(this.n, i + 8192));
      chunks.push(String.fromCharCode.apply(null, part as unknown as number[]));
    }
    return chunks.join('');
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The UTF-16 code units of `src`, lone surrogates included (Node's utf16le codec copies them as they are). */
function toCodeUnits(src: string): Uint16Array {
  if (LITTLE_ENDIAN) {
    const bytes = Buffer.from(src, 'utf16le');
    if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, src.length);
  }
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src.charCodeAt(i);
  return out;
}

/** Inline markup of paragraphs, headings, list items and table rows. */
export class InlineMasker {
  private readonly src: string;
  private readonly n: number;
  /** Open `[` / `![` positions of the current paragraph. */
  private openers: number[] = [];

  constructor(private readonly b: MaskBuffer) {
    this.src = b.src;
    this.n = b.n;
  }

  /** Links never span paragraphs. */
  endParagraph(): void {
    if (this.openers.length) this.openers = [];
  }

  private blank(s: number, e: number): void {
    this.b.blank(s, e);
  }

  private runLength(p: number, c: number): number {
    return this.b.runLength(p, c);
  }

  private skipSpaces(p: number, le: number, max = Infinity): number {
    return this.b.skipSpaces(p, le, max);
  }

  /** Line index holding offset `pos`, searching forward from `L`. */
  private lineOf(pos: number, L: number): number {
    while (L + 1 < this.b.starts.length && this.b.starts[L + 1] <= pos) L++;
    return L;
  }

  /**
   * Blanks inline markup from `from` to the end of line `L`. Comments and code spans may run on into
   * later lines; scanning then finishes the line they end on, whose index is returned.
   */
  inline(from: number, L: number, pipes: boolean): number {
    const src = this.src;
    let le = this.b.ends[L];
    let i = from;
    while (i < le) {
      const c = src.charCodeAt(i);
      if (c >= 128 || SPECIAL[c] === 0) {
        i++;
        continue;
      }
      let next = i + 1;
      switch (c) {
        case 92: // backslash escape: the escaped char stays, as text
          if (i + 1 >= le) this.blank(i, i + 1);
          else if (isAsciiPunct(src.charCodeAt(i + 1))) {
            this.blank(i, i + 1);
            next = i + 2;
          }
          break;
        case 96:
          next = this.codeSpan(i);
          break;
        case 60:
          next = this.angle(i, le);
          break;
        case 33:
          if (src.charCodeAt(i + 1) === 91) {
            if (this.openers.length < MAX_OPENERS) this.openers.push(i);
            next = i + 2;
          }
          break;
        case 91:
          next = this.openBracket(i, le);
          break;
        case 93:
          next = this.closeBracket(i, le);
          break;
        case 42:
        case 95:
        case 126:
          next = this.emphasis(i, c);
          break;
        case 124:
          if (pipes) this.blank(i, i + 1);
          break;
        case 104:
        case 72:
        case 119:
        case 87:
        case 102:
        case 70:
          // Most h/w/f sit inside words; only a word start can begin a URL.
          if (i === 0 || !isAlnum(src, i - 1)) next = this.bareUrl(i);
          break;
      }
      i = next;
      if (i > le) {
        L = this.lineOf(i, L);
        le = this.b.ends[L];
      }
    }
    return L;
  }

  /**
   * A backtick run opens a code span only if a run of the same length closes it in the same paragraph.
   * A failed search passes no run of its own length, so each length fails at most once per paragraph.
   */
  private codeSpan(i: number): number {
    const src = this.src;
    const len = this.runLength(i, 96);
    let j = i + len;
    while (j < this.n) {
      const c = src.charCodeAt(j);
      if (c === 96) {
        const r = this.runLength(j, 96);
        if (r === len) {
          this.blank(i, j + r);
          return j + r;
        }
        j += r;
      } else if (c === 10 || c === 13) {
        const ls = c === 13 && src.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        let k = ls;
        while (k < this.n && isSpace(src.charCodeAt(k)) && src.charCodeAt(k) !== 10 && src.charCodeAt(k) !== 13) k++;
        if (k >= this.n || src.charCodeAt(k) === 10 || src.charCodeAt(k) === 13) break;
        j = ls;
      } else j++;
    }
    return i + len;
  }

  /** `<!-- comments -->`, `<autolinks>` and HTML tags (whose inner text stays). */
  private angle(i: number, le: number): number {
    const src = this.src;
    if (src.startsWith('<!--', i)) {
      let end: number;
      if (src.startsWith('>', i + 4)) end = i + 5;
      else if (src.startsWith('->', i + 4)) end = i + 6;
      else {
        const close = src.indexOf('-->', i + 4);
        end = close < 0 ? this.n : close + 3;
      }
      this.blank(i, end);
      this.b.comments.push([i, end]);
      return end;
    }
    const m = AUTOLINK.exec(src.slice(i, Math.min(le, i + 2048)));
    if (m) {
      this.blank(i, i + m[0].length);
      return i + m[0].length;
    }
    const d = src.charCodeAt(i + 1);
    if (!(isAsciiLetterCode(d) || (d === 47 && isAsciiLetterCode(src.charCodeAt(i + 2))))) return i + 1;
    let quote = 0;
    for (let k = i + 2; k < le && k - i < 2048; k++) {
      const c = src.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        if (/[=\s]/.test(src[k - 1])) quote = c;
      } else if (c === 62) {
        if (TAG.test(src.slice(i, k + 1))) {
          this.blank(i, k + 1);
          return k + 1;
        }
        return i + 1;
      } else if (c === 60) return i + 1;
    }
    return i + 1;
  }

  private openBracket(i: number, le: number): number {
    const src = this.src;
    if (src.charCodeAt(i + 1) === 94) {
      for (let k = i + 2; k < le && k - i < 100; k++) {
        const c = src.charCodeAt(k);
        if (c === 93) {
          if (k === i + 2) break;
          this.blank(i, k + 1);
          return k + 1;
        }
        if (c === 91 || isSpace(c)) break;
      }
    }
    if (this.openers.length < MAX_OPENERS) this.openers.push(i);
    return i + 1;
  }

  /** `](target)`, `][ref]` after an opener: the target goes; a link keeps its label, an image goes whole. */
  private closeBracket(i: number, le: number): number {
    const o = this.openers.pop();
    if (o === undefined) return i + 1;
    const src = this.src;
    let close = -1;
    if (src.charCodeAt(i + 1) === 40) close = this.destinationEnd(i + 1, le);
    else if (src.charCodeAt(i + 1) === 91) {
      for (let k = i + 2; k < le && k - i < 1000; k++) {
        const c = src.charCodeAt(k);
        if (c === 93) {
          close = k;
          break;
        }
        if (c === 91) break;
      }
    }
    if (close < 0) return i + 1;
    if (src.charCodeAt(o) === 33) this.blank(o, close + 1);
    else {
      this.blank(o, o + 1);
      this.blank(i, close + 1);
    }
    return close + 1;
  }

  /** Index of the `)` closing `(url "title")` that opens at `p`, or -1. */
  private destinationEnd(p: number, le: number): number {
    const src = this.src;
    const limit = Math.min(le, p + 2048);
    let j = this.skipSpaces(p + 1, limit);
    if (src.charCodeAt(j) === 60) {
      while (j < limit && src.charCodeAt(j) !== 62) j++;
      j++;
    } else {
      let depth = 0;
      for (; j < limit; j++) {
        const c = src.charCodeAt(j);
        if (c === 92) j++;
        else if (c === 32 || c === 9) break;
        else if (c === 40) depth++;
        else if (c === 41) {
          if (depth === 0) break;
          depth--;
        }
      }
    }
    j = this.skipSpaces(j, limit);
    const t = src.charCodeAt(j);
    if (t === 34 || t === 39 || t === 40) {
      const end = t === 40 ? 41 : t;
      j++;
      while (j < limit && src.charCodeAt(j) !== end) j++;
      j = this.skipSpaces(j + 1, limit);
    }
    return j < limit && src.charCodeAt(j) === 41 ? j : -1;
  }

  /** Delimiter runs that are markup; `snake_case`, `2*3` and lone `~` stay text. */
  private emphasis(i: number, c: number): number {
    const src = this.src;
    const e = i + this.runLength(i, c);
    const before = i > 0 ? src.charCodeAt(i - 1) : 32;
    const after = e < this.n ? src.charCodeAt(e) : 32;
    const wsB = isSpace(before);
    const wsA = isSpace(after);
    const pB = isPunct(src, i - 1);
    const pA = isPunct(src, e);
    const left = !wsA && (!pA || wsB || pB);
    const right = !wsB && (!pB || wsA || pA);
    let markup = left || right;
    if (c === 95) markup &&= !(isAlnum(src, i - 1) && isAlnum(src, e));
    else if (c === 42) markup &&= !(isDigit(before) && isDigit(after));
    else markup &&= e - i >= 2;
    if (markup) this.blank(i, e);
    return e;
  }

  /** `https://…`, `www.…` outside words; trailing punctuation stays, it may end the sentence. */
  private bareUrl(i: number): number {
    const src = this.src;
    if (i > 0 && isAlnum(src, i - 1)) return i + 1;
    const head = src.slice(i, i + 8).toLowerCase();
    if (!(head.startsWith('http://') || head.startsWith('https://') || head.startsWith('ftp://') || head.startsWith('www.'))) {
      return i + 1;
    }
    let e = i;
    while (e < this.n) {
      const c = src.charCodeAt(e);
      if (isSpace(c) || c === 60 || c === 62 || c === 34 || c === 96 || c === 124) break;
      e++;
    }
    for (;;) {
      const c = src.charCodeAt(e - 1);
      if (c === 41 || c === 93) {
        const open = c === 41 ? '(' : '[';
        const span = src.slice(i, e);
        if (span.split(open).length > span.split(String.fromCharCode(c)).length - 1) break;
        e--;
      } else if (TRAILING_URL_PUNCT.has(c)) e--;
      else break;
    }
    if (e - i <= 7) return i + 1;
    this.blank(i, e);
    return e;
  }
}

/** Deeper bracket nesting is not prose; the cap keeps a bracket-only line from growing the stack. */
const MAX_OPENERS = 64;

/** ASCII chars that may start inline markup. */
const SPECIAL = new Uint8Array(128);
for (const ch of '\\`<![]*_~|hHwWfF') SPECIAL[ch.charCodeAt(0)] = 1;

const AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>/;
const TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>$/;
const TRAILING_URL_PUNCT = new Set([46, 44, 58, 59, 33, 63, 42, 95, 126, 39, 34, 0x2019, 0x201d]);

function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isPunct(src: string, i: number): boolean {
  if (i < 0 || i >= src.length) return false;
  const c = src.charCodeAt(i);
  if (c < 128) return isAsciiPunct(c);
  return /[\p{P}\p{S}]/u.test(src[i]);
}

function isAlnum(src: string, i: number): boolean {
  if (i < 0 || i >= src.length) return false;
  const c = src.charCodeAt(i);
  if (c < 128) return isDigit(c) || isAsciiLetterCode(c);
  return /[\p{L}\p{N}\p{M}]/u.test(src[i]);
}
