/**
 * One-slot edits of the corpus's own sentences, checked against the corpus: each sentence as it
 * stands must come back supported, and each edit must not. An edit changes a number, day, year,
 * month or weekday, adds or removes "not", swaps a word for its opposite or for another of a class
 * whose members exclude each other ("left"/"right", "son"/"daughter"), or swaps a person, place or
 * body for another the same document names. The edits are made by rule from whatever sentences
 * the corpus holds, so the figures speak for edits nobody chose by hand. Runs the engine
 * in-process, like the leave-one-out audit.
 */
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { checkText, CorpusIndex } from '../../src/engine';
import { ANTONYM_PAIRS } from '../../src/engine/text/lexicon';
import { EXCLUSIVE_CLASSES } from '../../src/engine/compare/relational';

export type EditKind = 'original' | 'number' | 'day' | 'year' | 'month' | 'weekday' | 'negation-added' | 'negation-removed' | 'opposite-word' | 'exclusive-word' | 'name';

/** A name as the engine reads it: its words and whether it is a person, place or body. */
export interface NamedThing {
  raw: string;
  type: string;
}

export interface SentenceEdit {
  kind: EditKind;
  text: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Sentences shorter than this say too little to edit one slot of; longer ones are lists or run-ons. */
const MIN_WORDS = 6;
const MAX_WORDS = 45;

/** Regular forms of each word of the opposites table, mapped to the same form of its opposite. */
const OPPOSITE_FORMS = new Map<string, string>();
const pastOf = (w: string) => (w.endsWith('e') ? `${w}d` : `${w}ed`);
for (const [a, b] of ANTONYM_PAIRS) {
  for (const [x, y] of [[a, b], [b, a]]) {
    for (const [fx, fy] of [[x, y], [`${x}s`, `${y}s`], [pastOf(x), pastOf(y)]]) if (!OPPOSITE_FORMS.has(fx)) OPPOSITE_FORMS.set(fx, fy);
  }
}

const wordRe = (w: string) => new RegExp(`\\b${w}\\b`);

const MONTH_WORD = `\\b(?:${MONTHS.join('|')}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?`;
const MONTH_BEFORE = new RegExp(`${MONTH_WORD}\\s*$`);
const MONTH_AFTER = new RegExp(`^\\s+${MONTH_WORD}`);

/** A figure that is no year (1000–2099) and no day of a month, raised by half (or by 3 when small), written as the sentence writes it. */
function changedNumber(s: string): string | undefined {
  for (const m of s.matchAll(/(?<![\w.,$€£])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,.]*\d)(?!-)/g)) {
    const end = m.index! + m[1].length;
    if (/^(1\d|20)\d\d$/.test(m[1]) || MONTH_BEFORE.test(s.slice(0, m.index)) || MONTH_AFTER.test(s.slice(end))) continue;
    const v = Number(m[1].replaceAll(',', ''));
    const w = v < 10 ? v + 3 : Math.round(v * 1.5);
    const written = m[1].includes(',') ? w.toLocaleString('en-US') : String(w);
    return s.slice(0, m.index) + written + s.slice(m.index! + m[1].length);
  }
  return undefined;
}

/** The day of a month moved on a week ("March 4" → "March 11", "4 March" → "11 March"), staying within the month. */
function changedDay(s: string): string | undefined {
  const after = new RegExp(`(${MONTH_WORD}\\s*)(\\d{1,2})\\b`).exec(s);
  const before = new RegExp(`()\\b(\\d{1,2})(?=\\s+${MONTH_WORD})`).exec(s);
  const m = [after, before].filter((x) => x !== null).sort((a, b) => a!.index - b!.index)[0];
  if (!m) return undefined;
  const day = Number(m[2]);
  const moved = day <= 21 ? day + 7 : day - 7;
  return s.slice(0, m.index) + m[1] + String(moved) + s.slice(m.index + m[0].length);
}

const SWAPPABLE = new Set(['person', 'place', 'org']);
const wordsOf = (raw: string) => new Set(raw.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));

/**
 * The sentence's first person, place or body replaced by another of the same kind that its document
 * names elsewhere (the first such in `others`), sharing no word with it: the swap a careless writer makes.
 */
function swappedName(s: string, names: NamedThing[], others: NamedThing[]): string | undefined {
  for (const n of names) {
    if (!SWAPPABLE.has(n.type) || !s.includes(n.raw)) continue;
    const own = wordsOf(n.raw);
    const other = others.find((o) => o.type === n.type && ![...wordsOf(o.raw)].some((w) => own.has(w) || wordsOf(s).has(w)));
    if (other) return s.replace(n.raw, other.raw);
  }
  return undefined;
}

/** The sentence with its first lower-case word that `swap` has a replacement for replaced. */
function firstWordSwapped(s: string, swap: (word: string) => string | undefined): string | undefined {
  for (const m of s.matchAll(/\b[a-z]+\b/g)) {
    const other = swap(m[0]);
    if (other) return s.slice(0, m.index) + other + s.slice(m.index! + m[0].length);
  }
  return undefined;
}

/**
 * The edits of one sentence, its unedited self first. `names` are the sentence's own names and
 * `others` the names its document uses, most used first; without them no name is swapped.
 */
export function sentenceEdits(sentence: string, names: NamedThing[] = [], others: NamedThing[] = []): SentenceEdit[] {
  const s = sentence.replace(/\s+/g, ' ').trim();
  const words = s.split(' ').length;
  if (words < MIN_WORDS || words > MAX_WORDS) return [];
  const out: SentenceEdit[] = [{ kind: 'original', text: s }];
  const add = (kind: EditKind, text: string | undefined) => {
    if (text && text !== s) out.push({ kind, text });
  };
  add('number', changedNumber(s));
  add('day', changedDay(s));
  const year = /\b(1\d|20)\d\d\b/.exec(s);
  if (year) add('year', s.replace(year[0], String(Number(year[0]) + 2)));
  const month = MONTHS.find((m) => wordRe(m).test(s));
  if (month) add('month', s.replace(wordRe(month), MONTHS[(MONTHS.indexOf(month) + 3) % 12]));
  const day = WEEKDAYS.find((d) => wordRe(d).test(s));
  if (day) add('weekday', s.replace(wordRe(day), WEEKDAYS[(WEEKDAYS.indexOf(day) + 2) % 7]));
  const not = /\b(is|was|are|were|will|would|has|have|had|can|could|does|did) not\b/.exec(s);
  if (not) add('negation-removed', s.replace(not[0], not[1]));
  else if (!/\b(not|never|no)\b|n['’]t\b/i.test(s)) {
    const aux = /\b(is|was|are|were|will|would|has|have|had|can|could)\b/.exec(s);
    if (aux) add('negation-added', s.slice(0, aux.index) + `${aux[1]} not` + s.slice(aux.index + aux[1].length));
  }
  add('opposite-word', firstWordSwapped(s, (w) => OPPOSITE_FORMS.get(w)));
  add('exclusive-word', firstWordSwapped(s, (w) => {
    const cls = EXCLUSIVE_CLASSES.find((c) => c.words.includes(w));
    // A time relative to the day of writing moves only later: an earlier one may be the same day seen later.
    return cls && (cls.relative ? cls.words[cls.words.indexOf(w) + 1] : cls.words[(cls.words.indexOf(w) + 1) % cls.words.length]);
  }));
  add('name', swappedName(s, names, others));
  return out;
}

export interface EditOutcome {
  kind: EditKind;
  text: string;
  verdict: string;
}

export interface CorpusEditFigures {
  sentences: number;
  /** kind -> verdict -> count */
  byKind: Record<string, Record<string, number>>;
  /** edits (not originals) called supported, for reading */
  supportedEdits: string[];
  wallMs: number;
}

export async function runCorpusEdits(corpusDir: string): Promise<CorpusEditFigures> {
  const t0 = performance.now();
  const index = await CorpusIndex.build(await loadCorpus([corpusDir]));
  const byKind: Record<string, Record<string, number>> = {};
  const supportedEdits: string[] = [];
  let sentences = 0;
  const names = documentNames(index);
  for (const p of index.passages) {
    const edits = sentenceEdits(p.text, index.analysis(p.id).names, names.get(p.doc) ?? []);
    if (edits.length) sentences++;
    for (const e of edits) {
      const results = checkText(index, e.text, { format: 'plaintext' });
      // An edit the splitter cuts in two is no longer one statement: not counted.
      if (results.length !== 1) continue;
      const verdict = results[0].verdict === 'contested' ? 'conflicting' : results[0].verdict;
      const tally = (byKind[e.kind] ??= {});
      tally[verdict] = (tally[verdict] ?? 0) + 1;
      if (e.kind !== 'original' && verdict === 'supported') supportedEdits.push(`${e.kind}: ${e.text}`);
    }
  }
  return { sentences, byKind, supportedEdits, wallMs: performance.now() - t0 };
}

/** Each document's names, most used first (ties in order of first use). */
export function documentNames(index: CorpusIndex): Map<number, NamedThing[]> {
  const counts = new Map<number, Map<string, { thing: NamedThing; n: number }>>();
  for (const p of index.passages) {
    const doc = counts.get(p.doc) ?? counts.set(p.doc, new Map()).get(p.doc)!;
    for (const n of index.analysis(p.id).names) {
      const seen = doc.get(n.raw) ?? doc.set(n.raw, { thing: { raw: n.raw, type: n.type }, n: 0 }).get(n.raw)!;
      seen.n++;
    }
  }
  const out = new Map<number, NamedThing[]>();
  for (const [doc, m] of counts) out.set(doc, [...m.values()].sort((a, b) => b.n - a.n).map((x) => x.thing));
  return out;
}

/** Edits in all, edits flagged conflicting, edits called supported; originals supported. */
export function editTotals(f: CorpusEditFigures) {
  let edits = 0, conflicting = 0, supported = 0;
  for (const [kind, tally] of Object.entries(f.byKind)) {
    if (kind === 'original') continue;
    for (const [v, n] of Object.entries(tally)) {
      edits += n;
      if (v === 'conflicting') conflicting += n;
      if (v === 'supported') supported += n;
    }
  }
  const o = f.byKind.original ?? {};
  const originals = Object.values(o).reduce((a, b) => a + b, 0);
  return { edits, conflicting, supported, originals, originalsSupported: o.supported ?? 0 };
}
