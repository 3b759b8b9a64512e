/**
 * Makers of SubRip and WebVTT files for the transcript tests and the throughput bench. Every cue
 * text comes from the caller (invented sentences or the bundled corpus articles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface FixtureCue {
  /** Seconds from the start. */
  start: number;
  end: number;
  /** Cue text; lines separated by "\n". */
  text: string;
  /** A WebVTT cue identifier or a SubRip number to write instead of the running count. */
  id?: string;
}

/** "01:02:03,450" (SubRip) or "01:02:03.450" (WebVTT); `hourless` writes "02:03.450". */
export function timestamp(seconds: number, separator: ',' | '.', hourless = false): string {
  const millis = Math.round(seconds * 1000);
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor(millis / 60_000) % 60;
  const s = Math.floor(millis / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const tail = `${pad(m)}:${pad(s)}${separator}${pad(millis % 1000, 3)}`;
  return hourless && h === 0 ? tail : `${pad(h)}:${tail}`;
}

export interface SrtOptions {
  bom?: boolean;
  crlf?: boolean;
}

export function srt(cues: FixtureCue[], options: SrtOptions = {}): string {
  const body = cues.map((c, k) => `${c.id ?? k + 1}\n${timestamp(c.start, ',')} --> ${timestamp(c.end, ',')}\n${c.text}\n`).join('\n');
  const text = options.crlf ? body.replace(/\n/g, '\r\n') : body;
  return options.bom ? `\uFEFF${text}` : text;
}

export interface VttOptions extends SrtOptions {
  /** Text after "WEBVTT" on the first line. */
  title?: string;
  /** Blocks written between the header and the first cue ("NOTE …", "STYLE …", "REGION …"). */
  blocks?: string[];
  hourless?: boolean;
  /** Cue settings after the timing ("align:start position:10%"). */
  settings?: string;
}

export function vtt(cues: FixtureCue[], options: VttOptions = {}): string {
  const head = [`WEBVTT${options.title ? ` - ${options.title}` : ''}`, 'Kind: captions', 'Language: en', ''];
  const blocks = (options.blocks ?? []).map((b) => `${b}\n`);
  const settings = options.settings ? ` ${options.settings}` : '';
  const body = cues.map((c) => `${c.id ? `${c.id}\n` : ''}${timestamp(c.start, '.', options.hourless)} --> ${timestamp(c.end, '.', options.hourless)}${settings}\n${c.text}\n`);
  const text = [...head, ...blocks, ...body].join('\n');
  const out = options.crlf ? text.replace(/\n/g, '\r\n') : text;
  return options.bom ? `\uFEFF${out}` : out;
}

export interface Turn {
  speaker: string;
  sentences: string[];
}

export type LabelStyle = 'colon' | 'chevrons' | 'voice';

/**
 * An interview as cues: each sentence one cue of `seconds`, the speaker named on the first cue of
 * each turn: "SMITH: …" (colon), ">> SMITH: …" (broadcast chevrons) or "<v Smith>…" on every cue (voice).
 */
export function interviewCues(turns: Turn[], style: LabelStyle, seconds = 4): FixtureCue[] {
  const cues: FixtureCue[] = [];
  let at = 0;
  for (const turn of turns) {
    turn.sentences.forEach((sentence, k) => {
      const label = style === 'voice' ? `<v ${turn.speaker}>` : k > 0 ? '' : style === 'chevrons' ? `>> ${turn.speaker.toUpperCase()}: ` : `${turn.speaker.toUpperCase()}: `;
      cues.push({ start: at, end: at + seconds - 0.5, text: label + sentence });
      at += seconds;
    });
  }
  return cues;
}

/** The bundled articles' paragraphs, a sentence-ish piece at a time, for bulk inputs. */
export function corpusSentences(): string[] {
  const folder = path.join(__dirname, '..', '..', 'corpus');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => readFileSync(path.join(folder, name), 'utf8').split(/(?<=[.!?])\s+|\n+/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 4);
}

/**
 * A transcript of about `bytes` from the corpus articles: two-line cues of a few words each, a
 * speaker change every dozen cues, tags sprinkled in as real caption files have them.
 */
export function bulkTranscript(bytes: number, format: 'srt' | 'vtt'): string {
  const sentences = corpusSentences();
  const speakers = ['Anna Petrova', 'Tom Reyes', 'Moderator'];
  const cues: FixtureCue[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const words = sentences[k % sentences.length]!.split(/\s+/);
    for (let w = 0; w < words.length && size < bytes; w += 8) {
      const piece = words.slice(w, w + 8);
      const n = cues.length;
      const label = n % 12 === 0 ? (format === 'vtt' ? `<v ${speakers[(n / 12) % 3]}>` : `${speakers[(n / 12) % 3]!.toUpperCase()}: `) : '';
      const text = `${label}${piece.slice(0, 4).join(' ')}\n${n % 5 === 0 ? '<i>' : ''}${piece.slice(4).join(' ')}${n % 5 === 0 ? '</i>' : ''}`;
      cues.push({ start: n * 2.5, end: n * 2.5 + 2.4, text });
      size += text.length + 40;
    }
  }
  return format === 'srt' ? srt(cues) : vtt(cues);
}
