/**
 * A realistic 2,000-word Markdown draft written from the first generated documents (present in
 * every corpus size): most sentences as the sources state them, some with a fact changed (a number,
 * a name, a month), some unrelated to the corpus (opinions, transitions, facts from elsewhere).
 * Plus one-sentence edits of it, as a writer makes them while the checker runs.
 */
import { splitSentences } from '../../src/engine/text/sentences';
import type { GeneratedDocument } from './corpusGen';
import { chance, GIVEN_NAMES, int, MONTHS, pick, rng, type Rng, seedFor, SURNAMES } from './random';

export interface Draft {
  text: string;
  words: number;
  /** The same draft with one sentence changed, five times over (different sentences). */
  edits: string[];
}

const UNRELATED: ((r: Rng) => string)[] = [
  () => 'In my view, this is the most important question the region faces.',
  () => 'What happens next is anyone’s guess.',
  () => 'That, at least, is the theory.',
  () => 'Readers will have to judge for themselves whether the promises are credible.',
  (r) => `The ${pick(r, SURNAMES)} Institute published ${int(r, 3, 90)} reports on coastal fisheries in ${int(r, 1995, 2024)}.`,
  (r) => `${pick(r, GIVEN_NAMES)} ${pick(r, SURNAMES)}, a spokesperson for the ${pick(r, SURNAMES)} Foundation, said the agency had hired ${int(r, 12, 400)} new inspectors.`,
  (r) => `Local officials said the bridge over the ${pick(r, SURNAMES)} River would reopen in ${pick(r, MONTHS)} ${int(r, 2025, 2028)}.`,
  (r) => `Attendance at the annual book fair in ${pick(r, SURNAMES)} rose to ${int(r, 2, 90)},${int(r, 100, 999)} visitors last year.`,
  (r) => `The city council voted ${int(r, 5, 9)} to ${int(r, 0, 4)} to extend the opening hours of public libraries.`,
  (r) => `${pick(r, GIVEN_NAMES)} ${pick(r, SURNAMES)} has coached the national rowing team since ${int(r, 2001, 2022)}.`,
];

const wordCount = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Changes one fact of a sentence: a number, else a capitalised word inside it, else a month. */
function alterFact(sentence: string, r: Rng): string {
  const numbers = [...sentence.matchAll(/\b\d+\b/g)];
  if (numbers.length) {
    const m = pick(r, numbers);
    const v = Number(m[0]);
    const next = v >= 1900 && v <= 2100 ? v + int(r, 1, 6) : v + int(r, 1, Math.max(2, Math.ceil(v * 0.4)));
    return sentence.slice(0, m.index) + String(next) + sentence.slice(m.index! + m[0].length);
  }
  const month = MONTHS.find((mo) => sentence.includes(mo));
  if (month) return sentence.replace(month, MONTHS[(MONTHS.indexOf(month) + int(r, 1, 11)) % 12]!);
  const names = [...sentence.matchAll(/(?<=\s)[A-Z][a-z]{3,}\b/g)];
  if (names.length) {
    const m = pick(r, names);
    return sentence.slice(0, m.index) + pick(r, SURNAMES) + sentence.slice(m.index! + m[0].length);
  }
  return sentence;
}

/** A light edit of one sentence: a number changed if it has one, else one word added. */
function editSentence(sentence: string): string {
  const m = /\b\d+\b/.exec(sentence);
  if (m) return sentence.slice(0, m.index) + String(Number(m[0]) + 3) + sentence.slice(m.index + m[0].length);
  const firstSpace = sentence.indexOf(' ');
  return `${sentence.slice(0, firstSpace)} reportedly${sentence.slice(firstSpace)}`;
}

function usable(s: string): boolean {
  const n = wordCount(s);
  return n >= 8 && n <= 45 && /[.!?]["”’)]?$/.test(s) && !/[*_`#<>[\]|]/.test(s);
}

export function makeDraft(docs: GeneratedDocument[], targetWords = 2000): Draft {
  const r = rng(seedFor('draft', 0));
  const pool: string[][] = docs.map((d) => d.paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text.trim())).filter(usable));
  const blocks: string[] = [`# Notes on ${docs[0] ? docs[0].text.split('\n')[0]!.split(' ').slice(0, 8).join(' ') : 'the sources'}`];
  /** Verbatim sentences in the draft, by block, for the edits. */
  const verbatim: { block: number; sentence: string }[] = [];
  let words = 0;
  let paragraphs = 0;
  while (words < targetWords) {
    const doc = pool[int(r, 0, pool.length - 1)]!;
    if (doc.length < 4) continue;
    if (paragraphs > 0 && paragraphs % 5 === 0) blocks.push(`## ${pick(r, ['Background', 'What the sources say', 'Reactions', 'Numbers', 'Outlook', 'Context'])}`);
    const start = int(r, 0, doc.length - 4);
    const sentences: string[] = [];
    for (const s of doc.slice(start, start + int(r, 2, 5))) {
      let out = s;
      const roll = r();
      if (roll < 0.2) out = alterFact(s, r);
      else if (roll < 0.35) out = pick(r, UNRELATED)(r);
      else verbatim.push({ block: blocks.length, sentence: s });
      // A little Markdown, as drafts have it.
      if (chance(r, 0.08)) out = out.replace(/(?<=\s)([A-Z][a-z]{3,})\b/, '**$1**');
      else if (chance(r, 0.05)) out = out.replace(/\.$/, ' ([source](https://example.org/story)).');
      sentences.push(out);
      words += wordCount(out);
      if (words >= targetWords) break;
    }
    blocks.push(chance(r, 0.1) ? sentences.map((s) => `- ${s}`).join('\n') : sentences.join(' '));
    paragraphs++;
  }
  const text = `${blocks.join('\n\n')}\n`;
  // Five edits spread over the draft, each changing exactly one sentence once.
  const edits: string[] = [];
  const candidates = verbatim.filter((v) => text.split(v.sentence).length === 2);
  for (let k = 0; k < 5 && candidates.length; k++) {
    const v = candidates[Math.floor(((k + 0.5) * candidates.length) / 5)]!;
    edits.push(text.replace(v.sentence, editSentence(v.sentence)));
  }
  return { text, words: wordCount(text), edits };
}
