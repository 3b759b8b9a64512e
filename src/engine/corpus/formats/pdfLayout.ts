/**
 * Reading order of one PDF page from the positions of its text runs. PDF content streams may draw
 * text in any order, so the order is rebuilt from geometry: runs become lines, and a page whose
 * lines leave a vertical gutter free is read column by column, with full-width rows (titles,
 * figures spanning the page) kept in place between the column bands.
 * Pure geometry: knows nothing of pdf.js, works in points with y growing down the page.
 */

/** A piece of text drawn at one position, already rotated into its reading frame. */
export interface TextRun {
  text: string;
  /** Left end of the baseline. */
  x: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  width: number;
  /** Font size in points (the run's height). */
  size: number;
}

export interface PageLine {
  text: string;
  left: number;
  right: number;
  baseline: number;
  size: number;
  /**
   * Lines with the same flow (numbered per page) follow each other down one column or one stretch
   * of full-width rows; a new flow means the reader's eye jumped to the top of another column.
   */
  flow: number;
  /** The left and right edges of the column the line is in, for indents and short lines. */
  columnLeft: number;
  columnRight: number;
}

interface Row {
  runs: TextRun[];
  baseline: number;
  size: number;
}

/** Runs whose baselines differ by less than this share a line: superscripts stay with their line. */
const SAME_LINE = 0.5;
/** A gap wider than this fraction of the font size between two runs is a word space. */
const WORD_GAP = 0.2;
/** A gutter must be at least this many font sizes wide: wider than any word space of set text. */
const MIN_GUTTER = 0.6;
/** Rows allowed to cross a gutter, as a share of the page's rows (titles, headers, full-width figures). */
const MAX_CROSSING_SHARE = 0.25;
/** Lines a column needs on each side of a gutter before the page counts as multi-column. */
const MIN_COLUMN_ROWS = 3;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Groups runs into rows of similar baseline, top to bottom; inside a row runs stay unsorted. */
function groupRows(runs: TextRun[]): Row[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const run of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(run.y - row.baseline) <= SAME_LINE * Math.max(run.size, row.size)) {
      row.runs.push(run);
      // The dominant (largest) run sets the baseline, so a superscript does not drag it up.
      if (run.size > row.size) {
        row.size = run.size;
        row.baseline = run.y;
      }
    } else {
      rows.push({ runs: [run], baseline: run.y, size: run.size });
    }
  }
  return rows;
}

/** The row's runs left to right joined into text, a space wherever the gap says one was meant. */
function rowText(runs: TextRun[]): string {
  const ordered = [...runs].sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  let previous: TextRun | undefined;
  for (const run of ordered) {
    // Fake bold: the same text drawn twice a fraction of a point apart.
    if (previous && run.text === previous.text && Math.abs(run.x - previous.x) < 0.15 * run.size) continue;
    const gap = run.x - end;
    if (text && gap > WORD_GAP * run.size && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    text += run.text;
    end = Math.max(end, run.x + run.width);
    previous = run;
  }
  return text.replace(/\s+/g, ' ').trim();
}

interface Gutter {
  from: number;
  to: number;
}

/**
 * Vertical bands free of ink in nearly every row, with text on both sides: the gaps between
 * columns. A justified single column never leaves one, as its word spaces do not line up
 * across more than a few rows.
 */
function findGutters(rows: Row[]): Gutter[] {
  if (rows.length < 2 * MIN_COLUMN_ROWS) return [];
  let left = Infinity;
  let right = -Infinity;
  for (const row of rows) {
    for (const run of row.runs) {
      left = Math.min(left, run.x);
      right = Math.max(right, run.x + run.width);
    }
  }
  const width = Math.floor(right - left);
  if (!(width > 0) || width > 20_000) return [];
  const covered = new Uint16Array(width + 1);
  for (const row of rows) {
    const seen = new Uint8Array(width + 1);
    for (const run of row.runs) {
      const from = Math.max(0, Math.floor(run.x - left));
      const to = Math.min(width, Math.ceil(run.x + run.width - left));
      for (let bin = from; bin < to; bin++) seen[bin] = 1;
    }
    for (let bin = 0; bin <= width; bin++) covered[bin] += seen[bin]!;
  }
  const size = median(rows.map((row) => row.size));
  const maxCrossing = Math.floor(rows.length * MAX_CROSSING_SHARE);
  const margin = Math.floor(width * 0.1);
  const gutters: Gutter[] = [];
  let start = -1;
  for (let bin = margin; bin <= width - margin + 1; bin++) {
    const free = bin <= width - margin && covered[bin]! <= maxCrossing;
    if (free && start < 0) start = bin;
    if (!free && start >= 0) {
      const gutter = clearCore(covered, start, bin, left);
      if (gutter.to - gutter.from >= Math.max(3, MIN_GUTTER * size) && hasColumnsBeside(rows, gutter, left)) gutters.push(gutter);
      start = -1;
    }
  }
  return gutters;
}

/**
 * The widest stretch of [from, to) crossed by the fewest rows: the rows allowed to cross a
 * gutter must not let ragged line ends and starts widen a narrow gap into one.
 */
function clearCore(covered: Uint16Array, from: number, to: number, left: number): Gutter {
  let fewest = Infinity;
  for (let bin = from; bin < to; bin++) fewest = Math.min(fewest, covered[bin]!);
  let best = { from: left + from, to: left + from };
  let start = -1;
  for (let bin = from; bin <= to; bin++) {
    const clear = bin < to && covered[bin] === fewest;
    if (clear && start < 0) start = bin;
    if (!clear && start >= 0) {
      if (bin - start > best.to - best.from) best = { from: left + start, to: left + bin };
      start = -1;
    }
  }
  return best;
}

/**
 * Enough lines on both sides; lines to the left that run up to the gutter, as a column's lines
 * do (a table's first column holds short cells, and a table is read row by row); lines to the
 * right that start at one x (justified text's word positions differ from line to line).
 */
function hasColumnsBeside(rows: Row[], gutter: Gutter, pageLeft: number): boolean {
  const ends: number[] = [];
  const starts: number[] = [];
  for (const row of rows) {
    if (crosses(row, gutter)) continue;
    const before = row.runs.filter((run) => run.x + run.width <= gutter.from);
    if (before.length) ends.push(Math.max(...before.map((run) => run.x + run.width)));
    const after = row.runs.filter((run) => run.x >= gutter.to);
    if (after.length) starts.push(Math.min(...after.map((run) => run.x)));
  }
  if (ends.length < MIN_COLUMN_ROWS || starts.length < MIN_COLUMN_ROWS) return false;
  const reach = gutter.from - 0.25 * (gutter.from - pageLeft);
  const first = Math.min(...starts);
  return ends.filter((x) => x >= reach).length >= ends.length * 0.5 && starts.filter((x) => x - first < 1).length >= starts.length * 0.5;
}

function crosses(row: Row, gutter: Gutter): boolean {
  const middle = (gutter.from + gutter.to) / 2;
  return row.runs.some((run) => run.text.trim() && run.x < middle && run.x + run.width > middle);
}

/**
 * Lines of one page in reading order. Whitespace-only runs carry no position worth trusting
 * (producers stretch them across columns), so only runs with visible text are placed.
 */
export function layoutPage(allRuns: TextRun[]): PageLine[] {
  const runs = allRuns.filter((run) => run.text.trim() && Number.isFinite(run.x + run.y + run.width + run.size) && run.size > 0);
  const rows = groupRows(runs);
  const gutters = findGutters(rows);
  const lines: PageLine[] = [];
  let flow = 0;
  let edges = { left: Infinity, right: -Infinity };
  for (const run of runs) edges = { left: Math.min(edges.left, run.x), right: Math.max(edges.right, run.x + run.width) };

  const emitRows = (group: Row[], columnLeft: number, columnRight: number): void => {
    for (const row of group) {
      const text = rowText(row.runs);
      if (!text) continue;
      const left = Math.min(...row.runs.map((run) => run.x));
      const right = Math.max(...row.runs.map((run) => run.x + run.width));
      lines.push({ text, left, right, baseline: row.baseline, size: row.size, flow, columnLeft, columnRight });
    }
  };

  if (!gutters.length) {
    emitRows(rows, edges.left, edges.right);
    return lines;
  }
  const bounds = [edges.left, ...gutters.flatMap((g) => [g.from, g.to]), edges.right];
  const columnOf = (run: TextRun): number => {
    const middle = run.x + run.width / 2;
    let column = 0;
    while (column < gutters.length && middle > (gutters[column]!.from + gutters[column]!.to) / 2) column++;
    return column;
  };
  // Rows between two full-width rows form a band, read one column after the other.
  let band: Row[] = [];
  let spanning: Row[] = [];
  const flushBand = (): void => {
    if (!band.length) return;
    for (let column = 0; column <= gutters.length; column++) {
      const columnRuns = band.flatMap((row) => row.runs.filter((run) => columnOf(run) === column));
      if (!columnRuns.length) continue;
      flow++;
      emitRows(groupRows(columnRuns), bounds[2 * column]!, bounds[2 * column + 1]!);
    }
    band = [];
  };
  const flushSpanning = (): void => {
    if (!spanning.length) return;
    flow++;
    emitRows(spanning, edges.left, edges.right);
    spanning = [];
  };
  for (const row of rows) {
    if (gutters.some((gutter) => crosses(row, gutter))) {
      flushBand();
      spanning.push(row);
    } else {
      flushSpanning();
      band.push(row);
    }
  }
  flushBand();
  flushSpanning();
  return lines;
}
