import * as vscode from 'vscode';
import type { CorpusIndex, Evidence, StatementResult } from '../engine';
import type { DraftChecker } from './checker';
import type { CorpusManager } from './corpus';
import { shortSourceAt, sourceUri } from './sourceView';

/** Escapes text for Markdown so a source can never inject links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&$]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** An excerpt with the values that matter in bold, everything else escaped. */
export function highlight(excerpt: string, values: string[]): string {
  const wanted = values.filter((v) => v && v.length > 0).sort((a, b) => b.length - a.length);
  if (!wanted.length) return escapeMarkdown(excerpt);
  const lower = excerpt.toLowerCase();
  const marks: [number, number][] = [];
  for (const v of wanted) {
    const at = lower.indexOf(v.toLowerCase());
    if (at >= 0 && !marks.some(([s, e]) => at < e && at + v.length > s)) marks.push([at, at + v.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of marks) {
    out += `${escapeMarkdown(excerpt.slice(pos, s))}**${escapeMarkdown(excerpt.slice(s, e))}**`;
    pos = e;
  }
  return out + escapeMarkdown(excerpt.slice(pos));
}

const LABEL: Record<string, string> = {
  supported: '$(pass) Supported',
  conflicting: '$(warning) Conflicting',
  contested: '$(question) Contested',
  unverified: '$(circle-slash) Unverified',
  skipped: '$(dash) Skipped',
};

function sourceLine(index: CorpusIndex | undefined, e: Evidence): string {
  const doc = index?.documents[index.passages[e.passage]?.doc ?? -1];
  const meta = doc?.meta;
  const parts = [`*${escapeMarkdown(e.title)}*`];
  if (meta?.outlet) parts.push(escapeMarkdown(meta.outlet));
  if (meta?.date) parts.push(escapeMarkdown(meta.date));
  const link = sourceUri(e).with({ fragment: `L${e.line}` });
  parts.push(`[${escapeMarkdown(shortSourceAt(e))}](${link.toString()})`);
  return parts.join(' · ');
}

/** The hover text for one checked statement: verdict, best excerpts with values marked, sources. */
export function hoverMarkdown(r: StatementResult, index: CorpusIndex | undefined): vscode.MarkdownString {
  // Untrusted and without HTML: corpus text is never allowed to run commands or render markup.
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = false;
  md.supportHtml = false;
  const kinds = r.conflicts.map((c) => c.kind).join(', ');
  md.appendMarkdown(`**Corroborate** — ${LABEL[r.verdict]}${kinds ? ` (${kinds})` : ''} · confidence ${r.confidence.toFixed(2)}\n\n`);
  if (r.verdict === 'skipped') {
    md.appendMarkdown(`Not checked: ${escapeMarkdown(r.reason ?? 'nothing to check')}.`);
    return md;
  }
  // The answer first, in one line: what matched, what differs, or what no source states.
  if (r.why) md.appendMarkdown(`${escapeMarkdown(r.why.summary)}\n\n`);
  else for (const c of r.conflicts) md.appendMarkdown(`The draft says **${escapeMarkdown(c.claimed)}**; the source says **${escapeMarkdown(c.source || '(nothing)')}**.\n\n`);
  const shown = r.evidence.filter((e) => e.stance !== 'related').slice(0, 3);
  const list = shown.length ? shown : r.evidence.slice(0, 1);
  if (!list.length) md.appendMarkdown('Nothing in the sources speaks to this statement.\n\n');
  for (const e of list) {
    const values = e.stance === 'conflicts' ? r.conflicts.map((c) => c.source) : [];
    const stance = e.stance === 'supports' ? 'Supports' : e.stance === 'conflicts' ? 'Contradicts' : 'Related';
    md.appendMarkdown(`${stance}:\n\n> ${highlight(e.excerpt, values)}\n\n${sourceLine(index, e)}\n\n`);
  }
  const agree = new Set(r.evidence.filter((e) => e.stance === 'supports').map((e) => e.source)).size;
  const disagree = new Set(r.evidence.filter((e) => e.stance === 'conflicts').map((e) => e.source)).size;
  if (agree || disagree) md.appendMarkdown(`${agree} source${agree === 1 ? '' : 's'} agree · ${disagree} contradict${disagree === 1 ? 's' : ''}`);
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
