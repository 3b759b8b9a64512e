import { isSpace, LINE_END, LINE_START } from './sentences';

export interface MaskResult {
  /** Same length as the input; markup replaced by spaces, every line break kept. */
  masked: string;
  /** Per-line block structure for `splitSentences` (undefined: let it guess from the text). */
  lineFlags: Uint8Array | undefined;
  /** [start, end) of every HTML comment, in order, so directives inside code are not mistaken for real ones. */
  comments: Array<[number, number]>;
}

const BLOCK = LINE_START | LINE_END;

/**
 * Blanks markdown markup in one pass over the lines. It is a pragmatic subset of CommonMark/GFM:
 * enough that the sentence splitter sees prose only, never a rendering-exact parser.
 */
export function maskMarkdownBlocks(text: string): MaskResult {
  return new Masker(text).run();
}

class Masker {
  private readonly n: number;
  private readonly out: Uint16Array;
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];
  private readonly flags: Uint8Array;
  private readonly comments: Array<[number, number]> = [];
  /** Open `[` / `![` positions of the current paragraph. */
  private openers: number[] = [];
  /** Per backtick-run length: no closing run exists before this offset. */
  private readonly noCloserBefore = new Map<number, number>();

  constructor(private readonly src: string) {
    const n = (this.n = src.length);
    this.out = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const c = src.charCodeAt(i);
      this.out[i] = c;
      if (c === 10 || c === 13) {
        this.ends.push(i);
        if (c === 13 && src.charCodeAt(i + 1) === 10) this.out[++i] = 10;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(n);
    this.flags = new Uint8Array(this.starts.length);
  }

  run(): MaskResult {
    const { src, starts, ends } = this;
    let fence: { ch: number; len: number } | null = null;
    let indentedCode = false;
    let paraOpen = false;
    let inList = false;
    let inTable = false;
    let prevBlank = true;
    let prevQuoted = false;
    for (let L = this.frontMatter(); L < starts.length; L++) {
      const ls = starts[L];
      const le = ends[L];
      let p = ls;
      let quoted = false;
      for (;;) {
        const q = this.skipSpaces(p, le, 3);
        if (q >= le || src.charCodeAt(q) !== 62) break;
        this.blank(q, q + 1);
        quoted = true;
        p = q + 1;
      }
      const q = this.skipSpaces(p, le, Infinity);
      if (fence) {
        if (this.runLength(q, fence.ch) >= fence.len && this.skipSpaces(q + this.runLength(q, fence.ch), le, Infinity) >= le) fence = null;
        this.blockLine(L);
        continue;
      }
      if (q >= le) {
        this.flags[L] = BLOCK;
        prevBlank = true;
        paraOpen = inTable = false;
        this.openers = [];
        continue;
      }
      const indent = this.columns(p, q);
      const c = src.charCodeAt(q);
      if (indent >= 4 && (indentedCode || (!paraOpen && !inList && prevBlank))) {
        indentedCode = true;
        this.blockLine(L);
        continue;
      }
      indentedCode = false;
      const wasBlank = prevBlank;
      prevBlank = false;
      const quoteChange = quoted !== prevQuoted;
      prevQuoted = quoted;
      if ((indent < 4 || inList) && (c === 96 || c === 126)) {
        const len = this.runLength(q, c);
        if (len >= 3 && (c === 126 || !this.hasChar(q + len, le, 96))) {
          fence = { ch: c, len };
          paraOpen = inList = false;
          this.blockLine(L);
          continue;
        }
      }
      if (indent < 4 && paraOpen && !inList && (c === 61 || c === 45) && this.isRuleOf(q, le, c, false)) {
        // Setext underline: the paragraph above is a heading.
        this.flags[L - 1] |= LINE_END;
        paraOpen = false;
        this.blockLine(L);
        continue;
      }
      if (indent < 4 && (c === 45 || c === 42 || c === 95) && this.isRuleOf(q, le, c, true)) {
        paraOpen = false;
        this.blockLine(L);
        continue;
      }
      if (indent < 4 && c === 35) {
        const h = this.runLength(q, 35);
        if (h <= 6 && (q + h >= le || src.charCodeAt(q + h) === 32 || src.charCodeAt(q + h) === 9)) {
          this.blank(q, q + h);
          this.blankClosingHashes(q + h, le);
          this.flags[L] = BLOCK;
          paraOpen = inList = false;
          L = this.inline(q + h, L, false);
          continue;
        }
      }
      if (c === 91 && !paraOpen) {
        const def = this.definitionEnd(q, le);
        if (def > 0) {
          if (src.charCodeAt(q + 1) === 94) {
            // Footnote definition: only its `[^id]:` marker is markup.
            this.blank(q, def);
            this.flags[L] = LINE_START;
            paraOpen = true;
            L = this.inline(def, L, false);
          } else {
            this.blockLine(L);
          }
          continue;
        }
      }
      const item = this.listMarkerEnd(q, le, paraOpen && !inList);
      if (item > 0) {
        this.blank(q, item);
        this.flags[L] = LINE_START;
        inList = paraOpen = true;
        L = this.inline(item, L, false);
        continue;
      }
      if (wasBlank && indent < 2) inList = false;
      if (this.isDelimiterRow(q, le) && (inTable || paraOpen)) {
        if (L > 0) this.flags[L - 1] |= BLOCK;
        inTable = true;
        paraOpen = false;
        this.blockLine(L);
        continue;
      }
      if (inTable || c === 124 || (this.hasChar(q, le, 124) && L + 1 < starts.length && this.isDelimiterRow(this.skipSpaces(starts[L + 1], ends[L + 1], Infinity), ends[L + 1]))) {
        inTable = true;
        paraOpen = false;
        this.flags[L] = BLOCK;
        L = this.inline(q, L, true);
        continue;
      }
      if (quoteChange) this.flags[L] |= LINE_START;
      paraOpen = true;
      L = this.inline(q, L, false);
    }
    const chunks: string[] = [];
    for (let i = 0; i < this.n; i += 8192) {
      chunks.push(String.fromCharCode.apply(null, this.out.subarray(i, Math.min(this.n, i + 8192)) as unknown as number[]));
    }
    return { masked: chunks.join(''), lineFlags: this.flags, comments: this.comments };
  }

  /** YAML (`---`) or TOML (`+++`) front matter at the very start; returns the first line after it. */
  private frontMatter(): number {
    const { src, starts, ends } = this;
    const s = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    const fence = src.slice(s, ends[0]).trimEnd();
    if (fence !== '---' && fence !== '+++') return 0;
    for (let L = 1; L < starts.length; L++) {
      const line = src.slice(starts[L], ends[L]).trimEnd();
      if (line === fence || (fence === '---' && line === '...')) {
        for (let k = 0; k <= L; k++) this.blockLine(k);
        return L + 1;
      }
    }
    return 0;
  }

  private blockLine(L: number): void {
    this.blank(this.starts[L], this.ends[L]);
    this.flags[L] = BLOCK;
  }

  private blank(s: number, e: number): void {
    const out = this.out;
    for (let i = s; i < e; i++) if (out[i] !== 10 && out[i] !== 13) out[i] = 32;
  }

  private skipSpaces(p: number, le: number, max: number): number {
    let k = 0;
    while (p < le && k < max && (this.src.charCodeAt(p) === 32 || this.src.charCodeAt(p) === 9)) p++, k++;
    return p;
  }

  private columns(p: number, q: number): number {
    let col = 0;
    for (let i = p; i < q; i++) col = this.src.charCodeAt(i) === 9 ? col + 4 - (col % 4) : col + 1;
    return col;
  }

  private runLength(p: number, c: number): number {
    let e = p;
    while (e < this.n && this.src.charCodeAt(e) === c) e++;
    return e - p;
  }

  /** A line of one repeated char: `---`/`***`/`___` rules (spaces allowed), or `===`/`---` underlines. */
  private isRuleOf(q: number, le: number, c: number, rule: boolean): boolean {
    let count = 0;
    let gap = false;
    for (let i = q; i < le; i++) {
      const d = this.src.charCodeAt(i);
      if (d === c) {
        // An underline is one unbroken run; a rule may be spaced (`* * *`).
        if (gap && !rule) return false;
        count++;
      } else if (d === 32 || d === 9) gap = true;
      else return false;
    }
    return rule ? count >= 3 : count >= 2;
  }

  private blankClosingHashes(from: number, le: number): void {
    let e = le;
    while (e > from && (this.src.charCodeAt(e - 1) === 32 || this.src.charCodeAt(e - 1) === 9)) e--;
    let h = e;
    while (h > from && this.src.charCodeAt(h - 1) === 35) h--;
    if (h < e && (h === from || this.src.charCodeAt(h - 1) === 32 || this.src.charCodeAt(h - 1) === 9)) this.blank(h, e);
  }

  /** End of `[id]:` / `[^id]:` at a line start, or -1. */
  private definitionEnd(q: number, le: number): number {
    for (let i = q + 1; i < le && i - q < 1000; i++) {
      const c = this.src.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 91) return -1;
      else if (c === 93) return i > q + 1 && this.src.charCodeAt(i + 1) === 58 ? i + 2 : -1;
    }
    return -1;
  }

  /** End of a list marker (with its task box) at `q`, or -1. Inside a paragraph only `1.` or a bullet with text may start a list. */
  private listMarkerEnd(q: number, le: number, interrupting: boolean): number {
    const src = this.src;
    const c = src.charCodeAt(q);
    let e: number;
    if (c === 45 || c === 42 || c === 43 || c === 0x2022) e = q + 1;
    else {
      e = q;
      while (e < le && e - q < 10 && src.charCodeAt(e) >= 48 && src.charCodeAt(e) <= 57) e++;
      const d = src.charCodeAt(e);
      if (e === q || e - q > 9 || (d !== 46 && d !== 41)) return -1;
      if (interrupting && src.slice(q, e) !== '1') return -1;
      e++;
    }
    if (e < le && src.charCodeAt(e) !== 32 && src.charCodeAt(e) !== 9) return -1;
    const body = this.skipSpaces(e, le, Infinity);
    if (interrupting && body >= le) return -1;
    if (src.charCodeAt(body) === 91 && src.charCodeAt(body + 2) === 93 && /[ xX]/.test(src[body + 1] ?? '')) {
      const after = src.charCodeAt(body + 3);
      if (body + 3 >= le || after === 32 || after === 9) return body + 3;
    }
    return e;
  }

  private hasChar(q: number, le: number, ch: number): boolean {
    for (let i = q; i < le; i++) if (this.src.charCodeAt(i) === ch) return true;
    return false;
  }

  /** `|---|:--:|` or `--- | ---`. */
  private isDelimiterRow(q: number, le: number): boolean {
    let dash = false;
    let pipe = false;
    for (let i = q; i < le; i++) {
      const c = this.src.charCodeAt(i);
      if (c === 45) dash = true;
      else if (c === 124) pipe = true;
      else if (c !== 58 && c !== 32 && c !== 9) return false;
    }
    return dash && (pipe || this.src.charCodeAt(q) === 58);
  }

  /** Line index holding offset `pos`, searching forward from `L`. */
  private lineOf(pos: number, L: number): number {
    while (L + 1 < this.starts.length && this.starts[L + 1] <= pos) L++;
    return L;
  }

  /**
   * Blanks inline markup from `from` to the end of line `L`. Comments and code spans may run on into
   * later lines; scanning then finishes the line they end on, whose index is returned.
   */
  private inline(from: number, L: number, pipes: boolean): number {
    const src = this.src;
    let le = this.ends[L];
    let i = from;
    while (i < le) {
      const c = src.charCodeAt(i);
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
            this.openers.push(i);
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
          next = this.bareUrl(i);
          break;
      }
      i = next;
      if (i > le) {
        L = this.lineOf(i, L);
        le = this.ends[L];
      }
    }
    return L;
  }

  /** A backtick run opens a code span only if a run of the same length closes it in the same paragraph. */
  private codeSpan(i: number): number {
    const src = this.src;
    const len = this.runLength(i, 96);
    if (i < (this.noCloserBefore.get(len) ?? -1)) return i + len;
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
    this.noCloserBefore.set(len, j);
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
      this.comments.push([i, end]);
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
    if (this.openers.length < 64) this.openers.push(i);
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
    let j = this.skipSpaces(p + 1, limit, Infinity);
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
    j = this.skipSpaces(j, limit, Infinity);
    const t = src.charCodeAt(j);
    if (t === 34 || t === 39 || t === 40) {
      const end = t === 40 ? 41 : t;
      j++;
      while (j < limit && src.charCodeAt(j) !== end) j++;
      j = this.skipSpaces(j + 1, limit, Infinity);
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
