import { InlineMasker, MaskBuffer } from './markdownInline';
import { LINE_END, LINE_START } from './sentences';

export interface MaskResult {
  /** Same length as the input; markup replaced by spaces, every line break kept. */
  masked: string;
  /** Per-line block structure for `splitSentences` (undefined: let it guess from the text). */
  lineFlags: Uint8Array | undefined;
  /** [start, end) of every HTML comment, in order, so directives inside code are not mistaken for real ones. */
  comments: Array<[number, number]>;
}

const BLOCK = LINE_START | LINE_END;
/** The title of a link reference definition, on a line of its own. */
const LINK_TITLE = /^(?:"[^"]*"|'[^']*'|\([^()]*\))[ \t]*$/;

/**
 * Blanks markdown markup in one pass over the lines. It is a pragmatic subset of CommonMark/GFM:
 * enough that the sentence splitter sees prose only, never a rendering-exact parser.
 */
export function maskMarkdownBlocks(text: string): MaskResult {
  return new Masker(text).run();
}

class Masker {
  private readonly src: string;
  private readonly b: MaskBuffer;
  private readonly inl: InlineMasker;
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly flags: Uint8Array;

  constructor(src: string) {
    this.src = src;
    this.b = new MaskBuffer(src);
    this.inl = new InlineMasker(this.b);
    this.starts = this.b.starts;
    this.ends = this.b.ends;
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
    let prevDef = false;
    // Inside a footnote definition: its indented continuation lines (and lazy ones) are the note too.
    let footnote = false;
    // After a link reference definition, whose title may sit alone on the next line.
    let linkDef = false;
    for (let L = this.frontMatter(); L < starts.length; L++) {
      const ls = starts[L];
      const le = ends[L];
      // A BOM is no content: `\uFEFF# Title` is still a heading.
      let p = L === 0 && src.charCodeAt(0) === 0xfeff ? 1 : ls;
      let quoted = false;
      for (;;) {
        const q = this.b.skipSpaces(p, le, 3);
        if (q >= le || src.charCodeAt(q) !== 62) break;
        this.b.blank(q, q + 1);
        quoted = true;
        p = q + 1;
      }
      const q = this.b.skipSpaces(p, le);
      if (fence) {
        const run = this.b.runLength(q, fence.ch);
        if (run >= fence.len && this.b.skipSpaces(q + run, le) >= le) fence = null;
        this.blockLine(L);
        continue;
      }
      if (q >= le) {
        this.flags[L] = BLOCK;
        prevBlank = true;
        paraOpen = inTable = linkDef = false;
        this.inl.endParagraph();
        continue;
      }
      const indent = this.columns(p, q);
      const c = src.charCodeAt(q);
      if (footnote) {
        if (indent >= 4 || (!prevBlank && c !== 91 && !this.startsBlock(q, le))) {
          this.blockLine(L);
          prevBlank = false;
          continue;
        }
        footnote = false;
      }
      if (linkDef) {
        linkDef = false;
        if (LINK_TITLE.test(src.slice(q, le))) {
          this.blockLine(L);
          prevBlank = false;
          continue;
        }
      }
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
      const afterDef = prevDef;
      prevDef = false;
      if ((indent < 4 || inList) && (c === 96 || c === 126)) {
        const len = this.b.runLength(q, c);
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
        const h = this.b.runLength(q, 35);
        if (h <= 6 && (q + h >= le || src.charCodeAt(q + h) === 32 || src.charCodeAt(q + h) === 9)) {
          this.b.blank(q, q + h);
          this.blankClosingHashes(q + h, le);
          this.flags[L] = BLOCK;
          paraOpen = inList = false;
          L = this.inl.inline(q + h, L, false);
          continue;
        }
      }
      if (c === 91 && (!paraOpen || afterDef)) {
        const def = this.definitionEnd(q, le);
        if (def > 0) {
          prevDef = true;
          // A footnote is a citation or an aside, never a statement of the draft: the whole note goes.
          footnote = src.charCodeAt(q + 1) === 94;
          linkDef = !footnote;
          paraOpen = false;
          this.blockLine(L);
          continue;
        }
      }
      const item = this.listMarkerEnd(q, le, paraOpen && !inList);
      if (item > 0) {
        this.b.blank(q, item);
        this.flags[L] = LINE_START;
        inList = paraOpen = true;
        L = this.inl.inline(item, L, false);
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
      if (inTable || c === 124 || (this.isDelimiterLine(L + 1) && this.hasChar(q, le, 124))) {
        inTable = true;
        paraOpen = false;
        this.flags[L] = BLOCK;
        L = this.inl.inline(q, L, true);
        continue;
      }
      if (quoteChange) this.flags[L] |= LINE_START;
      paraOpen = true;
      L = this.inl.inline(q, L, false);
    }
    return { masked: this.b.toString(), lineFlags: this.flags, comments: this.b.comments };
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
    this.b.blank(this.starts[L], this.ends[L]);
    this.flags[L] = BLOCK;
  }

  private columns(p: number, q: number): number {
    let col = 0;
    for (let i = p; i < q; i++) col = this.src.charCodeAt(i) === 9 ? col + 4 - (col % 4) : col + 1;
    return col;
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
    if (h < e && (h === from || this.src.charCodeAt(h - 1) === 32 || this.src.charCodeAt(h - 1) === 9)) this.b.blank(h, e);
  }

  /** A line that opens a block of its own, so it cannot lazily continue a footnote: heading, fence, quote, list, table. */
  private startsBlock(q: number, le: number): boolean {
    const c = this.src.charCodeAt(q);
    return c === 35 || c === 96 || c === 126 || c === 62 || c === 124 || this.listMarkerEnd(q, le, false) > 0;
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

  /**
   * End of a list marker (with its task box) at `q`, or -1. Inside a paragraph only `1.` or a bullet
   * with text may start a list, so a wrapped line opening with `2020. The` stays prose.
   */
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
    const body = this.b.skipSpaces(e, le);
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

  private isDelimiterLine(L: number): boolean {
    if (L >= this.starts.length) return false;
    return this.isDelimiterRow(this.b.skipSpaces(this.starts[L], this.ends[L]), this.ends[L]);
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
}
