/**
 * Throughput of the transcript (.srt, .vtt) and e-mail (.eml, .mbox) extractors on inputs generated
 * from the bundled articles: the extractor alone, then extractor plus the document parser (cleaning,
 * sentences, locations), which is what loading a corpus file costs.
 *
 *   node --import tsx bench/textFormatsThroughput.ts [--sizes 1,4] [--runs 3]
 */
import { parseSourceDocument } from '../src/engine/corpus/document';
import { emlFormat, mboxFormat } from '../src/engine/corpus/formats/email';
import type { SourceFormat } from '../src/engine/corpus/formats/format';
import { subtitlesFormat } from '../src/engine/corpus/formats/subtitles';
import { bulkMailbox, largeMessage } from '../test/support/emailFixtures';
import { bulkTranscript } from '../test/support/transcriptFixtures';
import { BENCH_BUDGET, MB, medianMs, option } from './extractionTiming';


const sizes = option('--sizes', '1,4').split(',').map(Number);
const runs = Number(option('--runs', '3'));

const time = (work: () => unknown): Promise<number> => medianMs(runs, work);

async function extract(format: SourceFormat, bytes: Uint8Array) {
  const result = await format.extract(bytes, { path: `bench${format.extensions[0]}`, budget: BENCH_BUDGET });
  if (!result.ok) throw new Error(`${format.name}: ${result.reason}`);
  return result;
}

async function measure(label: string, format: SourceFormat, input: string): Promise<void> {
  const bytes = new TextEncoder().encode(input);
  const sample = await extract(format, bytes);
  const alone = await time(() => extract(format, bytes));
  const parsed = async () => {
    const r = await extract(format, bytes);
    return parseSourceDocument(`bench${format.extensions[0]}`, r.text, r.kind, { anchors: r.anchors, meta: r.meta });
  };
  const passages = (await parsed()).passages.length;
  const withParse = await time(parsed);
  const mb = bytes.length / MB;
  console.log(
    `${label.padEnd(26)} ${mb.toFixed(2).padStart(6)} MB  extract ${alone.toFixed(0).padStart(6)} ms ${(mb / (alone / 1000)).toFixed(1).padStart(6)} MB/s` +
      `   + parse ${withParse.toFixed(0).padStart(6)} ms ${(mb / (withParse / 1000)).toFixed(1).padStart(6)} MB/s   ${passages} passages, ` +
      `${(sample.anchors?.length ?? 0)} anchors, ${(sample.attachments?.length ?? 0)} attachments`,
  );
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, median of ${runs} runs after a warm-up`);
  for (const size of sizes) {
    const bytes = size * MB;
    await measure(`SubRip (${size} MB)`, subtitlesFormat, bulkTranscript(bytes, 'srt'));
    await measure(`WebVTT (${size} MB)`, subtitlesFormat, bulkTranscript(bytes, 'vtt'));
    await measure(`mbox (${size} MB)`, mboxFormat, bulkMailbox(bytes));
    await measure(`one .eml (${size} MB)`, emlFormat, largeMessage(bytes));
  }
}

void main();
