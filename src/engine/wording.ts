/**
 * How findings are worded, in one place for every front end: the editor's diagnostics and hover,
 * the language server, and the CLI's text, JSON and SARIF output. Pure strings; no editor types.
 */
import { afterLabel } from './check/explain';
import { locationLabel, sourceAt } from './corpus/location';
import type { Conflict, DocumentMeta, Evidence, StatementResult, Verdict } from './types';

/** The file name of a source path, on any platform. */
function baseName(source: string): string {
  return source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
}

/**
 * "report.pdf p. 12", "interview.vtt 00:14:03", "notes.txt:15": the file name and where in it, for
 * links and machine-readable output. People are shown `sourceLabel` instead.
 */
export function shortSourceAt(e: Pick<Evidence, 'source' | 'line' | 'location'>): string {
  return sourceAt(baseName(e.source), e.line, e.location);
}

/**
 * Who said it, as a writer reads it: the document's label (outlet, date and headline, or its
 * opening words), else its headline, else the file name. `meta` is the document's metadata in the
 * current index, when the caller has it; evidence carries the label it was found with.
 */
export function sourceLabel(e: Pick<Evidence, 'source' | 'title' | 'label'>, meta?: DocumentMeta): string {
  const label = meta?.label ?? e.label;
  if (label) return label;
  const file = baseName(e.source);
  // A title that is only the file name without its extension is no headline.
  return e.title && e.title !== file && e.title !== file.replace(/\.[^.]+$/, '') ? `“${e.title}”` : file;
}

/** Where in the source, without the file name: "line 15", "p. 12", "00:14:03". */
export function placeIn(e: Pick<Evidence, 'line' | 'location'>): string {
  return locationLabel(e.location) ?? `line ${e.line}`;
}

/** The passage a verdict rests on: the contradicting one of a conflict, else the best that takes a side, else the closest. */
function leadEvidence(r: StatementResult): Evidence | undefined {
  const disputed = r.verdict === 'conflicting' || r.verdict === 'contested';
  return (disputed ? r.evidence.find((e) => e.stance === 'conflicts') : undefined) ?? r.evidence.find((e) => e.stance !== 'related') ?? r.evidence[0];
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
      return `Conflicting: ${parts.join('; ') || 'a source contradicts this statement'}${where ? ` (${sourceLabel(where)})` : ''}.`;
    }
    case 'contested': {
      const s = r.evidence.filter((e) => e.stance === 'supports').length;
      const c = r.evidence.filter((e) => e.stance === 'conflicts').length;
      // Which slot and which values, when the engine says so: "Sources disagree on the date: …".
      const tally = `${count(s, 'source supports', 'sources support')}, ${count(c, 'contradicts', 'contradict')}`;
      return r.why ? `Contested: ${afterLabel(r.why)} (${tally})` : `Contested: the sources disagree (${tally}).`;
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

/** VS Code's codicon for each verdict; other editors get the words alone. */
const ICON: Record<Verdict, string> = {
  supported: '$(pass)',
  conflicting: '$(warning)',
  contested: '$(question)',
  unverified: '$(circle-slash)',
  skipped: '$(dash)',
};

const VERDICT_WORD: Record<Verdict, string> = {
  supported: 'Supported',
  conflicting: 'Conflicting',
  contested: 'Contested',
  unverified: 'Unverified',
  skipped: 'Skipped',
};

export interface HoverOptions {
  /** The metadata of an evidence's document, for its label. */
  metaOf?: (e: Evidence) => DocumentMeta | undefined;
  /** The link target of an evidence's source at its line; none: the location is plain text. */
  linkOf?: (e: Evidence) => string | undefined;
  /** Codicons render only in VS Code. */
  icons?: boolean;
  /**
   * Whether the statement's diagnostic is shown with it. VS Code puts a diagnostic's related
   * information (its excerpts) in the same hover, so then the hover shows only the lead excerpt;
   * without one it lists the others too. Default: a finding has one.
   */
  diagnosticShown?: boolean;
}

/** An excerpt longer than this is clipped around the words that matter. */
export const EXCERPT_MAX_CHARS = 160;

/** Words too common to say where in a passage a statement is. */
const COMMON = new Set(
  'the and for that with was were are has have had this from his her its their they them than then said says will would could should not but also into over after before about which who whom what when where been being there these those our your'.split(' '),
);

/**
 * The part of an excerpt of at most `max` characters that holds the most of the statement's words,
 * and every value in `values` that fits: a passage can be a long paragraph whose point is in the
 * middle. Cut at spaces, with an ellipsis where text was left out.
 */
export function clipExcerpt(excerpt: string, claim: string, values: string[] = [], max = EXCERPT_MAX_CHARS): string {
  const text = excerpt.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const claimWords = new Set((claim.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !COMMON.has(w)));
  const marks: { at: number; end: number; weight: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) if (claimWords.has(m[0].toLowerCase())) marks.push({ at: m.index!, end: m.index! + m[0].length, weight: 1 });
  const lower = text.toLowerCase();
  // The differing value is what the reader must see: it outweighs any number of shared words.
  for (const v of values) {
    const at = v ? lower.indexOf(v.toLowerCase()) : -1;
    if (at >= 0) marks.push({ at, end: at + v.length, weight: 100 });
  }
  const starts = [0];
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) starts.push(i + 1);
  let best = 0;
  let bestScore = -1;
  let bestOffCentre = Infinity;
  for (const start of starts) {
    // A window starting later only loses text at the end.
    if (start > text.length - max / 2) break;
    // A little short of the window, since the cut falls on the space before it.
    const inside = marks.filter((m) => m.at >= start && m.end <= start + max - 8);
    const score = inside.reduce((sum, m) => sum + m.weight, 0);
    // Of equal windows, the one with the matching words in its middle: context on both sides.
    const offCentre = inside.length ? Math.abs(start + max / 2 - (Math.min(...inside.map((m) => m.at)) + Math.max(...inside.map((m) => m.end))) / 2) : start;
    if (score > bestScore || (score === bestScore && offCentre < bestOffCentre)) {
      best = start;
      bestScore = score;
      bestOffCentre = offCentre;
    }
  }
  const room = max - (best > 0 ? 1 : 0) - 1;
  let end = Math.min(text.length, best + room);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > best) end = space;
  }
  return `${best > 0 ? '…' : ''}${text.slice(best, end).trimEnd()}${end < text.length ? '…' : ''}`;
}

const values = (xs: string[]): string => xs.map((x) => `“${escapeMarkdown(x)}”`).join(', ');

function sourceValue(c: Conflict): string {
  return c.source || (c.kind === 'negation' ? 'the opposite' : '(nothing)');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The hover text for one checked statement. Its first line is the answer — the verdict, what
 * differs or what no source states, who says so (the source's label) and a link to the passage —
 * then one excerpt with the differing values in bold, clipped around the statement's words.
 */
export function hoverMarkdown(r: StatementResult, options: HoverOptions = {}): string {
  const kinds = [...new Set(r.conflicts.map((c) => c.kind))].join(', ');
  const word = `**${VERDICT_WORD[r.verdict]}${kinds ? ` (${kinds})` : ''}**`;
  const head = options.icons === false ? word : `${ICON[r.verdict]} ${word}`;
  if (r.verdict === 'skipped') return `${head} — not checked: ${escapeMarkdown(r.reason ?? 'nothing to check')}.`;
  const who = (e: Evidence): string => `*${escapeMarkdown(sourceLabel(e, options.metaOf?.(e)))}*`;
  const where = (e: Evidence): string => {
    const link = options.linkOf?.(e);
    return link ? `[${escapeMarkdown(placeIn(e))}](${link})` : escapeMarkdown(placeIn(e));
  };
  const lead = leadEvidence(r);
  const supporting = r.evidence.filter((e) => e.stance === 'supports');
  const agree = new Set(supporting.map((e) => e.source)).size;
  const disagree = new Set(r.evidence.filter((e) => e.stance === 'conflicts').map((e) => e.source)).size;
  const summary = r.why ? escapeMarkdown(r.why.summary.replace(/\.$/, '')) : undefined;
  const claimed = values(r.conflicts.map((c) => c.claimed));
  const stated = values(r.conflicts.map(sourceValue));

  let answer: string;
  if (r.verdict === 'conflicting' && r.conflicts.length) {
    answer = `the draft says ${claimed}; ${lead ? who(lead) : 'the source'} says ${stated}`;
  } else if (r.verdict === 'contested' && r.conflicts.length) {
    const backer = supporting[0];
    answer = `the draft says ${claimed}; ${lead ? who(lead) : 'a source'} says ${stated}${backer ? `, ${who(backer)} agrees with the draft` : ''}`;
  } else if (r.verdict === 'supported') {
    // "A source states the same relation (…)": the source is named instead.
    const states = r.why?.summary.startsWith('A source ') ? ` ${escapeMarkdown(r.why.summary.slice('A source '.length).replace(/\.$/, ''))}` : '';
    answer = lead ? `${who(lead)}${states}` : 'a source states it';
  } else {
    answer = summary ?? (r.verdict === 'contested' ? 'the sources disagree' : 'nothing in the sources speaks to this statement');
    if (lead && r.verdict === 'unverified') answer += ` · closest: ${who(lead)}`;
    else if (lead) answer += ` · ${who(lead)}`;
  }
  let first = `${head} — ${answer}`;
  if (lead) first += ` · ${where(lead)}`;
  if (r.verdict === 'supported' && agree > 1) first += ` · ${agree} sources agree`;
  const parts = [first];

  const excerptOf = (e: Evidence): string => {
    const marked = e.stance === 'conflicts' ? r.conflicts.map((c) => c.source).filter(Boolean) : [];
    return `> ${highlight(clipExcerpt(e.excerpt, r.text, marked), marked)}`;
  };
  if (lead) parts.push(excerptOf(lead));
  if (r.verdict !== 'supported' && options.diagnosticShown === false) {
    const stance = (e: Evidence): string => (e.stance === 'supports' ? 'Supports' : e.stance === 'conflicts' ? 'Contradicts' : 'Related');
    for (const e of r.evidence.filter((x) => x !== lead && x.stance !== 'related').slice(0, 2)) parts.push(`${stance(e)} — ${who(e)} · ${where(e)}`, excerptOf(e));
  }
  if (r.verdict !== 'supported') {
    // Only what there is: "1 source contradicts", not "0 sources agree, 1 contradicts".
    const said = [agree ? count(agree, 'source agrees', 'sources agree') : '', disagree ? count(disagree, agree ? 'contradicts' : 'source contradicts', agree ? 'contradict' : 'sources contradict') : ''].filter(Boolean);
    const tally = said.length ? ` · ${said.join(', ')}` : '';
    parts.push(`confidence ${r.confidence.toFixed(2)}${tally}`);
  }
  return parts.join('\n\n');
}
