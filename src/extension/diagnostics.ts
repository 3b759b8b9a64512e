import * as vscode from 'vscode';
import { codeOf, messageOf, sizeLimitMessage } from '../engine';
import { severityFor, type Settings } from './config';
import { sourceUri } from './sourceView';
import type { CheckReport } from './checker';

export const SOURCE = 'Corroborate';

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What placing diagnostics needs of a text: an open document, or a draft read from disk. */
export interface TextPositions {
  positionAt(offset: number): vscode.Position;
}

/**
 * Turns one check into a draft's diagnostics, honouring the severity settings: the one path for
 * open drafts and for drafts checked from disk by "Check All Drafts in Workspace".
 */
export function toDiagnostics(doc: TextPositions, report: Pick<CheckReport, 'results' | 'checkedLength' | 'textLength'>, settings: Settings): vscode.Diagnostic[] {
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
