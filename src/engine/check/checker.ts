import { analyze, type Analysis } from '../facts/analysis';
import { checkRoles } from './roleCheck';
import { compare, type Comparison } from '../compare/compare';
import type { DraftStatement } from '../draft';
import type { CorpusIndex } from '../search/corpusIndex';
import { isContent } from '../compare/units';
import type { Conflict, Evidence, StatementResult } from '../types';
import { skipReason } from './checkWorthiness';
import { decide } from './verdict';
import { explain } from './explain';
import { runSliced, runToEnd, type Steps } from '../util/steps';
import type { TimeSlicer } from '../util/timeSlicer';

/**
 * Candidates read per statement. Measured on all three accuracy sets: 20 gives the same verdicts
 * as 30 on the news sets and slightly better ones on Climate-FEVER (acc 0.413 → 0.414, evidence@5
 * 0.705 → 0.706), for a third less reading; 10 loses evidence. 20 rather than 15 (equal on the
 * sets) leaves room for corpora that repeat a story in many near-identical copies.
 */
const DEFAULT_CANDIDATES = 20;
/** A candidate stating less of the claim than this by itself is not read with its neighbours. */
const WORTH_READING_AROUND = 0.3;
/** How strongly a title the corpus contradicts counts against a statement. */
const ROLE_CONFLICT_SCORE = 0.8;
const MAX_EVIDENCE = 8;
/** Related passages fill the evidence list up to this many, so a reader sees where to look. */
const MIN_EVIDENCE = 5;

interface Scored {
  passage: number;
  /** Position in the search results. */
  rank: number;
  comparison: Comparison;
}

function retrieve(index: CorpusIndex, claim: Analysis, limit: number): number[] {
  const terms: string[] = [];
  for (const t of claim.tokens) {
    if (!isContent(t, claim.tokens[t.index + 1])) continue;
    terms.push(t.term);
    if (t.capitalized) terms.push(...index.nameVariants(t.term));
  }
  return index.searchTerms(terms, limit).map((h) => h.passage.id);
}

/** Checks one statement (already split from a draft) against the corpus. */
export function checkStatement(index: CorpusIndex, statement: DraftStatement, candidates = DEFAULT_CANDIDATES): StatementResult {
  return runToEnd(checkSteps(index, statement, candidates));
}

/**
 * The same check, pausing on `slicer` whenever its slice is used up: a statement's cold check
 * reads dozens of sentences, and on a large corpus that can take longer than an editor should
 * ever be blocked. Throws CancelledError when the slicer's token is cancelled.
 */
export function checkStatementSliced(index: CorpusIndex, statement: DraftStatement, slicer: TimeSlicer, candidates = DEFAULT_CANDIDATES): Promise<StatementResult> {
  return runSliced(checkSteps(index, statement, candidates), slicer);
}

/** The check as steps: it yields after each sentence it reads, where a caller may pause. */
function* checkSteps(index: CorpusIndex, statement: DraftStatement, candidates: number): Steps<StatementResult> {
  const base = { text: statement.text, offset: statement.offset, length: statement.length };
  if (statement.ignored) return { ...base, verdict: 'skipped', confidence: 1, reason: 'ignored by a corroborate comment', conflicts: [], evidence: [] };
  const claim = analyze(statement.masked, index.isProperNoun);
  const reason = skipReason(claim);
  if (reason) return { ...base, verdict: 'skipped', confidence: 0.6, reason, conflicts: [], evidence: [] };
  yield;

  const roles = yield* checkRoles(index, claim);
  yield;
  const confirmed = new Set<number>();
  for (const r of roles) {
    if (r.status !== 'confirmed') continue;
    for (const t of claim.tokens) if (t.start >= r.claim.start && t.end <= r.claim.end) confirmed.add(t.index);
  }
  const env = { idf: (t: string) => index.idf(t), variants: index.nameVariants, confirmedRole: (i: number) => confirmed.has(i) };
  const scored: Scored[] = [];
  const found = retrieve(index, claim, candidates);
  yield;
  for (const [rank, id] of found.entries()) {
    // Most candidates share a word or two and no more: judged on their own sentence, they are only
    // related, and their neighbours need not be read at all.
    const alone = compare(claim, index.analysis(id), [], env);
    yield;
    if (alone.stance === 'related' && alone.directCoverage < WORTH_READING_AROUND) {
      scored.push({ passage: id, rank, comparison: alone });
      continue;
    }
    const near = index.neighbours(id);
    // Read (and cache) the surrounding sentences one at a time, so a pause can fall between them.
    for (const n of [...near, ...index.background(id, near)]) {
      index.analysis(n);
      yield;
    }
    const context = near.map((n) => index.analysis(n));
    const background = index.background(id, near).map((n) => index.analysis(n));
    scored.push({ passage: id, rank, comparison: compare(claim, index.analysis(id), context, env, background) });
  }
  for (const r of roles) {
    if (r.status !== 'contradicted' || r.passage === undefined || !r.source) continue;
    // A wrong title is a conflict wherever the corpus states the right one.
    const comparison: Comparison = {
      stance: 'conflicts',
      coverage: ROLE_CONFLICT_SCORE,
      restCoverage: ROLE_CONFLICT_SCORE,
      directCoverage: ROLE_CONFLICT_SCORE,
      factsMatched: true,
      anchored: true,
      // The role check found the person named with the other title.
      pinsSubject: true,
      score: ROLE_CONFLICT_SCORE,
      conflicts: [{ kind: 'role', claimStart: r.claim.start, claimEnd: r.claim.end, claimed: r.claim.raw, source: r.source.raw, sourceStart: r.source.start, sourceEnd: r.source.end }],
    };
    const same = scored.find((s) => s.passage === r.passage);
    if (same) same.comparison = comparison;
    else scored.push({ passage: r.passage, rank: scored.length, comparison });
  }
  const decision = decide(scored.map((s) => s.comparison));
  // Passages that take a stance come first, strongest first; related ones keep the search's order.
  const contested = decision.verdict === 'contested';
  scored.sort((a, b) => {
    // Weak support is a partial alignment: it keeps the search's order, like a related passage.
    const sa = a.comparison.stance === 'related' || a.comparison.weak ? 0 : 1;
    const sb = b.comparison.stance === 'related' || b.comparison.weak ? 0 : 1;
    if (sa !== sb) return sb - sa;
    // "Contested" is shown by the passage that disagrees: it comes first.
    if (contested && a.comparison.stance !== b.comparison.stance) return a.comparison.stance === 'conflicts' ? -1 : b.comparison.stance === 'conflicts' ? 1 : 0;
    return sa ? b.comparison.score - a.comparison.score : a.rank - b.rank;
  });

  const evidence: Evidence[] = [];
  const docsShown = new Set<number>();
  for (const s of scored) {
    const stance = s.comparison.stance;
    const p = index.passages[s.passage];
    // Related passages point the reader to places to look: one per document is enough.
    if (stance === 'related' && (evidence.length >= MIN_EVIDENCE || s.comparison.coverage < 0.1 || docsShown.has(p.doc))) continue;
    docsShown.add(p.doc);
    if (evidence.length >= MAX_EVIDENCE) break;
    const doc = index.documents[p.doc];
    evidence.push({ passage: p.id, source: doc.path, title: doc.meta.title, ...(doc.meta.label ? { label: doc.meta.label } : {}), line: p.line, ...(p.location ? { location: p.location } : {}), excerpt: p.text, stance, score: round(s.comparison.score) });
  }

  const conflicts: Conflict[] = [];
  const best = scored.find((s) => s.comparison.stance === 'conflicts');
  if (best && (decision.verdict === 'conflicting' || decision.verdict === 'contested')) {
    for (const c of best.comparison.conflicts) {
      // The draft as written at the range (markup included), which is what a fix replaces.
      const claimed = statement.text.slice(c.claimStart, c.claimEnd);
      conflicts.push({ kind: c.kind, claimed, source: c.source, offset: statement.offset + c.claimStart, length: c.claimEnd - c.claimStart, passage: best.passage });
    }
  }
  const strongest = (stance: string) => scored.filter((s) => s.comparison.stance === stance).sort((a, b) => b.comparison.score - a.comparison.score)[0]?.comparison;
  const related = scored.filter((s) => s.comparison.stance === 'related').sort((a, b) => b.comparison.coverage - a.comparison.coverage)[0]?.comparison;
  const why = explain(decision.verdict, conflicts, { supports: strongest('supports'), conflicts: strongest('conflicts'), related });
  return { ...base, verdict: decision.verdict, confidence: round(decision.confidence), conflicts, evidence, ...(why ? { why } : {}) };
}

const round = (x: number) => Math.round(x * 100) / 100;
