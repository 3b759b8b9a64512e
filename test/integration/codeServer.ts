/**
 * Shared plumbing for running real VS Code 1.100.3 without downloading VS Code: code-server
 * 4.100.3 (from npm) serves the workbench and runs the extension host; Debian's Chromium, driven
 * headless by playwright-core, is the client. See /work/shared/notes/real-vscode-tests.md for the
 * recipe this follows.
 *
 * Used by test/integration/run-code-server.ts (extension tests inside the extension host) and
 * test/ui/run-ui.ts (what a person sees, with the packaged .vsix installed).
 *
 * The first use installs and builds code-server into .vscode-test/code-server (~2.5 min,
 * ~700 MB); later runs reuse it.
 *
 * Environment:
 *   CORROBORATE_CHROMIUM       Chromium executable (default /usr/bin/chromium)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';

export const root = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(root, '.vscode-test', 'code-server');
export const codeServerBin = (prefix: string = cacheDir) => path.join(prefix, 'bin', 'code-server');
export const chromiumPath = process.env.CORROBORATE_CHROMIUM || '/usr/bin/chromium';
const INSTALL_STEP_TIMEOUT_MS = 15 * 60_000;

/** The recipe's Chromium flags (root needs --no-sandbox; no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const t0 = performance.now();
let logLabel = 'integration';

/** Sets the word in the log prefix (`[integration 12.3s]`, `[ui 4.5s]`). */
export function setLogLabel(label: string): void {
  logLabel = label;
}

export function log(message: string): void {
  const s = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[${logLabel} ${s}s] ${message}`);
}

/** An expected failure: its message is printed without a stack, and it carries the exit code. */
export class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Prerequisites

export function which(cmd: string): string | undefined {
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
    console.error(`Missing prerequisites for the ${logLabel} tests:`);
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

/** Checks the prerequisites and installs code-server into the cache unless it is already there. */
export function ensureCodeServer(): void {
  const needInstall = !isInstalled(cacheDir);
  checkPrerequisites(needInstall);
  if (needInstall) installCodeServer();
  else log(`code-server ${CODE_SERVER_VERSION} (Code ${VSCODE_VERSION}) found in ${path.relative(root, cacheDir)}`);
}

// ---------------------------------------------------------------------------------------------
// Run

/** The environment without a surrounding VS Code's variables (when run from its terminal). */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

export function freePort(): Promise<number> {
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

export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A scratch folder with code-server's state folders, all fresh. */
export interface Scratch {
  root: string;
  userData: string;
  extensions: string;
  config: string;
  data: string;
  cache: string;
  tmp: string;
  profile: string;
  workspace: string;
}

/** Makes a scratch folder under /tmp. Short paths: VS Code's IPC socket paths must stay < 108 chars. */
export function makeScratch(prefix: string): Scratch {
  const base = fs.existsSync('/tmp') ? '/tmp' : os.tmpdir();
  const scratch = fs.mkdtempSync(path.join(base, prefix));
  const dirs: Scratch = {
    root: scratch,
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
  return dirs;
}

/** The environment code-server runs in: its XDG folders and TMPDIR inside the scratch folder. */
export function serverEnv(dirs: Scratch, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    ...extra,
  };
}

export interface CodeServer {
  process: ChildProcess;
  port: number;
  logFile: string;
  /** Resolves when the server process exits (or fails to start). */
  exited: Promise<void>;
  /** Rejects with a Failure (and the log's tail) when the server exits; never resolves. */
  died: Promise<never>;
  stopped: boolean;
}

const running = new Set<CodeServer>();

/**
 * Starts code-server on a free loopback port in its own process group, with the scratch
 * folder's user data and extensions folders, and waits until /healthz answers.
 */
export async function startCodeServer(
  dirs: Scratch,
  env: NodeJS.ProcessEnv,
  folder: string,
  /** Called as soon as the process exists, before the health check, so a caller can stop it. */
  onSpawn?: (server: CodeServer) => void,
  /** Keep VS Code's workspace trust on (the folder then opens untrusted, in restricted mode). */
  workspaceTrust = false,
): Promise<CodeServer> {
  const serverLog = path.join(dirs.root, 'code-server.log');
  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    folder,
  ];
  log(`starting code-server on 127.0.0.1:${port} (scratch ${dirs.root})`);
  const logFd = fs.openSync(serverLog, 'a');
  const server = spawn(codeServerBin(cacheDir), args, {
    cwd: dirs.root,
    env,
    detached: true, // own process group (setsid), so cleanup can kill every descendant
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  let serverExitInfo = '';
  const exited = new Promise<void>((resolve) => {
    server.once('exit', (code, signal) => {
      serverExitInfo = `code ${code ?? signal}`;
      resolve();
    });
    server.once('error', (err) => {
      serverExitInfo = err.message;
      resolve();
    });
  });
  const died = exited.then((): never => {
    throw new Failure(`code-server exited unexpectedly (${serverExitInfo}). Last log lines:\n${tail(serverLog, 40)}`);
  });
  died.catch(() => undefined);
  const handle: CodeServer = { process: server, port, logFile: serverLog, exited, died, stopped: false };
  running.add(handle);
  onSpawn?.(handle);

  // Health check: poll /healthz (nothing to subscribe to across processes).
  const healthDeadline = performance.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null || serverExitInfo) await died;
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
  return handle;
}

function killGroup(server: ChildProcess, signal: NodeJS.Signals): void {
  if (server.pid === undefined) return;
  try {
    process.kill(-server.pid, signal); // the whole group: extension hosts, watchers, language servers
  } catch {
    // group already empty
  }
}

/** Stops code-server: SIGTERM to its process group, then SIGKILL to whatever is left. */
export async function stopCodeServer(handle: CodeServer): Promise<void> {
  if (handle.stopped) return;
  handle.stopped = true;
  const server = handle.process;
  if (server.exitCode === null && server.signalCode === null) killGroup(server, 'SIGTERM');
  const exited = await Promise.race([
    handle.exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
  ]);
  // The leader may be gone while children linger, so the group gets a SIGKILL either way.
  killGroup(server, 'SIGKILL');
  running.delete(handle);
  if (!exited) log('code-server did not stop on SIGTERM; killed its process group');
}

process.on('exit', () => {
  // Last resort if we exit without cleanup (e.g. an uncaught error).
  for (const handle of running) killGroup(handle.process, 'SIGKILL');
});

/** Launches headless Chromium with a fresh profile, with the recipe's flags. */
export async function launchChromium(profileDir: string, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  log(`launching ${chromiumPath} (headless)`);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    ...(viewport ? { viewport } : {}),
  });
}

/** Closes the browser, giving up after 10 s. */
export async function closeBrowser(context: BrowserContext | undefined): Promise<void> {
  if (!context) return;
  const closing = context.close().catch(() => undefined);
  await Promise.race([closing, new Promise((r) => setTimeout(r, 10_000))]);
}

/** A page console message as text, without the workbench logger's `%c` styling arguments. */
export async function consoleText(msg: ConsoleMessage): Promise<string> {
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

export interface RunOptions {
  /** What the run is called in its last line ("integration tests", "UI test"). */
  name: string;
  main: () => Promise<number>;
  cleanup: (success: boolean) => Promise<void>;
  /** Called first when the run ends, e.g. to clear the driver's own overall timer. */
  onEnd?: () => void;
}

/**
 * Runs a test driver to the end: always cleans up (server process group, browser, scratch
 * folder), on success, failure or a signal, and exits with the driver's code.
 */
export function runToEnd({ name, main, cleanup, onEnd }: RunOptions): void {
  const started = performance.now();
  let finishing = false;
  const finish = async (code: number): Promise<never> => {
    if (!finishing) {
      finishing = true;
      onEnd?.();
      await cleanup(code === 0);
      const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
      log(code === 0 ? `${name} PASSED in ${took}` : `${name} FAILED (exit ${code}) after ${took}`);
    }
    process.exit(code);
  };
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
      console.error(`${name}: ${f ? f.message : err instanceof Error ? err.stack : String(err)}`);
      return finish(f?.exitCode ?? 1);
    });
}
