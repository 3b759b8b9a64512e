/**
 * Issue 6, "no network": the engine, the CLI and the extension open no sockets, start no processes
 * and evaluate no code. Proven twice: statically (the bundles reference no networking, process or
 * code-evaluation module or call, checked both as built and minified), and at run time (the CLI
 * checks and searches with every networking and process API replaced by a stub that throws).
 * The extension's run-time side is covered inside VS Code by test/integration/suite/reliability.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildSync, transformSync } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { after, before, describe, test } from 'node:test';
import { buildCli, cliPath, root } from './helpers/cli';
import { RawLspClient } from './helpers/lspClient';

const extensionPath = path.join(root, 'dist', 'extension.js');
const serverPath = path.join(root, 'dist', 'server.js');
/** Modules that reach the network or other processes, and `vm`, which evaluates code. */
const FORBIDDEN_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'child_process', 'cluster', 'worker_threads', 'inspector', 'vm'];
const MODULE_PATTERN = new RegExp(
  String.raw`(?:\brequire\s*\(|\bimport\s*\(|\bfrom\s*|\bimport\s+)\s*(["'\x60])(?:node:)?(${FORBIDDEN_MODULES.join('|')})(?:/[^"'\x60]*)?\1`,
  'g',
);
/** Code evaluation and raw bindings, however written. */
const CALL_PATTERNS: [string, RegExp][] = [
  ['eval(', /(?<![\w$.])eval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  // Function called without `new` evaluates its string all the same; only the constant
  // global-object idiom `Function("return this")()` is harmless.
  ['Function(', /(?<![\w$.]|new\s)Function\s*\((?!\s*(["'])return this\1\s*\))/],
  ['process.binding(', /\bprocess\s*\.\s*(?:_linked)?[bB]inding\s*\(/],
  // A call of the global, not a method (`map.fetch(`) or a method definition (`fetch(a,b){`).
  ['fetch(', /(?<![\w$.])fetch\s*\((?![^()]*\)\s*\{)/],
  ['new WebSocket(', /\bnew\s+WebSocket\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
];

/**
 * Every forbidden reference in a bundle's code: `module:http`, `eval(` and so on. Comments are
 * dropped first (a dependency's documentation may say "use fetch()"); strings are kept, so a
 * module name in a string is flagged too, which errs on the safe side.
 */
function forbiddenReferences(bundleText: string): string[] {
  const code = transformSync(bundleText, { minifyWhitespace: true, legalComments: 'none', loader: 'js' }).code;
  const found = [...code.matchAll(MODULE_PATTERN)].map((m) => `module:${m[2]}`);
  for (const [name, re] of CALL_PATTERNS) if (re.test(code)) found.push(name);
  return [...new Set(found)].sort();
}

function bundle(contents: string, minify = false): string {
  const out = buildSync({ stdin: { contents, loader: 'ts', resolveDir: root }, bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], minify, write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

before(() => buildCli());

describe('the scanner catches what esbuild emits', () => {
  for (const mod of FORBIDDEN_MODULES) {
    for (const spec of [mod, `node:${mod}`]) {
      test(`import * from '${spec}' (as built and minified)`, () => {
        const src = `import * as m from '${spec}'; console.log(m);`;
        assert.deepEqual(forbiddenReferences(bundle(src)), [`module:${mod}`]);
        assert.deepEqual(forbiddenReferences(bundle(src, true)), [`module:${mod}`]);
      });
    }
  }

  test('dynamic imports, bare requires and subpaths', () => {
    assert.deepEqual(forbiddenReferences(bundle(`export async function f() { return import('node:dns/promises'); }`)), ['module:dns']);
    assert.deepEqual(forbiddenReferences(bundle(`declare const require: (m: string) => unknown; console.log(require('child_process'));`)), ['module:child_process']);
  });

  test('eval, new Function, raw bindings, fetch and WebSocket', () => {
    const src = `declare const WebSocket: any;
      console.log(eval('1'), new Function('return 1'), (process as any).binding('tcp_wrap'), fetch('http://x'), new WebSocket('ws://x'), typeof XMLHttpRequest);`;
    assert.deepEqual(forbiddenReferences(bundle(src)), ['XMLHttpRequest', 'eval(', 'fetch(', 'new Function(', 'new WebSocket(', 'process.binding(']);
  });

  test('harmless look-alikes are not flagged', () => {
    const src = `import * as fs from 'node:fs'; import * as path from 'node:path'; import { createHash } from 'node:crypto';
      const o = { evaluate: (x: string) => x, prefetch: (x: string) => x };
      class Cache { fetch(key: string, make: () => string) { return key + make(); } }
      // fetch('http://x') in a comment is not a call
      console.log(fs, path, createHash, o.evaluate('net'), o.prefetch('http'), new Cache().fetch('k', () => 'v'), 'network');`;
    assert.deepEqual(forbiddenReferences(bundle(src)), []);
  });
});

describe('the bundles reference no network, process or eval', () => {
  // The extension starts one process, the language server (child_process.fork of dist/server.js
  // by vscode-languageclient); test/integration/suite/reliability.test.ts proves at run time that
  // it is the only one. Nothing else in any bundle may reach another process or the network.
  const EXPECTED: Record<string, string[]> = { 'src/extension.ts': ['module:child_process'], 'src/cli.ts': [], 'src/server/main.ts': [] };

  test('dist/extension.js, dist/cli.js and dist/server.js as built', () => {
    for (const [file, expected] of [[extensionPath, EXPECTED['src/extension.ts']], [cliPath, []], [serverPath, []]] as const) {
      const code = readFileSync(file, 'utf8');
      assert.ok(code.length > 50_000, `${file} is a real bundle (${code.length} bytes)`);
      assert.deepEqual(forbiddenReferences(code), expected, path.relative(root, file));
    }
  });

  test('the minified production builds of every entry point', async () => {
    // Built as `npm run build:production` builds them: esbuild.js's options, plugins included.
    const { buildTargets } = require(path.join(root, 'esbuild.js')) as { buildTargets: (production: boolean) => BuildOptions[] };
    for (const entry of ['src/extension.ts', 'src/cli.ts', 'src/server/main.ts']) {
      const options = buildTargets(true).find((target) => (target.entryPoints as string[])[0] === entry)!;
      const out = await build({ ...options, write: false });
      const code = out.outputFiles[0]!.text;
      assert.ok(code.length > 50_000);
      assert.deepEqual(forbiddenReferences(code), EXPECTED[entry], entry);
    }
  });

  // An allow-list: a new built-in in a bundle is a decision to make here, not by accident.
  // zlib inflates Word and OpenDocument parts (after their sizes are checked); buffer, events,
  // stream and util come with jszip's streams; os and url with mammoth's reader of external
  // images, which stays disabled (externalFileAccess is off by default).
  const SOURCE_FORMAT_BUILTINS = ['buffer', 'events', 'os', 'stream', 'url', 'util', 'zlib'];
  test('only the expected Node built-ins are required at all', () => {
    for (const [file, allowed] of [
      // The extension: vscode-languageclient forks the server (child_process), reads its
      // environment (os, util, readline for a debug server's output); crypto makes the webview's nonce.
      [extensionPath, ['child_process', 'crypto', 'fs', 'os', 'path', 'readline', 'util', 'vscode']],
      [cliPath, [...new Set(['crypto', 'fs', 'path', 'util', ...SOURCE_FORMAT_BUILTINS])].sort()],
      // The language server: the CLI's set. os names the per-user cache folder (and vscode-jsonrpc
      // reads the platform's pipe directory, never used); url turns file URIs into paths; crypto
      // keys the index cache. net and child_process, which the LSP libraries import for transports
      // and helpers the server never uses, are replaced at build time (esbuild.js, lsp-no-network).
      [serverPath, [...new Set(['crypto', 'fs', 'os', 'path', 'url', 'util', ...SOURCE_FORMAT_BUILTINS])].sort()],
    ] as const) {
      const required = [...readFileSync(file, 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!.replace(/^node:/, ''));
      assert.deepEqual([...new Set(required)].sort(), [...allowed], path.relative(root, file));
    }
  });
});

describe('the CLI and the language server at run time with networking and processes blocked', () => {
  let tmp = '';
  let preload = '';
  const MARK = 'CORROBORATE-BLOCKED';

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-network-'));
    preload = path.join(tmp, 'block-network.mjs');
    writeFileSync(
      preload,
      `import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(import.meta.url);
const blocked = (what) => function () {
  process.stderr.write('${MARK} ' + what + '\\n');
  throw new Error('blocked by the test: ' + what);
};
const stub = (mod, names, prefix) => { for (const n of names) if (n in mod) mod[n] = blocked(prefix + '.' + n); };
const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
net.Server.prototype.listen = blocked('net.Server.prototype.listen');
stub(net, ['connect', 'createConnection', 'createServer'], 'net');
const dns = require('node:dns');
stub(dns, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'reverse'], 'dns');
stub(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'], 'dns.promises');
for (const m of ['http', 'https']) stub(require('node:' + m), ['request', 'get', 'createServer'], m);
stub(require('node:http2'), ['connect', 'createServer', 'createSecureServer'], 'http2');
stub(require('node:tls'), ['connect', 'createServer'], 'tls');
stub(require('node:dgram'), ['createSocket'], 'dgram');
stub(require('node:child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
stub(require('node:worker_threads'), ['Worker'], 'worker_threads');
stub(require('node:vm'), ['runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction', 'Script'], 'vm');
globalThis.fetch = blocked('fetch');
globalThis.WebSocket = blocked('WebSocket');
syncBuiltinESMExports();
`,
    );
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function run(args: string[], cwd = root) {
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return r;
  }

  test('the stubs work: sockets, DNS, HTTP, fetch and processes all fail', () => {
    const attempts: [string, string][] = [
      ['net', `require('net').connect(9, '127.0.0.1')`],
      ['socket', `new (require('net').Socket)().connect(9, '127.0.0.1')`],
      ['dns', `require('dns').lookup('example.com', () => {})`],
      ['http', `require('http').get('http://127.0.0.1:9/')`],
      ['https', `require('node:https').request('https://127.0.0.1:9/')`],
      ['fetch', `fetch('http://127.0.0.1:9/')`],
      ['child_process', `require('child_process').execFileSync('true')`],
      ['server', `require('http').createServer().listen(0)`],
    ];
    for (const [name, code] of attempts) {
      const r = run(['-e', code]);
      assert.notEqual(r.status, 0, `${name}: the attempt should fail`);
      assert.match(r.stderr, new RegExp(MARK), `${name}: ${r.stderr}`);
    }
    const harmless = run(['-e', `require('fs').readFileSync(${JSON.stringify(cliPath)}); console.log('ok')`]);
    assert.equal(harmless.status, 0, harmless.stderr);
    assert.equal(harmless.stdout.trim(), 'ok');
  });

  test('check (text, json, sarif) and search on the bundled corpus succeed without any of them', () => {
    const text = run([cliPath, 'check', 'examples/draft.md']);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /warning: conflicting \[number\]: "25" — source says "26"/);
    for (const format of ['json', 'sarif']) {
      const r = run([cliPath, 'check', 'examples/draft.md', '--format', format]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(JSON.parse(r.stdout));
      assert.doesNotMatch(r.stderr, new RegExp(MARK));
    }
    const search = run([cliPath, 'search', 'draft', 'age', '--format', 'json']);
    assert.equal(search.status, 0, search.stderr);
    assert.ok((JSON.parse(search.stdout) as unknown[]).length > 0);
    for (const r of [text, search]) assert.doesNotMatch(r.stderr, new RegExp(MARK));
  });

  test('sources and drafts full of remote references are read, never fetched', () => {
    const corpus = path.join(tmp, 'remote');
    mkdirSync(corpus);
    writeFileSync(
      path.join(corpus, 'page.html'),
      `<html><head><title>Harbour news</title><link rel="stylesheet" href="https://127.0.0.1:9/a.css"><script src="http://127.0.0.1:9/x.js"></script>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/"></head><body>
<img src="http://127.0.0.1:9/pixel.png"><iframe src="https://127.0.0.1:9/frame"></iframe>
<p>The harbour of Varna reopened on Monday after three days of repairs.</p>
<p>See <a href="http://127.0.0.1:9/more">the port authority</a> for the 12 new berths.</p></body></html>`,
    );
    writeFileSync(path.join(corpus, 'notes.md'), '# Notes\n\n![map](http://127.0.0.1:9/map.png) The ferry to [Burgas](https://127.0.0.1:9/b) leaves at noon.\n');
    const draft = path.join(tmp, 'draft.md');
    writeFileSync(draft, 'The harbour of Varna reopened on Tuesday after three days of repairs. ![x](http://127.0.0.1:9/y.png)\n\nThe ferry to [Burgas](http://127.0.0.1:9/) leaves at noon.\n');
    const r = run([cliPath, 'check', draft, '--corpus', corpus, '--format', 'json']);
    assert.doesNotMatch(r.stderr, new RegExp(MARK));
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { files: { statements: { verdict: string; conflicts: { claimed: string; source: string }[] }[] }[] };
    const [reopened, ferry] = report.files[0]!.statements;
    assert.equal(reopened?.verdict, 'conflicting');
    assert.match(reopened!.conflicts[0]!.claimed, /Tuesday/);
    assert.match(reopened!.conflicts[0]!.source, /Monday/);
    assert.equal(ferry?.verdict, 'supported');
  });

  test('the language server indexes, checks, hovers and searches over stdio without any of them', async () => {
    const ws = path.join(tmp, 'lsp');
    mkdirSync(path.join(ws, 'corpus'), { recursive: true });
    writeFileSync(path.join(ws, 'corpus', 'port.md'), 'The harbour of Varna reopened on Monday after three days of repairs.\n');
    const uri = pathToFileURL(path.join(ws, 'draft.md')).href;
    const client = new RawLspClient(process.execPath, ['--import', pathToFileURL(preload).href, serverPath, '--stdio'], ws);
    try {
      await client.request('initialize', { processId: null, rootUri: pathToFileURL(ws).href, capabilities: {}, initializationOptions: { storagePath: path.join(ws, 'cache') } });
      client.notify('initialized', {});
      const published = client.diagnostics(uri);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'The harbour of Varna reopened on Tuesday after three days of repairs.\n' } });
      const diagnostics = (await published).params as { diagnostics: { code: string }[] };
      assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['date']);
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
      assert.ok(hover.result, 'a hover');
      const search = await client.request('corroborate/search', { query: 'Varna harbour' });
      assert.equal((search.result as unknown[]).length, 1);
      await client.request('shutdown');
      client.notify('exit');
      assert.equal(await client.exited, 0);
      assert.doesNotMatch(client.stderr, new RegExp(MARK));
    } finally {
      client.kill();
    }
  });

  test('the language server refuses a socket or a pipe', () => {
    for (const flag of ['--socket=5007', '--pipe=/tmp/corroborate.sock']) {
      const r = run([serverPath, flag]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /never opens a socket or a named pipe/);
      assert.doesNotMatch(r.stderr, new RegExp(MARK));
    }
  });
});
