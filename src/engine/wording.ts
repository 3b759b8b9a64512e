/**
 * How findings are worded, in one place for every front end: the editor's diagnostics and hover,
 * the language server, and the CLI's text, JSON and SARIF output. Pure strings; no editor types.
 */
import { afterLabel } from './check/explain';
import { sourceAt } from './corpus/location';
import type { DocumentMeta, Evidence, StatementResult, Verdict } from './types';

/** The file name of a source path, on any platform. */
function baseName(source: string): string {
  return source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
}

/** "report.pdf p. 12", "interview.vtt 00:14:03", "notes.txt:15": the file name and where in it. */
export function shortSourceAt(e: Pick<Evidence, 'source' | 'line' | 'location'>): string {
  return sourceAt(baseName(e.source), e.line, e.location);
}

/** The Problems-panel code of a finding: the conflict kind for conflicts, else the verdict. */
export function codeOf(r: StatementResult): string {
  return r.verdict === 'conflicting' && r.conflicts[0] ? r.conflicts[0].kind : r.verdict;
}

/** How loud each verdict is by default; supported and skipped statements get no finding. */
export const DEFAULT_SEVERITY: Readonly<Record<Verdict, 'error' | 'warning' | 'information' | 'hint' | 'off'>> = {
  conflicting: 'warning',
  contested: 'information',
  unverified: 'hint',
  supported: 'off',
  skipped: 'off',
};

/** The one-line message of a finding, as the Problems panel and other editors' lists show it. */
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

/** The notice on a draft longer than the size limit. */
export function sizeLimitMessage(checkedLength: number, textLength: number): string {
  return `Corroborate checked only the first ${checkedLength.toLocaleString('en')} of ${textLength.toLocaleString('en')} characters (setting corroborate.maxDraftSize).`;
}

function quote(s: string): string {
  return `"${s.replace(/\s+/g, ' ')}"`;
}

/** The CLI's compiler-style description of a statement's verdict. */
export function describe(r: StatementResult): string {
  if (r.verdict === 'conflicting' && r.conflicts.length) {
    return r.conflicts.map((c) => `conflicting [${c.kind}]: ${quote(c.claimed)} — source says ${quote(c.source || '(nothing)')}`).join('; ');
  }
  if (r.verdict === 'contested') return `contested: ${r.why ? afterLabel(r.why) : 'the sources disagree about this statement'}`;
  if (r.verdict === 'unverified') return `unverified: ${r.why ? afterLabel(r.why) : 'nothing in the sources speaks to this statement'}`;
  if (r.verdict === 'supported') return `supported by ${r.evidence.filter((e) => e.stance === 'supports').length} passage(s)`;
  return `skipped: ${r.reason ?? 'nothing to check'}`;
}

export function countVerdicts(results: StatementResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { supported: 0, conflicting: 0, contested: 0, unverified: 0, skipped: 0 };
  for (const r of results) counts[r.verdict]++;
  return counts;
}

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

/** Verdict labels with VS Code's codicons; other editors show the words. */
const LABEL: Record<Verdict, string> = {
  supported: '$(pass) Supported',
  conflicting: '$(warning) Conflicting',
  contested: '$(question) Contested',
  unverified: '$(circle-slash) Unverified',
  skipped: '$(dash) Skipped',
};

export interface HoverOptions {
  /** The metadata of an evidence's document, for its outlet and date. */
  metaOf?: (e: Evidence) => DocumentMeta | undefined;
  /** The link target of an evidence's source at its line; none: the location is plain text. */
  linkOf?: (e: Evidence) => string | undefined;
  /** Codicons render only in VS Code. */
  icons?: boolean;
}

function sourceLine(e: Evidence, options: HoverOptions): string {
  const meta = options.metaOf?.(e);
  const parts = [`*${escapeMarkdown(e.title)}*`];
  if (meta?.outlet) parts.push(escapeMarkdown(meta.outlet));
  if (meta?.date) parts.push(escapeMarkdown(meta.date));
  const link = options.linkOf?.(e);
  parts.push(link ? `[${escapeMarkdown(shortSourceAt(e))}](${link})` : escapeMarkdown(shortSourceAt(e)));
  return parts.join(' · ');
}

/** The hover text for one checked statement: verdict, why, the best excerpts with values marked, sources. */
export function hoverMarkdown(r: StatementResult, options: HoverOptions = {}): string {
  const parts: string[] = [];
  const kinds = r.conflicts.map((c) => c.kind).join(', ');
  const label = options.icons === false ? LABEL[r.verdict].replace(/^\$\([a-z-]+\) /, '') : LABEL[r.verdict];
  parts.push(`**Corroborate** — ${label}${kinds ? ` (${kinds})` : ''} · confidence ${r.confidence.toFixed(2)}`);
  if (r.verdict === 'skipped') {
    parts.push(`Not checked: ${escapeMarkdown(r.reason ?? 'nothing to check')}.`);
    return parts.join('\n\n');
  }
  // The answer first, in one line: what matched, what differs, or what no source states.
  if (r.why) parts.push(escapeMarkdown(r.why.summary));
  else for (const c of r.conflicts) parts.push(`The draft says **${escapeMarkdown(c.claimed)}**; the source says **${escapeMarkdown(c.source || '(nothing)')}**.`);
  const shown = r.evidence.filter((e) => e.stance !== 'related').slice(0, 3);
  const list = shown.length ? shown : r.evidence.slice(0, 1);
  if (!list.length) parts.push('Nothing in the sources speaks to this statement.');
  for (const e of list) {
    const values = e.stance === 'conflicts' ? r.conflicts.map((c) => c.source) : [];
    const stance = e.stance === 'supports' ? 'Supports' : e.stance === 'conflicts' ? 'Contradicts' : 'Related';
    parts.push(`${stance}:`, `> ${highlight(e.excerpt, values)}`, sourceLine(e, options));
  }
  const agree = new Set(r.evidence.filter((e) => e.stance === 'supports').map((e) => e.source)).size;
  const disagree = new Set(r.evidence.filter((e) => e.stance === 'conflicts').map((e) => e.source)).size;
  if (agree || disagree) parts.push(`${agree} source${agree === 1 ? '' : 's'} agree · ${disagree} contradict${disagree === 1 ? 's' : ''}`);
  return parts.join('\n\n');
}
