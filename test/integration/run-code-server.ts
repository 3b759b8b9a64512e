/**
 * Runs the integration tests inside real VS Code 1.100.3 without downloading VS Code:
 * code-server 4.100.3 (from npm) serves the workbench and runs the extension host; Debian's
 * Chromium, driven headless by playwright-core, is the client. See
 * /work/shared/notes/real-vscode-tests.md for the recipe this follows.
 *
 *   node --import tsx test/integration/run-code-server.ts      (npm run test:integration)
 *
 * First run installs and builds code-server into .vscode-test/code-server (~2.5 min, ~700 MB);
 * later runs reuse it. The exit code is the test result.
 *
 * Environment:
 *   CORROBORATE_IT_TIMEOUT_MS  overall limit for server + browser + tests (default 600000)
 *   CORROBORATE_IT_VERBOSE=1   also print the workbench's own console and the server log
 *   CORROBORATE_IT_KEEP=1      keep the scratch folder (user data, logs, workspace copy)
 *   CORROBORATE_CHROMIUM       Chromium executable (default /usr/bin/chromium)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type ConsoleMessage } from 'playwright-core';

const CODE_SERVER_VERSION = '4.100.3';
const VSCODE_VERSION = '1.100.3';

const root = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(root, '.vscode-test', 'code-server');
const codeServerBin = (prefix: string) => path.join(prefix, 'bin', 'code-server');
const chromiumPath = process.env.CORROBORATE_CHROMIUM || '/usr/bin/chromium';
const testsBundle = path.join(root, 'dist', 'test', 'integration', 'index.js');
const extensionBundle = path.join(root, 'dist', 'extension.js');
const fixtureWorkspace = path.join(root, 'test', 'integration', 'fixtures', 'workspace');
const overallTimeoutMs = Number(process.env.CORROBORATE_IT_TIMEOUT_MS) || 10 * 60_000;
const verbose = process.env.CORROBORATE_IT_VERBOSE === '1';
const keepScratch = process.env.CORROBORATE_IT_KEEP === '1';
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const INSTALL_STEP_TIMEOUT_MS = 15 * 60_000;
/** Workbench messages that are expected on an offline machine and say nothing about the tests. */
const WORKBENCH_NOISE = [
  /Failed to load resource/,
  /open-vsx\.org/,
  /allow-scripts and allow-same-origin/,
  /web worker extension host is started in a same-origin iframe/,
  /Overwriting extension <<copilot-instructions\.md>>/,
  /integration test\(s\) failed/, // the harness's own rejection, already printed
];

const t0 = performance.now();
function log(message: string): void {
  const s = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[integration ${s}s] ${message}`);
}

class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Prerequisites

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Where node-gyp finds Node's headers: npm_config_nodedir, else /usr, else this Node's prefix. */
function nodeHeadersDir(): string {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const candidates = ['/usr', path.dirname(path.dirname(fs.realpathSync(process.execPath)))];
  return candidates.find((d) => fs.existsSync(path.join(d, 'include', 'node', 'node_api.h'))) ?? '/usr';
}

interface Missing {
  what: string;
  apt: string;
}

function checkPrerequisites(needInstall: boolean): void {
  const missing: Missing[] = [];
  if (!fs.existsSync(chromiumPath)) missing.push({ what: `Chromium (${chromiumPath})`, apt: 'chromium' });
  if (needInstall) {
    if (!which('rg')) missing.push({ what: 'ripgrep (rg), replaces @vscode/ripgrep\'s GitHub download', apt: 'ripgrep' });
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h'))
      missing.push({ what: 'Kerberos headers for the kerberos native module', apt: 'libkrb5-dev' });
    for (const tool of ['make', 'g++']) if (!which(tool)) missing.push({ what: `${tool} for node-gyp`, apt: 'build-essential' });
    if (!which('python3')) missing.push({ what: 'python3 for node-gyp', apt: 'python3' });
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (missing.length) {
    const pkgs = [...new Set(missing.map((m) => m.apt))].join(' ');
    console.error('');
    console.error('Missing prerequisites for the integration tests:');
    for (const m of missing) console.error(`  - ${m.what}`);
    console.error('Install them (Debian, as root):');
    console.error(`  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs}`);
    console.error('');
    throw new Failure('missing prerequisites', 2);
  }
  if (needInstall) {
    const nodedir = nodeHeadersDir();
    if (!fs.existsSync(path.join(nodedir, 'include', 'node', 'node_api.h'))) {
      console.error('');
      console.error(`Node headers not found in ${nodedir}/include/node; node-gyp would try to download them.`);
      console.error('Point npm_config_nodedir at a Node installation that has include/node (Debian/NodeSource nodejs ships them in /usr).');
      console.error('');
      throw new Failure('missing Node headers', 2);
    }
  }
  if (major !== 20) log(`warning: code-server ${CODE_SERVER_VERSION} targets Node 20; this is Node ${process.versions.node}`);
}

// ---------------------------------------------------------------------------------------------
// code-server install (cached)

function codeServerVersion(prefix: string): string | undefined {
  const bin = codeServerBin(prefix);
  if (!fs.existsSync(bin)) return undefined;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000, env: cleanEnv() });
  return r.status === 0 ? `${r.stdout}`.trim() : undefined;
}

function isInstalled(prefix: string): boolean {
  const v = codeServerVersion(prefix);
  return v !== undefined && v.includes(VSCODE_VERSION);
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const started = performance.now();
  log(`$ (cd ${path.relative(root, cwd) || '.'} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit', timeout: INSTALL_STEP_TIMEOUT_MS });
  if (r.error) throw new Failure(`${cmd} ${args.join(' ')} failed to run: ${r.error.message}`);
  if (r.status !== 0) throw new Failure(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function symlink(target: string, link: string): void {
  fs.rmSync(link, { force: true, recursive: true });
  fs.symlinkSync(target, link);
}

/** The recipe's install, into a `.partial` folder that is renamed only once it works. */
function installCodeServer(): void {
  const started = performance.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, cacheDir)} (first run only, ~2.5 min)`);
  const partial = `${cacheDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`
    npm_config_nodedir: nodeHeadersDir(), // local Node headers, no download
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    JOBS: process.env.JOBS || '2',
  };
  // Its postinstall downloads things; skip it and do its work below.
  sh('npm', ['install', '-g', '--prefix', partial, `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], root, env);
  const cs = path.join(partial, 'lib', 'node_modules', 'code-server');
  sh('npm', ['rebuild', 'argon2'], cs, env);
  const vs = path.join(cs, 'lib', 'vscode');
  sh('npm', ['install', '--omit=dev', '--ignore-scripts'], vs, env);
  const rgBin = path.join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  symlink(which('rg') ?? '/usr/bin/rg', path.join(rgBin, 'rg'));
  sh('npm', ['rebuild'], vs, env); // node-pty, spdlog, watcher, kerberos…
  symlink('node_modules', path.join(vs, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vs, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vs, 'bin', 'helpers', 'browser.sh'));
  sh('npm', ['install', '--omit=dev'], path.join(vs, 'extensions'), env);

  const version = codeServerVersion(partial);
  if (!version?.includes(VSCODE_VERSION))
    throw new Failure(`the built code-server does not report Code ${VSCODE_VERSION}: ${version ?? '(no output)'}`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.renameSync(partial, cacheDir);
  if (!isInstalled(cacheDir)) throw new Failure(`code-server in ${cacheDir} does not start after moving it into place`);
  log(`installed code-server in ${((performance.now() - started) / 1000).toFixed(0)} s: ${codeServerVersion(cacheDir)?.split('\n')[0]}`);
}

// ---------------------------------------------------------------------------------------------
// Build

/** Newest mtime of the files under `p` that go into the bundles (not the runners or fixtures). */
function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'fixtures' || /^run-.*\.ts$/.test(name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

/** `npm test` has just built; a lone `npm run test:integration` after an edit rebuilds. */
function ensureBuilt(): void {
  const inputs = ['src', path.join('test', 'integration'), 'esbuild.js', 'package.json'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
  const outputs = [testsBundle, extensionBundle];
  const stale = outputs.some((o) => !fs.existsSync(o) || fs.statSync(o).mtimeMs < newestInput);
  if (!stale) return;
  log('dist/ is missing or older than the sources: running `node esbuild.js`');
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Failure('the build failed');
}

// ---------------------------------------------------------------------------------------------
// Run

/** The environment without a surrounding VS Code's variables (when run from its terminal). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const state: {
  server?: ChildProcess;
  serverExited?: Promise<void>;
  context?: BrowserContext;
  scratch?: string;
  cleaned?: boolean;
} = {};

function killServerGroup(signal: NodeJS.Signals): void {
  const pid = state.server?.pid;
  if (pid === undefined || state.server?.exitCode !== null || state.server?.signalCode !== null) return;
  try {
    process.kill(-pid, signal); // the whole group: extension hosts, watchers, language servers
  } catch {
    // already gone
  }
}

async function cleanup(success: boolean): Promise<void> {
  if (state.cleaned) return;
  state.cleaned = true;
  if (state.context) {
    const closing = state.context.close().catch(() => undefined);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (state.server) {
    killServerGroup('SIGTERM');
    const exited = await Promise.race([
      state.serverExited?.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
    ]);
    // The leader may be gone while children linger, so the group gets a SIGKILL either way.
    try {
      process.kill(-state.server.pid!, 'SIGKILL');
    } catch {
      // group empty
    }
    if (!exited) log('code-server did not stop on SIGTERM; killed its process group');
  }
  if (state.scratch) {
    if (success && !keepScratch) fs.rmSync(state.scratch, { recursive: true, force: true });
    else log(`scratch folder kept: ${state.scratch}`);
  }
}

process.on('exit', () => {
  // Last resort if we exit without cleanup (e.g. an uncaught error).
  if (state.server?.pid !== undefined && !state.cleaned) {
    try {
      process.kill(-state.server.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** Prefix the harness puts on every extension-host console line (see harness.ts). */
const CONSOLE_MARKER = 'corroborate-it\u241f';

/** A page console message as text, without the workbench logger's `%c` styling arguments. */
async function consoleText(msg: ConsoleMessage): Promise<string> {
  let values: unknown[];
  try {
    values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[unserializable]')));
  } catch {
    values = [msg.text()];
  }
  if (values.length === 0) values = [msg.text()];
  if (typeof values[0] === 'string' && values[0].includes('%c')) {
    // The workbench logs as ('%c INFO', 'color: …', message, ...args): drop one style per %c.
    const styles = (values[0].match(/%c/g) ?? []).length;
    values = [values[0].replace(/%c/g, ''), ...values.slice(1 + styles)];
  }
  return values
    .map((v) => {
      if (typeof v === 'string') return v;
      try {
        return JSON.stringify(v);
      } catch {
        return String(v);
      }
    })
    .join(' ');
}

async function main(): Promise<number> {
  const needInstall = !isInstalled(cacheDir);
  checkPrerequisites(needInstall);
  if (needInstall) installCodeServer();
  else log(`code-server ${CODE_SERVER_VERSION} (Code ${VSCODE_VERSION}) found in ${path.relative(root, cacheDir)}`);
  ensureBuilt();
  // The overall timeout covers server + browser + tests; a first-time install has per-step limits.
  const timedOut = new Promise<number>((resolve) => {
    overallTimer = setTimeout(() => {
      log(`overall timeout of ${overallTimeoutMs / 1000} s exceeded`);
      resolve(124);
    }, overallTimeoutMs);
  });
  return Promise.race([runTests(), timedOut]);
}

async function runTests(): Promise<number> {
  // Short paths: VS Code's IPC socket paths live under TMPDIR/XDG folders and must stay < 108 chars.
  const base = fs.existsSync('/tmp') ? '/tmp' : os.tmpdir();
  const scratch = fs.mkdtempSync(path.join(base, 'corr-it-'));
  state.scratch = scratch;
  const dirs = {
    userData: path.join(scratch, 'ud'),
    extensions: path.join(scratch, 'exts'),
    config: path.join(scratch, 'xc'),
    data: path.join(scratch, 'xd'),
    cache: path.join(scratch, 'xk'),
    tmp: path.join(scratch, 't'),
    profile: path.join(scratch, 'chrome'),
    workspace: path.join(scratch, 'workspace'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // Tests get a fresh copy, so they may edit files without touching the checked-in fixture.
  fs.cpSync(fixtureWorkspace, dirs.workspace, { recursive: true });
  const serverLog = path.join(scratch, 'code-server.log');

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // Read by the tests inside the extension host (it inherits the server's environment).
    CORROBORATE_EXPECTED_EXTENSION_PATH: root,
    CORROBORATE_TEST_WORKSPACE: dirs.workspace,
    CORROBORATE_IT_CONSOLE_MARKER: CONSOLE_MARKER,
  };
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    dirs.workspace,
  ];
  log(`starting code-server on 127.0.0.1:${port} (scratch ${scratch})`);
  const logFd = fs.openSync(serverLog, 'a');
  const server = spawn(codeServerBin(cacheDir), args, {
    cwd: scratch,
    env,
    detached: true, // own process group (setsid), so cleanup can kill every descendant
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  state.server = server;
  let serverExitInfo = '';
  state.serverExited = new Promise<void>((resolve) => {
    server.once('exit', (code, signal) => {
      serverExitInfo = `code ${code ?? signal}`;
      resolve();
    });
    server.once('error', (err) => {
      serverExitInfo = err.message;
      resolve();
    });
  });
  const serverDied = state.serverExited.then(() => {
    throw new Failure(`code-server exited unexpectedly (${serverExitInfo}). Last log lines:\n${tail(serverLog, 40)}`);
  });
  serverDied.catch(() => undefined);

  // Health check: poll /healthz (nothing to subscribe to across processes).
  const healthDeadline = performance.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null || serverExitInfo) await serverDied;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > healthDeadline)
      throw new Failure(`code-server did not answer /healthz within 60 s. Last log lines:\n${tail(serverLog, 40)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log('code-server is healthy');

  log(`launching ${chromiumPath} (headless)`);
  const context = await chromium.launchPersistentContext(dirs.profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  state.context = context;
  const page = context.pages()[0] ?? (await context.newPage());

  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    resolveExit(typeof code === 'number' ? code : Number(code) || 0);
  });

  // Forward console output in order; remember the harness's closing line.
  let forwarding: Promise<void> = Promise.resolve();
  let summary: { passed: number; failed: number } | undefined;
  let onSummary: (() => void) | undefined;
  // The workbench's own messages are noisy (open-vsx ENOTFOUND, vsda, iframes…): kept quiet, and
  // its warnings and errors are shown only when the run fails.
  const workbenchProblems: string[] = [];
  page.on('console', (msg) => {
    forwarding = forwarding.then(async () => {
      const text = await consoleText(msg);
      const at = text.indexOf(CONSOLE_MARKER);
      if (at >= 0) {
        const line = text.slice(at + CONSOLE_MARKER.length);
        console.log(line);
        const m = SUMMARY.exec(line.trim());
        if (m) {
          summary = { passed: Number(m[1]), failed: Number(m[2]) };
          onSummary?.();
        }
      } else if (verbose) {
        console.log(`[workbench ${msg.type()}] ${text}`);
      } else if ((msg.type() === 'error' || msg.type() === 'warning') && !WORKBENCH_NOISE.some((re) => re.test(text))) {
        workbenchProblems.push(`[workbench ${msg.type()}] ${text.split('\n').slice(0, 3).join('\n')}`);
      }
    });
  });
  page.on('pageerror', (err) => {
    const line = `[workbench pageerror] ${err.message}`;
    if (verbose) console.log(line);
    else workbenchProblems.push(line);
  });
  const crashed = new Promise<never>((_, reject) => {
    page.once('crash', () => reject(new Failure('the workbench page crashed')));
    context.once('close', () => reject(new Failure('the browser closed unexpectedly')));
  });
  crashed.catch(() => undefined);

  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(p).pathname}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(testsBundle)],
  ];
  const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ folder: dirs.workspace, payload: JSON.stringify(payload) })}`;
  log(`opening the workbench with folder ${dirs.workspace}`);
  log(`extensionDevelopmentPath=${root}`);
  log(`extensionTestsPath=${testsBundle}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log('workbench loaded; waiting for the tests (output of the extension host follows)');
  console.log('');

  const code = await Promise.race([exited, serverDied, crashed]);
  // codeAutomationExit can overtake the last console lines: wait for the summary briefly.
  if (!summary) {
    await Promise.race([
      new Promise<void>((r) => (onSummary = r)),
      new Promise((r) => setTimeout(r, 3_000)),
    ]);
  }
  await forwarding;
  console.log('');
  log(`VS Code reported exit code ${code}`);
  if (verbose) console.log(`--- code-server log (last 60 lines) ---\n${tail(serverLog, 60)}\n---`);

  const failed = code !== 0 || !summary || summary.failed > 0 || summary.passed === 0;
  if (failed && workbenchProblems.length) {
    log('workbench warnings and errors during the run (known offline noise left out; CORROBORATE_IT_VERBOSE=1 shows everything):');
    for (const p of workbenchProblems.slice(-30)) console.log(p);
  }
  if (code !== 0) {
    if (!summary) {
      log('the tests module did not finish (no summary line): it may have failed to load. code-server log tail:');
      console.log(tail(serverLog, 40));
    }
    return code || 1;
  }
  if (!summary) {
    log('exit code 0 but no "N passed, N failed" line arrived: treating as a failure');
    return 1;
  }
  if (summary.failed > 0 || summary.passed === 0) {
    log(`summary says ${summary.passed} passed, ${summary.failed} failed: treating as a failure`);
    return 1;
  }
  return 0;
}

let overallTimer: ReturnType<typeof setTimeout> | undefined;

async function finish(code: number): Promise<never> {
  if (overallTimer) clearTimeout(overallTimer);
  await cleanup(code === 0);
  log(code === 0 ? 'integration tests PASSED' : `integration tests FAILED (exit ${code})`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    log(`received ${sig}; stopping`);
    void finish(sig === 'SIGINT' ? 130 : 143);
  });
}

main()
  .then((code) => finish(code))
  .catch((err: unknown) => {
    const f = err instanceof Failure ? err : undefined;
    console.error(`[integration] ${f ? f.message : err instanceof Error ? err.stack : String(err)}`);
    return finish(f?.exitCode ?? 1);
  });
