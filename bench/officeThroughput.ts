/**
 * Word and OpenDocument extraction throughput on documents pandoc writes from the bundled articles
 * (repeated to 0.1, 1 and 5 MB of text), next to the alternatives the extractors were chosen over:
 * mammoth's own raw-text path on the original zip, mammoth reading the original zip (JSZip and
 * pako inflating) instead of the capped, repacked parts, and linkedom's XML DOM instead of the
 * small reader for content.xml.
 *
 *   node --import tsx bench/officeThroughput.ts [--sizes 0.1,1,5] [--runs 3]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { DOMParser } from 'linkedom';
import mammoth from 'mammoth';
import { docxFormat } from '../src/engine/corpus/formats/docx';
import type { SourceFormat } from '../src/engine/corpus/formats/format';
import { odtFormat } from '../src/engine/corpus/formats/odt';
import { parseXml } from '../src/engine/corpus/formats/officeXml';
import { makeDocx, makeOdt } from '../test/support/officeFixtures';
import { BENCH_BUDGET, MB, medianMs, option } from './extractionTiming';

const root = path.resolve(__dirname, '..');

const sizes = option('--sizes', '0.1,1,5').split(',').map(Number);
const runs = Number(option('--runs', '3'));

const time = (work: () => unknown): Promise<number> => medianMs(runs, work);

function articlesText(targetBytes: number): string {
  const articles = readdirSync(path.join(root, 'corpus'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(path.join(root, 'corpus', name), 'utf8'));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < targetBytes; i++) {
    const article = articles[i % articles.length]!;
    parts.push(article);
    length += Buffer.byteLength(article);
  }
  return parts.join('\n');
}

async function extractOrFail(format: SourceFormat, bytes: Uint8Array): Promise<string> {
  const result = await format.extract(bytes, { path: 'bench', budget: BENCH_BUDGET });
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

const rate = (bytes: number, ms: number): string => (bytes / MB / (ms / 1000)).toFixed(1).padStart(7);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-office-bench-'));
  const rows: string[] = [];
  const row = (cells: (string | number)[]): void => void rows.push(cells.map(String).join(' | '));
  // Text per second is the figure that means something: repeated articles compress so well that
  // the files are tiny, and the work grows with the XML (about 1.6× the text), not the zip.
  row(['document', 'file KB', 'text MB', 'path', 'ms', 'text MB/s']);
  try {
    for (const size of sizes) {
      const source = articlesText(size * MB);
      const docx = makeDocx(source, path.join(dir, `bench-${size}.docx`), { from: 'text' });
      const odt = makeOdt(source, path.join(dir, `bench-${size}.odt`), { from: 'text' });
      const text = await extractOrFail(docxFormat, docx);
      const label = `${size} MB of articles`;
      const line = (kind: string, bytes: Uint8Array, pathName: string, ms: number): void =>
        row([`${label} (${kind})`, Math.round(bytes.length / 1024), (Buffer.byteLength(text) / MB).toFixed(2), pathName, ms.toFixed(1), rate(Buffer.byteLength(text), ms)]);

      line('docx', docx, 'Corroborate docx extract', await time(() => extractOrFail(docxFormat, docx)));
      line('docx', docx, 'alt: mammoth.extractRawText, original zip', await time(() => mammoth.extractRawText({ buffer: Buffer.from(docx) })));
      line('docx', docx, 'alt: mammoth tree, original zip (pako inflates)', await time(() =>
        mammoth.convertToHtml({ buffer: Buffer.from(docx) }, { transformDocument: (element: { children: unknown[] }) => ({ ...element, children: [] }) }),
      ));

      line('odt', odt, 'Corroborate odt extract', await time(() => extractOrFail(odtFormat, odt)));
      const content = await (await JSZip.loadAsync(odt)).file('content.xml')!.async('string');
      line('odt', odt, 'content.xml: small XML reader only', await time(() => parseXml(content)));
      line('odt', odt, 'alt content.xml: linkedom XML DOM only', await time(() => new DOMParser().parseFromString(content, 'text/xml')));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`Office extraction throughput (median of ${runs} runs after a warm-up; node ${process.version})\n\n${rows.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
