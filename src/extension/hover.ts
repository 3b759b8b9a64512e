import * as vscode from 'vscode';
import { hoverMarkdown as hoverText, type CorpusIndex, type StatementResult } from '../engine';
import type { DraftChecker } from './checker';
import type { CorpusManager } from './corpus';
import { sourceUri } from './sourceView';

/** The hover for one checked statement, as untrusted Markdown linking each excerpt to its source line. */
export function hoverMarkdown(r: StatementResult, index: CorpusIndex | undefined): vscode.MarkdownString {
  // Untrusted and without HTML: corpus text is never allowed to run commands or render markup.
  const md = new vscode.MarkdownString(
    hoverText(r, {
      metaOf: (e) => index?.documents[index.passages[e.passage]?.doc ?? -1]?.meta,
      linkOf: (e) => sourceUri(e).with({ fragment: `L${e.line}` }).toString(),
    }),
    true,
  );
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export class EvidenceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly checker: DraftChecker,
    private readonly corpus: CorpusManager,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const report = this.checker.report(doc.uri);
    if (!report) return undefined;
    const offset = doc.offsetAt(position);
    const r = report.results.find((s) => offset >= s.offset && offset <= s.offset + s.length && s.verdict !== 'skipped');
    if (!r) return undefined;
    return new vscode.Hover(hoverMarkdown(r, this.corpus.index), new vscode.Range(doc.positionAt(r.offset), doc.positionAt(r.offset + r.length)));
  }
}
