/** One check of a draft as LSP diagnostics, worded and ranked exactly as in the VS Code extension. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { codeOf, messageOf, sizeLimitMessage, sourceLabel, type StatementResult } from '../engine';
import { severityNameFor, type ServerSettings } from './settings';
import { FILE_LINKS, type SourceLinks } from './uris';

export const SOURCE = 'Corroborate';

/** The outcome of checking one version of one document. */
export interface CheckReport {
  uri: string;
  version: number;
  results: StatementResult[];
  /** Characters checked; less than the text's length when the draft exceeds maxDraftSize. */
  checkedLength: number;
  textLength: number;
  /** Statements checked afresh for this version; the others were reused from the previous check. */
  fresh: number;
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function stanceLabel(stance: string): string {
  return stance === 'supports' ? 'Supports' : stance === 'conflicts' ? 'Contradicts' : 'Related';
}

/** The severity a finding is shown with in the editor's problem list, or undefined when it is not shown. */
export function shownAs(r: Pick<StatementResult, 'verdict' | 'confidence'>, settings: ServerSettings): ReturnType<typeof severityNameFor> {
  const severity = severityNameFor(settings, r.verdict);
  // Unverified findings have low confidence by nature; the threshold is for claims of conflict.
  if (severity === undefined || (r.verdict !== 'unverified' && r.confidence < settings.minimumConfidence)) return undefined;
  return severity;
}

export function toDiagnostics(doc: Pick<TextDocument, 'positionAt'>, report: Pick<CheckReport, 'results' | 'checkedLength' | 'textLength'>, settings: ServerSettings, links: SourceLinks = FILE_LINKS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of report.results) {
    const severity = shownAs(r, settings);
    if (severity === undefined) continue;
    const lead = r.evidence.find((e) => e.stance !== 'related') ?? r.evidence[0];
    const relatedInformation: DiagnosticRelatedInformation[] = r.evidence
      .filter((e) => e.stance !== 'related' || r.verdict === 'unverified')
      .slice(0, 4)
      .map((e) => ({
        location: { uri: links.file(e.source), range: { start: { line: e.line - 1, character: 0 }, end: { line: e.line - 1, character: 0 } } },
        // The location shows the file name; the label says who published it.
        message: `${stanceLabel(e.stance)} (${sourceLabel(e)}): ${clip(e.excerpt)}`,
      }));
    out.push({
      range: { start: doc.positionAt(r.offset), end: doc.positionAt(r.offset + r.length) },
      severity: SEVERITY[severity],
      source: SOURCE,
      code: codeOf(r),
      ...(lead ? { codeDescription: { href: links.line(lead.source, lead.line) } } : {}),
      message: messageOf(r),
      relatedInformation,
    });
  }
  if (report.checkedLength < report.textLength) {
    const at = doc.positionAt(report.checkedLength);
    out.push({
      range: { start: at, end: doc.positionAt(report.checkedLength + 1) },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'size-limit',
      message: sizeLimitMessage(report.checkedLength, report.textLength),
    });
  }
  return out;
}
