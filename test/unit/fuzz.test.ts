/**
 * Issue 6: random and mutated drafts and corpora fed to the engine for a bounded time. Nothing may
 * throw; statement offsets are monotone, ranges lie inside the text, conflicts inside their
 * statement, confidences in [0, 1], evidence points at real passages.
 *
 * Seeded, so a failure replays: the message names the seed and iteration, and
 *   CORROBORATE_FUZZ_SEED=<seed> CORROBORATE_FUZZ_MS=<ms> node --import tsx --test test/unit/fuzz.test.ts
 * runs the same inputs again (the time budget is split evenly between the two tests).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { checkText, CorpusIndex, LineMap, type CorpusData, type StatementResult } from '../../src/engine';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { MemoryFs, prng } from './helpers/memoryFs';

const SEED = Number(process.env.CORROBORATE_FUZZ_SEED) || 20_261_122;
const BUDGET_MS = Number(process.env.CORROBORATE_FUZZ_MS) || 40_000;
const BUNDLED = path.join(__dirname, '..', '..', 'corpus');

const VERDICTS = new Set(['supported', 'conflicting', 'contested', 'unverified', 'skipped']);
const KINDS = new Set(['number', 'date', 'name', 'negation', 'quote', 'role']);
const STANCES = new Set(['supports', 'conflicts', 'related']);
const SKIP_REASONS =
  /^(binary file|not valid (UTF-8|UTF-16 LE|UTF-16 BE) text|empty file|empty file \(whitespace only\)|no sentences found \(only markup or page furniture\)|file too large .*|unsupported file type .*|(not a|truncated|damaged|unreadable|encrypted) PDF .*|no page could be read .*)$/;

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rnd, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const bundledFiles = readdirSync(BUNDLED)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(path.join(BUNDLED, f)) }));
const bundledLines = bundledFiles.flatMap((f) => f.bytes.toString('utf8').split('\n')).filter((l) => /[a-z]{3}/.test(l));

// ---------------------------------------------------------------------------------------------
// Draft generator

const WORDS = ['Waltz', 'said', 'Kyiv', 'Kiev', 'Zelensky', 'Zelenskiy', 'Putin', 'Trump', 'Crimea', 'Serbia', 'Switzerland', 'the', 'a', 'not', 'never', 'draft', 'age', 'lower', 'raise', 'referendum', 'talks', 'host', 'meeting', 'Mr.', 'Gen.', 'U.S.', 'president', 'spokesman', 'minister', 'denied', 'confirmed', 'offered', 'about', 'almost', 'percent'];
const NUMBERS = ['25', '26', '18', '3.5', '96%', '$60 billion', 'two decades', 'forty', '1,500', '24-hour', '0', '-7', '1e9', '999999999999999999999', '½', '٣', '５'];
const DATES = ['Jan. 12', 'Jan. 13', '12 January', 'March 2014', 'Nov. 11, 2017', 'Monday', '2024', 'last week', 'on 31 February', '2014-03-16', 'Dec. 32'];
const QUOTES = ['"', '“', '”', '‘', '’', "'", '«', '»', '„'];
const MARKUP = ['# ', '## ', '- ', '1. ', '> ', '| a | b |\n|---|---|\n', '`', '```\n', '~~~', '**', '_', '~~', '[', ']', '(', ')', '![', '](http://x.y/z)', '<!-- ', ' -->', '<b>', '</b>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](command:workbench.action.quit)', 'http://example.com/a_b', '\\', '---\n', '    ', '[^1]', '[^1]: note', '- [ ] ', '<!-- corroborate-ignore -->', '<!-- corroborate-disable -->', '<!-- corroborate-enable -->', '&amp;', '&#x41;'];
const UNICODE = ['😀', '👨‍👩‍👧‍👦', '🇺🇦', '🎉', 'e\u0301', 'n\u0303', 'a\u0308\u0301', 'שלום', 'עולם', 'مرحبا', 'كييف', '\u202e', '\u202c', '\u200e', '\u200f', '\u200b', '\u00a0', '\u2003', 'Ωmega', 'Київ', '東京', '\ud800', '\udc00'];
const CONTROLS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\t', '\f', '\v'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', ' ', ' ', ' ', '. ', '? ', '! ', '; ', ', '];

/** A real sentence with its facts changed, so retrieval finds passages and comparison has work to do. */
function mutatedSentence(r: Rnd): string {
  let s = pick(r, bundledLines);
  if (s.length > 400) s = s.slice(int(r, 0, s.length - 300), undefined).slice(0, 300);
  const edits = int(r, 0, 3);
  for (let k = 0; k < edits; k++) {
    const roll = r();
    if (roll < 0.3) s = s.replace(/\d+/, pick(r, NUMBERS));
    else if (roll < 0.5) s = s.replace(/\b(Jan\.|January|March|Monday|2014|2017|2024)\b/, pick(r, DATES));
    else if (roll < 0.65) s = s.replace(/\b(is|was|will|has|did)\b/, (m) => `${m} not`);
    else if (roll < 0.8) s = s.replace(/\b[A-Z][a-z]+\b/, pick(r, WORDS));
    else s = s.replace(/"([^"]+)"/, (_, q: string) => `"${q.split(' ').reverse().join(' ')}"`);
  }
  return s;
}

function randomDraft(r: Rnd): string {
  const parts: string[] = [];
  const n = int(r, 0, 60);
  for (let k = 0; k < n; k++) {
    const roll = r();
    if (roll < 0.18) parts.push(mutatedSentence(r));
    else if (roll < 0.45) parts.push(pick(r, WORDS));
    else if (roll < 0.52) parts.push(pick(r, NUMBERS));
    else if (roll < 0.58) parts.push(pick(r, DATES));
    else if (roll < 0.63) parts.push(pick(r, QUOTES));
    else if (roll < 0.73) parts.push(pick(r, MARKUP));
    else if (roll < 0.8) parts.push(pick(r, UNICODE));
    else if (roll < 0.83) parts.push(pick(r, CONTROLS));
    else parts.push(pick(r, BREAKS));
    if (r() < 0.5) parts.push(' ');
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Invariants

function fail(context: string, message: string): never {
  assert.fail(`${message}\n  ${context}`);
}

function assertResults(index: CorpusIndex, text: string, results: StatementResult[], context: string): void {
  const lines = new LineMap(text);
  let prevOffset = 0;
  let prevEnd = 0;
  for (const r of results) {
    const where = `${context}\n  statement ${JSON.stringify(r.text.slice(0, 80))} at ${r.offset}`;
    if (!(Number.isInteger(r.offset) && Number.isInteger(r.length))) fail(where, 'offset and length must be integers');
    if (r.offset < prevOffset) fail(where, `offsets not monotone: ${r.offset} after ${prevOffset}`);
    if (r.offset < prevEnd) fail(where, `statements overlap: ${r.offset} < previous end ${prevEnd}`);
    if (!(0 <= r.offset && r.offset <= r.offset + r.length && r.offset + r.length <= text.length)) fail(where, `range [${r.offset}, ${r.offset + r.length}) outside 0..${text.length}`);
    if (text.slice(r.offset, r.offset + r.length) !== r.text) fail(where, 'text is not the slice its offsets name');
    if (lines.offsetAt(lines.positionAt(r.offset)) !== r.offset) fail(where, 'position does not round-trip');
    if (!VERDICTS.has(r.verdict)) fail(where, `verdict ${r.verdict}`);
    if (!(Number.isFinite(r.confidence) && r.confidence >= 0 && r.confidence <= 1)) fail(where, `confidence ${r.confidence}`);
    for (const c of r.conflicts) {
      if (!KINDS.has(c.kind)) fail(where, `conflict kind ${c.kind}`);
      if (!(c.offset >= r.offset && c.length >= 0 && c.offset + c.length <= r.offset + r.length)) fail(where, `conflict [${c.offset}, ${c.offset + c.length}) outside its statement`);
      const held = text.slice(c.offset, c.offset + c.length);
      if (held !== c.claimed) fail(where, `conflict claims ${JSON.stringify(c.claimed)} but its range holds ${JSON.stringify(held)}`);
      if (!index.passages[c.passage]) fail(where, `conflict passage ${c.passage}`);
    }
    for (const e of r.evidence) {
      const passage = index.passages[e.passage];
      if (!passage) fail(where, `evidence passage ${e.passage}`);
      if (index.documents[passage.doc]?.path !== e.source) fail(where, `evidence source ${e.source}`);
      if (e.line !== passage.line) fail(where, `evidence line ${e.line} vs passage line ${passage.line}`);
      if (!STANCES.has(e.stance)) fail(where, `stance ${e.stance}`);
      if (!(Number.isFinite(e.score) && e.score >= 0)) fail(where, `evidence score ${e.score}`);
    }
    if (r.verdict === 'skipped' && (r.evidence.length || r.conflicts.length)) fail(where, 'a skipped statement has evidence or conflicts');
    prevOffset = r.offset;
    prevEnd = r.offset + r.length;
  }
}

function assertCorpus(data: CorpusData, files: string[], context: string): void {
  const docPaths = data.documents.map((d) => d.path);
  const skipped = data.skipped.map((s) => s.path);
  const seen = [...docPaths, ...skipped].sort();
  if (JSON.stringify(seen) !== JSON.stringify([...files].sort())) fail(context, `each file must be loaded or skipped exactly once:\n  files ${JSON.stringify(files)}\n  loaded ${JSON.stringify(docPaths)}\n  skipped ${JSON.stringify(data.skipped)}`);
  for (const s of data.skipped) if (!SKIP_REASONS.test(s.reason)) fail(context, `unexpected skip reason for ${s.path}: ${s.reason}`);
  data.passages.forEach((p, i) => {
    const doc = data.documents[p.doc];
    if (p.id !== i || !doc) fail(context, `passage ${i}: id ${p.id}, doc ${p.doc}`);
    if (!p.text || p.offset < 0 || p.offset >= doc.text.length || doc.text[p.offset] !== p.text[0]) fail(context, `passage ${i} of ${doc.path} does not start at its offset ${p.offset}: ${JSON.stringify(p.text.slice(0, 60))}`);
    if (new LineMap(doc.text).positionAt(p.offset).line + 1 !== p.line) fail(context, `passage ${i} of ${doc.path}: line ${p.line}, but offset ${p.offset} is on line ${new LineMap(doc.text).positionAt(p.offset).line + 1}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Corpus mutations (on bytes)

const enc = new TextEncoder();
const SNIPPETS = ['<script>alert(1)</script>', '<style>p{}</style>', '<p>', '</p>', '</div>', '<br>', '<!--', '-->', '<![CDATA[x]]>', '<!DOCTYPE html>', '<title>T</title>', '# ', '**', '[x](command:workbench.action.quit)', '| a | b |', '&amp;', '&#99999999;', '&nbsp;', '\r', '\r\n', '\u0000', '\ufeff', 'Jan. 12', '26 to 18', 'Zelenskiy', '😀', 'שלום', '\n\n\n', 'Advertisement', 'Subscribe'];

function mutateBytes(r: Rnd, input: Uint8Array): Uint8Array {
  let b = Buffer.from(input);
  const steps = int(r, 1, 4);
  for (let k = 0; k < steps && b.length; k++) {
    const roll = r();
    const at = int(r, 0, b.length);
    if (roll < 0.15) {
      // Flips that keep ASCII bytes ASCII (control characters included), so most files still decode.
      for (let f = int(r, 1, 8); f > 0; f--) {
        const i = int(r, 0, b.length - 1);
        if (b[i]! < 0x80) b[i] ^= int(r, 1, 127);
      }
    } else if (roll < 0.2) {
      // Broken UTF-8: a lone continuation byte, a truncated sequence, an overlong form.
      b = Buffer.concat([b.subarray(0, at), Buffer.from(pick(r, [[0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80]])), b.subarray(at)]);
    } else if (roll < 0.3) {
      b = b.subarray(0, at);
    } else if (roll < 0.55) {
      b = Buffer.concat([b.subarray(0, at), enc.encode(pick(r, SNIPPETS)), b.subarray(at)]);
    } else if (roll < 0.65) {
      const end = Math.min(b.length, at + int(r, 0, 400));
      b = Buffer.concat([b.subarray(0, end), b.subarray(at, end), b.subarray(end)]);
    } else if (roll < 0.72) {
      b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + int(r, 1, 300)))]);
    } else if (roll < 0.78) {
      const text = b.toString('utf8').replace(/\n/g, pick(r, ['\r\n', '\r', '\n\n']));
      b = Buffer.from(text);
    } else if (roll < 0.84) {
      const text = b.toString('utf8');
      const le = Buffer.from(text, 'utf16le');
      b = r() < 0.5 ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    } else if (roll < 0.9) {
      b = Buffer.from(b.toString('utf8').replace(/\n/g, ' '));
    } else if (roll < 0.95) {
      b = Buffer.from(b.toString('latin1'), 'latin1');
      b = Buffer.from(b.toString('utf8').replace(/[’“”—]/g, (c) => String.fromCharCode(0x80 + (c.charCodeAt(0) % 32))), 'latin1');
    } else {
      b = Buffer.from(Array.from({ length: int(r, 1, 200) }, () => int(r, 0, 255)));
    }
  }
  return b;
}

const EXTENSIONS = ['.txt', '.txt', '.md', '.md', '.markdown', '.html', '.html', '.htm', '.TXT', '.pdf'];

function mutatedCorpus(r: Rnd): { fs: MemoryFs; files: string[] } {
  const fs = new MemoryFs();
  const files: string[] = [];
  const count = int(r, 1, 6);
  for (let k = 0; k < count; k++) {
    const base = pick(r, bundledFiles);
    const folder = pick(r, ['/c', '/c', '/c/sub', '/c/sub/deeper', '/c/ü ñ']);
    const file = `${folder}/${k}-${base.name.replace(/\.txt$/, '')}${pick(r, EXTENSIONS)}`;
    fs.write(file, r() < 0.04 ? new Uint8Array(0) : mutateBytes(r, base.bytes));
    files.push(file);
  }
  return { fs, files };
}

// ---------------------------------------------------------------------------------------------

let bundledIndex: CorpusIndex;
before(async () => {
  bundledIndex = await CorpusIndex.build(await loadCorpus([BUNDLED]));
});

test(`random drafts against the bundled corpus (seed ${SEED}, ${BUDGET_MS / 2000} s)`, (t) => {
  const r = prng(SEED);
  const deadline = performance.now() + BUDGET_MS / 2;
  let iterations = 0;
  let statements = 0;
  let characters = 0;
  const verdicts: Record<string, number> = {};
  while (performance.now() < deadline) {
    const draft = randomDraft(r);
    const format = r() < 0.7 ? 'markdown' : 'plaintext';
    const context = `seed ${SEED}, draft ${iterations} (${format}): ${JSON.stringify(draft)}`;
    let results: StatementResult[];
    try {
      results = checkText(bundledIndex, draft, { format });
    } catch (error) {
      fail(context, `checkText threw ${(error as Error).stack}`);
    }
    assertResults(bundledIndex, draft, results, context);
    iterations++;
    statements += results.length;
    characters += draft.length;
    for (const x of results) verdicts[x.verdict] = (verdicts[x.verdict] ?? 0) + 1;
  }
  t.diagnostic(`${iterations} drafts, ${statements} statements, ${characters} characters; verdicts ${JSON.stringify(verdicts)}`);
  console.log(`fuzz: ${iterations} random drafts (${statements} statements) checked in ${BUDGET_MS / 2000} s, seed ${SEED}`);
  // A floor that only says the loop ran: long statements full of facts take 100–300 ms each here.
  assert.ok(iterations >= Math.max(5, BUDGET_MS / 4000), `only ${iterations} drafts in the time budget`);
  // The generator must reach the common verdicts, or the invariants above were never put to work
  // (contested needs two sources to disagree and is rare in a short run).
  for (const v of ['supported', 'conflicting', 'unverified', 'skipped']) assert.ok((verdicts[v] ?? 0) > 0, `no ${v} statement was generated: ${JSON.stringify(verdicts)}`);
});

test(`mutated corpora loaded from memory, indexed and checked against (seed ${SEED}, ${BUDGET_MS / 2000} s)`, async (t) => {
  const r = prng(SEED ^ 0x5bd1e995);
  const deadline = performance.now() + BUDGET_MS / 2;
  let iterations = 0;
  let loaded = 0;
  let skipped = 0;
  let checks = 0;
  while (performance.now() < deadline) {
    const { fs, files } = mutatedCorpus(r);
    const context = `seed ${SEED}, corpus ${iterations}: ${files.join(', ')}`;
    let data: CorpusData;
    try {
      data = await loadCorpus(['/c'], { fs });
    } catch (error) {
      fail(context, `loadCorpus threw ${(error as Error).stack}`);
    }
    assertCorpus(data, files, context);
    loaded += data.documents.length;
    skipped += data.skipped.length;
    let index: CorpusIndex;
    try {
      index = await CorpusIndex.build(data);
    } catch (error) {
      fail(context, `CorpusIndex.build threw ${(error as Error).stack}`);
    }
    const drafts = [mutatedSentence(r), randomDraft(r), mutatedSentence(r)];
    // Every few corpora, the persisted form must give the same answers.
    const reloaded = iterations % 8 === 0 ? await CorpusIndex.deserialize(Buffer.concat(await index.serialize())) : undefined;
    for (const draft of drafts) {
      const where = `${context}\n  draft ${JSON.stringify(draft)}`;
      let results: StatementResult[];
      try {
        results = checkText(index, draft);
      } catch (error) {
        fail(where, `checkText threw ${(error as Error).stack}`);
      }
      assertResults(index, draft, results, where);
      if (reloaded) assert.deepEqual(checkText(reloaded, draft), results, `${where}\n  the reloaded index answers differently`);
      checks++;
    }
    iterations++;
  }
  t.diagnostic(`${iterations} corpora (${loaded} documents loaded, ${skipped} files skipped), ${checks} drafts checked`);
  console.log(`fuzz: ${iterations} mutated corpora (${loaded} documents, ${skipped} skipped), ${checks} drafts checked in ${BUDGET_MS / 2000} s, seed ${SEED}`);
  assert.ok(iterations >= Math.max(5, BUDGET_MS / 4000), `only ${iterations} corpora in the time budget`);
  assert.ok(loaded > 0 && skipped > 0, 'the mutations produced both loadable and unloadable files');
});
