/**
 * PDF extraction against poppler's pdftotext, on the fixtures the tests print with Chromium
 * (test/support/pdfFixtures.ts): how far our words agree with its words, and how fast each is.
 *
 *   node --import tsx bench/pdfAgreement.ts [--runs 5] [--keep]
 *
 * Agreement is over words (letters and digits, lower-case, NFKC). Hyphens are deleted and a
 * hyphen at a line end joins the lines' words, on both sides alike, so the two tools' different
 * dehyphenation policies ("pro-Western" vs pdftotext's "proWestern") do not count; the tests
 * check ours. Running heads and feet, which we drop on purpose, are taken out of pdftotext's
 * output too (lines repeated on two or more pages, digits aside).
 * - bag F1: multiset overlap, blind to order;
 * - order F1: longest common subsequence, so columns read in the wrong order cost.
 * Each PDF is also scored against the text it was printed from (the bundled article, or the
 * hyphenation sentences): the ground truth, for us and for pdftotext alike.
 * Throughput: file bytes per second of wall time, the median of the runs; ours is in-process
 * after one warm-up read, the peer's includes starting its process, as using it would. Other
 * load on the machine moves both; compare the two columns of one run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { pdfFormat } from '../src/engine/corpus/formats/pdf';
import { HYPHENATION_EXPECTED, makePdfFixtures } from '../test/support/pdfFixtures';

const TARGET = 0.98;

function words(text: string): string[] {
  const joined = text.normalize('NFKC').replace(/\u00ad/g, '').replace(/[-‐]\s*\n\s*/g, '').replace(/[-‐]/g, '');
  return joined.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function bagF1(ours: string[], theirs: string[]): number {
  const counts = new Map<string, number>();
  for (const word of theirs) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of ours) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  return f1(common, ours.length, theirs.length);
}

/** Longest common subsequence length in O(n·m) time and O(m) memory. */
function lcs(a: string[], b: string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

function f1(common: number, ours: number, theirs: number): number {
  if (!ours || !theirs) return 0;
  const precision = common / ours;
  const recall = common / theirs;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** pdftotext's output without the lines that recur on two or more pages (running heads and feet). */
function withoutRunningLines(text: string): string {
  const pages = text.split('\f').map((page) => page.split('\n'));
  const key = (line: string): string => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const pagesWith = new Map<string, number>();
  for (const page of pages) for (const line of new Set(page.map(key))) if (line) pagesWith.set(line, (pagesWith.get(line) ?? 0) + 1);
  return pages.map((page) => page.filter((line) => (pagesWith.get(key(line)) ?? 0) < 2).join('\n')).join('\n');
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

const orderF1 = (ours: string[], theirs: string[]): number => f1(lcs(ours, theirs), ours.length, theirs.length);

const mbPerSecond = (bytes: number, ms: number): number => bytes / (1024 * 1024) / (ms / 1000);

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : 5;
  const fixtures = await makePdfFixtures();
  const sources = new Map<string, string>([
    ...[...fixtures.articles, fixtures.twoColumns].map(({ pdf, txt }) => [pdf, readFileSync(txt, 'utf8')] as [string, string]),
    [fixtures.hyphenation, HYPHENATION_EXPECTED.join('\n')],
  ]);
  const files = [...sources.keys()];
  const budget = { maxMs: 60_000, maxBytes: 64 * 1024 * 1024 };

  const rows: string[][] = [];
  const totals = { bytes: 0, oursMs: 0, peerMs: 0 };
  const minima = { peer: 1, truth: 1, peerTruth: 1 };
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    await pdfFormat.extract(bytes, { path: file, budget });
    const oursTimes: number[] = [];
    let text = '';
    for (let run = 0; run < runs; run++) {
      const { value, ms } = await timedAsync(async () => pdfFormat.extract(bytes, { path: file, budget }));
      if (!value.ok) throw new Error(`${file}: ${value.reason}`);
      text = value.text;
      oursTimes.push(ms);
    }
    const peerTimes: number[] = [];
    let plain = '';
    for (let run = 0; run < runs; run++) {
      const { value, ms } = timed(() => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
      plain = value;
      peerTimes.push(ms);
    }
    const [oursMs, peerMs] = [median(oursTimes), median(peerTimes)];
    const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const ours = words(text);
    const truth = words(sources.get(file)!);
    const [plainBody, layoutBody] = [words(withoutRunningLines(plain)), words(withoutRunningLines(layout))];
    const scores = {
      bag: bagF1(ours, plainBody),
      peer: orderF1(ours, plainBody),
      layout: orderF1(ours, layoutBody),
      truth: orderF1(ours, truth),
      peerTruth: orderF1(plainBody, truth),
    };
    minima.peer = Math.min(minima.peer, scores.peer);
    minima.truth = Math.min(minima.truth, scores.truth);
    minima.peerTruth = Math.min(minima.peerTruth, scores.peerTruth);
    const pages = (plain.match(/\f/g) ?? []).length;
    totals.bytes += bytes.length;
    totals.oursMs += oursMs;
    totals.peerMs += peerMs;
    rows.push([
      path.basename(file),
      String(pages),
      (bytes.length / 1024).toFixed(0),
      String(ours.length),
      scores.bag.toFixed(3),
      scores.peer.toFixed(3),
      scores.layout.toFixed(3),
      scores.truth.toFixed(3),
      scores.peerTruth.toFixed(3),
      mbPerSecond(bytes.length, oursMs).toFixed(2),
      mbPerSecond(bytes.length, peerMs).toFixed(2),
    ]);
  }
  const header = ['file', 'pages', 'KB', 'words', 'bag F1 vs pdftotext', 'order F1 vs pdftotext', 'vs pdftotext -layout', 'ours vs source', 'pdftotext vs source', 'ours MB/s', 'pdftotext MB/s'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `\nall ${files.length} files, ${(totals.bytes / 1024).toFixed(0)} KB: ours ${mbPerSecond(totals.bytes, totals.oursMs).toFixed(2)} MB/s ` +
      `(${(totals.oursMs / files.length).toFixed(1)} ms a file), pdftotext ${mbPerSecond(totals.bytes, totals.peerMs).toFixed(2)} MB/s ` +
      `(${(totals.peerMs / files.length).toFixed(1)} ms a file, process start included); ${runs} timed runs each`,
  );
  const verdict = (value: number): string => `${value.toFixed(3)} (${value >= TARGET ? 'meets' : 'misses'} the ${TARGET} target)`;
  console.log(`lowest order F1: ours vs pdftotext ${verdict(minima.peer)}; ours vs source ${verdict(minima.truth)}; pdftotext vs source ${minima.peerTruth.toFixed(3)}`);
  if (!process.argv.includes('--keep')) rmSync(fixtures.dir, { recursive: true, force: true });
  else console.log(`fixtures kept in ${fixtures.dir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
