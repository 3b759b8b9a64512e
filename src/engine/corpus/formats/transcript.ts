import type { PassageLocation } from '../../types';
import { splitSentences } from '../../text/sentences';
import type { LocationAnchor } from './format';
import { decodeEntities } from '../html';

/** One line of a cue's text, markup still in, with the cue's start time. */
export interface CueLine {
  raw: string;
  time: string;
}

/**
 * A stretch of cue text with what it says about its speaker: a name when a label or voice tag
 * names one, null when a marker (">>", a dialogue dash) says someone else speaks without saying
 * who, undefined when the previous speaker goes on.
 */
export interface Segment {
  time: string;
  text: string;
  speaker: string | null | undefined;
}

/** Ruby annotations (pronunciation guides) repeat the words they annotate. */
const RUBY_TEXT = /<rt>[\s\S]*?<\/rt>/gi;
const TAG = /<[^>]*>/g;
/** SubStation overrides that some SubRip exporters leave in: "{\an8}". */
const OVERRIDE = /\{\\[^}]*\}/g;

/** Cue markup removed: tags, inline timestamps, overrides and entities. */
export function stripCueMarkup(text: string): string {
  // Most caption lines are plain words: each replace below would copy them for nothing.
  let out = text;
  if (out.includes('<')) out = out.replace(RUBY_TEXT, '').replace(TAG, '');
  if (out.includes('{')) out = out.replace(OVERRIDE, '');
  if (out.includes('&')) out = decodeEntities(out);
  if (/[\u200e\u200f]/.test(out)) out = out.replace(/[\u200e\u200f]/g, '');
  if (/\s\s|[^\S ]/.test(out)) out = out.replace(/\s+/g, ' ');
  return out.trim();
}

const NAME_WORD = String.raw`[\p{Lu}\d][\p{L}\p{M}\d.'’\-]*`;
const PARTICLES = String.raw`(?:(?:von|van|der|den|de|da|del|della|di|du|la|le|al|bin|ibn|el|ben)\s+)*`;
/** "MAYOR SMITH:", ">> Smith:", "- DR. O'NEIL (through an interpreter):", a label alone on its line. */
const LABEL = new RegExp(String.raw`^(?:(>>+)|[-–—](?=\s))?\s*(${NAME_WORD}(?:\s+${PARTICLES}${NAME_WORD}){0,3})(?:\s*\([^)]{1,40}\))?\s*:(?=\s|$)\s*`, 'u');
/** ">>" (broadcast captions) or a dialogue dash: another person speaks, unnamed. */
const TURN_MARKER = /^(?:>>+|[-–—](?=\s))\s*/;
/**
 * Words that end in a colon at a line's start without naming anyone. Title Case labels are taken
 * only when they repeat or have two words; these are refused even then.
 */
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'update', 'warning', 'caution', 'question', 'answer', 'q', 'a', 'example', 'source', 'sources', 'chapter',
  'part', 'step', 'subtitle', 'subtitles', 'caption', 'captions', 'transcript', 'music', 'applause', 'laughter', 'summary',
  'subject', 're', 'date', 'time', 'location', 'tip', 'important', 'ps', 'p.s.', 'title', 'episode', 'scene', 'fact', 'quote',
  'live', 'breaking', 'breaking news', 'correction', 'disclaimer', 'lyrics', 'chorus', 'verse', 'intro', 'outro', 'editor’s note',
  "editor's note", 'translation', 'also', 'and', 'but', 'so', 'yes', 'no', 'well', 'now', 'look', 'listen', 'remember', 'again',
]);
/** Sound descriptions are not speech: "[applause]", "♪ theme ♪", "(LAUGHTER)", "(laughs)". */
const SOUNDS = /\[[^\]]*\]|♪[^♪]*♪?|[♪♫]+|\((?:[\p{Lu}\d\s.'’,-]{2,60}|[\p{Ll}'’-]+(?:\s[\p{Ll}'’-]+)?)\)/gu;
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>|<\/v\s*>/gi;

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** "MAYOR O'NEIL" → "Mayor O'Neil": capitals all through read as an acronym to the name finder. */
export function displayName(label: string): string {
  const name = label.replace(/\s+/g, ' ').trim();
  if (/\p{Ll}/u.test(name)) return name;
  return name
    .split(' ')
    .map((word) =>
      /^[IVX]+$/.test(word)
        ? word
        : word
            .split('-')
            .map((part) => part.toLowerCase().replace(/^(\p{L})(['’]\p{L})?/u, (_whole, head: string, after: string | undefined) => head.toUpperCase() + (after ? after.toUpperCase() : '')))
            .join('-'),
    )
    .join(' ');
}

/** A label's words as written, for counting and refusing. */
function labelKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** How often each Title Case label opens a line: a real speaker speaks more than once. */
export function countLabels(cues: CueLine[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const lines of cues) {
    for (const line of lines) {
      if (!line.raw.includes(':')) continue;
      const match = LABEL.exec(stripCueMarkup(line.raw.replace(VOICE_TAG, '')));
      if (!match) continue;
      const key = labelKey(match[2]!);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function acceptedLabel(match: RegExpExecArray, counts: Map<string, number>): boolean {
  const name = match[2]!;
  const key = labelKey(name);
  if (letters(name) < 2) return false;
  if (NOT_SPEAKERS.has(key)) return false;
  if (match[1] || !/\p{Ll}/u.test(name)) return true;
  return name.trim().includes(' ') || (counts.get(key) ?? 0) >= 2;
}

function withoutSounds(text: string): string {
  if (!/[[♪♫(]/.test(text)) return text;
  return text.replace(SOUNDS, ' ').replace(/\s+/g, ' ').trim();
}

/** One piece of cue text and the speaker change at its start, if it opens a line. */
function segmentOf(raw: string, time: string, voice: string | undefined, lineStart: boolean, counts: Map<string, number>): Segment {
  let text = stripCueMarkup(raw);
  let speaker: string | null | undefined = voice;
  if (voice === undefined && lineStart) {
    const label = text.includes(':') ? LABEL.exec(text) : null;
    if (label && acceptedLabel(label, counts)) {
      speaker = displayName(label[2]!);
      text = text.slice(label[0].length);
    } else {
      const marker = TURN_MARKER.exec(text);
      if (marker) {
        speaker = null;
        text = text.slice(marker[0].length);
      }
    }
  }
  return { time, text: withoutSounds(text), speaker };
}

/**
 * A cue's lines as speaker segments. A WebVTT voice span ("<v Mayor Smith>") names the speaker of
 * the text it covers; otherwise a label at a line's start does.
 */
export function speakerSegments(lines: CueLine[], counts: Map<string, number>): Segment[] {
  const out: Segment[] = [];
  let voice: string | undefined;
  for (const line of lines) {
    let last = 0;
    let lineStart = true;
    VOICE_TAG.lastIndex = 0;
    for (let tag = VOICE_TAG.exec(line.raw); tag; tag = VOICE_TAG.exec(line.raw)) {
      const before = line.raw.slice(last, tag.index);
      if (stripCueMarkup(before)) {
        out.push(segmentOf(before, line.time, voice, lineStart, counts));
        lineStart = false;
      }
      const named = tag[0].startsWith('</') ? undefined : stripCueMarkup(tag[1] ?? '');
      voice = named ? displayName(named) : undefined;
      // A voice span opening mid-line still starts that speaker's turn.
      if (voice !== undefined) out.push({ time: line.time, text: '', speaker: voice });
      last = tag.index + tag[0].length;
    }
    out.push(segmentOf(line.raw.slice(last), line.time, voice, lineStart, counts));
  }
  return out;
}

interface Piece {
  time: string;
  text: string;
}

interface Turn {
  speaker: string | null;
  pieces: Piece[];
}

const sameSpeaker = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

/** Consecutive segments of one speaker form a turn; a named change or a bare marker starts the next. */
function turnsOf(segments: Segment[]): Turn[] {
  const turns: Turn[] = [];
  let turn: Turn | undefined;
  for (const segment of segments) {
    if (segment.speaker !== undefined && (!turn || !sameSpeaker(segment.speaker, turn.speaker))) {
      turn = { speaker: segment.speaker, pieces: [] };
      turns.push(turn);
    }
    if (!segment.text) continue;
    if (!turn) {
      turn = { speaker: null, pieces: [] };
      turns.push(turn);
    }
    turn.pieces.push({ time: segment.time, text: segment.text });
  }
  return turns.filter((t) => t.pieces.length > 0);
}

/** "we decided..." / "...to close it": the ellipses only say the sentence runs on into the next cue. */
function joinPieces(pieces: Piece[]): { text: string; starts: number[] } {
  const parts: string[] = [];
  const starts: number[] = [];
  let length = 0;
  const ellipsis = /^(\.\.\.|…)\s*/;
  for (const piece of pieces) {
    let part = piece.text;
    const previous = parts[parts.length - 1];
    if (previous !== undefined && (previous.endsWith('...') || previous.endsWith('…')) && ellipsis.test(part)) {
      const trimmed = previous.replace(/\s*(\.\.\.|…)$/, '');
      parts[parts.length - 1] = trimmed;
      length -= previous.length - trimmed.length;
      part = part.replace(ellipsis, '');
    }
    if (parts.length) {
      parts.push(' ');
      length += 1;
    }
    starts.push(length);
    parts.push(part);
    length += part.length;
  }
  return { text: parts.join(''), starts };
}

/** Unpunctuated captions would make one sentence of a whole turn; past this length it is cut at cue ends. */
const LONGEST_SENTENCE = 400;
const PIECE_LENGTH = 200;

/** A sentence of a turn; `cut` when it starts where an overlong one was cut, not at punctuation. */
interface Span {
  start: number;
  end: number;
  cut: boolean;
}

/** Sentence spans of a turn, an overlong one cut where cues begin. */
function sentencesOf(text: string, starts: number[]): Span[] {
  const out: Span[] = [];
  let cue = 0;
  for (const span of splitSentences(text, { softWrap: false })) {
    const end = span.offset + span.length;
    let from = span.offset;
    for (; cue < starts.length && starts[cue]! < end; cue++) {
      const start = starts[cue]!;
      if (span.length <= LONGEST_SENTENCE || start <= from || start - from < PIECE_LENGTH) continue;
      out.push({ start: from, end: from + text.slice(from, start).trimEnd().length, cut: from !== span.offset });
      from = start;
    }
    out.push({ start: from, end, cut: from !== span.offset });
  }
  return out;
}

/**
 * The document parser ends a sentence only before a capital, so a piece cut from unpunctuated
 * captions ("…near pillar 4. so the plan…") must start with one to stay a passage of its own.
 */
function capitalised(sentence: string): string {
  return /^\p{Ll}+\b/u.test(sentence) ? sentence[0]!.toUpperCase() + sentence.slice(1) : sentence;
}

const ENDING = /([.!?…]+)(["”’'»)\]]*)$/;

/**
 * The sentence as evidence of who said it. A statement becomes "…, Smith said.", the way news
 * copy attributes speech: the name stands inside a sentence (so the corpus learns it is a name),
 * in an attribution clause the comparer sets apart from what is said, and beside the words, so a
 * statement giving them to someone else meets Smith as the conflicting name. Questions and
 * exclamations keep their mark: "Smith asked: …?".
 * Returns the text and where the spoken words start in it.
 */
export function attributed(sentence: string, speaker: string | null): { text: string; shift: number } {
  const ending = ENDING.exec(sentence);
  if (speaker === null) return { text: ending ? sentence : `${sentence}.`, shift: 0 };
  if (ending && /[?!]/.test(ending[1]!)) {
    const prefix = `${speaker} ${ending[1]!.includes('?') ? 'asked' : 'said'}: `;
    return { text: prefix + sentence, shift: prefix.length };
  }
  const body = (ending ? sentence.slice(0, ending.index) + ending[2] : sentence).replace(/[\s,;:\-–—]+$/, '');
  return { text: `${body}, ${speaker} said.`, shift: 0 };
}

/**
 * The transcript as text: one paragraph a turn, separated by blank lines, each sentence rendered
 * with its speaker. Every sentence gets an anchor with the time of the cue it starts in; cue starts
 * inside a sentence get one too, in case the document parser cuts the sentence differently.
 */
export function renderTranscript(segments: Segment[]): { text: string; anchors: LocationAnchor[] } {
  const parts: string[] = [];
  const anchors: LocationAnchor[] = [];
  let length = 0;
  const at = (time: string): PassageLocation => ({ time });
  for (const turn of turnsOf(segments)) {
    if (length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    const { text, starts } = joinPieces(turn.pieces);
    // Sentences and cue starts both run forward: one cursor over the cues serves every sentence.
    let cue = 0;
    let opening = true;
    for (const { start, end, cut } of sentencesOf(text, starts)) {
      if (!opening) {
        parts.push(' ');
        length += 1;
      }
      opening = false;
      while (cue + 1 < starts.length && starts[cue + 1]! <= start) cue++;
      const sentence = text.slice(start, end);
      const rendered = attributed(cut ? capitalised(sentence) : sentence, turn.speaker);
      anchors.push({ offset: length, location: at(turn.pieces[cue]!.time) });
      while (cue + 1 < starts.length && starts[cue + 1]! < end) {
        cue++;
        anchors.push({ offset: length + rendered.shift + starts[cue]! - start, location: at(turn.pieces[cue]!.time) });
      }
      parts.push(rendered.text);
      length += rendered.text.length;
    }
  }
  return { text: parts.join(''), anchors };
}
