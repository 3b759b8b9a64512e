/** Shared shapes of the accuracy harness (bench/accuracy.ts). */
import type { CorpusEditFigures } from './corpusEdits';
import type { LooFigures } from './leaveOneOut';

/** The three labels every prediction is reduced to, as ../shared/tools/score.py does. */
export const LABELS = ['supported', 'conflicting', 'unverified'] as const;
export type Label = (typeof LABELS)[number];

/** One labelled claim. `label` is kept as written (supported | conflicting | unverified | none | contested). */
export interface Claim {
  id: string;
  label: string;
  kind: string;
  docs: string[];
  claim: string;
}

/** What a system said about one claim; `verdict` is raw (supported, contested, skipped, …). */
export interface Prediction {
  verdict: string;
  /** undefined when the system gives none (BM25 reference, missing statement). */
  confidence?: number;
  conflictKinds: string[];
  /** evidence sources, best first */
  sources: string[];
  /** true when no statement started on the claim's line */
  missing?: boolean;
}

export interface LabelStats {
  n: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Ratio {
  hits: number;
  n: number;
  /** hits / n, 0 when n is 0 (score.py's convention) */
  value: number;
}

export interface Metrics {
  claims: number;
  /** claims scored 3-way (gold supported | conflicting | unverified) */
  scored: number;
  perLabel: Record<Label, LabelStats>;
  macroF1: number;
  accuracy: number;
  /** of the scored claims called supported, the share gold supported (score.py's precS) */
  precS: Ratio;
  /** of the scored claims called conflicting or contested, the share gold conflicting (precC) */
  precC: Ratio;
  /** of the gold supported + conflicting claims, the share called either (score.py's decided) */
  decided: Ratio;
  kindAccuracy: Ratio;
  evidenceAt1: Ratio;
  evidenceAt5: Ratio;
  /** among scored claims whose statement has confidence ≥ 0.8: the share labelled right; null when there is no confidence */
  calibration: (Ratio & { threshold: number }) | null;
  /** the same, split by the raw verdict (skipped statements carry a confidence too) */
  calibrationByVerdict: Record<string, Ratio>;
  /** gold -> predicted -> count */
  confusion: Record<string, Record<Label, number>>;
  nonClaims: { n: number; flagged: number };
  /** gold contested claims: reported, not scored */
  contestedGold: number;
  /** raw verdict counts over the claims (after the per-line merge) */
  verdicts: Record<string, number>;
  missingStatements: number;
}

export interface SystemResult {
  metrics: Metrics;
  wallMs: number;
  /** CLI only: statements in its output */
  statements?: number;
  /** documents and passages indexed (BM25: sentences as passages) */
  corpus?: { documents: number; passages: number; skipped: number };
}

export interface SetResult {
  name: string;
  status: 'ok' | 'missing' | 'skipped' | 'failed';
  reason?: string;
  /** hash of dist/cli.js when the CLI ran; `warning` when it was rebuilt meanwhile */
  bundle?: string;
  warning?: string;
  claimsFile?: string;
  corpusDir?: string;
  cli?: SystemResult;
  bm25?: SystemResult;
  alwaysSupported?: { accuracy: number; macroF1: number };
  /** the leave-one-out audit set: figures instead of claim metrics */
  leaveOneOut?: LooFigures & { wallMs: number };
  /** one-slot edits of the corpus's sentences: verdict counts per kind of edit */
  corpusEdits?: CorpusEditFigures;
}
