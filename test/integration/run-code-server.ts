/**
 * Runs the integration tests inside real VS Code 1.100.3 without downloading VS Code:
 * code-server 4.100.3 (from npm) serves the workbench and runs the extension host; Debian's
 * Chromium, driven headless by playwright-core, is the client. See
 * /work/shared/notes/real-vscode-tests.md for the recipe this follows.
 *
 *   node --import tsx test/integration/run-code-server.ts      (npm run test:integration)
 *
 * First run installs and builds code-server into .vscode-test/code-server (~2.5 min, ~700 MB);
 * later runs reuse it. The exit code is the test result. The install, server and browser
 * plumbing lives in ./codeServer.ts, shared with the UI test (test/ui/run-ui.ts).
 *
 * Environment:
 *   CORROBORATE_IT_TIMEOUT_MS  overall limit for server + browser + tests (default 600000)
 *   CORROBORATE_IT_VERBOSE=1   also print the workbench's own console and the server log
 *   CORROBORATE_IT_KEEP=1      keep the scratch folder (user data, logs, workspace copy)
 *   CORROBORATE_CHROMIUM       Chromium executable (default /usr/bin/chromium)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import {
  closeBrowser,
  consoleText,
  ensureCodeServer,
  Failure,
  launchChromium,
  log,
  makeScratch,
  root,
  runToEnd,
  serverEnv,
  startCodeServer,
  stopCodeServer,
  tail,
  type CodeServer,
} from './codeServer';
import { printArticlePdf } from '../support/pdfFixtures';

const testsBundle = path.join(root, 'dist', 'test', 'integration', 'index.js');
const extensionBundle = path.join(root, 'dist', 'extension.js');
const fixtureWorkspace = path.join(root, 'test', 'integration', 'fixtures', 'workspace');
const overallTimeoutMs = Number(process.env.CORROBORATE_IT_TIMEOUT_MS) || 10 * 60_000;
const verbose = process.env.CORROBORATE_IT_VERBOSE === '1';
const keepScratch = process.env.CORROBORATE_IT_KEEP === '1';
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
/** Workbench messages that are expected on an offline machine and say nothing about the tests. */
const WORKBENCH_NOISE = [
  /Failed to load resource/,
  /open-vsx\.org/,
  /allow-scripts and allow-same-origin/,
  /web worker extension host is started in a same-origin iframe/,
  /Overwriting extension <<copilot-instructions\.md>>/,
  /integration test\(s\) failed/, // the harness's own rejection, already printed
];

// ---------------------------------------------------------------------------------------------
// Build

/** Newest mtime of the files under `p` that go into the bundles (not the runners or fixtures). */
function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'fixtures' || /^run-.*\.ts$/.test(name) || name === 'codeServer.ts') continue;
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

const state: {
  server?: CodeServer;
  context?: BrowserContext;
  scratch?: string;
  cleaned?: boolean;
} = {};

async function cleanup(success: boolean): Promise<void> {
  if (state.cleaned) return;
  state.cleaned = true;
  await closeBrowser(state.context);
  if (state.server) await stopCodeServer(state.server);
  if (state.scratch) {
    if (success && !keepScratch) fs.rmSync(state.scratch, { recursive: true, force: true });
    else log(`scratch folder kept: ${state.scratch}`);
  }
}

/** The one sentence of the private notes outside the untrusted workspace; its number is the marker. */
const UNTRUSTED_MARKER_SENTENCE = 'The lighthouse keeper of Zlarin counted 7777 gulls on the breakwater on Tuesday.';

/** Prefix the harness puts on every extension-host console line (see harness.ts). */
const CONSOLE_MARKER = 'corroborate-it\u241f';

async function main(): Promise<number> {
  ensureCodeServer();
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
  const dirs = makeScratch('corr-it-');
  state.scratch = dirs.root;
  // Tests get a fresh copy, so they may edit files without touching the checked-in fixture.
  fs.cpSync(fixtureWorkspace, dirs.workspace, { recursive: true });
  // A PDF source is printed from the workspace's own article by Chromium, as a reporter's would be.
  const pdfFolder = path.join(dirs.workspace, 'sources-pdf');
  fs.mkdirSync(pdfFolder);
  const article = fs.readdirSync(path.join(fixtureWorkspace, 'corpus')).find((name) => name.endsWith('.txt'))!;
  await printArticlePdf(path.join(fixtureWorkspace, 'corpus', article), path.join(pdfFolder, 'article.pdf'));

  // An untrusted workspace whose own settings point corpusPaths at private notes outside it: the
  // "Untrusted workspace" suite runs alone, and nothing may ever show the notes' marker.
  const untrusted = process.env.CORROBORATE_IT_UNTRUSTED === '1';
  const outside = path.join(dirs.root, 'private-notes');
  if (untrusted) {
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'diary.txt'), `Private diary\n\n${UNTRUSTED_MARKER_SENTENCE}\n`);
    fs.mkdirSync(path.join(dirs.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'corroborate.corpusPaths': [outside] }, null, 2));
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }, null, 2));
  }
  const suites = untrusted ? '^Untrusted workspace' : process.env.CORROBORATE_IT_SUITES;
  const env = serverEnv(dirs, {
    // Read by the tests inside the extension host (it inherits the server's environment).
    CORROBORATE_EXPECTED_EXTENSION_PATH: root,
    CORROBORATE_TEST_WORKSPACE: dirs.workspace,
    CORROBORATE_IT_CONSOLE_MARKER: CONSOLE_MARKER,
    ...(suites ? { CORROBORATE_IT_SUITES: suites } : {}),
    ...(untrusted ? { CORROBORATE_IT_UNTRUSTED: '1', CORROBORATE_IT_OUTSIDE: outside } : {}),
  });
  const server = await startCodeServer(dirs, env, dirs.workspace, (s) => (state.server = s), untrusted);
  const { port, died: serverDied, logFile: serverLog } = server;

  const context = await launchChromium(dirs.profile);
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

runToEnd({ name: 'integration tests', main, cleanup, onEnd: () => overallTimer && clearTimeout(overallTimer) });
