/**
 * The language server over stdio, driven with hand-framed JSON-RPC: initialize with a workspace
 * whose corpus is one invented article, diagnostics on open and after an edit, hover, quick fixes,
 * commands and custom requests, the index cache and both ways of watching the corpus, and input
 * a client should never send (the server answers errors and stays up).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildCli, root } from './helpers/cli';
import { frame, RawLspClient, type RpcMessage } from './helpers/lspClient';

const serverPath = path.join(root, 'dist', 'server.js');

const ARTICLE = `# Varna harbour reopens after repairs

By Elena Petrova, Black Sea Courier, 3 March 2025

The port authority of Varna reopened the north pier on Monday after 14 days of repairs.

Harbour master Ivan Dimitrov said the work cost 3.2 million euros and added 12 new berths for ferries.

The ferry to Burgas now leaves at noon every day.
`;

const DRAFT = `# Notes on the harbour

The port authority of Varna reopened the north pier on Monday after 11 days of repairs.

Harbour master Ivan Dimitrov said the work cost 3.2 million euros.

The ferry to Burgas now leaves at noon every day.
`;

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
}

interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
}

const diagnosticsOf = (m: RpcMessage) => (m.params as { diagnostics: Diagnostic[] }).diagnostics;

function makeWorkspace(): { dir: string; draftUri: string; articlePath: string; cacheDir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-'));
  mkdirSync(path.join(dir, 'corpus'));
  const articlePath = path.join(dir, 'corpus', 'harbour.md');
  writeFileSync(articlePath, ARTICLE);
  writeFileSync(path.join(dir, 'draft.md'), DRAFT);
  return { dir, draftUri: pathToFileURL(path.join(dir, 'draft.md')).href, articlePath, cacheDir: path.join(dir, 'cache') };
}

function startServer(ws: { dir: string }): RawLspClient {
  const client = new RawLspClient(process.execPath, [serverPath, '--stdio'], ws.dir);
  // What an editor's settings would answer for the 'corroborate' section.
  client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({ debounceMs: 50, severity: { conflicting: 'error' } })));
  return client;
}

async function initialize(client: RawLspClient, ws: { dir: string; cacheDir: string }, clientWatches: boolean, pullsConfiguration = true): Promise<RpcMessage> {
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws.dir).href,
    workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }],
    initializationOptions: { storagePath: ws.cacheDir, minimumConfidence: 0.5, showUnverified: 'yes' },
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: pullsConfiguration, didChangeWatchedFiles: { dynamicRegistration: clientWatches, relativePatternSupport: true } },
      textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } },
    },
  });
  client.notify('initialized', {});
  return init;
}

function open(client: RawLspClient, uri: string, text: string, version = 1): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
}

function lineOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `"${needle}" is in the text`);
  return { line, character: lines[line]!.indexOf(needle) };
}

before(() => buildCli());

/** Polls until `probe` gives a value (settings reach the server asynchronously). */
async function waitForValue<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the language server over stdio (raw JSON-RPC)', () => {
  const ws = makeWorkspace();
  let client: RawLspClient;
  let v1: Diagnostic[] = [];

  before(async () => {
    client = startServer(ws);
    const init = await initialize(client, ws, true);
    const caps = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.executeCommandProvider as { commands: string[] }).commands.sort(), ['corroborate.checkDocument', 'corroborate.rebuildIndex']);
  });

  after(async () => {
    client?.kill();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('didOpen publishes the conflict with its code, source line and severity', async () => {
    const published = client.diagnostics(ws.draftUri, 1);
    open(client, ws.draftUri, DRAFT);
    v1 = diagnosticsOf(await published);
    const conflict = v1.find((d) => d.code === 'number');
    assert.ok(conflict, JSON.stringify(v1));
    assert.equal(conflict.source, 'Corroborate');
    assert.equal(conflict.severity, 1, 'an error, as workspace/configuration says (the default is a warning)');
    // The source named by outlet, date and headline; the file and line are the related information's location.
    assert.equal(conflict.message, 'Conflicting: the draft says "11", the source says "14" [number] (Black Sea Courier, March 3, 2025: “Varna harbour reopens after repairs”).');
    assert.deepEqual(conflict.range.start, { line: 2, character: 0 });
    const related = conflict.relatedInformation?.[0];
    assert.equal(related?.location.uri, pathToFileURL(ws.articlePath).href);
    assert.equal(related?.location.range.start.line, 4);
    assert.match(related!.message, /^Contradicts \(Black Sea Courier, March 3, 2025: “Varna harbour reopens after repairs”\): The port authority of Varna reopened the north pier on Monday after 14 days/);
    // The supported statements get no diagnostic.
    assert.equal(v1.filter((d) => d.code !== 'number').length, 0, JSON.stringify(v1));
  });

  test('indexing reported $/progress on a token the client was asked to create, and a bad setting was logged', async () => {
    const created = client.received.find((m) => m.method === 'window/workDoneProgress/create');
    assert.ok(created, 'the server asked for a progress token');
    const token = (created.params as { token: string | number }).token;
    const progress = client.received.filter((m) => m.method === '$/progress' && (m.params as { token: unknown }).token === token).map((m) => (m.params as { value: { kind: string } }).value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress.at(-1), 'end');
    const logged = client.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
    assert.ok(logged.some((l) => /corroborate\.showUnverified must be true or false; using true/.test(l)), logged.join('\n'));
  });

  test('the server registered a file watcher for the corpus folder with the client', async () => {
    const registration = await client.waitFor((m) => m.method === 'client/registerCapability' && JSON.stringify(m.params).includes('workspace/didChangeWatchedFiles'), 10_000, 'a watcher registration', true);
    const watchers = (registration.params as { registrations: { registerOptions: { watchers: { globPattern: { baseUri: string; pattern: string } }[] } }[] }).registrations[0]!.registerOptions.watchers;
    assert.equal(watchers[0]!.globPattern.baseUri, pathToFileURL(path.join(ws.dir, 'corpus')).href);
    assert.match(watchers[0]!.globPattern.pattern, /\*\*\/\*\.\{.*md.*\}/);
  });

  test('didChange of one sentence publishes new diagnostics for the new version', async () => {
    const at = lineOf(DRAFT, '3.2 million');
    const published = client.diagnostics(ws.draftUri, 2);
    client.notify('textDocument/didChange', {
      textDocument: { uri: ws.draftUri, version: 2 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '4.5' }],
    });
    const v2 = diagnosticsOf(await published);
    const messages = v2.map((d) => d.message).join('\n');
    assert.match(messages, /the draft says "11", the source says "14"/);
    assert.match(messages, /the draft says "4\.5 million euros", the source says "3\.2 million euros"|the draft says "4\.5.*", the source says "3\.2.*"/);
    const report = (await client.request('corroborate/report', { uri: ws.draftUri })).result as { version: number; fresh: number; results: unknown[] };
    assert.equal(report.version, 2);
    assert.equal(report.results.length, 4);
    assert.equal(report.fresh, 1, 'only the edited statement was checked again');
    const counts = await client.request('corroborate/counts', { uri: ws.draftUri });
    assert.equal((counts.result as Record<string, number>).conflicting, 2);
  });

  test('hover answers with the excerpt and a link to the source line, as Markdown', async () => {
    const at = lineOf(DRAFT, '11 days');
    const hover = await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri }, position: at });
    const contents = (hover.result as { contents: { kind: string; value: string } }).contents;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /Conflicting \(number\)/);
    assert.doesNotMatch(contents.value, /\$\(/, 'no VS Code codicons');
    assert.match(contents.value, /The port authority of Varna reopened the north pier on Monday after \*\*14\*\* days of repairs/);
    assert.ok(contents.value.includes(`(${pathToFileURL(ws.articlePath).href}#L5)`), contents.value);
    // The answer in the first line, the source by its label; one excerpt, as the diagnostic lists the passages.
    assert.equal(
      contents.value.split('\n\n')[0],
      `**Conflicting (number)** — the draft says “11”; *Black Sea Courier, March 3, 2025: “Varna harbour reopens after repairs”* says “14” · [line 5](${pathToFileURL(ws.articlePath).href}#L5)`,
    );
    assert.equal(contents.value.split('\n\n').filter((p) => p.startsWith('> ')).length, 1, contents.value);
  });

  test('code actions: the preferred fix puts in the source value, then cite and ignore', async () => {
    const v2 = diagnosticsOf(client.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { version?: number }).version === 2).at(-1)!);
    const conflict = v2.find((d) => /"11"/.test(d.message))!;
    const at = lineOf(DRAFT, '11 days');
    const reply = await client.request('textDocument/codeAction', {
      textDocument: { uri: ws.draftUri },
      range: { start: at, end: { line: at.line, character: at.character + 2 } },
      context: { diagnostics: [conflict] },
    });
    const actions = reply.result as CodeAction[];
    const replace = actions.find((a) => a.isPreferred);
    assert.ok(replace, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(replace.title, 'Replace "11" with "14" (from the source)');
    assert.equal(replace.kind, 'quickfix');
    assert.deepEqual(replace.edit.changes[ws.draftUri], [{ range: { start: at, end: { line: at.line, character: at.character + 2 } }, newText: '14' }]);
    // The only source at hand contradicts the statement: there is nothing to cite for it.
    assert.ok(!actions.some((a) => a.title.startsWith('Cite')), JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.edit.changes[ws.draftUri]![0]!.newText === ' <!-- corroborate-ignore -->'), 'an ignore fix');
    // A supported statement is cited by who published it, with a link relative to the draft.
    const ferry = lineOf(DRAFT, 'The ferry');
    const supported = await client.request('textDocument/codeAction', { textDocument: { uri: ws.draftUri }, range: { start: ferry, end: ferry }, context: { diagnostics: [] } });
    const cite = (supported.result as CodeAction[]).find((a) => a.title.startsWith('Cite '));
    assert.ok(cite, 'a cite fix for the supported statement');
    assert.match(cite.title, /Black Sea Courier/);
    assert.match(cite.edit.changes[ws.draftUri]!.at(-1)!.newText, /\[\^1\]: Varna harbour reopens after repairs.*\(corpus\/harbour\.md#L9\)/);
  });

  test('custom requests and commands: search, evidence, checkDocument, rebuildIndex', async () => {
    const search = await client.request('corroborate/search', { query: 'north pier repairs', limit: 3 });
    const hits = search.result as { source: string; line: number; excerpt: string; title: string; score: number }[];
    assert.equal(hits[0]!.source, ws.articlePath);
    assert.equal(hits[0]!.line, 5);
    assert.equal(hits[0]!.title, 'Varna harbour reopens after repairs');
    assert.ok(hits.length <= 3 && hits[0]!.score > 0);
    const evidence = await client.request('corroborate/evidence', { uri: ws.draftUri, position: lineOf(DRAFT, '11 days') });
    assert.equal((evidence.result as { verdict: string }).verdict, 'conflicting');
    const checked = await client.request('workspace/executeCommand', { command: 'corroborate.checkDocument', arguments: [ws.draftUri] });
    assert.deepEqual(checked.result, [{ uri: ws.draftUri, version: 2, counts: { supported: 1, conflicting: 2, contested: 0, unverified: 0, skipped: 1 } }]);
    const rebuilt = await client.request('workspace/executeCommand', { command: 'corroborate.rebuildIndex' });
    assert.equal((rebuilt.result as { documents: number }).documents, 1);
  });

  test('a corpus change the client reports is re-indexed and the drafts re-checked', async () => {
    writeFileSync(ws.articlePath, ARTICLE.replace('14 days', '11 days'));
    const published = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && !diagnosticsOf(m).some((d) => /"11"/.test(d.message)), 30_000, 'diagnostics without the 11/14 conflict');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ws.articlePath).href, type: 2 }] });
    const diagnostics = diagnosticsOf(await published);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.match(diagnostics[0]!.message, /4\.5/);
  });

  test('bad input is answered with errors and the server stays up', async () => {
    // A body that is not JSON: a Parse error with a null id (JSON-RPC 2.0).
    const parseError = client.waitFor((m) => m.id === null && m.error?.code === -32700, 10_000, 'a parse error');
    client.writeRaw(frame('{"jsonrpc":"2.0","id":77,"method":"textDocument/hover",'));
    assert.match((await parseError).error!.message, /Unreadable message/);

    const unknown = await client.request('corroborate/noSuchMethod', {});
    assert.equal(unknown.error?.code, -32601, 'MethodNotFound');

    const badSearch = await client.request('corroborate/search', { limit: 'many' });
    assert.equal(badSearch.error?.code, -32602, 'InvalidParams');
    const badCommand = await client.request('workspace/executeCommand', { command: 'corroborate.formatDisk' });
    assert.equal(badCommand.error?.code, -32602);
    const badHover = await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri } });
    assert.equal(badHover.result, null);

    // A change to a document that was never opened: a warning in the log, nothing else.
    const ghost = pathToFileURL(path.join(ws.dir, 'ghost.md')).href;
    const warned = client.waitFor((m) => m.method === 'window/logMessage' && /never opened/.test((m.params as { message: string }).message), 10_000, 'a warning about the unopened document');
    client.notify('textDocument/didChange', { textDocument: { uri: ghost, version: 3 }, contentChanges: [{ text: 'Hello.' }] });
    await warned;
    client.notify('textDocument/didChange', { textDocument: { uri: ws.draftUri, version: 9 }, contentChanges: 'not a list' });

    // 10 MB: checked up to maxDraftSize (300,000 characters by default), with a notice where it stopped.
    const bigUri = pathToFileURL(path.join(ws.dir, 'big.md')).href;
    let big = `${DRAFT}\n`;
    // One supported sentence over and over: each is checked in full (about 3 s for 300,000 characters).
    while (big.length < 10_000_000) big += 'The ferry to Burgas now leaves at noon every day. ';
    let bigDone = false;
    const bigPublished = client.diagnostics(bigUri, 1, 120_000).then((m) => ((bigDone = true), m));
    open(client, bigUri, big);
    // While that check runs, a hover on the other draft is answered at once from its latest report.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const duringCheck = await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri }, position: lineOf(DRAFT, '11 days') }, 5_000);
    assert.match((duringCheck.result as { contents: { value: string } }).contents.value, /^\*\*(Supported|Conflicting|Contested|Unverified)\b/);
    assert.equal(bigDone, false, 'the hover was answered before the long check ended');
    const bigDiagnostics = diagnosticsOf(await bigPublished);
    const notice = bigDiagnostics.find((d) => d.code === 'size-limit');
    assert.ok(notice, 'a size-limit notice');
    const checked = Number(/checked only the first ([\d,]+) of 10,000,\d{3} characters/.exec(notice.message)?.[1]?.replace(/,/g, ''));
    assert.ok(checked > 299_000 && checked <= 300_000, notice.message);
    assert.equal(notice.range.start.line, big.slice(0, checked).split('\n').length - 1, 'the notice stands where checking stopped');
    client.notify('textDocument/didClose', { textDocument: { uri: bigUri } });

    // Still serving: a final hover on the draft.
    const hover = await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri }, position: lineOf(DRAFT, '3.2 million') });
    assert.match((hover.result as { contents: { value: string } }).contents.value, /^\*\*(Supported|Conflicting|Contested|Unverified)\b/);
    assert.equal(client.child.exitCode, null, 'the server is still running');
    // Nothing failed inside the server on the way (a failed check only shows in the log).
    const errors = client.received.filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1);
    assert.deepEqual(errors.map((m) => (m.params as { message: string }).message), []);
    assert.doesNotMatch(client.stderr, /unhandled rejection|uncaught exception/);
  });

  test('shutdown and exit end the process with status 0 and leave the index cache behind', async () => {
    const shutdown = await client.request('shutdown');
    assert.equal(shutdown.result, null);
    client.notify('exit');
    assert.equal(await client.exited, 0);
    assert.ok(readdirSync(ws.cacheDir).some((f) => /^index-[0-9a-f]{16}\.bin$/.test(f)), 'the index was saved');
  });
});

describe('a second start: the cached index, pushed settings, and the server watching the corpus itself', () => {
  const ws = makeWorkspace();
  let client: RawLspClient;

  after(() => {
    client?.kill();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('reloads the index from the cache, follows pushed settings, and re-indexes a changed source without the client watching', async () => {
    const first = startServer(ws);
    await initialize(first, ws, false);
    const published = first.diagnostics(ws.draftUri, 1);
    open(first, ws.draftUri, DRAFT);
    await published;
    await first.request('shutdown');
    first.notify('exit');
    await first.exited;
    assert.ok(existsSync(ws.cacheDir));

    client = startServer(ws);
    await initialize(client, ws, false, false);
    const again = client.diagnostics(ws.draftUri, 1);
    open(client, ws.draftUri, DRAFT);
    assert.ok(diagnosticsOf(await again).some((d) => d.code === 'number'));
    const logged = client.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
    assert.ok(logged.some((l) => /^Loaded the index of 1 source\(s\)/.test(l)), logged.join('\n'));
    assert.ok(!client.received.some((m) => m.method === 'client/registerCapability' && JSON.stringify(m.params).includes('didChangeWatchedFiles')));

    // A client that cannot be asked for settings pushes them (Neovim 0.7 does): a hint now.
    const hinted = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && diagnosticsOf(m).some((d) => d.code === 'number' && d.severity === 4), 30_000, 'the conflict as a hint');
    client.notify('workspace/didChangeConfiguration', { settings: { corroborate: { severity: { conflicting: 'hint' } } } });
    await hinted;

    const cleared = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && !diagnosticsOf(m).some((d) => d.code === 'number'), 30_000, 'diagnostics after the source changed');
    writeFileSync(ws.articlePath, ARTICLE.replace('14 days', '11 days'));
    assert.deepEqual(diagnosticsOf(await cleared), []);
  });
});

describe('what a full editor client asks for: notifications, check now, drafts on disk, sources, links', () => {
  const ws = makeWorkspace();
  let client: RawLspClient;
  let caps: Record<string, unknown> = {};
  const params = (m: RpcMessage) => m.params as Record<string, unknown>;

  before(async () => {
    // A PDF among the sources: links to it must go to the client's extracted-text view.
    writeFileSync(path.join(ws.dir, 'corpus', 'notes.pdf'), '%PDF-1.4 not really a PDF');
    client = startServer(ws);
    const init = await client.request('initialize', {
      processId: process.pid,
      workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }],
      initializationOptions: { storagePath: ws.cacheDir, notifications: true, sourceViewScheme: 'corroborate-source', themeIcons: true, clientCommands: true },
      capabilities: { workspace: { configuration: true } },
    });
    caps = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    client.notify('initialized', {});
  });

  after(() => {
    client?.kill();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('a client with commands of its own is not offered them to register; the server still runs them', async () => {
    assert.equal(caps.executeCommandProvider, undefined);
    assert.equal(typeof (caps.experimental as { processId?: unknown }).processId, 'number');
    const run = await client.request('workspace/executeCommand', { command: 'corroborate.rebuildIndex' });
    assert.equal((run.result as { documents: number }).documents, 1);
  });

  test('each check is pushed with its messages, and the pending state before and after it', async () => {
    const pending = client.waitFor((m) => m.method === 'corroborate/pending' && params(m).uri === ws.draftUri && params(m).pending === true, 30_000, 'a pending check');
    const report = client.waitFor((m) => m.method === 'corroborate/didCheck' && params(m).uri === ws.draftUri, 30_000, 'the pushed report');
    open(client, ws.draftUri, DRAFT);
    assert.equal(params(await pending).version, 1);
    const r = params(await report) as { version: number; results: { verdict: string }[]; messages: string[]; pending: boolean; fresh: number };
    assert.equal(r.version, 1);
    assert.equal(r.pending, false);
    assert.equal(r.messages.length, r.results.length);
    const k = r.results.findIndex((x) => x.verdict === 'conflicting');
    assert.match(r.messages[k]!, /"11".*"14"/);
    assert.ok(r.fresh >= 3);
    // Each version's check ends with word that none is pending, so a client never waits for one that is not coming.
    const settled = client.waitFor((m) => m.method === 'corroborate/pending' && params(m).version === 2 && params(m).pending === false, 30_000, 'version 2 settled');
    client.notify('textDocument/didChange', { textDocument: { uri: ws.draftUri, version: 2 }, contentChanges: [{ text: DRAFT.replace('11 days', '13 days') }] });
    await settled;
  });

  test('check now answers with the report; a range check keeps the other statements’ results', async () => {
    const whole = await client.request('corroborate/check', { uri: ws.draftUri });
    const report = whole.result as { version: number; fresh: number; results: { text: string; verdict: string }[] };
    assert.equal(report.version, 2);
    assert.ok(report.results.some((x) => x.text.includes('13 days') && x.verdict === 'conflicting'), JSON.stringify(report.results));
    const ferry = lineOf(DRAFT, 'The ferry');
    const part = await client.request('corroborate/check', { uri: ws.draftUri, range: { start: ferry, end: { line: ferry.line, character: 10 } } });
    const again = part.result as { results: unknown[]; fresh: number };
    assert.equal(again.results.length, report.results.length);
    assert.equal(again.fresh, 0, 'nothing changed, so nothing was checked afresh');
    const unknown = await client.request('corroborate/check', { uri: 'file:///never/opened.md' });
    assert.equal(unknown.result, null);
  });

  test('a draft on disk is checked with the open drafts’ settings; a source or a missing file is not', async () => {
    const closed = path.join(ws.dir, 'closed.md');
    writeFileSync(closed, 'The port authority of Varna reopened the north pier on Monday after 9 days of repairs.\n');
    const checked = (await client.request('corroborate/checkFile', { uri: pathToFileURL(closed).href })).result as { diagnostics: Diagnostic[]; findings: number };
    assert.equal(checked.findings, 1);
    assert.match(checked.diagnostics[0]!.message, /"9".*"14"/);
    assert.equal(checked.diagnostics[0]!.severity, 1, 'severity.conflicting = error from the client settings');
    const source = (await client.request('corroborate/checkFile', { uri: pathToFileURL(ws.articlePath).href })).result as { skipped: string };
    assert.match(source.skipped, /one of the sources/);
    const missing = (await client.request('corroborate/checkFile', { uri: pathToFileURL(path.join(ws.dir, 'gone.md')).href })).result as { skipped: string };
    assert.match(missing.skipped, /ENOENT|no such file/);
  });

  test('the index summary, the cache, links to the extracted-text view, and source text only from the corpus', async () => {
    const summary = (await client.request('corroborate/index', {})).result as { folders: string[]; documentCount: number; passageCount: number; documents: { path: string }[]; cacheFile: string };
    assert.deepEqual(summary.folders, [path.join(ws.dir, 'corpus')]);
    assert.equal(summary.documentCount, 1, 'the broken PDF is skipped');
    assert.ok(summary.passageCount >= 3);
    assert.ok(summary.cacheFile.startsWith(ws.cacheDir));
    assert.equal((await client.request('corroborate/cacheSaved', {})).result, null);
    assert.ok(existsSync(summary.cacheFile));
    const reload = (await client.request('corroborate/reload', { force: false })).result as { loadedFrom: string };
    assert.equal(reload.loadedFrom, 'cache');

    const pdf = path.join(ws.dir, 'corpus', 'notes.pdf');
    const link = (await client.request('corroborate/link', { source: pdf, line: 3 })).result as string;
    assert.equal(link, `corroborate-source:${pathToFileURL(pdf).pathname}#L3`);
    const text = (await client.request('corroborate/link', { source: ws.articlePath, line: 5 })).result as string;
    assert.equal(text, `${pathToFileURL(ws.articlePath).href}#L5`);

    const article = (await client.request('corroborate/sourceText', { path: ws.articlePath })).result as { ok: boolean; text: string; original: string };
    assert.ok(article.ok && article.text.includes('14 days') && article.original === ws.articlePath);
    const outside = (await client.request('corroborate/sourceText', { path: path.join(ws.dir, 'draft.md') })).result as { ok: boolean; reason: string };
    assert.deepEqual(outside, { ok: false, reason: 'it is not in the sources Corroborate uses' });
  });

  test('evidence comes ready to show: place in words, facts, link; hovers carry codicons', async () => {
    const at = lineOf(DRAFT, 'reopened');
    const shown = (await client.request('corroborate/evidence', { uri: ws.draftUri, position: at, present: true })).result as { message: string; evidence: { at: string; link: string; meta?: { outlet?: string } }[] };
    assert.match(shown.message, /"13".*"14"/);
    assert.match(shown.evidence[0]!.at, /^harbour\.md:\d+$/);
    assert.match(shown.evidence[0]!.link, /^file:\/\/.*harbour\.md#L\d+$/);
    const hover = (await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri }, position: at })).result as { contents: { value: string } };
    assert.match(hover.contents.value, /\$\([a-z-]+\)/, 'a codicon for a client that renders them');
  });

  test('the hover setting: findings only, then none; the citation style: the label without a link', async () => {
    const ferry = lineOf(DRAFT, 'The ferry');
    const conflict = lineOf(DRAFT, 'reopened');
    const hoverAt = async (position: { line: number; character: number }) => (await client.request('textDocument/hover', { textDocument: { uri: ws.draftUri }, position })).result;
    assert.ok(await hoverAt(ferry), 'a supported statement has a hover by default');
    client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({ hover: 'findings', citationStyle: 'label' })));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await waitForValue(async () => ((await hoverAt(ferry)) === null ? true : undefined), 'no hover on the supported statement');
    assert.ok(await hoverAt(conflict), 'the conflict keeps its hover');
    const actions = (await client.request('textDocument/codeAction', { textDocument: { uri: ws.draftUri }, range: { start: ferry, end: ferry }, context: { diagnostics: [] } })).result as CodeAction[];
    const note = actions.find((a) => a.title.startsWith('Cite '))!.edit.changes[ws.draftUri]!.at(-1)!.newText;
    assert.doesNotMatch(note, /harbour\.md/, `the label style names no file: ${note}`);
    client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({ hover: 'off' })));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await waitForValue(async () => ((await hoverAt(conflict)) === null ? true : undefined), 'no hover at all');
  });
});
