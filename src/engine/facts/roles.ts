import { ROLE_WORDS } from '../text/lexicon';
import { termOf, type Token } from '../text/tokenize';
import type { Analysis } from './analysis';
import type { NameFact } from './names';

/** A role or title a sentence gives a named person ("Serbian President", "Trump's pick for national security adviser"). */
export interface RoleFact {
  /** The person's surname term (the last word of the name), the key that joins mentions. */
  person: string;
  /** The first word of a name of two words or more: "Ana Costa" is not "Rui Costa", nor "Henry IV" "Louis IV". */
  given?: string;
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
  /** "former senator", "ex-minister": an office held before, which excludes no office held now. */
  former?: boolean;
  /** Words that say which office: right before the head ("defense secretary") or after its "of" ("secretary of state"). */
  detail?: string[];
  /** The role noun has an "of" complement ("head of communications"): even a vague noun names an office then. */
  complement?: boolean;
  /** An office still to come ("pick for", "nominee", "incoming", "-elect"): held beside any present one. */
  future?: boolean;
}

const MAX_PHRASE = 8;

/** Words that put an office in the past. */
const FORMER = new Set(['former', 'ex', 'then', 'onetime', 'erstwhile', 'previous', 'retired', 'late', 'past']);

/**
 * Words that say how someone came to an office, not which office: "pick for", "nominee for",
 * "incoming", "-elect", "-designate". The office after them is the title itself.
 */
const ROUTE = new Set(['pick', 'nominee', 'choice', 'candidate', 'incoming', 'elect', 'designate', 'designee', 'acting', 'interim', 'outgoing', 'new', 'future', 'prospective', 'nominate']);
/** Route words that put the office in the future: a congressman can be the incoming adviser. */
const FUTURE = new Set(['pick', 'nominee', 'choice', 'candidate', 'incoming', 'elect', 'designate', 'designee', 'future', 'prospective', 'nominate', 'nominated']);
/** An apposition is a noun phrase: a chunk opening with a preposition is an adverbial ("During his address on …, Putin"). */
const ADVERBIAL_OPENERS = new Set(['during', 'after', 'before', 'in', 'on', 'at', 'since', 'following', 'despite', 'with', 'without', 'under', 'over', 'from', 'by', 'amid', 'among', 'against', 'until', 'when', 'while', 'if', 'because', 'as']);

/** Words that make a different office of the same head noun: "vice president" is not "president". */
const RANK = new Set(['vice', 'deputy', 'assistant', 'under', 'associate', 'co', 'lieutenant', 'chief']);

/** Role nouns that say how someone is grouped, not what office they hold. */
const GENERIC = new Set(['member', 'official', 'leader', 'head', 'chief', 'delegate', 'delegation', 'representative', 'officer', 'executive', 'host', 'owner', 'founder', 'cofounder', 'pick', 'nominee', 'candidate', 'choice'].map(termOf));

/** The words of a title besides its role nouns: what tells "secretary of state" from "defense secretary". */
function qualifiers(r: RoleFact): Set<string> {
  return new Set(r.detail ?? []);
}

/**
 * The words next to the head that name the office. In running text a capitalised word beside a
 * lowercase title is a name ("Kremlin spokesman", "White House spokeswoman"); in a title-cased title
 * ("Foreign Minister") it is part of the office, a nationality excepted ("Russian").
 */
function details(toks: Token[], headIndex: number, cut: number, all: Token[]): string[] {
  const out: string[] = [];
  const titleCase = toks[headIndex].capitalized;
  const usable = (t: Token | undefined) =>
    !!t && !t.stop && !t.isNumber && !ROLE_WORDS.has(t.norm) && !ROUTE.has(t.norm) && !RANK.has(t.norm) && !FORMER.has(t.norm) &&
    !(t.capitalized && (!titleCase || /(an|ese|ish)$/.test(t.norm)));
  for (let k = headIndex - 1; k >= Math.max(0, headIndex - 2) && usable(toks[k]); k--) out.push(toks[k].term);
  if (cut > 0) {
    const after = all.slice(cut + 1).find((t) => !t.stop);
    if (usable(after)) out.push(after!.term);
  }
  return out;
}

const RANK_TERMS = new Set([...RANK].map(termOf));
/** The role nouns that name the office: not the vague ones (unless completed, "head of X"), not ranks. */
function office(r: RoleFact): string[] {
  const nouns = r.roles.filter((t) => !RANK_TERMS.has(t));
  return r.complement ? nouns : nouns.filter((t) => !GENERIC.has(t));
}
const rankOf = (r: RoleFact) => r.raw.toLowerCase().split(/[^\p{L}]+/u).filter((w) => RANK.has(w)).sort().join(' ');

/**
 * Two titles given to one person that cannot both hold at the same time: different offices ("secretary
 * of state" / "defense secretary", "prime minister" / "president", "vice president" / "president").
 * Never so when either is a past office ("former senator" and "ambassador"), when either names no
 * particular office ("member", "official", "pick"), or when they are one office in other words ("the
 * White House spokeswoman" / "the president's spokeswoman", "nominee for X" / "X-designate").
 */
export function exclusiveTitles(a: RoleFact, b: RoleFact): boolean {
  if (a.former || b.former) return false;
  // An office to come and one held now go together ("Congressman X, the incoming adviser").
  if (!!a.future !== !!b.future) return false;
  const oa = office(a);
  const ob = office(b);
  if (!oa.length || !ob.length) return false;
  const ha = oa[oa.length - 1];
  const hb = ob[ob.length - 1];
  if (ha !== hb) return !oa.includes(hb) && !ob.includes(ha);
  if (rankOf(a) !== rankOf(b)) return true;
  // The same head noun: different offices only if both say which one, in words that differ.
  const qa = qualifiers(a);
  const qb = qualifiers(b);
  if (!qa.size || !qb.size) return false;
  for (const q of qa) if (qb.has(q)) return false;
  return true;
}

/**
 * Whether a title states the same office as another, so confirms it: the same head noun, not told
 * apart by rank or department, or the head named inside the other title at the same rank.
 */
export function sameTitle(a: RoleFact, b: RoleFact): boolean {
  const oa = office(a);
  const ob = office(b);
  if (!oa.length || !ob.length || rankOf(a) !== rankOf(b)) return false;
  const head = oa[oa.length - 1];
  if (head !== ob[ob.length - 1]) return b.roles.includes(head) && !exclusiveTitles({ ...a, former: false }, { ...b, former: false });
  return !exclusiveTitles({ ...a, former: false }, { ...b, former: false });
}

/** Words before a title that make it one of several such posts ("a Kremlin spokesman", "another adviser"). */
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'any', 'some', 'each', 'every']);

/**
 * The one post a title names, as a key two titles share exactly when they name the same post: its
 * head noun, its rank and every word that says which and whose office it is ("the Russian
 * president's spokesman", "Kremlin spokesman"). Undefined unless the title is one post one person
 * holds now and says whose it is: a copula, a former or coming office, a route to it ("acting",
 * "new"), one of several ("a spokesman"), a vague head, and a title naming no owner ("the
 * spokesman", or "Foreign Minister" — of which government?) could each be held by someone else
 * too, so a different person with that title contradicts nothing.
 */
export function postOf(a: Analysis, r: RoleFact): string | undefined {
  if (r.form === 'copula' || r.former || r.future) return undefined;
  const span = a.tokens.filter((t) => t.start >= r.start && t.end <= r.end);
  if (!span.length || span.some((t) => ROUTE.has(t.norm) || FORMER.has(t.norm))) return undefined;
  const before = a.tokens[span[0].index - 1];
  if (before && INDEFINITE.has(before.norm)) return undefined;
  const offices = office(r);
  const head = offices[offices.length - 1];
  const headToken = head === undefined ? undefined : [...span].reverse().find((t) => t.term === head);
  if (!headToken) return undefined;
  const modifiers = span.filter((t) => t.index < headToken.index && !t.stop);
  // As in `details`: beside a title-cased head a capitalised word is part of the office, a nationality excepted.
  const owners = modifiers.filter((t) => a.names.some((n) => n.tokens.includes(t.index)) && (!headToken.capitalized || /(an|ese|ish)$/.test(t.norm)));
  if (!owners.length) return undefined;
  const words = new Set([...modifiers.filter((t) => !RANK.has(t.norm)).map((t) => t.term), ...(r.detail ?? [])]);
  return [head, rankOf(r), ...[...words].sort()].join(' ');
}

function gap(a: Analysis, left: Token, right: Token): string {
  return a.text.slice(left.end, right.start);
}

/** Words that introduce a clause, not a role: "Umerov, who led the delegation". */
const CLAUSE_STARTS = new Set(['who', 'which', 'that', 'whose', 'whom', 'where', 'when']);

function phrase(a: Analysis, from: number, to: number, person: NameFact, form: RoleFact['form']): RoleFact | undefined {
  let toks = a.tokens.slice(from, to + 1);
  if (!toks.length || CLAUSE_STARTS.has(toks[0].norm)) return undefined;
  if (form === 'apposition' && ADVERBIAL_OPENERS.has(toks[0].norm)) return undefined;
  // "though his choice for envoy" → "choice for envoy": leading function words are not the role.
  while (toks.length && toks[0].stop) toks = toks.slice(1);
  if (!toks.length) return undefined;
  // The head of a role phrase is its last role noun before a preposition: "pick for defence
  // SECRETARY", "the Russian president's SPOKESMAN", "editor-in-CHIEF of the Kyiv Independent".
  const cut = toks.findIndex((t, i) => i > 0 && (t.norm === 'of' || t.norm === 'at'));
  const headPart = cut > 0 ? toks.slice(0, cut) : toks;
  // A role word in a possessive is part of a name ("the Prosecutor's Office"), not a title.
  const roles = headPart.filter((t) => ROLE_WORDS.has(t.norm) && !/^['’]s\b/.test(a.text.slice(t.end, t.end + 3))).map((t) => t.term);
  if (!roles.length) return undefined;
  const last = a.tokens[person.tokens[person.tokens.length - 1]];
  // The office itself, what a correction replaces: after "pick for" / "choice for", up to the head.
  const headIndex = headPart.map((t) => ROLE_WORDS.has(t.norm)).lastIndexOf(true);
  const forAt = headPart.slice(0, headIndex).map((t) => t.norm === 'for' || t.norm === 'as').lastIndexOf(true);
  const start = headPart[forAt + 1].start;
  const end = headPart[headIndex].end;
  // "former" and its kin stand just before the phrase or inside it ("ex-minister", "his former adviser").
  const before = a.tokens.slice(Math.max(0, from - 2), from);
  const former = [...before, ...toks].some((t) => FORMER.has(t.norm));
  const detail = details(headPart, headIndex, cut, toks);
  const future = [...before, ...toks].some((t) => FUTURE.has(t.norm));
  const first = a.tokens[person.tokens[0]];
  const given = first !== last ? { given: first.term } : {};
  return { person: last.term, ...given, roles, raw: a.text.slice(start, end), start, end, form, detail, ...(former ? { former } : {}), ...(future ? { future } : {}), ...(cut > 0 ? { complement: true } : {}) };
}

/** Words that make a chunk a clause, not a noun phrase: "whether Ana Ruiz will be included". */
const CLAUSE_WORDS = new Set(['whether', 'if', 'will', 'would', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'can', 'could']);

/**
 * The chunk before ", Name" can be that name's apposition: a noun phrase with no verb, whose titles
 * name no one else ("whether Harbour President Ana Ruiz will be included, Costa said" titles Ruiz).
 */
function nounPhrase(a: Analysis, from: number, to: number): boolean {
  const toks = a.tokens.slice(from, to + 1);
  if (toks.some((t) => CLAUSE_WORDS.has(t.norm))) return false;
  const lastRole = toks.map((t) => ROLE_WORDS.has(t.norm)).lastIndexOf(true);
  return !a.names.some((n) => (n.type === 'person' || n.type === 'other') && n.tokens[0] > from + lastRole && n.tokens[0] <= to);
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
      const r = nounPhrase(a, j, opening - 1) ? phrase(a, j, opening - 1, name, 'apposition') : undefined;
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
