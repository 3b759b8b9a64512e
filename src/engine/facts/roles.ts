import { ROLE_WORDS } from '../text/lexicon';
import type { Token } from '../text/tokenize';
import type { Analysis } from './analysis';
import type { NameFact } from './names';

/** A role or title a sentence gives a named person ("Serbian President", "Trump's pick for national security adviser"). */
export interface RoleFact {
  /** The person's surname term (the last word of the name), the key that joins mentions. */
  person: string;
  /** The role nouns of the phrase, as terms; the last is the head ("spokesman" in "the president's spokesman"). */
  roles: string[];
  /** The office as written ("defence secretary" of "Trump's pick for defence secretary"), and where. */
  raw: string;
  start: number;
  end: number;
  /**
   * How the role is attached. A title or apposition names the office that identifies the person;
   * a copula ("Kellogg is a retired general") may add one more, so only the first two can clash.
   */
  form: 'title' | 'apposition' | 'copula';
}

const MAX_PHRASE = 8;

function gap(a: Analysis, left: Token, right: Token): string {
  return a.text.slice(left.end, right.start);
}

/** Words that introduce a clause, not a role: "Umerov, who led the delegation". */
const CLAUSE_STARTS = new Set(['who', 'which', 'that', 'whose', 'whom', 'where', 'when']);

function phrase(a: Analysis, from: number, to: number, person: NameFact, form: RoleFact['form']): RoleFact | undefined {
  let toks = a.tokens.slice(from, to + 1);
  if (!toks.length || CLAUSE_STARTS.has(toks[0].norm)) return undefined;
  // "though his choice for envoy" → "choice for envoy": leading function words are not the role.
  while (toks.length && toks[0].stop) toks = toks.slice(1);
  if (!toks.length) return undefined;
  // The head of a role phrase is its last role noun before a preposition: "pick for defence
  // SECRETARY", "the Russian president's SPOKESMAN", "editor-in-CHIEF of the Kyiv Independent".
  const cut = toks.findIndex((t, i) => i > 0 && (t.norm === 'of' || t.norm === 'at'));
  const headPart = cut > 0 ? toks.slice(0, cut) : toks;
  const roles = headPart.filter((t) => ROLE_WORDS.has(t.norm)).map((t) => t.term);
  if (!roles.length) return undefined;
  const last = a.tokens[person.tokens[person.tokens.length - 1]];
  // The office itself, what a correction replaces: after "pick for" / "choice for", up to the head.
  const headIndex = headPart.map((t) => ROLE_WORDS.has(t.norm)).lastIndexOf(true);
  const forAt = headPart.slice(0, headIndex).map((t) => t.norm === 'for' || t.norm === 'as').lastIndexOf(true);
  const start = headPart[forAt + 1].start;
  const end = headPart[headIndex].end;
  return { person: last.term, roles, raw: a.text.slice(start, end), start, end, form };
}

/**
 * Finds the roles a sentence attaches to people, in the four shapes news prose uses: a title
 * before the name ("Congressman Mike Waltz"), an apposition after it ("Dmitry Peskov, the
 * Russian president's spokesman,"), one before it ("his choice for envoy, Keith Kellogg"), and a
 * copula ("Kateryna Hodunova is a News Editor").
 */
export function extractRoles(a: Analysis): RoleFact[] {
  const out: RoleFact[] = [];
  for (const name of a.names) {
    if (name.type !== 'person' && name.type !== 'other') continue;
    const first = name.tokens[0];
    const last = name.tokens[name.tokens.length - 1];
    // Title before the name: a run of role words and capitalised modifiers right up to it.
    let k = first - 1;
    let opening = first;
    while (k >= 0 && first - k <= MAX_PHRASE && /^[\s-]*$/.test(gap(a, a.tokens[k], a.tokens[k + 1]))) {
      const t = a.tokens[k];
      if (!(ROLE_WORDS.has(t.norm) || (t.capitalized && !t.stop) || t.norm === 'of' || t.norm === 'and')) break;
      k--;
    }
    if (k + 1 < first && ROLE_WORDS.has(a.tokens[first - 1].norm)) {
      const r = phrase(a, k + 1, first - 1, name, 'title');
      if (r) {
        out.push(r);
        opening = k + 1;
      }
    }
    // Apposition after the name, up to the next comma or the end of the sentence.
    const after = a.tokens[last + 1];
    if (after && /^\s*,\s*$/.test(gap(a, a.tokens[last], after))) {
      let j = last + 1;
      while (j + 1 < a.tokens.length && j - last < MAX_PHRASE && !/[,;:.()]/.test(gap(a, a.tokens[j], a.tokens[j + 1]))) j++;
      const closed = j + 1 >= a.tokens.length || /,/.test(gap(a, a.tokens[j], a.tokens[j + 1]));
      if (closed && !a.tokens.slice(last + 1, j + 1).some((t) => t.term === 'say' || t.norm === 'said')) {
        const r = phrase(a, last + 1, j, name, 'apposition');
        if (r) out.push(r);
      }
    }
    // Apposition before the name: "ROLE PHRASE, Name".
    const before = a.tokens[opening - 1];
    if (before && /^\s*,\s*$/.test(gap(a, before, a.tokens[opening]))) {
      let j = opening - 1;
      while (j - 1 >= 0 && opening - j < MAX_PHRASE && !/[,;:.()]/.test(gap(a, a.tokens[j - 1], a.tokens[j]))) j--;
      const r = phrase(a, j, opening - 1, name, 'apposition');
      if (r) out.push(r);
    }
    // Copula: "Name is a News Editor at …".
    const is = a.tokens[last + 1];
    if (is && (is.norm === 'is' || is.norm === 'was') && /^\s+$/.test(gap(a, a.tokens[last], is))) {
      let j = last + 2;
      while (j < a.tokens.length && j - last <= MAX_PHRASE && !ROLE_WORDS.has(a.tokens[j].norm)) j++;
      if (j < a.tokens.length && ROLE_WORDS.has(a.tokens[j].norm)) {
        let e = j;
        while (e + 1 < a.tokens.length && ROLE_WORDS.has(a.tokens[e + 1].norm)) e++;
        const r = phrase(a, last + 2, e, name, 'copula');
        if (r) out.push(r);
      }
    }
  }
  return out;
}
