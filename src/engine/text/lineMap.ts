import type { Position } from '../types';

/**
 * Converts between UTF-16 offsets and line/character positions the way VS Code does:
 * lines end at `\n`, `\r\n` or a lone `\r`, and characters are UTF-16 code units.
 */
export class LineMap {
  readonly lineCount: number;
  private readonly starts: Uint32Array;
  private readonly length: number;
  /** Offset just past each line's content (before its line break), so positions never land inside one. */
  private readonly contentEnds: Uint32Array;

  constructor(text: string) {
    const starts: number[] = [0];
    const ends: number[] = [];
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // indexOf is much faster than a char loop, and most texts use \n alone.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        ends.push(i);
        starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          ends.push(i);
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    ends.push(n);
    this.starts = Uint32Array.from(starts);
    this.contentEnds = Uint32Array.from(ends);
    this.lineCount = starts.length;
    this.length = n;
  }

  positionAt(offset: number): Position {
    const o = clamp(Math.floor(offset), 0, this.length);
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between \r and \n (or on a break) reports the end of the line, as VS Code does.
    const character = Math.min(o, this.contentEnds[lo]) - this.starts[lo];
    return { line: lo, character };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineCount) return this.length;
    const start = this.starts[pos.line];
    const end = this.contentEnds[pos.line];
    return clamp(start + Math.floor(pos.character), start, end);
  }

  /** Offset of the first character of `line` (clamped to the text). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    if (line >= this.lineCount) return this.length;
    return this.starts[line];
  }
}

function clamp(v: number, lo: number, hi: number): number {
  if (!(v >= lo)) return lo; // also catches NaN
  return v > hi ? hi : v;
}
