/**
 * UI-level test: checks what a person sees when the packaged extension runs in real VS Code.
 *
 *   node --import tsx test/ui/run-ui.ts      (npm run test:ui)
 *
 * 1. Packages the extension (`npm run package` → corroborate.vsix).
 * 2. Installs the .vsix into a fresh extensions folder with `code-server --install-extension`.
 * 3. Starts code-server 4.100.3 (= VS Code 1.100.3; see test/integration/codeServer.ts) on a
 *    fresh copy of test/ui/fixtures/workspace, with no extensionDevelopmentPath: the installed
 *    .vsix is what runs.
 * 4. Opens the workbench in headless Chromium (playwright-core), opens draft.md by clicking it in
 *    the Explorer, and waits for: a warning squiggle in the editor; a Problems-panel entry about
 *    the draft's "25" where the source says "26"; a hover on that statement that says
 *    "Conflicting" and quotes the source ("draft age from 26 to 18").
 * 5. Takes a screenshot (editor, squiggle, hover and Problems panel); `npm run screenshot` saves it
 *    to media/screenshot.png for the README.
 *
 * Every wait is on a selector with a timeout, never a fixed sleep. The exit code is the result.
 *
 * Environment:
 *   CORROBORATE_UI_TIMEOUT_MS   overall limit after packaging and install (default 300000)
 *   CORROBORATE_UI_KEEP=1       keep the scratch folder (user data, logs, failure screenshot)
 *   CORROBORATE_UI_SKIP_PACKAGE=1  use the existing corroborate.vsix instead of packaging
 *   CORROBORATE_UI_SCREENSHOT   where to save the screenshot (default: only in the scratch folder)
 *   CORROBORATE_UI_SOURCES=pdf  the workspace's sources as Chromium-printed PDFs instead of text
 *   CORROBORATE_UI_SOURCES=sample  no sources in the workspace: the sample articles stand in, and say so
 *   CORROBORATE_CHROMIUM        Chromium executable (default /usr/bin/chromium)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { printArticlePdf } from '../support/pdfFixtures';
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
  codeServerBin,
  serverEnv,
  setLogLabel,
  startCodeServer,
  stopCodeServer,
  tail,
  type CodeServer,
  type Scratch,
} from '../integration/codeServer';

setLogLabel('ui');

// The functions passed to page.evaluate run in the browser. tsconfig has no DOM library (the
// extension must not use it), so the few browser globals they touch are declared here, in this
// module only.
declare const document: any;
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: unknown): { opacity: string };

const EXTENSION_ID = 'corroborate-dev.corroborate';
const vsixPath = path.join(root, 'corroborate.vsix');
const fixtureWorkspace = path.join(root, 'test', 'ui', 'fixtures', 'workspace');
// Tests must not rewrite tracked files: the README's screenshot is refreshed only on request
// (`npm run screenshot`); a plain run keeps its picture in the scratch folder.
const screenshotPath = process.env.CORROBORATE_UI_SCREENSHOT ? path.resolve(root, process.env.CORROBORATE_UI_SCREENSHOT) : undefined;
const overallTimeoutMs = Number(process.env.CORROBORATE_UI_TIMEOUT_MS) || 5 * 60_000;
const keepScratch = process.env.CORROBORATE_UI_KEEP === '1';
const skipPackage = process.env.CORROBORATE_UI_SKIP_PACKAGE === '1';
const sampleSources = process.env.CORROBORATE_UI_SOURCES === 'sample';
const VIEWPORT = { width: 1400, height: 900 };

/** What the test looks for: the draft's statement with a wrong number, and the source's wording. */
const CONFLICT_LINE = 'lower its draft age from 25 to 18';
const CLAIMED = '25';
const SOURCE_VALUE = '26';
const SOURCE_EXCERPT = 'draft age from 26 to 18';

/** Workbench messages that are expected on an offline machine and say nothing about the test. */
const WORKBENCH_NOISE = [
  /Failed to load resource/,
  /open-vsx\.org/,
  /allow-scripts and allow-same-origin/,
  /web worker extension host is started in a same-origin iframe/,
  /Overwriting extension <<copilot-instructions\.md>>/,
];

const state: {
  server?: CodeServer;
  context?: BrowserContext;
  page?: Page;
  scratch?: Scratch;
  cleaned?: boolean;
} = {};

// ---------------------------------------------------------------------------------------------
// Steps

/** Runs one visible check; a timeout becomes a Failure that says what was not seen. */
async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    log(`✔ ${what} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    log(`✘ ${what}`);
    throw new Failure(`UI check failed: ${what}\n  ${detail}`);
  }
}

function packageVsix(): void {
  if (skipPackage) {
    if (!fs.existsSync(vsixPath)) throw new Failure(`CORROBORATE_UI_SKIP_PACKAGE=1 but ${vsixPath} does not exist`);
    log(`using the existing ${path.relative(root, vsixPath)} (CORROBORATE_UI_SKIP_PACKAGE=1)`);
    return;
  }
  log('$ npm run package');
  const before = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit', env: { ...process.env } });
  if (r.error) throw new Failure(`npm run package failed to run: ${r.error.message}`);
  if (r.status !== 0) throw new Failure(`npm run package exited with ${r.status ?? r.signal}`);
  if (!fs.existsSync(vsixPath) || fs.statSync(vsixPath).mtimeMs < before - 1_000)
    throw new Failure(`npm run package did not write ${vsixPath}`);
  log(`packaged ${path.relative(root, vsixPath)} (${(fs.statSync(vsixPath).size / 1024).toFixed(1)} KB)`);
}

/** `code-server --install-extension corroborate.vsix` into the scratch folder's fresh extensions dir. */
function installVsix(dirs: Scratch, env: NodeJS.ProcessEnv): void {
  const leftovers = fs.readdirSync(dirs.extensions);
  if (leftovers.length) throw new Failure(`the extensions folder ${dirs.extensions} is not empty: ${leftovers.join(', ')}`);
  const args = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsixPath];
  log(`$ code-server --install-extension ${path.relative(root, vsixPath)} --extensions-dir ${dirs.extensions}`);
  const r = spawnSync(codeServerBin(), args, { cwd: dirs.root, env, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error || r.status !== 0 || !/successfully installed/i.test(output))
    throw new Failure(`installing the .vsix failed (exit ${r.status ?? r.signal ?? r.error?.message}):\n${output}`);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const installed = fs.readdirSync(dirs.extensions).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
  const expected = `${EXTENSION_ID}-${version}`;
  if (installed.length !== 1 || installed[0] !== expected)
    throw new Failure(`expected exactly ${expected} in the fresh extensions folder, found: ${installed.join(', ') || '(nothing)'}`);
  const manifest = path.join(dirs.extensions, expected, 'package.json');
  if (!fs.existsSync(path.join(dirs.extensions, expected, 'dist', 'extension.js')) || !fs.existsSync(manifest))
    throw new Failure(`the installed extension in ${path.join(dirs.extensions, expected)} lacks dist/extension.js or package.json`);
  log(`installed ${expected} from the .vsix`);
}

/** User settings for a quiet first start: no welcome page, no tips. Everything else is default. */
function writeUserSettings(dirs: Scratch): void {
  const settingsDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
  };
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** The screen position of the first occurrence of `needle` in the editor line that contains `line`. */
async function textPosition(page: Page, line: string, needle: string): Promise<{ x: number; y: number; height: number } | undefined> {
  return page.evaluate(
    ([lineText, needleText]) => {
      const lines: { textContent: string | null }[] = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
      const el = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText));
      if (!el) return undefined;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      // Collect the text nodes so a value split across token spans is still found.
      const nodes: { textContent: string | null }[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n);
        all += (n.textContent ?? '').replace(/\u00a0/g, ' ');
      }
      const lineAt = all.indexOf(lineText);
      const at = all.indexOf(needleText, lineAt);
      if (at < 0) return undefined;
      let offset = 0;
      for (const n of nodes) {
        const len = (n.textContent ?? '').length;
        if (at < offset + len) {
          const range = document.createRange();
          range.setStart(n, at - offset);
          range.setEnd(n, Math.min(len, at - offset + needleText.length));
          const r: { left: number; top: number; width: number; height: number } = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2, height: r.height };
        }
        offset += len;
      }
      return undefined;
    },
    [line, needle] as const,
  );
}

/** The box of a warning squiggle that covers the point, if any. */
async function squiggleAt(page: Page, x: number, y: number): Promise<{ left: number; right: number; top: number; bottom: number } | undefined> {
  return page.evaluate(
    ([px, py]) => {
      const squiggles: { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } }[] = [
        ...document.querySelectorAll('.editor-instance .monaco-editor .squiggly-warning'),
      ];
      for (const el of squiggles) {
        const r = el.getBoundingClientRect();
        if (px >= r.left && px <= r.right && py >= r.top - 4 && py <= r.bottom + 4)
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }
      return undefined;
    },
    [x, y] as const,
  );
}

/** Presses the mouse at `from`, moves to `to` in steps, releases: a drag as a person does it. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

/** The centre of the enabled horizontal sash along the top (north) edge of the element. */
async function sashBox(page: Page, selector: string, edge: 'north'): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(
    ([sel]) => {
      const part = document.querySelector(sel);
      if (!part) return undefined;
      const p = part.getBoundingClientRect();
      for (const s of document.querySelectorAll('.monaco-sash.horizontal:not(.disabled)')) {
        const r = s.getBoundingClientRect();
        const cy = r.top + r.height / 2;
        if (Math.abs(cy - p.top) <= 3 && r.left < p.right && r.right > p.left)
          return { x: (Math.max(r.left, p.left) + Math.min(r.right, p.right)) / 2, y: cy };
      }
      return undefined;
    },
    [selector, edge] as const,
  );
}

function findFiles(dir: string, match: (p: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => path.join(dir, p))
    .filter((p) => match(p) && fs.statSync(p).isFile());
}

async function visibleText(locator: Locator): Promise<string> {
  return ((await locator.innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Run

async function main(): Promise<number> {
  ensureCodeServer();
  packageVsix();
  const timedOut = new Promise<number>((_, reject) => {
    overallTimer = setTimeout(() => reject(new Failure(`overall timeout of ${overallTimeoutMs / 1000} s exceeded`, 124)), overallTimeoutMs);
  });
  timedOut.catch(() => undefined);
  return Promise.race([runUi(), timedOut]);
}

async function runUi(): Promise<number> {
  const dirs = makeScratch('corr-ui-');
  state.scratch = dirs;
  fs.cpSync(fixtureWorkspace, dirs.workspace, { recursive: true });
  // A writer who has not chosen sources yet: the sample articles (the same five) stand in.
  if (sampleSources) fs.rmSync(path.join(dirs.workspace, 'corpus'), { recursive: true });
  if (process.env.CORROBORATE_UI_SOURCES === 'pdf') {
    // The same walk-through with the reporter's sources as printed PDFs: the hover names the page.
    const corpus = path.join(dirs.workspace, 'corpus');
    for (const name of fs.readdirSync(corpus).filter((n) => n.endsWith('.txt'))) {
      await printArticlePdf(path.join(corpus, name), path.join(corpus, name.replace(/\.txt$/, '.pdf')));
      fs.rmSync(path.join(corpus, name));
    }
  }
  const env = serverEnv(dirs);
  writeUserSettings(dirs);
  installVsix(dirs, env);

  // No extensionDevelopmentPath: the extension that runs is the one installed from the .vsix.
  const server = await startCodeServer(dirs, env, dirs.workspace, (s) => (state.server = s));
  const context = await launchChromium(dirs.profile, VIEWPORT);
  state.context = context;
  const page = context.pages()[0] ?? (await context.newPage());
  state.page = page;

  const workbenchProblems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    void consoleText(msg).then((text) => {
      if (!WORKBENCH_NOISE.some((re) => re.test(text))) workbenchProblems.push(`[workbench ${msg.type()}] ${text.split('\n').slice(0, 3).join('\n')}`);
    });
  });
  page.on('pageerror', (err) => workbenchProblems.push(`[workbench pageerror] ${err.message}`));
  const crashed = new Promise<never>((_, reject) => {
    page.once('crash', () => reject(new Failure('the workbench page crashed')));
    context.once('close', () => reject(new Failure('the browser closed unexpectedly')));
  });
  crashed.catch(() => undefined);

  try {
    await Promise.race([checkWhatAPersonSees(page, server.port, dirs), server.died, crashed]);
  } catch (err) {
    if (workbenchProblems.length) {
      log('workbench warnings and errors during the run (known offline noise left out):');
      for (const p of workbenchProblems.slice(-20)) console.log(p);
    }
    log(`code-server log (last 20 lines):\n${tail(server.logFile, 20)}`);
    throw err;
  }
  return 0;
}

async function checkWhatAPersonSees(page: Page, port: number, dirs: Scratch): Promise<void> {
  const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ folder: dirs.workspace })}`;
  log(`opening the workbench (${VIEWPORT.width}×${VIEWPORT.height}) with folder ${dirs.workspace}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const explorerEntry = page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: /^draft\.md$/ }),
  });
  await step('the Explorer shows draft.md', () => explorerEntry.waitFor({ state: 'visible', timeout: 60_000 }));

  const editor = page.locator('.editor-instance .monaco-editor').first();
  await step('clicking draft.md in the Explorer opens it in an editor', async () => {
    await explorerEntry.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'draft.md' }).waitFor({ state: 'visible', timeout: 30_000 });
    await editor.locator('.view-lines', { hasText: 'draft age from' }).waitFor({ state: 'visible', timeout: 30_000 });
  });

  await step('a warning squiggle appears in the editor', () =>
    editor.locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 }),
  );

  const problemsRow = page.locator('.markers-panel .monaco-list-row').filter({ hasText: CLAIMED }).filter({ hasText: SOURCE_VALUE });
  const problemText = await step(`the Problems panel (Ctrl+Shift+M) lists the conflict: "${CLAIMED}" where the source says "${SOURCE_VALUE}"`, async () => {
    await editor.click({ position: { x: 200, y: 5 } }); // focus the editor, away from the statement
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
    await problemsRow.first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await visibleText(problemsRow.first());
    if (!/Conflicting/.test(text)) throw new Error(`the entry does not say "Conflicting": ${text}`);
    return text;
  });
  log(`  Problems entry: ${problemText}`);

  await step('the status bar says in words what Corroborate found: "Corroborate: 2 conflicts"', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Corroborate: 2 conflicts' });
    await item.first().waitFor({ state: 'visible', timeout: 15_000 });
    const text = await visibleText(item.first());
    if (sampleSources !== text.includes('(sample sources)')) throw new Error(`the status bar says "${text}"`);
  });

  if (sampleSources) {
    await step('a notice says the sample articles stand in for the writer\'s sources, with a button to add a folder', async () => {
      const toast = page.locator('.notification-toast', { hasText: 'sample news articles' });
      await toast.first().waitFor({ state: 'visible', timeout: 15_000 });
      await toast.first().locator('.monaco-button', { hasText: 'Add Source Folder' }).first().waitFor({ state: 'visible', timeout: 5_000 });
    });
  }

  // For the screenshot: a shorter Problems panel leaves the editor room below the statement for
  // the whole hover. Done the way a person would, by dragging the sash above the panel.
  await step('the Problems panel is made shorter by dragging its sash', async () => {
    const wanted = 190;
    const sash = await sashBox(page, '.part.panel', 'north');
    const panel = await page.locator('.part.panel').boundingBox();
    if (!sash || !panel) throw new Error('no sash above the Problems panel');
    if (panel.height > wanted + 10) await drag(page, sash, { x: sash.x, y: sash.y + panel.height - wanted });
    await problemsRow.first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  const hover = page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'Conflicting' }).filter({ hasText: SOURCE_EXCERPT });
  const hoverText = await step(`hovering the squiggle shows "Conflicting" and the source's "${SOURCE_EXCERPT}"`, async () => {
    const target = await textPosition(page, CONFLICT_LINE, CLAIMED);
    if (!target) throw new Error(`the editor does not show the line "${CONFLICT_LINE}"`);
    const squiggle = await squiggleAt(page, target.x, target.y + target.height / 2);
    if (!squiggle) throw new Error(`no warning squiggle under "${CLAIMED}" in "${CONFLICT_LINE}"`);
    // Move the pointer in steps so the editor sees mouse-move events, then rest on the value.
    await page.mouse.move(target.x - 120, target.y - 60);
    await page.mouse.move(target.x, target.y, { steps: 8 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      // The keyboard way: cursor into the statement, then Show Hover (Ctrl+K Ctrl+I).
      log('  no hover after moving the pointer; trying the keyboard (Ctrl+K Ctrl+I)');
      await page.mouse.click(target.x, target.y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      } catch (err) {
        // Say what is on screen instead: another hover, or none at all.
        const shown = page.locator('.monaco-editor .monaco-hover:visible');
        const text = (await shown.count()) ? await visibleText(shown.first()) : '';
        throw new Error(text ? `the hover shows instead: ${text.slice(0, 400)}` : `no hover appeared (${err instanceof Error ? err.message.split('\n')[0] : err})`);
      }
    }
    return visibleText(hover.first());
  });
  log(`  hover: ${hoverText.slice(0, 300)}${hoverText.length > 300 ? '…' : ''}`);

  // The hover opens at most 250 px tall and scrolls; drag its bottom edge down so all of it shows.
  await step('the hover is enlarged to show all its text (dragging its bottom edge)', async () => {
    const overflow = await page.evaluate(() => {
      const h = [...document.querySelectorAll('.monaco-editor .monaco-hover')].find((x: any) => x.offsetParent);
      const scrollable = h?.querySelector('.monaco-scrollable-element');
      const content = scrollable?.firstElementChild;
      return content && scrollable ? content.scrollHeight - scrollable.clientHeight : 0;
    });
    if (overflow > 0) {
      const edge = await page.locator('.monaco-resizable-hover .monaco-sash.orthogonal-edge-south').first().boundingBox();
      if (!edge) throw new Error('the hover has no bottom edge to drag');
      const from = { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 };
      await drag(page, from, { x: from.x, y: from.y + overflow + 6 });
    }
    await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
  });

  await step(`screenshot with the hover open saved${screenshotPath ? ` to ${path.relative(root, screenshotPath)}` : ' in the scratch folder'}`, async () => {
    const shot = path.join(dirs.root, 'screenshot.png');
    // The hover fades in: wait until it is fully opaque, and finish any animation for the shot.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-editor .monaco-hover')].some((h: any) => h.offsetParent && getComputedStyle(h).opacity === '1'),
      undefined,
      { timeout: 5_000 },
    );
    await page.screenshot({ path: shot, animations: 'disabled' });
    // Only keep it if the hover was still open when it was taken.
    if (!(await hover.first().isVisible())) throw new Error('the hover closed while the screenshot was taken');
    if (screenshotPath) {
      fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
      fs.copyFileSync(shot, screenshotPath);
    }
  });

  await step(`the installed extension logged its activation with the ${sampleSources ? 'sample' : 'workspace'} corpus`, async () => {
    const expected = sampleSources ? '(bundled)' : `activated; sources: ${path.join(dirs.workspace, 'corpus')} (workspace)`;
    const deadline = performance.now() + 10_000;
    for (;;) {
      const logs = findFiles(path.join(dirs.userData, 'logs'), (p) => p.endsWith(path.join(EXTENSION_ID, 'Corroborate.log')));
      if (logs.some((f) => fs.readFileSync(f, 'utf8').includes(expected))) return;
      if (performance.now() > deadline) throw new Error(`no "${expected}" in the Corroborate output log (${logs.join(', ') || 'no log file'})`);
      await new Promise((r) => setTimeout(r, 200)); // log files are flushed asynchronously: poll
    }
  });
}

// ---------------------------------------------------------------------------------------------

async function cleanup(success: boolean): Promise<void> {
  if (state.cleaned) return;
  state.cleaned = true;
  if (!success && state.page && state.scratch) {
    const shot = path.join(state.scratch.root, 'failure.png');
    const taken = await Promise.race([
      state.page.screenshot({ path: shot }).then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
    ]);
    if (taken) log(`screenshot of the failure: ${shot}`);
  }
  await closeBrowser(state.context);
  if (state.server) await stopCodeServer(state.server);
  if (state.scratch) {
    if (success && !keepScratch) fs.rmSync(state.scratch.root, { recursive: true, force: true });
    else log(`scratch folder kept: ${state.scratch.root}`);
  }
}

let overallTimer: ReturnType<typeof setTimeout> | undefined;

runToEnd({ name: 'UI test', main, cleanup, onEnd: () => overallTimer && clearTimeout(overallTimer) });
