/**
 * Issue 6 in a real VS Code: hostile sources, edit storms, documents closed mid-check, bad corpus
 * files, a corpus changing under a rebuild, wrong settings, the size limit, and the two promises
 * that hold over the whole run — the corpus is never written, and the extension opens no socket
 * and starts no process. Imported last in ../index.ts so the whole-run checks see every suite.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatementResult } from '../../../src/engine';
import type { PresentedResult } from '../../../src/server/protocol';
import { evidenceHtml } from '../../../src/extension/evidencePanel';
import { after, before, suite, test, waitFor, waitUntil } from '../harness';
import { api, checked, diagnosticsWhen, logFile, openDraft, provokedLogErrors, setSetting, TIMEOUT, workspaceRoot } from './helpers';

// ---------------------------------------------------------------------------------------------
// Watchers installed when this module loads, before any suite runs.

/** The extension's own bundle: a call whose stack passes through it is the extension's. */
const extensionRoot = process.env.CORROBORATE_EXPECTED_EXTENSION_PATH || path.resolve(__dirname, '..', '..', '..');
const extensionBundle = path.join(extensionRoot, 'dist', 'extension.js');
/** This test bundle, for the spy's self-test. */
const testBundle = __filename;
/** A stack passes through the extension: its bundle, or its sources when stacks are source-mapped. */
const inExtension = (stack: string) => stack.includes(extensionBundle) || stack.includes(path.join(extensionRoot, 'src', 'extension'));
const inTests = (stack: string) => stack.includes(testBundle) || stack.includes(path.join(extensionRoot, 'test', 'integration'));

interface SpiedCall {
  api: string;
  stack: string;
  /** The first argument when it is a string (the module or command a process call starts). */
  target?: string;
}
const spied: SpiedCall[] = [];

/** Wraps `obj[name]` so every call is recorded with its stack, then runs as before. */
function spy(obj: object, name: string, label: string): void {
  const target = obj as Record<string, unknown>;
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function (this: unknown, ...args: unknown[]) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    spied.push({ api: label, stack, ...(typeof args[0] === 'string' ? { target: args[0] } : {}) });
    return Reflect.apply(original as (...a: unknown[]) => unknown, this, args);
  };
}
// The real module objects: a bundler's `import * as` namespace is a read-only copy.
const net = require('node:net') as typeof import('node:net');
const dns = require('node:dns') as typeof import('node:dns');
const http = require('node:http') as typeof import('node:http');
const https = require('node:https') as typeof import('node:https');
const tls = require('node:tls') as typeof import('node:tls');
const childProcess = require('node:child_process') as typeof import('node:child_process');
spy(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
for (const n of ['connect', 'createConnection', 'createServer']) spy(net, n, `net.${n}`);
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) spy(dns, n, `dns.${n}`);
for (const n of ['request', 'get']) {
  spy(http, n, `http.${n}`);
  spy(https, n, `https.${n}`);
}
spy(tls, 'connect', 'tls.connect');
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) spy(childProcess, n, `child_process.${n}`);
spy(globalThis, 'fetch', 'fetch');

/** Unhandled rejections over the whole run, with what raised them. */
const rejections: unknown[] = [];
process.on('unhandledRejection', (reason) => rejections.push(reason));
const describeReason = (r: unknown) => (r instanceof Error ? r.stack ?? r.message : String(r));
const fromExtension = (r: unknown) => inExtension(describeReason(r));

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** path → content hash of every file under `dir` (symbolic links by target, not followed). */
function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(p, 'symlink');
      else if (e.isDirectory()) walk(p);
      else out.set(p, sha256(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

const workspaceAtLoad = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.env.CORROBORATE_TEST_WORKSPACE ?? '';
/** The workspace corpus as it was before any suite ran. */
const corpusAtStart = workspaceAtLoad && existsSync(path.join(workspaceAtLoad, 'corpus')) ? hashTree(path.join(workspaceAtLoad, 'corpus')) : new Map<string, string>();

// ---------------------------------------------------------------------------------------------
// Helpers

const corpusDir = () => path.join(workspaceRoot(), 'corpus');
/** How the loader names a corpus file: the folder joined with the relative path, forward slashes. */
const display = (p: string) => p.replace(/\\/g, '/');

const readLog = () => readFileSync(logFile(extensionRoot), 'utf8');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Resolves once the extension's log holds every one of `needles` (the log is flushed in the background). */
function logContains(needles: string[], description: string): Promise<string> {
  return waitUntil(
    () => {
      const text = readLog();
      return needles.every((n) => text.includes(n)) ? text : undefined;
    },
    { timeoutMs: TIMEOUT, description },
  );
}

async function hoverMarkdown(doc: vscode.TextDocument, offset: number): Promise<(vscode.MarkdownString | vscode.MarkedString)[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  return hovers.flatMap((h) => h.contents);
}

/** The index once it holds exactly the documents `accept` wants (re-checked on each new index). */
async function indexWhen(accept: (paths: string[]) => boolean, description: string) {
  const a = await api();
  return waitUntil(
    async () => {
      const index = await a.ready();
      return accept(index.documents.map((d) => d.path)) ? index : undefined;
    },
    { event: a.onDidChangeIndex, timeoutMs: TIMEOUT, description },
  );
}

const markdownText = (c: vscode.MarkdownString | vscode.MarkedString) => (typeof c === 'string' ? c : 'value' in c ? c.value : '');

// ---------------------------------------------------------------------------------------------

const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  link: '[click](command:workbench.action.quit)',
  autolink: '<command:workbench.action.quit>',
  html: '<a href="command:workbench.action.quit">quit</a>',
};
const HOSTILE_NAME = 'zz-hostile [x](command:workbench.action.quit) <img src=x onerror=alert(1)>.txt';
const HOSTILE_SOURCE = [
  `Harbour notes ${HOSTILE.script}`,
  '',
  `The harbour master said the Varna lighthouse has 212 steps and opened in 1897 ${HOSTILE.script} ${HOSTILE.img} ${HOSTILE.link} ${HOSTILE.autolink} ${HOSTILE.html} ](command:workbench.action.quit) $(alert).`,
  '',
].join('\n');
const HOSTILE_CLAIM = 'The harbour master said the Varna lighthouse has 240 steps and opened in 1897.';

suite('Reliability: hostile sources', () => {
  const file = () => path.join(corpusDir(), HOSTILE_NAME);
  let doc: vscode.TextDocument;
  let result: StatementResult;

  before(async () => {
    const indexed = indexWhen((paths) => paths.some((p) => p.endsWith(HOSTILE_NAME)), 'the hostile source to be indexed');
    await fs.writeFile(file(), HOSTILE_SOURCE);
    await indexed;
    doc = (await openDraft('hostile.md', `${HOSTILE_CLAIM}\n`)).document;
    const report = await checked(doc);
    result = report.results[0]!;
  });

  after(async () => {
    const gone = indexWhen((paths) => !paths.some((p) => p.endsWith(HOSTILE_NAME)), 'the hostile source to leave the index');
    await fs.rm(file(), { force: true });
    await gone;
  });

  test('the hostile passage is the evidence of a conflict', () => {
    assert.equal(result.verdict, 'conflicting');
    assert.deepEqual(result.conflicts.map((c) => [c.claimed, c.source]), [['240', '212']]);
    const excerpt = result.evidence[0]!.excerpt;
    for (const h of [HOSTILE.script, HOSTILE.img, HOSTILE.autolink]) assert.ok(excerpt.includes(h), `the excerpt carries ${h}: ${excerpt}`);
  });

  test('the hover is untrusted Markdown with every hostile string escaped', async () => {
    // With no diagnostic to show the finding, the hover lists it in full: every excerpt, every label.
    await setSetting('severity.conflicting', 'none');
    const contents = await waitUntil(async () => {
      const c = await hoverMarkdown(doc, 5);
      return c.length ? c : undefined;
    }, { event: vscode.languages.onDidChangeDiagnostics, timeoutMs: TIMEOUT, description: 'the full hover of the hostile statement' }).finally(() => setSetting('severity.conflicting', undefined));
    assert.ok(contents.length > 0, 'no hover');
    for (const c of contents) {
      if (typeof c === 'string' || !('value' in c)) continue;
      const md = c as vscode.MarkdownString;
      assert.ok(!md.isTrusted, 'the hover must not be trusted (command links would run)');
      assert.ok(!md.supportHtml, 'the hover must not render HTML');
    }
    const md = contents.map(markdownText).join('\n');
    assert.match(md, /Conflicting/);
    // The hostile text is shown, escaped: proves the checks below look at the real excerpt.
    assert.ok(md.includes('\\<script\\>alert\\(1\\)\\</script\\>'), md);
    // Nothing unescaped: no raw tag or autolink, no link to a command, no theme icon from the source.
    assert.doesNotMatch(md, /(^|[^\\])<(script|img|a|b|command)\b/i);
    assert.doesNotMatch(md, /(^|[^\\])\]\(\s*command:/);
    assert.doesNotMatch(md, /(^|[^\\])\$\(alert\)/);
    const targets = [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]!);
    assert.ok(targets.length >= 1, 'the hover links the source file');
    for (const t of targets) assert.match(t, /^file:\/\//, `link target ${t}`);
  });

  test('the evidence webview HTML has a strict CSP and escapes every hostile string', async () => {
    const media = vscode.Uri.file(path.join(extensionRoot, 'media'));
    const webview = { cspSource: 'https://fake.vscode-cdn.net', asWebviewUri: (u: vscode.Uri) => u.with({ scheme: 'https', authority: 'fake.vscode-cdn.net' }) };
    const hostileText = Object.values(HOSTILE).join(' ');
    // The statement as the evidence panel gets it from the server, and one crafted with a hostile string in every field.
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const presented = await vscode.commands.executeCommand<PresentedResult>('corroborate.showEvidence');
    assert.ok(presented?.evidence.some((e) => e.excerpt.includes(HOSTILE.script)), 'the panel got the hostile excerpt');
    const crafted: PresentedResult = {
      message: hostileText,
      text: `${hostileText} "quoted" & 'single'`,
      offset: 0,
      length: 10,
      verdict: `conflicting ${HOSTILE.img}` as StatementResult['verdict'],
      confidence: 0.9,
      conflicts: [{ kind: `number${HOSTILE.script}` as 'number', claimed: HOSTILE.img, source: HOSTILE.script, offset: 0, length: 1, passage: 0 }],
      evidence: [{
        passage: 0, source: `/x/${HOSTILE.img}.txt`, title: HOSTILE.script, line: 3, excerpt: hostileText, stance: `conflicts" onmouseover="alert(1)` as 'conflicts', score: 1,
        at: HOSTILE.img, link: HOSTILE.html, meta: { title: HOSTILE.script, label: HOSTILE.html, outlet: HOSTILE.img, author: HOSTILE.html, date: HOSTILE.autolink },
      }],
    };
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const r of [presented!, crafted]) {
      const html = evidenceHtml(webview, media, r);
      // The policy: nothing by default, scripts only with the nonce, styles and images only from the webview.
      const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
      assert.equal(metas.length, 1, 'one CSP meta');
      const directives = new Map(metas[0]![1]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [k, ...v] = d.split(/\s+/); return [k!, v] as const; }));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      const scriptSrc = directives.get('script-src') ?? [];
      assert.equal(scriptSrc.length, 1);
      const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0]!)?.[1];
      assert.ok(nonce, `script-src is only a nonce: ${scriptSrc}`);
      assert.deepEqual(directives.get('style-src'), [webview.cspSource]);
      assert.deepEqual(directives.get('img-src'), [webview.cspSource]);
      assert.doesNotMatch(metas[0]![1]!, /unsafe-inline|unsafe-eval|\*|data:|http:/);
      // Exactly one script element: the extension's own file, carrying the nonce.
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      assert.deepEqual(scripts, [`<script nonce="${nonce}" src="https://fake.vscode-cdn.net${media.path}/evidence.js">`]);
      // No element a source could have smuggled in, no event-handler attribute, no command link.
      assert.doesNotMatch(html, /<(img|iframe|object|embed|a|b|form|base)\b/i);
      for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
        // Attribute names, with quoted values skipped: escaped text inside a value is not an attribute.
        const names = [...tag.slice(tag.search(/\s|>/)).matchAll(/\s([^\s=>"'/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g)].map((m) => m[1]!.toLowerCase());
        assert.deepEqual(names.filter((n) => n.startsWith('on')), [], tag);
        for (const m of tag.matchAll(/\s(?:href|src|action|formaction)\s*=\s*"([^"]*)"/gi)) assert.doesNotMatch(m[1]!, /^\s*(command|javascript|data):/i, tag);
      }
      // Each hostile string is there, but only escaped.
      for (const h of [HOSTILE.script, HOSTILE.img, HOSTILE.autolink, HOSTILE.html]) {
        if (r === presented && !r.evidence.some((e) => e.excerpt.includes(h))) continue;
        assert.ok(!html.includes(h), `raw ${h} in the webview`);
        assert.ok(html.includes(escape(h)), `escaped ${h} missing`);
      }
    }
  });

  test('the evidence panel opens on the hostile statement without error', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const shown = await vscode.commands.executeCommand<StatementResult>('corroborate.showEvidence');
    assert.equal(shown?.verdict, 'conflicting');
    assert.ok(shown?.evidence.some((e) => e.excerpt.includes(HOSTILE.script)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

// ---------------------------------------------------------------------------------------------

const STORM_BASE = `# Storm

Waltz said Kyiv could lower its draft age from 25 to 18.

Switzerland's Foreign Ministry expressed its willingness on Jan. 12 to host a face-to-face meeting between Trump and Putin.
`;

suite('Reliability: edit storms and closing mid-check', () => {
  after(async () => {
    await setSetting('run', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the unhandled-rejection watch works (self-test)', async () => {
    const probe = new Error('reliability probe');
    const before = rejections.length;
    const rejected = Promise.reject(probe);
    await waitUntil(() => rejections.includes(probe), { timeoutMs: 5_000, description: 'the probe rejection to be seen' });
    rejected.catch(() => undefined);
    assert.equal(rejections.length, before + 1);
    rejections.splice(rejections.indexOf(probe), 1);
  });

  test('100 edits as fast as the editor takes them: no stale diagnostics, no rejection, no queue of checks', async () => {
    const a = await api();
    const editor = await openDraft('storm.md', STORM_BASE);
    const doc = editor.document;
    await checked(doc);
    const rejectionsBefore = rejections.length;
    let completed = 0;
    const counting = a.onDidCheck((r) => {
      if (r.uri.toString() === doc.uri.toString()) completed++;
    });
    const numberRange = () => {
      const m = /from (\d+) to 18/.exec(doc.getText())!;
      const at = m.index + 'from '.length;
      return new vscode.Range(doc.positionAt(at), doc.positionAt(at + m[1]!.length));
    };
    // Numbers come and go, a line is appended and removed, the heading flips: 100 edits, and
    // the last one restores the source's number, so the final version has no conflict.
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) {
      const ok = await editor.edit((b) => {
        if (i === 99) b.replace(numberRange(), '26');
        else if (i % 4 === 0) b.replace(numberRange(), String(30 + i));
        else if (i % 4 === 1) b.insert(doc.lineAt(doc.lineCount - 1).range.end, `The harbour festival will host ${i} ships in June.\n`);
        else if (i % 4 === 2) b.delete(doc.lineAt(doc.lineCount - 2).rangeIncludingLineBreak);
        else b.replace(doc.lineAt(0).range, doc.lineAt(0).text === '# Storm' ? '# Storm!' : '# Storm');
      });
      assert.ok(ok, `edit ${i} was applied`);
    }
    const burstMs = performance.now() - t0;
    const finalText = doc.getText();
    assert.equal(finalText, STORM_BASE.replace('from 25', 'from 26'));
    assert.doesNotMatch(finalText, /harbour festival/, 'the appended lines were all deleted again');
    const report = await checked(doc, 'the check of the final version after the storm');
    counting.dispose();
    assert.equal(report.version, doc.version);
    assert.equal(a.isPending(doc.uri), false);
    // Results describe the final text exactly.
    for (const r of report.results) assert.equal(finalText.slice(r.offset, r.offset + r.length), r.text);
    assert.equal(report.results.find((r) => r.text.startsWith('Waltz'))?.verdict, 'supported');
    // Diagnostics are those of the final report, all inside the document.
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Corroborate');
    for (const d of ours) {
      assert.ok(doc.validateRange(d.range).isEqual(d.range), `range ${JSON.stringify(d.range)} inside the document`);
      assert.ok(report.results.some((r) => r.verdict !== 'supported' && r.verdict !== 'skipped' && doc.offsetAt(d.range.start) === r.offset && doc.offsetAt(d.range.end) === r.offset + r.length), `diagnostic "${d.message}" on "${doc.getText(d.range)}" matches a finding of the final version`);
      assert.doesNotMatch(d.message, /"(3\d|[4-9]\d|1[0-2]\d)"/, 'no diagnostic for a number of an intermediate version');
      assert.doesNotMatch(doc.getText(d.range), /harbour festival/);
    }
    const expected = report.results.filter((r) => r.verdict === 'unverified' || ((r.verdict === 'conflicting' || r.verdict === 'contested') && r.confidence >= 0.5));
    assert.equal(ours.length, expected.length, 'one diagnostic per finding');
    assert.deepEqual(rejections.slice(rejectionsBefore).map(describeReason), [], 'no unhandled rejection');
    // Debounced: a handful of checks ran to completion, not one per edit.
    assert.ok(completed >= 1 && completed <= 10, `${completed} checks completed during and after ${Math.round(burstMs)} ms of edits`);
    console.log(`      100 edits in ${Math.round(burstMs)} ms; ${completed} check(s) completed`);
  }, { timeout: 40_000 });

  test('a document closed right after an edit leaves nothing behind', async () => {
    const a = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Waltz said Kyiv could lower its draft age from 21 to 18.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'the first warning in the untitled draft');
    const rejectionsBefore = rejections.length;
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'The ferry leaves at noon.\n'));
    assert.equal(a.isPending(doc.uri), true, 'the edit scheduled a check');
    const closed = waitFor(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === doc.uri.toString(), TIMEOUT, 'the untitled draft to close');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    assert.equal(a.isPending(doc.uri), false, 'the scheduled check was dropped');
    assert.equal(a.report(doc.uri), undefined);
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'the closed draft’s diagnostics to clear');
    assert.deepEqual(rejections.slice(rejectionsBefore).map(describeReason), []);
  });

  test('closing a document while a long check runs stops the check at once', async () => {
    const a = await api();
    await setSetting('run', 'manual');
    await waitUntil(() => vscode.workspace.getConfiguration('corroborate').get('run') === 'manual', { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'run = manual' });
    // Distinct statements, so no result can come from the checker's memo of earlier versions.
    const draft = (from: number, statements = 1500) => Array.from({ length: statements }, (_, i) => `The harbour festival in town number ${from + i} will host ${i % 50} ships on day ${i % 28}.\n`).join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: draft(0) });
    await vscode.window.showTextDocument(doc);
    // Control: the whole check completes, and takes a while.
    const t0 = performance.now();
    const full = await vscode.commands.executeCommand<{ results: unknown[] } | undefined>('corroborate.checkDocument', doc.uri);
    const fullMs = performance.now() - t0;
    assert.equal(full?.results.length, 1500);
    await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'findings of the long draft');
    const rejectionsBefore = rejections.length;
    // A new version in which every statement is new, twice as many: a check that outlasts a slow
    // close command on a loaded machine, so only stopping it can end it early.
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    assert.ok(await vscode.window.activeTextEditor!.edit((b) => b.replace(whole, draft(5000, 3000))));
    let endedAt = 0;
    const running = Promise.resolve(vscode.commands.executeCommand<unknown>('corroborate.checkDocument', doc.uri)).then((outcome) => {
      endedAt = performance.now();
      return outcome;
    });
    await waitUntil(() => a.isPending(doc.uri), { timeoutMs: TIMEOUT, description: 'the second check to start' });
    let closedAt = 0;
    const closing = waitFor(vscode.workspace.onDidCloseTextDocument, (d) => d === doc, TIMEOUT, 'the long draft to close').then(() => (closedAt = performance.now()));
    const t1 = performance.now();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closing;
    const outcome = await running;
    const stopMs = endedAt - t1;
    assert.equal(outcome, undefined, 'the check ended without a report: it was stopped, not finished');
    assert.ok(stopMs < fullMs, `stopped after ${Math.round(stopMs)} ms; a full check takes ${Math.round(fullMs)} ms`);
    // The revert (a change) or the close itself stops it at the next slice: never long after the close.
    assert.ok(endedAt - closedAt < 500, `the check ran on for ${Math.round(endedAt - closedAt)} ms after the document closed`);
    assert.equal(a.isPending(doc.uri), false);
    assert.equal(a.report(doc.uri), undefined);
    await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'the closed draft’s diagnostics to clear');
    assert.deepEqual(rejections.slice(rejectionsBefore).map(describeReason), []);
    console.log(`      a full check took ${Math.round(fullMs)} ms; the next one ended ${Math.round(stopMs)} ms after the close command, ${Math.round(endedAt - closedAt)} ms after the close event`);
  }, { timeout: 60_000 });

  test('a draft changes only through the quick fix the user picks', async () => {
    const text = 'Waltz said Kyiv could lower its draft age from 25 to 18.\n\nThe harbour festival will host 40 ships in June.\n';
    await setSetting('run', undefined);
    await waitUntil(() => vscode.workspace.getConfiguration('corroborate').get('run') === 'onType', { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'run back to onType' });
    const editor = await openDraft('untouched.md', text);
    const doc = editor.document;
    const version = doc.version;
    const onDisk = () => sha256(readFileSync(doc.uri.fsPath));
    const diskBefore = onDisk();
    await checked(doc);
    const diags = await diagnosticsWhen(doc.uri, (d) => d.length >= 2, 'both findings of untouched.md');
    // Everything that reads the draft: hovers, code action lists, every checking command.
    for (const offset of [3, 40, text.indexOf('harbour') + 2]) await hoverMarkdown(doc, offset);
    for (const d of diags) await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    await vscode.commands.executeCommand('corroborate.checkDocument');
    editor.selection = new vscode.Selection(0, 0, 3, 0);
    await vscode.commands.executeCommand('corroborate.checkSelection');
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    await vscode.commands.executeCommand('corroborate.showEvidence');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('corroborate.checkWorkspace');
    await vscode.commands.executeCommand('corroborate.rebuildIndex');
    await checked(doc);
    assert.equal(doc.getText(), text);
    assert.equal(doc.version, version, 'no edit was applied');
    assert.equal(doc.isDirty, false);
    assert.equal(onDisk(), diskBefore);
    // The user picks the preferred fix: exactly that edit happens, nothing else.
    const warning = diags.find((d) => /"25"/.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((x) => x.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.getText(), text.replace('from 25 to', 'from 26 to'));
    assert.equal(onDisk(), diskBefore, 'the fix edits the buffer; saving is the user’s call');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }, { timeout: 40_000 });
});

// ---------------------------------------------------------------------------------------------

suite('Reliability: bad corpus files, a corpus changing under a rebuild', () => {
  const bad = (name: string) => path.join(corpusDir(), name);
  const deepLevels = Array.from({ length: 70 }, (_, i) => `d${i + 1}`);

  after(async () => {
    for (const name of ['zz-bad-binary.txt', 'zz-bad-invalid.md', 'zz-bad-empty.txt', 'zz-bad-huge.txt', 'zz-bad-deep', 'zz-bad-loop', 'zz-bad-notes.pdf', 'zz-bad-sheet.xlsx', 'zz-good-extra.txt']) {
      await fs.rm(bad(name), { recursive: true, force: true });
    }
    for (const f of readdirSync(corpusDir()).filter((n) => n.startsWith('zz-churn-'))) await fs.rm(bad(f), { force: true });
    await indexWhen((paths) => !paths.some((p) => /zz-(bad|good|churn)/.test(p)), 'the index without the test files');
  }, { timeout: 30_000 });

  test('each unusable corpus file is skipped and logged once with its reason; the rest is indexed', async () => {
    const a = await api();
    await fs.writeFile(bad('zz-bad-binary.txt'), Buffer.from([0x48, 0x00, 0x01, 0x02, 0xff, 0x00]));
    await fs.writeFile(bad('zz-bad-invalid.md'), Buffer.from([0x54, 0x68, 0xc3, 0x28, 0x81, 0x9d, 0xfe, 0x20]));
    await fs.writeFile(bad('zz-bad-empty.txt'), '');
    await fs.writeFile(bad('zz-bad-huge.txt'), Buffer.alloc(10.5 * 1024 * 1024, 'The bridge is long. '));
    await fs.writeFile(bad('zz-bad-notes.pdf'), '%PDF-1.4');
    await fs.writeFile(bad('zz-bad-sheet.xlsx'), 'PK');
    await fs.mkdir(path.join(bad('zz-bad-deep'), ...deepLevels), { recursive: true });
    await fs.writeFile(path.join(bad('zz-bad-deep'), ...deepLevels, 'deep.txt'), 'Too deep to be read.\n');
    await fs.symlink(corpusDir(), bad('zz-bad-loop'), 'dir');
    const first = await vscode.commands.executeCommand<number>('corroborate.rebuildIndex');
    assert.equal(first, (await a.ready()).documentCount);
    // A second rebuild that also sees a new good file: the bad ones must not be logged again.
    // The file's 17 sentences make that rebuild's summary line one the log has not seen before.
    const logBefore = readLog();
    const sentences = Array.from({ length: 17 }, (_, i) => `The museum in Plovdiv holds ${31 + i} Roman coins from hoard ${i}.`);
    await fs.writeFile(bad('zz-good-extra.txt'), `Extra notes\n\n${sentences.join('\n')}\n`);
    const second = await vscode.commands.executeCommand<number>('corroborate.rebuildIndex');
    assert.equal(second, first + 1, 'the good file is indexed next to the bad ones');
    const summary = `Indexed ${second} source(s), ${(await a.ready()).passageCount} passages`;
    assert.ok(!logBefore.includes(summary), `the marker "${summary}" is new`);
    const expected: [string, string][] = [
      ['zz-bad-binary.txt', 'binary file'],
      ['zz-bad-invalid.md', 'not valid UTF-8 text'],
      ['zz-bad-empty.txt', 'empty file'],
      ['zz-bad-huge.txt', 'file too large (10.5 MB; limit 10.0 MB)'],
      ['zz-bad-notes.pdf', 'truncated PDF (no end-of-file marker: an incomplete download or copy?)'],
      ['zz-bad-sheet.xlsx', 'unsupported file type (.xlsx)'],
      // corpus/zz-bad-deep is level 1, so …/d64 is level 65: the first one not walked.
      [path.join('zz-bad-deep', ...deepLevels.slice(0, 64)), 'folder nested deeper than 64 levels'],
      ['zz-bad-loop', 'symbolic link loop (points back to a parent folder)'],
    ];
    const lines = expected.map(([p, reason]) => `Skipped ${display(bad(p))}: ${reason}`);
    // Wait for the second rebuild's summary: everything it logged before is in the file by then.
    const log = await logContains([...lines, summary], 'the skipped files and the second rebuild in the log');
    for (const line of lines) assert.equal(count(log, line), 1, `logged once: ${line}`);
    assert.equal(count(log, `Skipped ${display(bad('zz-good-extra.txt'))}`), 0);
  }, { timeout: 40_000 });

  test('the index survives the corpus changing during rebuilds and ends up matching the folder', async () => {
    const a = await api();
    const rejectionsBefore = rejections.length;
    const content = (i: number, v: number) => `Churn ${i}\n\nThe depot in Ruse number ${i} stores ${v} barrels of oil.\n`;
    const rebuilds: Thenable<unknown>[] = [vscode.commands.executeCommand('corroborate.rebuildIndex')];
    let v = 100;
    for (let i = 0; i < 30; i++) {
      await fs.writeFile(bad(`zz-churn-${i}.txt`), content(i, v++));
      if (i % 3 === 2) await fs.rm(bad(`zz-churn-${i - 2}.txt`), { force: true });
      if (i % 4 === 1) await fs.writeFile(bad(`zz-churn-${i - 1}.txt`), content(i - 1, v++));
      if (i % 5 === 0) rebuilds.push(vscode.commands.executeCommand('corroborate.rebuildIndex'), a.reloadIndex());
    }
    const outcomes = await Promise.allSettled(rebuilds);
    assert.deepEqual(outcomes.filter((o) => o.status === 'rejected').map((o) => describeReason((o as PromiseRejectedResult).reason)), [], 'no rebuild failed');
    const present = readdirSync(corpusDir()).filter((n) => n.startsWith('zz-churn-')).sort();
    const index = await indexWhen((paths) => {
      const churn = paths.filter((p) => p.includes('zz-churn-')).map((p) => path.basename(p)).sort();
      return JSON.stringify(churn) === JSON.stringify(present);
    }, 'the index to settle on the files that remain');
    // Each document is the file's last version, never an earlier one.
    for (const d of index.documents.filter((x) => x.path.includes('zz-churn-'))) {
      assert.equal(d.hash, sha256(readFileSync(d.path)), `${path.basename(d.path)} is indexed at its last version`);
    }
    const last = present[present.length - 1]!;
    const m = /number (\d+) stores (\d+)/.exec(readFileSync(bad(last), 'utf8'))!;
    const doc = (await openDraft('churn.md', `The depot in Ruse number ${m[1]} stores ${m[2]} barrels of oil.\n`)).document;
    assert.equal((await checked(doc)).results[0]?.verdict, 'supported');
    assert.deepEqual(rejections.slice(rejectionsBefore).map(describeReason), []);
  }, { timeout: 60_000 });
});

// ---------------------------------------------------------------------------------------------

/** Filler statements, then `cut` placed so that `limit` falls between `cut[splitAt - 1]` and `cut[splitAt]`. */
function draftAcrossLimit(limit: number, cut: string, splitAt: number, tail: string[]): string {
  const filler = (i: number) => `The harbour festival in Trieste will host ${i + 10} ships in June.\n\n`;
  let head = '';
  for (let i = 0; head.length + filler(i).length + splitAt + 8 <= limit; i++) head += filler(i);
  const pad = limit - splitAt - head.length;
  head += pad <= 3 ? ' '.repeat(pad) : `${'-'.repeat(pad - 2)}\n\n`;
  const text = `${head}${cut}\n\n${tail.join('\n\n')}\n`;
  assert.equal(text.slice(limit - 1, limit + 1), cut.slice(splitAt - 1, splitAt + 1), 'the limit falls inside the statement');
  return text;
}

suite('Reliability: wrong settings and the size limit', () => {
  const BAD: Record<string, unknown> = {
    debounceMs: 'fast',
    run: 'sometimes',
    corpusPaths: ['does/not/exist'],
    languages: 'markdown',
    minimumConfidence: 7,
    showUnverified: 'yes',
    maxDraftSize: 'big',
    'severity.conflicting': 'loud',
  };

  after(async () => {
    for (const key of [...Object.keys(BAD), 'maxDraftSize']) await setSetting(key, undefined);
    await waitUntil(() => Object.keys(BAD).every((k) => vscode.workspace.getConfiguration('corroborate').inspect(k)?.workspaceValue === undefined), {
      event: vscode.workspace.onDidChangeConfiguration,
      timeoutMs: TIMEOUT,
      description: 'the settings to be reset',
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('wrong types, unknown values and a missing corpus folder: messages, safe fallbacks, still checking', async () => {
    const a = await api();
    const applied = waitUntil(() => vscode.workspace.getConfiguration('corroborate').get('severity.conflicting') === 'loud', {
      event: vscode.workspace.onDidChangeConfiguration,
      timeoutMs: TIMEOUT,
      description: 'the bad settings to apply',
    });
    for (const [key, value] of Object.entries(BAD)) await setSetting(key, value);
    await applied;
    assert.deepEqual(a.corpusFolders(), [corpusDir()], 'the missing folder falls back to the workspace corpus');
    const editor = await openDraft('bad-settings.md', 'Waltz said Kyiv could lower its draft age from 25 to 18.\n\nThe harbour festival will host 40 ships in June.\n');
    const doc = editor.document;
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => /"25"/.test(x.message)), 'a warning despite the bad settings');
    const warning = diags.find((x) => /"25"/.test(x.message))!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning, 'severity.conflicting falls back to warning');
    assert.ok(diags.some((x) => x.severity === vscode.DiagnosticSeverity.Hint), 'showUnverified falls back to true');
    // run falls back to onType: an edit is checked without a command.
    const at = doc.getText().indexOf('25');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 2)), '27'));
    await diagnosticsWhen(doc.uri, (d) => d.some((x) => /"27"/.test(x.message)), 'the on-type re-check of the edit');
    await logContains(
      [
        'corroborate.debounceMs must be a number from 0 to 10000; using 400.',
        'corroborate.run must be one of onType, onSave, manual; using onType.',
        `corpus folder "does/not/exist" does not exist; using ${corpusDir()} instead.`,
        'corroborate.languages must be a list of strings; using ["markdown"].',
        'corroborate.minimumConfidence must be a number from 0 to 1; using 0.5.',
        'corroborate.showUnverified must be true or false; using true.',
        'corroborate.maxDraftSize must be a number from 1000 to 50000000; using 300000.',
        'corroborate.severity.conflicting must be one of error, warning, information, hint, none; using warning.',
      ],
      'a message for every bad setting in the log',
    );
  }, { timeout: 40_000 });

  test('a draft over corroborate.maxDraftSize is checked up to the limit, with a notice, and no half statement', async () => {
    for (const key of Object.keys(BAD)) await setSetting(key, undefined);
    await setSetting('maxDraftSize', 1000);
    await waitUntil(() => vscode.workspace.getConfiguration('corroborate').get('maxDraftSize') === 1000, { event: vscode.workspace.onDidChangeConfiguration, timeoutMs: TIMEOUT, description: 'maxDraftSize = 1000' });
    // The limit cuts "… from 26 to 1|8.": checked as it stands, the half sentence would "conflict" (1 vs 18).
    const cut = 'Waltz said Kyiv could lower its draft age from 26 to 18.';
    const tail = Array.from({ length: 60 }, (_, i) => (i === 30 ? 'Waltz said Kyiv could lower its draft age from 25 to 18.' : `The ferry to island ${i} leaves at ${(i % 12) + 1} o'clock.`));
    const text = draftAcrossLimit(1000, cut, cut.indexOf('18') + 1, tail);
    assert.ok(text.length > 3000, `the draft has ${text.length} characters`);
    const doc = (await openDraft('over-limit.md', text)).document;
    const diags = await diagnosticsWhen(doc.uri, (d) => d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'size-limit'), 'the size-limit notice');
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
    const notices = diags.filter((d) => codeOf(d) === 'size-limit');
    assert.equal(notices.length, 1);
    const stop = text.indexOf(cut);
    assert.equal(doc.offsetAt(notices[0]!.range.start), stop, 'the notice sits where checking stopped: the start of the cut statement');
    assert.match(notices[0]!.message, new RegExp(`first ${stop} of ${text.length.toLocaleString('en')} characters`));
    for (const d of diags.filter((x) => x !== notices[0])) {
      assert.ok(doc.offsetAt(d.range.end) <= stop, `"${d.message}" lies beyond the limit`);
      assert.notEqual(codeOf(d), 'number', `a false conflict at the limit: ${d.message}`);
    }
    const report = (await api()).report(doc.uri)!;
    assert.equal(report.checkedLength, stop);
    assert.equal(report.textLength, text.length);
    assert.ok(report.results.every((r) => r.offset + r.length <= stop));
    // Check All Drafts goes the same way for drafts that are not open: the same limit, notice and findings.
    const closed = path.join(workspaceRoot(), 'drafts', 'over-limit-closed.md');
    await fs.writeFile(closed, text);
    try {
      await vscode.commands.executeCommand('corroborate.checkWorkspace');
      const ws = vscode.languages.getDiagnostics(vscode.Uri.file(closed)).filter((d) => d.source === 'Corroborate');
      const shape = (list: vscode.Diagnostic[]) => list.map((d) => `${codeOf(d)} ${d.severity} ${d.range.start.line}:${d.range.start.character} ${d.message}`).sort();
      assert.deepEqual(shape(ws), shape(diags));
    } finally {
      await fs.rm(closed, { force: true });
    }
  }, { timeout: 40_000 });
});

// ---------------------------------------------------------------------------------------------

suite('Reliability: over the whole run', () => {
  test('the workspace corpus is byte-for-byte what it was before the first suite', () => {
    assert.ok(corpusAtStart.size >= 1, 'the corpus was hashed at start');
    assert.deepEqual(hashTree(corpusDir()), corpusAtStart);
  });

  test('the network and process spy works (self-test)', async () => {
    const before = spied.length;
    await new Promise<void>((resolve) => dns.lookup('localhost', () => resolve()));
    childProcess.execFileSync('true');
    const mine = spied.slice(before).filter((c) => inTests(c.stack));
    assert.ok(mine.some((c) => c.api === 'dns.lookup'), `spied: ${spied.slice(before).map((c) => c.api)}`);
    assert.ok(mine.some((c) => c.api === 'child_process.execFileSync'), `spied: ${spied.slice(before).map((c) => c.api)}`);
  });

  // The one process the extension starts is its own language server, forked from the bundle
  // beside it (and started again after a crash, or when checking is turned back on).
  const serverBundle = path.join(extensionRoot, 'dist', 'server.js');
  const isServerStart = (c: SpiedCall) => c.api === 'child_process.fork' && c.target !== undefined && path.resolve(c.target) === serverBundle;

  test('the extension opened no socket, looked up no host and started no process but its language server', () => {
    const ours = spied.filter((c) => inExtension(c.stack));
    assert.ok(ours.some(isServerStart), `the language server was started by the extension: ${ours.map((c) => c.api)}`);
    assert.deepEqual(ours.filter((c) => !isServerStart(c)).map((c) => `${c.api} ${c.target ?? ''}\n${c.stack}`), []);
    console.log(`      ${spied.length} network/process call(s) were watched; from ${path.relative(extensionRoot, extensionBundle)} only ${ours.length} start(s) of ${path.relative(extensionRoot, serverBundle)}`);
  });

  test('no unhandled rejection and no error from the extension during the run', () => {
    assert.deepEqual(rejections.filter(fromExtension).map(describeReason), []);
    const errors = readLog().split('\n').filter((l) => /\[error\]/.test(l));
    // Each error a test provoked on purpose is there once; nothing else is.
    const unexpected = errors.filter((line) => {
      const k = provokedLogErrors.findIndex((re) => re.test(line));
      if (k < 0) return true;
      provokedLogErrors.splice(k, 1);
      return false;
    });
    assert.deepEqual(unexpected, []);
    assert.deepEqual(provokedLogErrors.map(String), [], 'every provoked error was logged');
  });
});
