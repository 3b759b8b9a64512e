import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDocument, type CorpusIndex, decodeText, refusedCorpusRoot, sourceAt, supportedExtensionList } from './engine';
import { readResults, resultCacheFile, writeResults } from './cli/resultCache';
import { openIndex } from './server/indexCache';
import { runLanguageServer } from './server/main';
import { toJson, type FileReport } from './cli/report';
import { toSarif } from './cli/sarif';
import { formatText } from './cli/textFormat';

declare const __VERSION__: string | undefined;

const USAGE = `corroborate — check a draft's statements against your own sources

Usage:
  corroborate check FILE... [--corpus DIR]... [--cache DIR] [--format text|json|sarif] [--all] [--exit-zero]
  corroborate search QUERY... [--corpus DIR]... [--cache DIR] [--limit N] [--format text|json]
  corroborate lsp --stdio | --node-ipc    (the language server, for editors)
  corroborate --help | --version

Options:
  --corpus DIR   a folder of sources (${supportedExtensionList()}), repeatable; default: the bundled corpus
  --cache DIR    keep the corpus index and the verdicts in DIR between runs (a changed source or build starts afresh)
  --format F     text (default), json or sarif
  --all          text format: also list supported and skipped statements
  --exit-zero    exit 0 even when a statement conflicts (to show findings without failing)
  --limit N      search: number of passages to show (default 10)

Exit status: 0 nothing conflicts, 1 a statement conflicts with the sources, 2 bad usage or unreadable input.`;

class UsageError extends Error {}

function version(): string {
  if (typeof __VERSION__ === 'string') return __VERSION__;
  try {
    return JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

function bundledCorpus(): string {
  return path.join(__dirname, '..', 'corpus');
}

/** Paths inside the working folder are shown relative to it, as compilers do. */
function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
}

interface OpenedCorpus {
  index: CorpusIndex;
  folders: string[];
  fingerprint?: string;
}

async function openCorpus(folders: string[] | undefined, cacheDir: string | undefined): Promise<OpenedCorpus> {
  const chosen = folders?.length ? folders : [display(bundledCorpus())];
  for (const f of chosen) {
    // Checked before anything else touches the path, and again where a link leads.
    const refused = refusedCorpusRoot(f);
    if (refused) throw new UsageError(refused);
    if (!existsSync(f)) throw new UsageError(`corpus folder not found: ${f}`);
    let real = f;
    try {
      real = realpathSync(f);
    } catch {
      // Unresolvable here means unreadable later; the loader reports that.
    }
    const refusedTarget = refusedCorpusRoot(real);
    if (refusedTarget) throw new UsageError(`${refusedTarget} (${f} resolves to it)`);
    if (!statSync(f).isDirectory()) throw new UsageError(`corpus is not a folder: ${f}`);
  }
  if (cacheDir !== undefined && existsSync(cacheDir) && !statSync(cacheDir).isDirectory()) throw new UsageError(`--cache is not a folder: ${cacheDir}`);
  // With --cache the index is the editor's binary snapshot, reused while no corpus file changed.
  const { index, fingerprint } = await openIndex(chosen, {
    storageDir: cacheDir === undefined ? undefined : path.resolve(cacheDir),
    warn: (message) => process.stderr.write(`corroborate: ${message}\n`),
  });
  for (const s of index.skipped) process.stderr.write(`corroborate: skipped ${s.path}: ${s.reason}\n`);
  if (!index.documentCount) throw new UsageError(`no readable documents (${supportedExtensionList()}) in corpus: ${chosen.join(', ')}`);
  return { index, folders: chosen, ...(fingerprint ? { fingerprint } : {}) };
}

function readDraft(file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `file not found: ${file}` : code === 'EISDIR' ? `is a folder, not a file: ${file}` : `cannot read ${file}: ${(e as Error).message}`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new UsageError(`cannot check ${file}: ${decoded.reason}`);
  return decoded.text;
}

async function check(files: string[], values: Record<string, unknown>): Promise<number> {
  if (!files.length) throw new UsageError('check needs at least one FILE');
  const format = (values.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format: ${format} (text, json or sarif)`);
  const texts = files.map((f) => ({ path: f, text: readDraft(f) }));
  const cacheDir = values.cache as string | undefined;
  const { index, folders, fingerprint } = await openCorpus(values.corpus as string[] | undefined, cacheDir);
  // Verdicts are kept only by a built bundle: it stands for the checking code they came from.
  const results = cacheDir !== undefined && fingerprint && typeof __VERSION__ === 'string' ? resultCacheFile(path.resolve(cacheDir), folders) : undefined;
  const previous = results ? await readResults(results, fingerprint!, __filename, index) : undefined;
  const reports: FileReport[] = [];
  const memos = [];
  for (const { path: p, text } of texts) {
    const check = await checkDocument(index, text, { format: /\.(md|markdown)$/i.test(p) ? 'markdown' : 'plaintext', previous });
    memos.push(check.memo);
    reports.push({ path: display(p), text, results: check.results });
  }
  if (results) await writeResults(results, fingerprint!, __filename, memos, (message) => process.stderr.write(`corroborate: ${message}\n`));
  if (format === 'json') process.stdout.write(`${JSON.stringify(toJson(version(), index, reports), null, 2)}\n`);
  else if (format === 'sarif') process.stdout.write(`${JSON.stringify(toSarif(version(), index, reports), null, 2)}\n`);
  else process.stdout.write(`${formatText(reports, { all: !!values.all })}\n`);
  const conflicts = reports.some((r) => r.results.some((s) => s.verdict === 'conflicting'));
  return conflicts && !values['exit-zero'] ? 1 : 0;
}

async function search(words: string[], values: Record<string, unknown>): Promise<number> {
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('search needs a QUERY');
  const format = (values.format as string | undefined) ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`unknown format: ${format} (search takes text or json)`);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not ${values.limit}`);
  const { index } = await openCorpus(values.corpus as string[] | undefined, values.cache as string | undefined);
  const hits = index.search(query, limit);
  if (format === 'json') {
    const out = hits.map((h) => {
      const doc = index.documents[h.passage.doc];
      return { source: doc.path, title: doc.meta.title, line: h.passage.line, ...(h.passage.location ? { location: h.passage.location } : {}), excerpt: h.passage.text, score: Math.round(h.score * 100) / 100 };
    });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    if (!hits.length) process.stdout.write(`no passage matches "${query}"\n`);
    for (const h of hits) {
      const doc = index.documents[h.passage.doc];
      process.stdout.write(`${sourceAt(doc.path, h.passage.line, h.passage.location)}: ${h.passage.text}\n    — ${doc.meta.label ?? doc.meta.title} (score ${h.score.toFixed(2)})\n`);
    }
  }
  return 0;
}

/** The argument parser's complaint in the tool's own words. */
function argumentProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return /does not take/.test(message) ? `${option} takes no value` : `${option} needs a value`;
  return message;
}

export async function main(argv: string[]): Promise<number> {
  // The language server takes its own arguments (the transport); it runs until the editor exits it.
  if (argv[0] === 'lsp') return runLanguageServer(argv.slice(1), { bundledCorpus: bundledCorpus() }) ? 0 : 2;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: 'string', multiple: true },
        format: { type: 'string' },
        limit: { type: 'string' },
        all: { type: 'boolean' },
        cache: { type: 'string' },
        'exit-zero': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    process.stderr.write(`corroborate: ${argumentProblem(e)} (corroborate --help lists the options)\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    if (command === 'check') return await check(rest, values);
    if (command === 'search') return await search(rest, values);
    throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`corroborate: ${e.message}\n${command === undefined || !['check', 'search'].includes(command) ? `\n${USAGE}\n` : ''}`);
      return 2;
    }
    process.stderr.write(`corroborate: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`corroborate: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
