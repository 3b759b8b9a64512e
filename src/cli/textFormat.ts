import { countVerdicts, describe, LineMap, sourceAt, sourceLabel } from '../engine';
import type { FileReport } from './report';

const SEVERITY: Record<string, string> = { conflicting: 'warning', contested: 'warning', unverified: 'note' };

function quote(s: string): string {
  return `"${s.replace(/\s+/g, ' ')}"`;
}

function clip(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Compiler-style lines (`draft.md:3:1: warning: …`) that editors and CI logs turn into links,
 * each followed by the best excerpts, each attributed to its source by label and `source:line`
 * (last on its line, where editors and terminals find links).
 */
export function formatText(files: FileReport[], options: { all?: boolean } = {}): string {
  const out: string[] = [];
  const totals = countVerdicts(files.flatMap((f) => f.results));
  for (const f of files) {
    const lines = new LineMap(f.text);
    for (const r of f.results) {
      const severity = SEVERITY[r.verdict] ?? 'info';
      if (!options.all && (r.verdict === 'supported' || r.verdict === 'skipped')) continue;
      const at = lines.positionAt(r.conflicts[0]?.offset ?? r.offset);
      out.push(`${f.path}:${at.line + 1}:${at.character + 1}: ${severity}: ${describe(r)} (confidence ${r.confidence.toFixed(2)})`);
      out.push(`    ${clip(r.text.replace(/\s+/g, ' '))}`);
      const shown = r.evidence.filter((e) => e.stance !== 'related').slice(0, 3);
      for (const e of shown.length ? shown : r.evidence.slice(0, 1)) {
        out.push(`    ${e.stance}: ${quote(clip(e.excerpt))}`);
        out.push(`      — ${sourceLabel(e)}, ${sourceAt(e.source, e.line, e.location)}`);
      }
    }
  }
  const n = files.reduce((s, f) => s + f.results.length, 0);
  out.push(
    `${files.length} file(s), ${n} statement(s): ${totals.supported} supported, ${totals.conflicting} conflicting, ` +
      `${totals.contested} contested, ${totals.unverified} unverified, ${totals.skipped} skipped`,
  );
  return out.join('\n');
}
