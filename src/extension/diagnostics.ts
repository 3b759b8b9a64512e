import * as vscode from 'vscode';
import { afterLabel, type StatementResult } from '../engine';
import { severityFor, type Settings } from './config';
import { shortSourceAt, sourceUri } from './sourceView';
import type { CheckReport } from './checker';

export const SOURCE = 'Corroborate';

/** The Problems-panel code of a finding: the conflict kind for conflicts, else the verdict. */
export function codeOf(r: StatementResult): string {
  return r.verdict === 'conflicting' && r.conflicts[0] ? r.conflicts[0].kind : r.verdict;
}


const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function messageOf(r: StatementResult): string {
  switch (r.verdict) {
    case 'conflicting': {
      const parts = r.conflicts.map((c) => `the draft says "${c.claimed}", the source says "${c.source || '(nothing)'}" [${c.kind}]`);
      const where = r.evidence.find((e) => e.stance === 'conflicts');
      return `Conflicting: ${parts.join('; ') || 'a source contradicts this statement'}${where ? ` (${shortSourceAt(where)})` : ''}.`;
    }
    case 'contested': {
      const s = r.evidence.filter((e) => e.stance === 'supports').length;
      const c = r.evidence.filter((e) => e.stance === 'conflicts').length;
      // Which slot and which values, when the engine says so: "Sources disagree on the date: …".
      return r.why ? `Contested: ${afterLabel(r.why)} (${s} support, ${c} contradict)` : `Contested: the sources disagree (${s} support, ${c} contradict).`;
    }
    case 'unverified':
      // What the closest passage leaves out tells the writer what to look for or cite.
      return `Unverified: ${r.why ? afterLabel(r.why) : 'nothing in the sources speaks to this statement.'}`;
    default:
      return '';
  }
}

/** The notice on a draft longer than the corroborate.maxDraftSize setting. */
export function sizeLimitMessage(checkedLength: number, textLength: number): string {
  return `Corroborate checked only the first ${checkedLength.toLocaleString('en')} of ${textLength.toLocaleString('en')} characters (setting corroborate.maxDraftSize).`;
}

/** Turns one check report into the document's diagnostics, honouring the severity settings. */
export function toDiagnostics(doc: vscode.TextDocument, report: CheckReport, settings: Settings): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const r of report.results) {
    const severity = severityFor(settings, r.verdict);
    if (severity === undefined) continue;
    if (r.verdict !== 'unverified' && r.confidence < settings.minimumConfidence) continue;
    const range = new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length));
    const d = new vscode.Diagnostic(range, messageOf(r), severity);
    d.source = SOURCE;
    const lead = r.evidence.find((e) => e.stance !== 'related') ?? r.evidence[0];
    d.code = lead ? { value: codeOf(r), target: sourceUri(lead).with({ fragment: `L${lead.line}` }) } : codeOf(r);
    d.relatedInformation = r.evidence
      .filter((e) => e.stance !== 'related' || r.verdict === 'unverified')
      .slice(0, 4)
      .map((e) => {
        const at = new vscode.Range(e.line - 1, 0, e.line - 1, 0);
        return new vscode.DiagnosticRelatedInformation(new vscode.Location(sourceUri(e), at), `${e.stance === 'supports' ? 'Supports' : e.stance === 'conflicts' ? 'Contradicts' : 'Related'}: ${clip(e.excerpt)}`);
      });
    out.push(d);
  }
  if (report.checkedLength < report.textLength) {
    const at = doc.positionAt(report.checkedLength);
    const d = new vscode.Diagnostic(
      new vscode.Range(at, at.translate(0, 1)),
      sizeLimitMessage(report.checkedLength, report.textLength),
      vscode.DiagnosticSeverity.Information,
    );
    d.source = SOURCE;
    d.code = 'size-limit';
    out.push(d);
  }
  return out;
}
