import { PERSON_TITLES, ROLE_WORDS } from '../text/lexicon';
import type { Token } from '../text/tokenize';

export type NameType = 'person' | 'place' | 'org' | 'group' | 'other';

/** A proper name: a run of capitalised words, split off from the titles and roles before it. */
export interface NameFact {
  type: NameType;
  start: number;
  end: number;
  raw: string;
  /** Token indexes of the name's words (connectors like "of" excluded). */
  tokens: number[];
}

const CONNECTORS = new Set(['of', 'de', 'da', 'del', 'der', 'van', 'von', 'al', 'bin', 'la', 'le', 'du', 'for']);
const ORG_WORDS = new Set(
  ('post times news journal independent ministry council university office department agency party court committee ' +
    'commission bank group institute foundation association union organization organisation company corp inc ' +
    'ltd research academy assembly parliament congress senate army navy force forces police service services ' +
    'broadcasting network press media tribune herald gazette guardian telegraph daily weekly review ' +
    'centre center federation alliance club team fund board authority administration government').split(/\s+/),
);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'across', 'into', 'outside', 'inside']);
const DEMONYM = /(?:ian|ean|ish|ese|ern|ic|i|an)$/;

/** Decides whether a capitalised word at the start of a sentence is a name or just capitalised. */
export type ProperNounOracle = (norm: string) => boolean | undefined;

/** "No. 3", "Nos. 4 and 5": the abbreviation of "number" before a figure is no name. */
function numberSign(text: string, t: Token, next: Token | undefined): boolean {
  return (t.norm === 'no' || t.norm === 'nos') && !!next?.isNumber && /^\.\s*$/.test(text.slice(t.end, next.start));
}

function isSentenceStart(text: string, t: Token, tokens: Token[]): boolean {
  const prev = tokens[t.index - 1];
  if (!prev) return true;
  const between = text.slice(prev.end, t.start);
  return /[.!?:]\s*["“'‘(]*\s*$/.test(between) || /\n\s*\n/.test(between) || /^\s*["“‘]\s*$/.test(between);
}

function classify(words: Token[], before: Token | undefined, after: Token | undefined, titled: boolean): NameType {
  const norms = words.map((w) => w.norm);
  if (norms.some((n) => ORG_WORDS.has(n))) return 'org';
  if (words.length === 1 && /^\p{Lu}{2,}$/u.test(words[0].raw)) return 'org';
  if (titled) return 'person';
  // "Waltz said": whoever speaks is a person, even named by surname alone.
  if (after && (after.term === 'say' || after.norm === 'said') && !DEMONYM.test(norms[norms.length - 1])) return 'person';
  if (words.length === 1 && DEMONYM.test(norms[0]) && after && (!after.capitalized || ROLE_WORDS.has(after.norm) || PERSON_TITLES.has(after.norm))) return 'group';
  if (before && PLACE_PREPOSITIONS.has(before.norm)) return 'place';
  if (words.length >= 2 && after && (after.term === 'say' || after.norm === 'said')) return 'person';
  if (words.length >= 2 && words.length <= 3) return 'person';
  return 'other';
}

/**
 * Finds proper names. A capitalised first word of a sentence counts only when the oracle (the
 * corpus's own capitalisation statistics) says it is a name, or another capitalised word follows.
 */
export function extractNames(text: string, tokens: Token[], isProperNoun?: ProperNounOracle, taken?: Set<number>): NameFact[] {
  const names: NameFact[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t.capitalized || t.isNumber || t.stop || taken?.has(i) || numberSign(text, t, tokens[i + 1])) {
      i++;
      continue;
    }
    // Titles and roles ("President", "Prime Minister") are kept apart from the name they introduce.
    if (ROLE_WORDS.has(t.norm) || PERSON_TITLES.has(t.norm)) {
      i++;
      continue;
    }
    const words: Token[] = [t];
    let j = i + 1;
    while (j < tokens.length) {
      const n = tokens[j];
      const gap = text.slice(tokens[j - 1].end, n.start);
      if (!/^[ \t]?$/.test(gap) && gap !== '-' && gap !== ' - ') break;
      if (n.capitalized && !n.isNumber && !n.stop && !ROLE_WORDS.has(n.norm) && !PERSON_TITLES.has(n.norm)) {
        words.push(n);
        j++;
      } else if (CONNECTORS.has(n.norm) && tokens[j + 1]?.capitalized && !tokens[j + 1].stop && /^[ \t]$/.test(text.slice(n.end, tokens[j + 1].start))) {
        j++;
      } else break;
    }
    const last = words[words.length - 1];
    const first = words[0];
    if (words.length === 1 && isSentenceStart(text, first, tokens)) {
      const verdict = isProperNoun?.(first.norm);
      const next = tokens[first.index + 1];
      const beforeName = !!next && next.capitalized && !next.stop && /^[ \t]$/.test(text.slice(first.end, next.start));
      if (!verdict && !beforeName && !/^\p{Lu}{2,}$/u.test(first.raw)) {
        i = j;
        continue;
      }
    }
    const before = tokens[first.index - 1];
    const titled = !!before && (PERSON_TITLES.has(before.norm) || ROLE_WORDS.has(before.norm)) && before.capitalized;
    let type = classify(words, before, tokens[last.index + 1], titled);
    // "Porto, Portugal", "Lima, Peru": a name right after a place and its comma is the larger place.
    const previous = names[names.length - 1];
    if (type === 'other' && previous?.type === 'place' && before && previous.end === before.end && /^,\s$/.test(text.slice(previous.end, first.start))) type = 'place';
    names.push({
      type,
      start: first.start,
      end: last.end,
      raw: text.slice(first.start, last.end),
      tokens: words.map((w) => w.index),
    });
    i = j;
  }
  return names;
}
