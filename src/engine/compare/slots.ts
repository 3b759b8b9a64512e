import type { Analysis } from '../facts/analysis';
import { conflictingDates, overlappingDates, sameDate } from '../facts/dates';
import type { NameFact } from '../facts/names';
import { exclusiveTitles, extractRoles, postOf, type RoleFact } from '../facts/roles';
import { comparableQuantities, disjointQuantities, expressIn, sameQuantity, type NumberFact } from '../facts/numbers';
import { withinEdits } from '../text/editDistance';
import { ROLE_WORDS } from '../text/lexicon';
import { termOf, type Token } from '../text/tokenize';
import type { ConflictKind } from '../types';
import { type Alignment, type CompareEnv, findNameWord, findTerm, inside, type Match, sameRoot, windowFor } from './align';
import { crossedAttachments } from './attachment';
import { compatible, type NameRun, unmatchedNameRuns } from './nameRuns';
import { countSoFar, partOfWhole } from './quantityScope';
import { substitutedName } from './substitution';
import type { Unit } from './units';

/** A slot where the claim and the passage state different values. Offsets are local to each text. */
export interface SlotConflict {
  kind: ConflictKind;
  claimStart: number;
  claimEnd: number;
  claimed: string;
  source: string;
  sourceStart: number;
  sourceEnd: number;
  /** The claim unit it replaces, when there is one. */
  unit?: number;
  /** Both sides name the same unit of measure ("100 days" / "200 days"): strong evidence of one slot. */
  sameUnit?: boolean;
  /** One person stands for another: a wrong attribution needs the rest to align closely. */
  person?: boolean;
  /** The words around the value read the same on both sides: they pin the slot, whatever the clause looks like. */
  hemmed?: boolean;
}

/** How many shared words ("and his", "of the") may stand between a replaced name and the unit it is read against. */
const MAX_SHARED_GAP = 3;

/**
 * Two role words clash only as titles of one person that cannot both hold: "lawyer" in the claim and
 * "vice president" in a passage about someone else, or "former senator" against "ambassador", do not.
 */
function titlesClash(claim: Analysis, c: Token, passage: Analysis, p: Token): boolean {
  const holding = (a: Analysis, t: Token) => extractRoles(a).filter((r) => t.start >= r.start && t.end <= r.end);
  const ours = holding(claim, c);
  const theirs = holding(passage, p);
  return ours.some((r) => theirs.some((s) => s.person === r.person && exclusiveTitles(r, s)));
}

/**
 * Two surnames that may be one person's: the same term, a spelling the corpus unifies, a place and
 * its adjective, or a transliteration a letter or two apart (Zelensky / Zelenskiy).
 */
function sameSurname(a: string, b: string, env: CompareEnv): boolean {
  if (a === b || sameRoot(a, b) || env.variants(a).includes(b) || env.variants(b).includes(a)) return true;
  return withinEdits(a, b, Math.min(a.length, b.length) >= 7 ? 2 : 1);
}

/** The words of a name the other name does not share (all of them when none is shared). */
function ownWords(words: Token[], other: Token[], env: CompareEnv): Token[] {
  const own = words.filter((w) => !other.some((o) => o.term === w.term || env.variants(w.term).includes(o.term)));
  return own.length ? own : words;
}

const rolesOf = new WeakMap<Analysis, RoleFact[]>();
/** A claim is compared with dozens of passages, and a passage with many claims: read its titles once. */
function rolesIn(a: Analysis): RoleFact[] {
  let roles = rolesOf.get(a);
  if (!roles) {
    roles = extractRoles(a);
    rolesOf.set(a, roles);
  }
  return roles;
}

/**
 * The person a passage gives the very post the claim gives its person ("Kremlin spokesman Dmitry
 * Medvedev" against "Dmitry Peskov, the Kremlin spokesman"): one post held by one person at a time
 * makes them rivals for one slot wherever each name stands, and even when the claim's person is
 * named nearby for something else. Only when the claim's person is not named in the passage (two
 * people mentioned together are both there), the holder is not named in the claim, the surnames
 * cannot be one person's, and the corpus gives the claim's person that title nowhere (two people can
 * hold one post in turn).
 */
function titleHolder(claim: Analysis, passage: Analysis, u: Extract<Unit, { kind: 'name' }>, alignment: Alignment, env: CompareEnv): NameFact | undefined {
  if (u.fact.type !== 'person' && u.fact.type !== 'other') return undefined;
  const surname = u.words[u.words.length - 1].term;
  if (findTerm(surname, alignment.positions, env) >= 0) return undefined;
  const posts = new Set<string>();
  for (const r of rolesIn(claim)) {
    if (r.person !== surname || claim.tokens.some((t) => t.start >= r.start && t.end <= r.end && env.confirmedRole?.(t.index))) continue;
    const post = postOf(claim, r);
    if (post) posts.add(post);
  }
  if (!posts.size) return undefined;
  for (const s of rolesIn(passage)) {
    const post = postOf(passage, s);
    if (!post || !posts.has(post) || alignment.claimTerms.has(s.person) || sameSurname(surname, s.person, env)) continue;
    // The holder is the name the title is attached to: the nearest one ending in the person's surname.
    const distance = (n: NameFact) => Math.max(0, n.start - s.end, s.start - n.end);
    const holder = passage.names
      .filter((n) => (n.type === 'person' || n.type === 'other') && passage.tokens[n.tokens[n.tokens.length - 1]].term === s.person)
      .sort((a, b) => distance(a) - distance(b))[0];
    if (holder) return holder;
  }
  return undefined;
}

/** A number bounded by a comparator ("more than", "under", "at least"), not only hedged ("about"). */
const comparator = (n: NumberFact) => !!n.hedge && n.hedge !== 'about';

/** Where a number's hedge words begin ("fewer than 2 million" begins at "fewer"). */
function hedgeStart(a: Analysis, n: NumberFact): number {
  const first = a.tokens[n.firstToken - (n.hedgeWords ?? 0)];
  return first ? Math.min(first.start, n.start) : n.start;
}

/** Words that join the names of a list: "Lisbon and Porto", "Porto or Faro", "both … and", "as well as". */
const LIST_JOINERS = /^[\s,]*(?:and|or|as well as|&)[\s,]*$/i;

/** Another name stands right before or after the name at token `at`, joined to it as a list. */
function listMate(a: Analysis, at: number): boolean {
  const name = a.names.find((n) => n.tokens.includes(at));
  if (!name) return false;
  return a.names.some((o) => {
    const gap = o.end <= name.start ? a.text.slice(o.end, name.start) : o.start >= name.end ? a.text.slice(name.end, o.start) : undefined;
    return o !== name && gap !== undefined && LIST_JOINERS.test(gap);
  });
}

/**
 * The name unit is one of a list in the claim ("Lisbon and Porto offered to host") whose other name
 * the passage states outside any list of its own ("Lisbon's mayor offered to host talks between Silva
 * and Costa"): the passage names fewer, not others. A passage with its own list ("Faro and Lisbon
 * offered") gives the counterpart, and the slot comparison stands.
 */
function listedWithStated(claim: Analysis, passage: Analysis, units: Unit[], matches: (Match | undefined)[], k: number): boolean {
  const u = units[k];
  for (const j of [k - 1, k + 1]) {
    const v = units[j];
    const m = matches[j];
    if (!v || v.kind !== 'name' || !m) continue;
    const [a, b] = j < k ? [v, u] : [u, v];
    const gap = claim.text.slice(claim.tokens[a.last].end, claim.tokens[b.first].start);
    if (LIST_JOINERS.test(gap)) return !(m.at >= 0 && listMate(passage, m.at));
  }
  return false;
}

/**
 * Numbers, dates, names and roles the claim states differently from the passage: an unmatched
 * claim value with a comparable passage value in the same slot (between the same aligned words).
 */
export function slotConflicts(claim: Analysis, passage: Analysis, alignment: Alignment, env: CompareEnv): SlotConflict[] {
  const { units, matches, positions, claimTerms } = alignment;
  const conflicts: SlotConflict[] = [];
  const usedNumbers = new Set(passage.numbers.filter((p) => claim.numbers.some((c) => sameQuantity(c, p))));
  const usedDates = new Set(passage.dates.filter((p) => claim.dates.some((c) => sameDate(c, p))));
  // A one-word name the passage states twice, the claim once: the occurrence the claim's name did not take stands in a slot of its own.
  const spare = new Set<number>();
  units.forEach((u, k) => {
    const m = matches[k];
    if (u.kind !== 'name' || u.words.length !== 1 || !m || m.at < 0 || units.some((v, j) => j !== k && v.kind === 'name' && v.words.some((w) => w.term === u.words[0].term))) return;
    // Only a name of that one word: in "the Harbour Edition Road" the word is part of another name.
    const alone = (p: number) => passage.names.some((n) => n.tokens.length === 1 && n.tokens[0] === p);
    for (const p of positions.get(u.words[0].term) ?? []) if (p !== m.at && alone(p)) spare.add(p);
  });
  const nameRuns = unmatchedNameRuns(passage, claimTerms, env, spare);
  const dateStated = units.some((d, j) => d.kind === 'date' && matches[j] !== undefined && matches[j]!.at >= 0);
  const tokenAt = (offset: number) => passage.tokens.find((t) => t.start >= offset)?.index ?? 0;

  // Another person holding the claim's person's post in the passage: the name conflict, wherever it stands.
  const holderConflict = (u: Extract<Unit, { kind: 'name' }>, k: number): boolean => {
    const holder = titleHolder(claim, passage, u, alignment, env);
    if (!holder) return false;
    const words = holder.tokens.map((t) => passage.tokens[t]);
    const claimed = ownWords(u.words, words, env);
    const source = ownWords(words, u.words, env);
    const cs = claimed[0].start;
    const ce = claimed[claimed.length - 1].end;
    const ps = source[0].start;
    const pe = source[source.length - 1].end;
    const run = nameRuns.findIndex((r) => r.words.some((w) => holder.tokens.includes(w.index)));
    if (run >= 0) nameRuns.splice(run, 1);
    conflicts.push({ kind: 'name', claimStart: cs, claimEnd: ce, claimed: claim.text.slice(cs, ce), source: passage.text.slice(ps, pe), sourceStart: ps, sourceEnd: pe, unit: k, person: true });
    return true;
  };

  const nameConflict = (u: Extract<Unit, { kind: 'name' }>, k: number, free: Token[], pick: NameRun) => {
    nameRuns.splice(nameRuns.indexOf(pick), 1);
    const cs = free[0].start;
    const ce = free[free.length - 1].end;
    const ps = pick.words[0].start;
    const pe = pick.words[pick.words.length - 1].end;
    conflicts.push({ kind: 'name', claimStart: cs, claimEnd: ce, claimed: claim.text.slice(cs, ce), source: passage.text.slice(ps, pe), sourceStart: ps, sourceEnd: pe, unit: k, person: u.fact.type === 'person' && pick.type === 'person' });
  };

  // A whole name of the passage in the claim's name's place beside something both state: "the
  // Peruvian consul" / "the Chilean consul", "Ana and her fellow workers" / "Rui and his fellow workers"
  // is not, but "Ana and her fellow workers" / "Rui and her fellow workers" is. The words between
  // the name and that unit must be the same on both sides. Every plain word of the claim must be the
  // passage's own, or the passage only names another of a kind ("the Song dynasty").
  const nameBesideSameWord = (u: Extract<Unit, { kind: 'name' }>): NameRun | undefined => {
    if (units.some((x, j) => (x.kind === 'word' || x.kind === 'role') && !(matches[j] && matches[j]!.at >= 0))) return undefined;
    for (const step of [1, -1] as const) {
      for (let gap = 0, c = step === 1 ? u.last + 1 : u.first - 1; gap <= MAX_SHARED_GAP && claim.tokens[c]; gap++, c += step) {
        const j = units.findIndex((x) => x.first <= c && c <= x.last);
        if (j < 0) continue;
        const anchor = units[j];
        const m = matches[j];
        if (!m || m.at < 0 || (step === -1 && anchor.kind !== 'word' && anchor.kind !== 'role' && anchor.kind !== 'name')) break;
        const anchorEdge = step === 1 ? m.at : (passage.names.find((n) => n.tokens.includes(m.at))?.tokens.at(-1) ?? m.at);
        const edge = anchorEdge - step * (gap + 1);
        const run = nameRuns.find((r) => !r.partial && compatible(u.fact.type, r.type) && (step === 1 ? r.words.at(-1)!.index : r.words[0].index) === edge);
        if (!run) break;
        const between = (from: number, k: number) => (step === 1 ? from + 1 + k : from - 1 - k);
        const same = Array.from({ length: gap }, (_, k) => k).every((k) => claim.tokens[between(step === 1 ? u.last : u.first, k)]?.norm === passage.tokens[between(edge, k)]?.norm);
        return same ? run : undefined;
      }
    }
    return undefined;
  };

  units.forEach((u, k) => {
    const m = matches[k];
    // A person named only around the passage may still be the wrong one for the title the passage
    // gives someone else, and a name the neighbours mention may still be replaced in the passage's
    // own words: "the Peruvian consul" against "the Chilean consul", with Peru named a line before.
    if (u.kind === 'name' && m && !m.weak && m.at < 0) {
      if (holderConflict(u, k)) return;
      const pick = nameBesideSameWord(u);
      if (pick) nameConflict(u, k, u.words, pick);
      return;
    }
    // A number or date found only in a neighbouring sentence is checked against the passage's own
    // too: "less than half" is met by a neighbour's "41%" and contradicted by the passage's "56%",
    // "launched in 2012" by a neighbour's 2012 and contradicted by the passage's "launched in 2010".
    if (m && !(u.kind === 'name' && m.weak) && !((u.kind === 'number' || u.kind === 'date') && m.at < 0)) return;
    const window = windowFor(u, alignment, passage.tokens.length);
    if (u.kind === 'number') {
      // A bare number counts whatever the claim goes on to name: it can differ from "a 56-game streak"
      // only if the claim speaks of games at all ("had 2 other names" does not).
      const measuresClaimThing = (p: NumberFact) => !!u.fact.unit || !p.unit || !/^[a-z]+$/.test(p.unit) || alignment.claimTerms.has(termOf(p.unit));
      // A figure with a unit ("85 films", "43 percent") differs only from one with a unit: a bare
      // number beside it ("the 100 Greatest Films list", "1/60 of the mass") counts something else.
      // "The last four years of his reign" measures part of what "a reign of 12 years" measures whole;
      // "within the first two years" and "within the first few months" measure alike.
      const part = partOfWhole(claim, u.fact);
      const undated = claim.dates.length === 0;
      // A tally at a date on one side and an undated figure on the other may be two moments of one count.
      // A tally the claim dates ("as of 2017") is compared only where the passage itself states that date.
      const claimTally = countSoFar(claim, u.fact);
      const tallyApart = (p: NumberFact) => (undated && countSoFar(passage, p)) || (claimTally && !dateStated);
      const measuresAlike = (p: NumberFact) => !!p.unit === !!u.fact.unit && partOfWhole(passage, p) === part && !tallyApart(p);
      const candidates = passage.numbers.filter((p) => !usedNumbers.has(p) && comparableQuantities(u.fact, p) && measuresClaimThing(p) && measuresAlike(p));
      // Among the values in the slot, one counting the same thing comes first, then the nearest.
      const centre = (window[0] + window[1]) / 2;
      const near = candidates
        .filter((p) => inside(p.firstToken, window))
        .sort((a, b) => Number(b.unit === u.fact.unit) - Number(a.unit === u.fact.unit) || Math.abs(a.firstToken - centre) - Math.abs(b.firstToken - centre));
      const pick = near[0] ?? (candidates.length === 1 && u.fact.unit && candidates[0].unit ? candidates[0] : undefined);
      // The value in the slot may be only vaguer than the claim's ("about 40 million" for "38 million"):
      // not stated, but no contradiction either.
      if (!pick || !disjointQuantities(u.fact, pick)) return;
      usedNumbers.add(pick);
      const sameUnit = !!u.fact.unitRaw && !!pick.unitRaw && u.fact.unit === pick.unit;
      // A vague count differs by its unit ("several months" / "several weeks"): replace the whole phrase.
      const whole = u.fact.vague || pick.vague;
      // A comparator is part of the value when either side has one: "fewer than 2 million" against
      // "more than 2 million" differ in nothing else, and "over 40 million" is replaced whole.
      const compared = comparator(u.fact) || comparator(pick);
      const claimStart = compared ? hedgeStart(claim, u.fact) : u.fact.start;
      const claimEnd = whole ? u.fact.end : u.fact.valueEnd;
      const value = whole ? pick.raw : expressIn(pick, u.fact);
      const sourceHedge = compared && pick.hedgeWords ? passage.text.slice(hedgeStart(passage, pick), pick.start) : '';
      conflicts.push({
        kind: 'number',
        claimStart,
        claimEnd,
        claimed: claim.text.slice(claimStart, claimEnd),
        source: sourceHedge + value,
        sourceStart: sourceHedge ? hedgeStart(passage, pick) : pick.start,
        sourceEnd: pick.end,
        unit: k,
        sameUnit,
      });
    } else if (u.kind === 'date') {
      // A passage date that is the claim's stated less precisely ("2014" for "March 2014") is its
      // counterpart: the passage does not say the rest, and another date there is about something else.
      if (passage.dates.some((p) => overlappingDates(u.fact, p))) return;
      const candidates = passage.dates.filter((p) => !usedDates.has(p) && conflictingDates(u.fact, p));
      const near = candidates.filter((p) => inside(tokenAt(p.start), window));
      // Against a date the neighbours state, only one in the claim's own slot of the passage counts.
      const pick = near[0] ?? (candidates.length === 1 && !m ? candidates[0] : undefined);
      if (!pick) return;
      usedDates.add(pick);
      conflicts.push({ kind: 'date', claimStart: u.fact.start, claimEnd: u.fact.end, claimed: u.fact.raw, source: pick.raw, sourceStart: pick.start, sourceEnd: pick.end, unit: k });
    } else if (u.kind === 'name') {
      // One of a list whose other names the passage states ("Lisbon and Porto offered to host" against
      // "Lisbon offered to host talks between Silva and Costa"): the passage names fewer, not others.
      if (listedWithStated(claim, passage, units, matches, k)) return;
      const found = u.words.map((w) => findNameWord(w, passage, positions, env));
      const free = u.words.filter((_, w) => found[w] < 0);
      if (!free.length) return;
      const partial = free.length < u.words.length;
      const shared = found.filter((f) => f >= 0);
      const adjacent = (r: { words: Token[] }) => r.words.some((w) => shared.some((f) => Math.abs(f - w.index) === 1));
      // A wholly different name stands in for another only if the passage's name is not one the claim
      // names elsewhere ("Kyiv proposed" is not contradicted by "Volodymyr" of the claim's Zelensky).
      const candidates = nameRuns
        .filter((r) => compatible(u.fact.type, r.type))
        .filter((r) => (partial ? adjacent(r) : !r.partial && r.words.some((w) => inside(w.index, window))));
      candidates.sort((a, b) => Number(b.type === u.fact.type) - Number(a.type === u.fact.type));
      const pick = candidates[0];
      if (!pick) {
        holderConflict(u, k);
        return;
      }
      nameConflict(u, k, free, pick);
    }
  });

  // A name the claim put in place of the passage's while copying the words around it, whatever kind
  // of thing each was guessed to be.
  units.forEach((u, k) => {
    if (u.kind !== 'name') return;
    const n = substitutedName(claim, passage, alignment, env, k);
    if (!n) return;
    const found = conflicts.find((c) => c.unit === k);
    if (found) {
      if (found.sourceStart >= n.start && found.sourceEnd <= n.end) found.hemmed = true;
      return;
    }
    conflicts.push({ kind: 'name', claimStart: u.fact.start, claimEnd: u.fact.end, claimed: u.fact.raw, source: n.raw, sourceStart: n.start, sourceEnd: n.end, unit: k, person: u.fact.type === 'person' && n.type === 'person', hemmed: true });
  });

  if (!conflicts.length) {
    for (const x of crossedAttachments(claim, passage, alignment, nameRuns, compatible)) {
      const u = units[x.unit] as Extract<Unit, { kind: 'name' | 'date' }>;
      conflicts.push({ kind: x.kind, claimStart: u.fact.start, claimEnd: u.fact.end, claimed: u.fact.raw, source: passage.text.slice(x.start, x.end), sourceStart: x.start, sourceEnd: x.end, unit: x.unit, ...(x.person ? { person: true } : {}) });
    }
  }

  // Roles and titles attached to a person ("Trump's pick for national security adviser").
  if (!conflicts.some((c) => c.kind === 'name')) {
    units.forEach((u, k) => {
      if ((u.kind !== 'word' && u.kind !== 'role') || matches[k] || !ROLE_WORDS.has(u.token.norm)) return;
      const window = windowFor(u, alignment, passage.tokens.length);
      const p = passage.tokens.find((t) => inside(t.index, window) && ROLE_WORDS.has(t.norm) && !claimTerms.has(t.term));
      if (!p || !titlesClash(claim, u.token, passage, p)) return;
      // The whole title on both sides: "defence secretary" against "national security adviser".
      const claimFree = (t: Token | undefined) => !!t && !t.stop && !t.capitalized && !positions.has(t.term);
      const sourceFree = (t: Token | undefined) => !!t && !t.stop && !t.capitalized && !claimTerms.has(t.term);
      let cs = u.token.index;
      while (claimFree(claim.tokens[cs - 1])) cs--;
      let ps = p.index;
      while (sourceFree(passage.tokens[ps - 1])) ps--;
      const from = claim.tokens[cs].start;
      const sourceFrom = passage.tokens[ps].start;
      conflicts.push({ kind: 'role', claimStart: from, claimEnd: u.token.end, claimed: claim.text.slice(from, u.token.end), source: passage.text.slice(sourceFrom, p.end), sourceStart: sourceFrom, sourceEnd: p.end, unit: k });
    });
  }
  return conflicts;
}
