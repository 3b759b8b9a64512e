import { throwIfCancelled } from '../../types';
import { decodeText } from '../decode';
import type { ExtractContext, ExtractResult, SourceFormat } from './format';
import { countLabels, renderTranscript, speakerSegments, stripCueMarkup, type CueLine, type Segment } from './transcript';

/** One timed cue: when it starts and its text lines, tags still in. */
export interface Cue {
  /** "HH:MM:SS.mmm" */
  time: string;
  lines: string[];
}

/**
 * "00:01:02,500 --> …" (SubRip) or "01:02.500 --> … align:start" (WebVTT, hours optional). A
 * missing fraction is tolerated: hand-made files drop it, and the second is what a reader needs.
 */
const TIMING = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*-->\s*(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?(?:\s|$)/;
/** WebVTT blocks that hold no spoken text. */
const NON_CUE_BLOCK = /^(NOTE|STYLE|REGION)(\s|$)/;
const CUE_NUMBER = /^\s*\d+\s*$/;
/** Cues between checks of the clock and the cancellation token: parsing is linear and fast. */
const CHECK_EVERY = 2000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function cueTime(match: RegExpExecArray): string {
  const [, hours, minutes, seconds, fraction] = match;
  // A fraction is a decimal: ",5" is half a second, not 5 ms.
  const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return `${pad(Number(hours ?? 0), 2)}:${pad(Number(minutes), 2)}:${pad(Number(seconds), 2)}.${pad(millis, 3)}`;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim()) return lines[i];
  return undefined;
}

export interface ParsedCues {
  cues: Cue[];
  /** Text after "WEBVTT" on the header line ("WEBVTT - Council meeting"). */
  title?: string;
}

/**
 * Reads SubRip and WebVTT alike, line by line: a timing line opens a cue, a blank line closes it.
 * Cue numbers and identifiers before a timing line are dropped; NOTE, STYLE and REGION blocks are
 * skipped. Text after a stray blank line inside a cue (common in hand-edited SubRip files) stays
 * with the cue before it rather than being lost.
 */
export function parseCues(text: string): ParsedCues {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cues: Cue[] = [];
  let title: string | undefined;
  let i = 0;
  if (/^WEBVTT(\s|$)/.test(lines[0] ?? '')) {
    title = lines[0]!.slice(6).replace(/^[\s\-–—:]+/, '').trim() || undefined;
    // Header lines ("Kind: captions", "Language: en") run up to the first blank line.
    while (i < lines.length && lines[i]!.trim()) i++;
  }
  let current: Cue | undefined;
  let skipping = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      current = undefined;
      skipping = false;
      continue;
    }
    if (skipping) continue;
    const timing = TIMING.exec(line);
    if (timing) {
      // Cues written without a blank line between them: the previous cue's last line was this one's number.
      if (current && current.lines.length > 1 && CUE_NUMBER.test(current.lines[current.lines.length - 1]!)) current.lines.pop();
      current = { time: cueTime(timing), lines: [] };
      cues.push(current);
      continue;
    }
    if (current) {
      current.lines.push(line);
      continue;
    }
    if (NON_CUE_BLOCK.test(line)) {
      skipping = true;
      continue;
    }
    const next = nextNonBlank(lines, i + 1);
    const identifiesNextCue = next !== undefined && lines[i + 1] === next && TIMING.test(next);
    if (identifiesNextCue || CUE_NUMBER.test(line)) continue;
    const last = cues[cues.length - 1];
    if (last) {
      last.lines.push(line);
      current = last;
    }
  }
  return { cues, ...(title ? { title } : {}) };
}

/** How many of `current`'s first lines are the last lines of `previous`, in order. */
function repeatedPrefix(previous: string[], current: string[]): number {
  for (let m = Math.min(previous.length, current.length); m > 0; m--) {
    let same = true;
    for (let j = 0; j < m && same; j++) same = current[j] === previous[previous.length - m + j] && current[j] !== '';
    if (same) return m;
  }
  return 0;
}

/**
 * Rolling captions (live and automatic ones) repeat the previous cue's last line as their first
 * line; read twice, every sentence would be indexed twice and joined to itself.
 */
function withoutRepeats(cues: Cue[]): CueLine[][] {
  const out: CueLine[][] = [];
  let previous: string[] = [];
  for (const cue of cues) {
    const cleaned = cue.lines.map(stripCueMarkup);
    const from = repeatedPrefix(previous, cleaned);
    const lines = cue.lines.slice(from).map((raw) => ({ raw, time: cue.time }));
    if (lines.length) out.push(lines);
    previous = cleaned;
  }
  return out;
}

/** Minimum share of the budget's bytes the rendered text may take (two bytes a UTF-16 unit). */
function tooLarge(text: string, maxBytes: number): boolean {
  return text.length * 2 > maxBytes;
}

export function extractTranscript(bytes: Uint8Array, context: ExtractContext): ExtractResult {
  const started = Date.now();
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const { cues, title } = parseCues(decoded.text);
  if (!cues.length) return { ok: false, reason: 'no subtitle cues found (no "00:00:01,000 --> 00:00:04,000" timing lines)' };
  const lines = withoutRepeats(cues);
  const counts = countLabels(lines);
  const segments: Segment[] = [];
  for (let k = 0; k < lines.length; k++) {
    if (k % CHECK_EVERY === 0) {
      throwIfCancelled(context.token);
      if (Date.now() - started > context.budget.maxMs) return { ok: false, reason: `transcript took longer than ${context.budget.maxMs} ms to read` };
    }
    for (const segment of speakerSegments(lines[k]!, counts)) segments.push(segment);
  }
  const rendered = renderTranscript(segments);
  if (!rendered.text.trim()) return { ok: false, reason: 'subtitle cues hold no text' };
  if (tooLarge(rendered.text, context.budget.maxBytes)) return { ok: false, reason: 'transcript text exceeds the extraction size limit' };
  return { ok: true, text: rendered.text, kind: 'text', anchors: rendered.anchors, ...(title ? { meta: { title } } : {}) };
}

/**
 * Subtitles and transcripts. "binary": the indexed text is the cues joined into sentences with
 * their speakers, not the file's own lines, so passages are shown in the extracted view.
 */
export const subtitlesFormat: SourceFormat = {
  name: 'subtitles',
  extensions: ['.srt', '.vtt'],
  binary: true,
  extract: extractTranscript,
};
