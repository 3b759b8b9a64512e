import type { Analysis } from '../facts/analysis';
import { ROLE_WORDS } from '../text/lexicon';
import type { Match } from './align';
import type { Unit } from './units';

// What a source need not repeat for its passage to state a claim: the titles of people it names,
// the organisation a title belongs to, and the larger place a place is in.

/**
 * The title in front of a person's name ("Harbour Authority Chief Ana Ruiz", "Governor-elect Rui
 * Costa") when the passage names the person without it: who the person is, not what the
 * statement says of them. Titles are checked against the whole corpus on their own (roleCheck.ts),
 * so a passage that leaves one out is not missing part of the statement. Returns the units of
 * unstated titles: role words, the names that qualify them, and the word joined to one by a hyphen.
 */
export function titlesOfNamedPeople(claim: Analysis, units: Unit[], matches: (Match | undefined)[]): Set<number> {
  const out = new Set<number>();
  const joined = (a: number, b: number) => claim.text.slice(claim.tokens[a].end, claim.tokens[b].start) === '-';
  units.forEach((p, k) => {
    if (p.kind !== 'name' || p.fact.type !== 'person' || !matches[k] || matches[k]!.at < 0) return;
    const run: number[] = [];
    let next = p.first;
    for (let j = k - 1; j >= 0; j--) {
      const u = units[j];
      // A title the passage states, or the corpus confirms for the person, still links the run.
      if ((matches[j] && u.kind !== 'role') || u.last + 1 !== next) break;
      const before = units[j - 1];
      // "President-elect": the word hyphened to the title after or before it.
      const hyphened = u.kind === 'word' && (joined(u.last, next) || (before?.kind === 'role' && joined(before.last, u.first)));
      const titleWord = u.kind === 'role' || (u.kind === 'word' && ROLE_WORDS.has(u.token.norm));
      if (!titleWord && !(u.kind === 'name' && u.fact.type !== 'person') && !hyphened) break;
      run.push(j);
      next = u.first;
    }
    if (run.some((j) => units[j].kind === 'role')) for (const j of run) if (!matches[j]) out.add(j);
  });
  return out;
}

/**
 * A name that only qualifies the title of a person the passage names with that title ("Harbour
 * Authority" in "Harbour Authority spokeswoman Ingrid Dahl", against "Ingrid Dahl, the
 * spokeswoman"): the passage
 * says who the person is, so leaving the organisation out is no missing fact. Only right before a matched title that comes right before the matched
 * person's name, and only when the passage's title names nothing of its own ("the City Council
 * spokeswoman" is another title, not the same one in other words).
 */
export function titleModifier(units: Unit[], matches: (Match | undefined)[], k: number): boolean {
  const name = units[k];
  const title = units[k + 1];
  const person = units[k + 2];
  if (name?.kind !== 'name' || title?.kind !== 'role' || person?.kind !== 'name') return false;
  if (person.fact.type !== 'person' || !matches[k + 1] || !matches[k + 2] || matches[k + 2]!.at < 0 || matches[k + 1]!.at < 0) return false;
  if (name.last + 1 !== title.token.index || title.token.index + 1 !== person.first) return false;
  const { in: passage, at } = matches[k + 1]!;
  // Name types cannot tell a title in other words ("the mayor's spokeswoman" for "City Hall
  // spokeswoman") from another organisation's: any name qualifying the passage's title blocks.
  const personAt = matches[k + 2]!.at;
  const qualifiers = passage.names.filter((n) => !n.tokens.includes(personAt) && n.tokens.some((t) => t < at && t >= at - TITLE_QUALIFIER_SPAN));
  return qualifiers.length === 0;
}

/** How far before a title its qualifying names stand: "the City Hall press spokeswoman". */
const TITLE_QUALIFIER_SPAN = 4;

/**
 * The larger place after a place the passage states, set off by a comma ("Porto, Portugal",
 * "Lima, Peru"): where the place is, which a source naming the place need not repeat.
 */
export function largerPlace(claim: Analysis, units: Unit[], matches: (Match | undefined)[], k: number): boolean {
  const u = units[k];
  const place = units[k - 1];
  if (u.kind !== 'name' || u.fact.type !== 'place' || matches[k] || place?.kind !== 'name' || place.fact.type !== 'place' || !matches[k - 1]) return false;
  return /^,\s$/.test(claim.text.slice(place.fact.end, u.fact.start));
}
