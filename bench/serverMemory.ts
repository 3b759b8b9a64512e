/**
 * The language server's resident memory on generated 1, 10 and 50 MB corpora (bench/perf's
 * generator): what a user's machine gives the server process once the index is built, and once it
 * is read back from the cache at the next start. Each size runs the built dist/server.js over
 * stdio, as an editor starts it, and reads VmRSS and VmHWM (peak) from /proc/<pid>/status.
 *
 *   npm run build && node --import tsx bench/serverMemory.ts [--sizes 1,10,50] [--json FILE]
 *
 * Linux only (/proc). "Settled" is the first reading after indexing that changed by less than 2%
 * over the previous two seconds, so the cache write and the collections after it are over.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawLspClient, type RpcMessage } from '../test/unit/helpers/lspClient';
import { loadSourcePool, writeCorpus } from './perf/corpusGen';

const root = path.resolve(__dirname, '..');
const serverPath = path.join(root, 'dist', 'server.js');
const MB = 1e6;
const POLL_MS = 500;
const SETTLE_WINDOW_MS = 2000;

interface StartFigures {
  /** How the index was obtained: "Indexed …" or "Loaded the index of …" from the server's log. */
  log: string;
  indexMs: number;
  /** Right after `initialize`: Node and the bundle, before any corpus work. */
  startRss: number;
  settledRss: number;
  peakRss: number;
}

interface SizeFigures {
  sizeMb: number;
  corpusBytes: number;
  files: number;
  build: StartFigures;
  reload: StartFigures;
}

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function settledRss(pid: number): Promise<number> {
  const readings: number[] = [];
  const perWindow = SETTLE_WINDOW_MS / POLL_MS;
  for (let i = 0; i < 240; i++) {
    readings.push(memoryOf(pid).rss);
    const then = readings[readings.length - 1 - perWindow];
    const now = readings[readings.length - 1]!;
    if (then !== undefined && Math.abs(now - then) / then < 0.02) return now;
    await sleep(POLL_MS);
  }
  return readings[readings.length - 1]!;
}

/** Starts the server on the workspace, waits for its index and for memory to settle, then stops it. */
async function measureStart(workspace: string, cacheDir: string): Promise<StartFigures> {
  const client = new RawLspClient(process.execPath, [serverPath, '--stdio'], workspace);
  try {
    const pid = client.child.pid!;
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      capabilities: {},
      initializationOptions: { storagePath: cacheDir },
    });
    const startRss = memoryOf(pid).rss;
    const started = performance.now();
    const indexed = client.waitFor((m: RpcMessage) => m.method === 'window/logMessage' && /^(Indexed|Loaded the index of) /.test((m.params as { message: string }).message), 600_000, 'the index');
    client.notify('initialized', {});
    const log = ((await indexed).params as { message: string }).message;
    const indexMs = performance.now() - started;
    const settled = await settledRss(pid);
    const { peak } = memoryOf(pid);
    await client.request('shutdown', undefined, 600_000);
    client.notify('exit');
    await client.exited;
    return { log, indexMs, startRss, settledRss: settled, peakRss: peak };
  } finally {
    client.kill();
  }
}

function parseArgs(argv: string[]): { sizes: number[]; json?: string } {
  const args: { sizes: number[]; json?: string } = { sizes: [1, 10, 50] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') args.sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (argv[i] === '--json') args.json = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}; usage: bench/serverMemory.ts [--sizes 1,10,50] [--json FILE]`);
  }
  if (!args.sizes.length || args.sizes.some((n) => !(n > 0))) throw new Error('--sizes takes positive numbers of MB, e.g. 1,10,50');
  return args;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pool = loadSourcePool(root);
  console.log(`Language server memory (${process.version}, ${os.cpus().length} cores); sources: ${pool.description}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-server-memory-'));
  const results: SizeFigures[] = [];
  try {
    for (const sizeMb of args.sizes) {
      const workspace = path.join(tmp, `ws-${sizeMb}MB`);
      const corpusDir = path.join(workspace, 'corpus');
      mkdirSync(corpusDir, { recursive: true });
      const corpus = writeCorpus(pool, corpusDir, sizeMb * MB);
      const cacheDir = path.join(tmp, `cache-${sizeMb}MB`);
      const build = await measureStart(workspace, cacheDir);
      const reload = await measureStart(workspace, cacheDir);
      const figures: SizeFigures = { sizeMb, corpusBytes: corpus.bytes, files: corpus.files, build, reload };
      results.push(figures);
      for (const [how, f] of [['built', build], ['reloaded', reload]] as const) {
        console.log(
          `${String(sizeMb).padStart(3)} MB corpus (${corpus.files} files), index ${how} in ${(f.indexMs / 1000).toFixed(1)} s: ` +
            `RSS at start ${mb(f.startRss)}, settled ${mb(f.settledRss)} (+${mb(f.settledRss - f.startRss)}, ${((f.settledRss - f.startRss) / corpus.bytes).toFixed(1)}× the corpus), peak ${mb(f.peakRss)}`,
        );
      }
      rmSync(workspace, { recursive: true, force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log('\n| corpus | files | RSS at start | settled after a build | peak during the build | settled after a reload from cache | peak during the reload |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.sizeMb} MB | ${r.files} | ${mb(r.build.startRss)} | ${mb(r.build.settledRss)} | ${mb(r.build.peakRss)} | ${mb(r.reload.settledRss)} | ${mb(r.reload.peakRss)} |`);
  }
  if (args.json) writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
