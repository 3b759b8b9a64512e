/**
 * The figures, computed with ../shared/tools/score.py's arithmetic, and checked to agree with it to
 * the printed digit on the acceptance, Climate-FEVER and dev sets (same dist/cli.js build).
 * Intended differences, none of which changes a figure score.py prints:
 * - calibration is extra (score.py has none);
 * - a ratio over nothing is 0, as score.py prints it (Climate-FEVER has no conflict kinds, so its
 *   kind accuracy reads 0.000), but the harness also prints the count so "0 of 0" is visible.
 */
import { docMatch } from './claims';
import { LABELS, type Claim, type Label, type LabelStats, type Metrics, type Prediction, type Ratio } from './types';

/** Gold `name` conflicts accept any of these predicted kinds (score.py). */
const NAME_KINDS = new Set(['name', 'place', 'org', 'person', 'entity']);
export const CALIBRATION_THRESHOLD = 0.8;

/** The 3-way label of a raw verdict: contested counts as conflicting, skipped (and anything else) as unverified. */
export function threeWay(verdict: string): Label {
  if (verdict === 'supported' || verdict === 'conflicting') return verdict;
  if (verdict === 'contested') return 'conflicting';
  return 'unverified';
}

function ratio(hits: number, n: number): Ratio {
  return { hits, n, value: n ? hits / n : 0 };
}

export function score(claims: Claim[], preds: Prediction[], hasConfidence: boolean): Metrics {
  const confusion: Record<string, Record<Label, number>> = {};
  for (const l of LABELS) confusion[l] = { supported: 0, conflicting: 0, unverified: 0 };
  const verdicts: Record<string, number> = {};
  let kindOk = 0, kindN = 0, ev1 = 0, ev5 = 0, evN = 0, noneBad = 0, noneN = 0, contested = 0;
  let calN = 0, calOk = 0, missing = 0;
  const calBy: Record<string, { hits: number; n: number }> = {};
  claims.forEach((c, i) => {
    const p = preds[i];
    verdicts[p.verdict] = (verdicts[p.verdict] ?? 0) + 1;
    if (p.missing) missing++;
    const v = p.verdict === 'skipped' || p.verdict === 'none' ? 'unverified' : p.verdict;
    if (c.label === 'contested') {
      contested++;
      return;
    }
    if (c.label === 'none') {
      noneN++;
      if (v === 'supported' || v === 'conflicting') noneBad++;
      return;
    }
    const pv = threeWay(v);
    // any other gold label (a typo in a TSV) still counts in the accuracy denominator, as in score.py
    confusion[c.label] ??= { supported: 0, conflicting: 0, unverified: 0 };
    confusion[c.label][pv]++;
    if (hasConfidence && p.confidence !== undefined && p.confidence >= CALIBRATION_THRESHOLD) {
      calN++;
      if (pv === c.label) calOk++;
      const b = (calBy[p.verdict] ??= { hits: 0, n: 0 });
      b.n++;
      if (pv === c.label) b.hits++;
    }
    if (c.label === 'conflicting' && pv === 'conflicting' && c.kind !== '-' && c.kind !== '') {
      kindN++;
      const kinds = new Set(p.conflictKinds);
      if (kinds.has(c.kind) || (c.kind === 'name' && [...kinds].some((k) => NAME_KINDS.has(k)))) kindOk++;
    }
    if ((c.label === 'supported' || c.label === 'conflicting') && c.docs.length) {
      evN++;
      if (p.sources.length && docMatch(p.sources[0], c.docs)) ev1++;
      if (p.sources.slice(0, 5).some((s) => docMatch(s, c.docs))) ev5++;
    }
  });
  const perLabel = {} as Record<Label, LabelStats>;
  const f1s: number[] = [];
  for (const l of LABELS) {
    const tp = confusion[l][l];
    const fp = LABELS.filter((o) => o !== l).reduce((a, o) => a + confusion[o][l], 0);
    const fn = LABELS.filter((o) => o !== l).reduce((a, o) => a + confusion[l][o], 0);
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const n = tp + fn;
    if (n) f1s.push(f1); // labels absent from the gold set do not enter macro-F1
    perLabel[l] = { n, predicted: tp + fp, precision, recall, f1 };
  }
  const total = Object.values(confusion).reduce((a, row) => a + row.supported + row.conflicting + row.unverified, 0);
  const right = LABELS.reduce((a, l) => a + confusion[l][l], 0);
  // score.py's precS/precC: of the claims given that verdict, the share whose gold label it is
  // (gold rows of the three labels only, as score.py sums them: a mistyped gold label is left out).
  const verdictPrecision = (l: Label): Ratio => ratio(confusion[l]?.[l] ?? 0, LABELS.reduce((a, g) => a + confusion[g][l], 0));
  // decided: of the gold supported + conflicting claims, the share given either verdict (any of the two).
  const stanceGold = (['supported', 'conflicting'] as const).map((g) => confusion[g]);
  const decided = ratio(
    stanceGold.reduce((a, row) => a + row.supported + row.conflicting, 0),
    stanceGold.reduce((a, row) => a + row.supported + row.conflicting + row.unverified, 0),
  );
  return {
    claims: claims.length,
    scored: total,
    perLabel,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    accuracy: total ? right / total : 0,
    precS: verdictPrecision('supported'),
    precC: verdictPrecision('conflicting'),
    decided,
    kindAccuracy: ratio(kindOk, kindN),
    evidenceAt1: ratio(ev1, evN),
    evidenceAt5: ratio(ev5, evN),
    calibration: hasConfidence ? { ...ratio(calOk, calN), threshold: CALIBRATION_THRESHOLD } : null,
    calibrationByVerdict: Object.fromEntries(Object.entries(calBy).map(([v, r]) => [v, ratio(r.hits, r.n)])),
    confusion,
    nonClaims: { n: noneN, flagged: noneBad },
    contestedGold: contested,
    verdicts,
    missingStatements: missing,
  };
}
