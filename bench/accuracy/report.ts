/** Printing a set's figures: the CLI and the BM25 reference side by side, and the one-line summary. */
import { editTotals } from './corpusEdits';
import { LABELS, type Metrics, type Ratio, type SetResult } from './types';

const f3 = (x: number): string => x.toFixed(3);
const ratioText = (r: Ratio): string => `${f3(r.value)} (${r.hits}/${r.n})`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function row(label: string, a: string, b: string): string {
  return `  ${label.padEnd(22)}${a.padEnd(34)}${b}`;
}

function labelCells(m: Metrics, l: (typeof LABELS)[number]): string {
  const s = m.perLabel[l];
  return `P=${f3(s.precision)} R=${f3(s.recall)} F1=${f3(s.f1)} (${s.predicted})`;
}

function confusionCells(m: Metrics, gold: string): string {
  const r = m.confusion[gold] ?? { supported: 0, conflicting: 0, unverified: 0 };
  return LABELS.map((p) => `${p.slice(0, 4)}=${String(r[p]).padEnd(4)}`).join(' ');
}

export function printSet(r: SetResult): void {
  const cli = r.cli!, bm = r.bm25!;
  const m = cli.metrics, b = bm.metrics;
  console.log(`\n== ${r.name}: ${m.claims} claims (${r.claimsFile}) against ${r.corpusDir} ==`);
  console.log(row('', 'CLI (node dist/cli.js)', 'BM25 reference'));
  for (const l of LABELS) console.log(row(`${l} n=${m.perLabel[l].n}`, labelCells(m, l), labelCells(b, l)));
  console.log(row('', '  (in parentheses: how many predicted)', ''));
  console.log(row('precS (supported)', ratioText(m.precS), ratioText(b.precS)));
  console.log(row('precC (conflicting)', ratioText(m.precC), '— (never says conflicting)'));
  console.log(row('decided', ratioText(m.decided), ratioText(b.decided)));
  console.log(row('macro-F1', f3(m.macroF1), f3(b.macroF1)));
  console.log(row('accuracy (3-way)', `${f3(m.accuracy)} (${m.scored} scored)`, f3(b.accuracy)));
  console.log(row('conflict kind', ratioText(m.kindAccuracy), '— (never says conflicting)'));
  console.log(row('evidence@1', ratioText(m.evidenceAt1), ratioText(b.evidenceAt1)));
  console.log(row('evidence@5', ratioText(m.evidenceAt5), ratioText(b.evidenceAt5)));
  const cal = m.calibration;
  console.log(row(`calibration@${cal?.threshold ?? 0.8}`, cal ? `${ratioText(cal)} right` : '—', '— (no confidence)'));
  const byVerdict = Object.entries(m.calibrationByVerdict)
    .sort((x, y) => y[1].n - x[1].n)
    .map(([v, r]) => `${v} ${r.hits}/${r.n}`)
    .join(', ');
  if (byVerdict) console.log(row('  by verdict', byVerdict, ''));
  console.log(row('non-claims flagged', `${m.nonClaims.flagged}/${m.nonClaims.n}`, `${b.nonClaims.flagged}/${b.nonClaims.n}`));
  if (m.contestedGold) console.log(row('gold contested', `${m.contestedGold} (reported, not scored)`, ''));
  if (r.alwaysSupported) {
    console.log(row('always "supported"', `acc=${f3(r.alwaysSupported.accuracy)} macroF1=${f3(r.alwaysSupported.macroF1)}`, ''));
  }
  console.log('  confusion (gold -> predicted):');
  for (const g of Object.keys(m.confusion)) console.log(row(`  ${g}`, confusionCells(m, g), confusionCells(b, g)));
  const c = cli.corpus;
  console.log(
    `  CLI:  ${secs(cli.wallMs)} for one run; ${cli.statements} statements for ${m.claims} claims (${m.missingStatements} claims without one); ` +
      `corpus ${c?.documents} docs, ${c?.passages} passages, ${c?.skipped} files skipped`,
  );
  console.log(`        verdicts ${verdictText(m)}`);
  console.log(`  BM25: ${secs(bm.wallMs)} to index and search; ${bm.corpus?.passages} sentences from ${bm.corpus?.documents} docs; verdicts ${verdictText(b)}`);
}

function verdictText(m: Metrics): string {
  return Object.entries(m.verdicts)
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v}=${n}`)
    .join(' ');
}

/** `set: precS=… precC=… decided=… macroF1=… acc=… kindAcc=… evidence@1=… evidence@5=… calibration@0.8=…(n) | bm25: …` */
export function summaryLine(r: SetResult): string {
  if (r.status !== 'ok') return `${r.name}: ${r.status} (${r.reason})`;
  if (r.leaveOneOut) return looSummaryLine(r);
  if (r.corpusEdits) return corpusEditsSummaryLine(r);
  const m = r.cli!.metrics, b = r.bm25!.metrics;
  const cal = m.calibration ? `${f3(m.calibration.value)}(${m.calibration.n})` : '—';
  return (
    `${r.name}: precS=${f3(m.precS.value)} precC=${f3(m.precC.value)} decided=${f3(m.decided.value)} ` +
    `macroF1=${f3(m.macroF1)} acc=${f3(m.accuracy)} kindAcc=${f3(m.kindAccuracy.value)}(${m.kindAccuracy.n}) ` +
    `evidence@1=${f3(m.evidenceAt1.value)} evidence@5=${f3(m.evidenceAt5.value)} calibration@0.8=${cal} ` +
    `nonClaimsFlagged=${m.nonClaims.flagged}/${m.nonClaims.n} time=${secs(r.cli!.wallMs).replace(' ', '')} ` +
    `| bm25: precS=${f3(b.precS.value)} decided=${f3(b.decided.value)} macroF1=${f3(b.macroF1)} acc=${f3(b.accuracy)} evidence@1=${f3(b.evidenceAt1.value)} evidence@5=${f3(b.evidenceAt5.value)} ` +
    `| always-supported: acc=${f3(r.alwaysSupported!.accuracy)}` +
    (r.warning ? ' (WARNING: CLI rebuilt during the run)' : '')
  );
}

/** The leave-one-out audit: flags and how many are real, and how often a statement another outlet states comes back supported. */
export function printLeaveOneOut(r: SetResult): void {
  const l = r.leaveOneOut!;
  const share = l.stated ? l.statedSupported / l.stated : 0;
  console.log(`\n== ${r.name}: each of the ${l.articles} articles of ${r.corpusDir} checked against the others (engine in-process from src/; labels ${r.claimsFile}) ==`);
  console.log(row('statements', String(l.statements), ''));
  console.log(row('flags', `${l.flags} (conflicting + contested)`, `labelled real ${l.flagsReal}, false ${l.flagsFalse}, unlabelled ${l.flagsUnlabelled.length}`));
  console.log(row('stated -> supported', `${f3(share)} (${l.statedSupported}/${l.stated})`, Object.entries(l.statedVerdicts).map(([v, n]) => `${v}=${n}`).join(' ')));
  console.log(row('partly -> supported', `${l.partlySupported}/${l.partly}`, '(a detail is stated nowhere else: unverified is right)'));
  console.log(row('supported, unstated', String(l.supportedUnstated.length), '(no other article says it)'));
  for (const s of l.supportedUnstated) console.log(`    supported, unstated: ${s}`);
  for (const s of l.flagsUnlabelled) console.log(`    unlabelled flag: ${s}`);
  for (const e of l.errors) console.log(`    FIXTURE: ${e}`);
  console.log(`  ${secs(l.wallMs)} for the ${l.articles} runs`);
}

export function looSummaryLine(r: SetResult): string {
  const l = r.leaveOneOut!;
  return (
    `${r.name}: flags=${l.flags} real=${l.flagsReal} false=${l.flagsFalse} unlabelled=${l.flagsUnlabelled.length} ` +
    `statedSupported=${f3(l.stated ? l.statedSupported / l.stated : 0)}(${l.statedSupported}/${l.stated}) ` +
    `supportedUnstated=${l.supportedUnstated.length}${l.errors.length ? ` FIXTURE ERRORS=${l.errors.length}` : ''}`
  );
}

/** Edits of the corpus's own sentences: per kind of edit, how many came back with each verdict. */
export function printCorpusEdits(r: SetResult): void {
  const f = r.corpusEdits!;
  const t = editTotals(f);
  console.log(`\n== ${r.name}: one-slot edits of the ${f.sentences} sentences of ${r.corpusDir} checked against it (engine in-process from src/) ==`);
  for (const [kind, tally] of Object.entries(f.byKind)) {
    const n = Object.values(tally).reduce((a, b) => a + b, 0);
    console.log(row(kind, String(n), Object.entries(tally).sort((a, b) => b[1] - a[1]).map(([v, k]) => `${v}=${k}`).join(' ')));
  }
  console.log(row('edits flagged', `${f3(t.edits ? t.conflicting / t.edits : 0)} (${t.conflicting}/${t.edits})`, 'conflicting or contested: the right verdict'));
  console.log(row('edits supported', `${f3(t.edits ? t.supported / t.edits : 0)} (${t.supported}/${t.edits})`, 'the wrong verdict'));
  console.log(row('originals supported', `${f3(t.originals ? t.originalsSupported / t.originals : 0)} (${t.originalsSupported}/${t.originals})`, ''));
  for (const s of f.supportedEdits) console.log(`    supported edit: ${s}`);
  console.log(`  ${secs(f.wallMs)}`);
}

export function corpusEditsSummaryLine(r: SetResult): string {
  const t = editTotals(r.corpusEdits!);
  return `${r.name}: edits=${t.edits} flagged=${f3(t.edits ? t.conflicting / t.edits : 0)} supported=${t.supported} originalsSupported=${t.originalsSupported}/${t.originals}`;
}
