/** Loading claim sets and writing them as one draft, exactly as ../shared/tools/score.py does. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Claim } from './types';

/**
 * TSV (header `id label kind docs claim`, `docs` comma-separated or `-`) or JSONL
 * (`{id, claim, label, evidence: [{doc}]}`, label lower-cased, gold docs = the sorted set of evidence docs).
 * As in score.py, TSV labels are taken as written (not lower-cased). Blank JSONL lines are skipped
 * (score.py would fail on them).
 */
export function loadClaims(file: string, limit: number): Claim[] {
  // Python's text mode reads \r\n and \r as \n (universal newlines); a BOM is dropped here, where score.py would choke on it.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: Claim[] = [];
  if (file.endsWith('.tsv')) {
    const lines = text.split('\n');
    const head = (lines.shift() ?? '').split('\t');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const cells = line.split('\t');
      const r: Record<string, string> = {};
      head.forEach((h, j) => {
        if (j < cells.length) r[h] = cells[j];
      });
      for (const col of ['id', 'label', 'kind', 'docs', 'claim']) {
        if (r[col] === undefined) throw new Error(`${file}:${i + 2}: no "${col}" column`);
      }
      rows.push({
        id: r.id,
        label: r.label,
        kind: r.kind,
        docs: r.docs === '-' ? [] : r.docs.split(','),
        claim: r.claim,
      });
    }
  } else {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as {
        id: string;
        claim: string;
        label: string;
        kind?: string;
        evidence?: { doc: string }[];
      };
      const docs = [...new Set((o.evidence ?? []).map((e) => e.doc))].sort();
      rows.push({ id: o.id, label: o.label.toLowerCase(), kind: o.kind ?? '-', docs, claim: o.claim });
    }
  }
  return limit > 0 ? rows.slice(0, limit) : rows;
}

/** One paragraph per claim (newlines inside a claim become spaces), a blank line between: claim i starts on line 2i. */
export function draftText(claims: Claim[]): string {
  return claims.map((c) => c.claim.replaceAll('\n', ' ') + '\n\n').join('');
}

/**
 * score.py's doc_match: the source's basename equals a gold doc, or starts with `doc_`, or starts
 * with an all-digit doc (the acceptance set names files by numeric prefix: `001` ↔ `001_8f10….txt`).
 */
export function docMatch(source: string | undefined, docs: string[]): boolean {
  const b = path.basename(source ?? '');
  return docs.some((d) => b === d || b.startsWith(d + '_') || (b.startsWith(d) && /^[0-9]+$/.test(d)));
}
