import { describe, LineMap, sourceAt, sourceLabel, type CorpusIndex } from '../engine';
import type { FileReport } from './report';

const LEVEL: Record<string, string> = { conflicting: 'warning', contested: 'warning', unverified: 'note' };
const RULES = [
  { id: 'conflicting', text: 'A source states a different value (number, date, name, quote, role or polarity).' },
  { id: 'contested', text: 'Credible sources both support and contradict the statement.' },
  { id: 'unverified', text: 'Nothing in the sources speaks to the statement.' },
];

function toUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0, so code-scanning dashboards can show a draft's findings. */
export function toSarif(version: string, index: CorpusIndex, files: FileReport[]): object {
  const results: object[] = [];
  for (const f of files) {
    const lines = new LineMap(f.text);
    for (const r of f.results) {
      const level = LEVEL[r.verdict];
      if (!level) continue;
      const offset = r.conflicts[0]?.offset ?? r.offset;
      const length = r.conflicts[0]?.length ?? r.length;
      const start = lines.positionAt(offset);
      const end = lines.positionAt(offset + length);
      // Dashboards show the message alone: it names the source that contradicts, by label.
      const against = r.verdict === 'conflicting' || r.verdict === 'contested' ? r.evidence.find((e) => e.stance === 'conflicts') : undefined;
      results.push({
        ruleId: r.verdict,
        level,
        message: { text: against ? `${describe(r)} (${sourceLabel(against)})` : describe(r) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(f.path) },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
        relatedLocations: r.evidence
          .filter((e) => e.stance !== 'related')
          .slice(0, 5)
          .map((e, id) => ({
            id,
            message: { text: `${e.stance} (${sourceLabel(e)}): ${e.excerpt}` },
            physicalLocation: { artifactLocation: { uri: toUri(e.source) }, region: { startLine: e.line } },
            // SARIF regions count lines of text; for a PDF or transcript the page or time is what a reader can find.
            ...(e.location ? { properties: { location: e.location, at: sourceAt(e.source, e.line, e.location) } } : {}),
          })),
        properties: { confidence: r.confidence, conflicts: r.conflicts.map((c) => ({ kind: c.kind, claimed: c.claimed, source: c.source })) },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'corroborate', version, rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.text } })) } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { documents: index.documents.length, passages: index.passages.length },
      },
    ],
  };
}
