/**
 * The shared acceptance claims, checked the way ../shared/tools/score.py scores them: every claim is
 * its own paragraph of one draft, the built CLI runs once, and statements map back by start line.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCli, root, runCli } from './helpers/cli';

const CLAIMS = path.join(root, '..', 'shared', 'acceptance', 'claims.tsv');

interface Claim {
  id: string;
  label: string;
  kind: string;
  docs: string[];
  claim: string;
}

interface Statement {
  text: string;
  range: { start: { line: number } };
  verdict: string;
  conflicts: { kind: string; claimed: string; source: string }[];
  evidence: { source: string; stance: string }[];
}

function loadClaims(file: string): Claim[] {
  const [head, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/);
  const cols = head.split('\t');
  return rows
    .filter((r) => r.trim())
    .map((r) => {
      const cells = r.split('\t');
      const get = (name: string): string => cells[cols.indexOf(name)] ?? '';
      return { id: get('id'), label: get('label'), kind: get('kind'), docs: get('docs') === '-' ? [] : get('docs').split(','), claim: get('claim') };
    });
}

/** Same rule as score.py's doc_match: a doc is named by its file name or its numeric prefix. */
function docMatches(source: string, docs: string[]): boolean {
  const base = path.basename(source);
  return docs.some((d) => base === d || base.startsWith(`${d}_`) || (/^\d+$/.test(d) && base.startsWith(d)));
}

const SEVERITY: Record<string, number> = { conflicting: 3, contested: 2, supported: 1 };

if (!existsSync(CLAIMS)) {
  test('acceptance claims', { skip: '../shared/acceptance/claims.tsv not found' }, () => {});
} else {
  const claims = loadClaims(CLAIMS);

  describe('acceptance claims (../shared/acceptance/claims.tsv)', () => {
    let tmp = '';
    /** Statement per claim index; several on one line: the most severe verdict, as score.py does. */
    const byClaim = new Map<number, Statement>();

    before(() => {
      buildCli();
      tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-acceptance-'));
      const draft = path.join(tmp, 'draft.md');
      writeFileSync(draft, claims.map((c) => `${c.claim.replace(/\n/g, ' ')}\n\n`).join(''));
      const run = runCli(['check', draft, '--corpus', 'corpus', '--format', 'json']);
      assert.ok(run.status === 0 || run.status === 1, `CLI exited ${run.status}: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as { files: { statements: Statement[] }[] };
      for (const s of report.files[0].statements) {
        const line = s.range.start.line;
        if (line % 2 !== 0 || line / 2 >= claims.length) continue;
        const prev = byClaim.get(line / 2);
        if (!prev || (SEVERITY[s.verdict] ?? 0) > (SEVERITY[prev.verdict] ?? 0)) byClaim.set(line / 2, s);
      }
    });

    after(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    test('the claim file is not empty and every label is known', () => {
      assert.ok(claims.length > 0);
      for (const c of claims) assert.ok(['supported', 'conflicting', 'unverified', 'none', 'contested'].includes(c.label), `${c.id}: label ${c.label}`);
    });

    claims.forEach((c, i) => {
      const contested = c.label === 'contested' ? { skip: 'contested claims are reported, not scored (score.py)' } : {};
      test(`${c.id} ${c.label}${c.kind !== '-' ? ` [${c.kind}]` : ''}: ${c.claim}`, contested, () => {
        const s = byClaim.get(i);
        assert.ok(s, `no statement starts on draft line ${2 * i + 1}`);
        const got = `got ${s.verdict}${s.conflicts.length ? ` ${JSON.stringify(s.conflicts.map((x) => [x.kind, x.claimed, x.source]))}` : ''}`;
        if (c.label === 'none') {
          assert.ok(!['supported', 'conflicting'].includes(s.verdict), `a non-claim must not be supported or conflicting; ${got}`);
          return;
        }
        if (c.label === 'unverified') {
          assert.ok(['unverified', 'skipped'].includes(s.verdict), `expected unverified; ${got}`);
          return;
        }
        assert.equal(s.verdict, c.label, got);
        if (c.label === 'conflicting' && c.kind !== '-') {
          assert.ok(
            s.conflicts.some((x) => x.kind === c.kind),
            `expected a ${c.kind} conflict; ${got}`,
          );
        }
        if (c.docs.length) {
          const top = s.evidence[0]?.source ?? '(no evidence)';
          assert.ok(docMatches(top, c.docs), `top evidence ${top} is not from ${c.docs.join(', ')}`);
        }
      });
    });
  });
}
