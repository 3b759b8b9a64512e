import type { Analysis } from '../facts/analysis';
import { conflictingDates, sameDate } from '../facts/dates';
import type { NameType } from '../facts/names';
import { comparableQuantities, expressIn, sameQuantity } from '../facts/numbers';
import { ANTONYM_PAIRS, ROLE_WORDS } from '../text/lexicon';
import { termOf, type Token } from '../text/tokenize';
import type { ConflictKind, Stance } from '../types';
import { claimUnits, isContent, type Unit } from './units';
import { compareQuotes } from './quotes';

/** What the comparer needs from the corpus: term rarity and fuzzy name variants. */
export interface CompareEnv {
  idf(term: string): number;
  /** Corpus terms that spell the same name differently (Kyiv → kiev); empty when none. */
  variants(term: string): readonly string[];
}

/** A slot where the claim and the passage state different values. Offsets are local to each text. */
export interface SlotConflict {
  kind: ConflictKind;
  claimStart: number;
  claimEnd: number;
  claimed: string;
  source: string;
  sourceStart: number;
  sourceEnd: number;
}

export interface Comparison {
  stance: Stance;
  /** 0..1: how much of the claim the passage (and its neighbours) state. */
  coverage: number;
  /** 0..1: coverage of the claim outside the conflicting slots. */
  restCoverage: number;
  /** Every number, date, name and quote of the claim is stated by the passage or its neighbours. */
  factsMatched: boolean;
  conflicts: SlotConflict[];
  score: number;
}

/** Thresholds of the stance decision; tuned on the development set, see DESIGN.md. */
export const SUPPORT_COVERAGE = 0.62;
export const CONFLICT_COVERAGE = 0.6;
const CONTEXT_DISCOUNT = 0.75;
/** A supporting passage states a good part of the claim itself, not only through its neighbours. */
const MIN_DIRECT_SUPPORT = 0.45;
/** A contradiction must come from the passage itself; its neighbours only lend it a little. */
const CONFLICT_CONTEXT_DISCOUNT = 0.4;
/** The slots in conflict may not be most of the claim: the rest must carry the alignment. */
const MAX_CONFLICTED_SHARE = 0.5;
const WINDOW = 5;

const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  const ta = termOf(a);
  const tb = termOf(b);
  if (!ANTONYMS.has(ta)) ANTONYMS.set(ta, new Set());
  if (!ANTONYMS.has(tb)) ANTONYMS.set(tb, new Set());
  ANTONYMS.get(ta)!.add(tb);
  ANTONYMS.get(tb)!.add(ta);
}

interface Match {
  /** Token index in the passage, or -1 when the unit matched only a neighbouring sentence. */
  at: number;
  /** The text the unit matched in (the passage or one of its neighbours) and the token there. */
  in: Analysis;
  token: number;
  /** Share of the unit's weight earned: below 1 for a name mentioned only in part. */
  credit: number;
}

function termPositions(a: Analysis): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const t of a.tokens) {
    if (!isContent(t)) continue;
    const list = map.get(t.term);
    if (list) list.push(t.index);
    else map.set(t.term, [t.index]);
  }
  return map;
}

const DEMONYM_ENDINGS = ['n', 'an', 'ian', 'ean', 'ese', 'ish', 'i'];

/** Whether two name terms are a place and its adjective (Crimea/Crimean, Ukraine/Ukrainian, Europe/European). */
export function sameRoot(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  for (const stem of [short, short.replace(/[aeiy]$/, '')]) {
    if (stem.length < 4 || !long.startsWith(stem)) continue;
    if (DEMONYM_ENDINGS.includes(long.slice(stem.length))) return true;
  }
  return false;
}

function findTerm(term: string, positions: Map<string, number[]>, env: CompareEnv): number {
  const direct = positions.get(term);
  if (direct) return direct[0];
  for (const v of env.variants(term)) {
    const p = positions.get(v);
    if (p) return p[0];
  }
  if (/^[a-z]{4,}$/.test(term)) {
    for (const [other, p] of positions) if (sameRoot(term, other)) return p[0];
  }
  return -1;
}

/** Where a unit is stated in an analysed text, or -1. */
function locate(unit: Unit, a: Analysis, positions: Map<string, number[]>, env: CompareEnv): number {
  switch (unit.kind) {
    case 'word':
      return findTerm(unit.token.term, positions, env);
    case 'number': {
      const n = a.numbers.find((p) => sameQuantity(unit.fact, p));
      return n ? n.firstToken : -1;
    }
    case 'date': {
      const d = a.dates.find((p) => sameDate(unit.fact, p));
      return d ? (a.tokens.find((t) => t.start >= d.start)?.index ?? 0) : -1;
    }
    case 'name': {
      let first = -1;
      for (const w of unit.words) {
        const at = findTerm(w.term, positions, env);
        if (at < 0) return -1;
        if (first < 0) first = at;
      }
      return first;
    }
  }
}

/** The passage tokens where the counterpart of an unmatched claim unit is expected. */
function windowFor(unit: Unit, units: Unit[], matches: (Match | undefined)[], passageLength: number): [number, number] {
  let left = -1;
  let right = -1;
  const i = units.indexOf(unit);
  for (let k = i - 1; k >= 0; k--) if (matches[k] && matches[k]!.at >= 0) { left = matches[k]!.at; break; }
  for (let k = i + 1; k < units.length; k++) if (matches[k] && matches[k]!.at >= 0) { right = matches[k]!.at; break; }
  if (left >= 0 && right >= 0 && left < right) return [left + 1, right - 1];
  if (left >= 0 && right >= 0) return [Math.min(left, right) - WINDOW, Math.max(left, right) + WINDOW];
  if (left >= 0) return [left + 1, left + WINDOW];
  if (right >= 0) return [right - WINDOW, right - 1];
  return [0, passageLength - 1];
}

const inside = (k: number, [lo, hi]: [number, number]) => k >= lo && k <= hi;

/** The passage puts another capitalised word right next to the part of the name it shares. */
function replacedPart(words: Token[], found: number[], passage: Analysis): boolean {
  for (let w = 0; w < words.length; w++) {
    if (found[w] >= 0) continue;
    const neighbour = w > 0 && found[w - 1] >= 0 ? found[w - 1] + 1 : w + 1 < words.length && found[w + 1] >= 0 ? found[w + 1] - 1 : -1;
    const t = passage.tokens[neighbour];
    if (t && t.capitalized && !t.stop && !ROLE_WORDS.has(t.norm)) return true;
  }
  return false;
}

/** Maximal runs of capitalised passage words that the claim does not state, with the name type. */
function unmatchedNameRuns(passage: Analysis, claimTerms: Set<string>, env: CompareEnv): { words: Token[]; type: NameType }[] {
  const runs: { words: Token[]; type: NameType }[] = [];
  for (const name of passage.names) {
    const words = name.tokens.map((k) => passage.tokens[k]);
    const free = words.filter((w) => !claimTerms.has(w.term) && !env.variants(w.term).some((v) => claimTerms.has(v)));
    if (free.length === words.length || (free.length > 0 && free.length < words.length)) runs.push({ words: free, type: name.type });
  }
  return runs;
}

/**
 * The conflicting units form one stretch of the claim, joined only by titles, roles and function
 * words ("German Chancellor Olaf Scholz"); two separate stretches differing is another event.
 */
function contiguous(claim: Analysis, units: Unit[], conflicted: Set<number>): boolean {
  const idx = [...conflicted].sort((a, b) => a - b);
  for (let k = 1; k < idx.length; k++) {
    const from = units[idx[k - 1]].last + 1;
    const to = units[idx[k]].first;
    for (let t = from; t < to; t++) {
      const tok = claim.tokens[t];
      if (!tok.stop && !ROLE_WORDS.has(tok.norm)) return false;
    }
  }
  return true;
}

/** Compares one claim with one passage; `context` holds the passage's neighbouring sentences. */
export function compare(claim: Analysis, passage: Analysis, context: Analysis[], env: CompareEnv): Comparison {
  const units = claimUnits(claim, env.idf);
  const positions = termPositions(passage);
  const contextPositions = context.map(termPositions);
  const matches: (Match | undefined)[] = units.map((u) => {
    const at = locate(u, passage, positions, env);
    if (at >= 0) return { at, in: passage, token: at, credit: 1 };
    for (let c = 0; c < context.length; c++) {
      const there = locate(u, context[c], contextPositions[c], env);
      if (there >= 0) return { at: -1, in: context[c], token: there, credit: 1 };
    }
    // A name mentioned in part ("Kateryna" for "Kateryna Hodunova") still names the same person,
    // unless another name stands right where the missing words would be (Kyiv Post / Kyiv Independent).
    if (u.kind === 'name' && u.words.length > 1) {
      const found = u.words.map((w) => findTerm(w.term, positions, env));
      const hit = found.findIndex((f) => f >= 0);
      const share = found.filter((f) => f >= 0).length / found.length;
      if (hit >= 0 && !replacedPart(u.words, found, passage)) return { at: found[hit], in: passage, token: found[hit], credit: share };
    }
    return undefined;
  });

  const total = units.reduce((s, u) => s + u.weight, 0) || 1;
  let got = 0;
  units.forEach((u, k) => {
    const m = matches[k];
    if (m) got += (m.at >= 0 ? u.weight : u.weight * CONTEXT_DISCOUNT) * m.credit;
  });
  const coverage = got / total;
  let direct = 0;
  units.forEach((u, k) => {
    const m = matches[k];
    if (m && m.at >= 0) direct += u.weight * m.credit;
  });
  const directCoverage = direct / total;

  const conflicts: SlotConflict[] = [];
  const conflicted = new Set<number>();
  const claimTerms = new Set(claim.tokens.map((t) => t.term));
  const usedPassageNumbers = new Set(passage.numbers.filter((p) => claim.numbers.some((c) => sameQuantity(c, p))));
  const usedPassageDates = new Set(passage.dates.filter((p) => claim.dates.some((c) => sameDate(c, p))));
  const nameRuns = unmatchedNameRuns(passage, claimTerms, env);
  const tokenAtOffset = (offset: number) => passage.tokens.find((t) => t.start >= offset)?.index ?? 0;

  units.forEach((u, k) => {
    if (matches[k]) return;
    const window = windowFor(u, units, matches, passage.tokens.length);
    if (u.kind === 'number') {
      const candidates = passage.numbers.filter((p) => !usedPassageNumbers.has(p) && comparableQuantities(u.fact, p));
      const near = candidates.filter((p) => inside(p.firstToken, window));
      const pick = near[0] ?? (candidates.length === 1 && u.fact.unit && candidates[0].unit ? candidates[0] : undefined);
      if (pick) {
        conflicts.push({ kind: 'number', claimStart: u.fact.start, claimEnd: u.fact.valueEnd, claimed: u.fact.valueRaw, source: expressIn(pick, u.fact), sourceStart: pick.start, sourceEnd: pick.end });
        conflicted.add(k);
      }
    } else if (u.kind === 'date') {
      const candidates = passage.dates.filter((p) => !usedPassageDates.has(p) && conflictingDates(u.fact, p));
      const near = candidates.filter((p) => inside(tokenAtOffset(p.start), window));
      const pick = near[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
      if (pick) {
        conflicts.push({ kind: 'date', claimStart: u.fact.start, claimEnd: u.fact.end, claimed: u.fact.raw, source: pick.raw, sourceStart: pick.start, sourceEnd: pick.end });
        conflicted.add(k);
      }
    } else if (u.kind === 'name') {
      const found = u.words.map((w) => findTerm(w.term, positions, env));
      const free = u.words.filter((_, w) => found[w] < 0);
      const partial = free.length < u.words.length;
      const shared = found.filter((f) => f >= 0);
      const adjacent = (r: { words: Token[] }) => r.words.some((w) => shared.some((f) => Math.abs(f - w.index) === 1));
      const candidates = nameRuns.filter((r) => (partial ? adjacent(r) : r.words.some((w) => inside(w.index, window))));
      candidates.sort((a, b) => Number(b.type === u.fact.type) - Number(a.type === u.fact.type));
      const pick = candidates[0];
      if (pick && free.length) {
        nameRuns.splice(nameRuns.indexOf(pick), 1);
        const cs = free[0].start;
        const ce = free[free.length - 1].end;
        const ps = pick.words[0].start;
        const pe = pick.words[pick.words.length - 1].end;
        conflicts.push({ kind: 'name', claimStart: cs, claimEnd: ce, claimed: claim.text.slice(cs, ce), source: passage.text.slice(ps, pe), sourceStart: ps, sourceEnd: pe });
        conflicted.add(k);
      }
    }
  });

  // Polarity: a word both texts state, negated in only one of them.
  units.forEach((u, k) => {
    const m = matches[k];
    if (u.kind !== 'word' || !m || conflicts.some((c) => c.kind === 'negation')) return;
    const claimNeg = claim.negated.has(u.token.index);
    const sourceNeg = m.in.negated.has(m.token);
    if (claimNeg === sourceNeg) return;
    // Only a sentence that negates nothing can contradict one that negates this word: when both
    // carry negations, scope guesses are too fragile to call a contradiction.
    const plain = claimNeg ? m.in : claim;
    if (plain.negated.size > 0) return;
    const p = m.in.tokens[m.token];
    const negator = (a: Analysis, idx: number) => {
      for (let j = idx - 1; j >= Math.max(0, idx - 4); j--) if (/^(not|no|never|without|cannot|neither|nor|none)$/.test(a.tokens[j].norm)) return a.tokens[j];
      return undefined;
    };
    const cn = claimNeg ? negator(claim, u.token.index) : undefined;
    const pn = sourceNeg ? negator(m.in, m.token) : undefined;
    const cs = cn ? cn.start : u.token.start;
    const ps = pn ? pn.start : p.start;
    // Offsets into a neighbouring sentence would not point into this passage; keep the value only.
    const local = m.in === passage;
    conflicts.push({ kind: 'negation', claimStart: cs, claimEnd: u.token.end, claimed: claim.text.slice(cs, u.token.end), source: m.in.text.slice(ps, p.end), sourceStart: local ? ps : 0, sourceEnd: local ? p.end : 0 });
    conflicted.add(k);
  });

  // Opposite verbs (welcomed / criticised) in the same slot.
  units.forEach((u, k) => {
    if (u.kind !== 'word' || matches[k] || conflicted.has(k)) return;
    const opposite = ANTONYMS.get(u.token.term);
    if (!opposite) return;
    const p = passage.tokens.find((t) => opposite.has(t.term) && !passage.negated.has(t.index) && !claimTerms.has(t.term));
    if (!p) return;
    conflicts.push({ kind: 'negation', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end });
    conflicted.add(k);
  });

  // Roles and titles attached to a person ("Trump's pick for national security adviser").
  if (!conflicts.some((c) => c.kind === 'name')) {
    units.forEach((u, k) => {
      if (u.kind !== 'word' || matches[k] || conflicted.has(k) || !ROLE_WORDS.has(u.token.norm)) return;
      const window = windowFor(u, units, matches, passage.tokens.length);
      const p = passage.tokens.find((t) => inside(t.index, window) && ROLE_WORDS.has(t.norm) && !claimTerms.has(t.term));
      if (!p) return;
      conflicts.push({ kind: 'role', claimStart: u.token.start, claimEnd: u.token.end, claimed: u.token.raw, source: p.raw, sourceStart: p.start, sourceEnd: p.end });
      conflicted.add(k);
    });
  }

  const quote = compareQuotes(claim, passage, context);
  if (quote.conflict) {
    const q = quote.conflict;
    conflicts.push(q);
    units.forEach((u, k) => {
      if (u.kind === 'word' && !matches[k] && u.token.start >= q.claimStart && u.token.end <= q.claimEnd) conflicted.add(k);
    });
  }

  let restTotal = 0;
  let restGot = 0;
  units.forEach((u, k) => {
    if (conflicted.has(k)) return;
    restTotal += u.weight;
    const m = matches[k];
    if (m) restGot += (m.at >= 0 ? u.weight : u.weight * CONFLICT_CONTEXT_DISCOUNT) * m.credit;
  });
  const restCoverage = restTotal ? restGot / restTotal : 0;
  const factsMatched = units.every((u, k) => u.kind === 'word' || matches[k]) && quote.allFound;
  // The rest of the statement must align: every name outside the conflicting slots is stated.
  const namesAlign = units.every((u, k) => u.kind !== 'name' || matches[k] || conflicted.has(k));

  let stance: Stance = 'related';
  let score = coverage * 0.5;
  // One slot differs while the rest aligns; names and roles often change together ("German
  // Chancellor Olaf Scholz"), other kinds differing at once mean a different event altogether.
  const kinds = new Set(conflicts.map((c) => (c.kind === 'role' ? 'name' : c.kind)));
  const oneSlot = kinds.size === 1 && restTotal >= (1 - MAX_CONFLICTED_SHARE) * total && contiguous(claim, units, conflicted);
  if (conflicts.length && oneSlot && namesAlign && restCoverage >= CONFLICT_COVERAGE) {
    stance = 'conflicts';
    score = restCoverage;
  } else if (!conflicts.length && factsMatched && coverage >= SUPPORT_COVERAGE && directCoverage >= MIN_DIRECT_SUPPORT) {
    stance = 'supports';
    score = coverage;
  }
  return { stance, coverage, restCoverage, factsMatched, conflicts: stance === 'conflicts' ? conflicts : [], score };
}
