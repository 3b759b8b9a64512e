/** The engine stays editor-free so the CLI and tests run without VS Code. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { build, buildSync } from 'esbuild';
import { buildCli, cliPath, root } from './helpers/cli';

const Q = `['"\`]`;
const VSCODE = `${Q}vscode${Q}`;
const IMPORT_PATTERNS: RegExp[] = [
  // import x from 'vscode'; import type * as v from 'vscode'; import { a, b } from "vscode"
  new RegExp(`\\bimport\\s+(?:type\\s+)?[^;'"\`]*?\\bfrom\\s*${VSCODE}`),
  // import 'vscode'
  new RegExp(`\\bimport\\s*${VSCODE}`),
  // export { x } from 'vscode'; export * from 'vscode'
  new RegExp(`\\bexport\\s+(?:type\\s+)?[^;'"\`]*?\\bfrom\\s*${VSCODE}`),
  // require('vscode'), import x = require('vscode')
  new RegExp(`\\brequire\\s*\\(\\s*${VSCODE}\\s*\\)`),
  // import('vscode'), also in type positions: typeof import('vscode')
  new RegExp(`\\bimport\\s*\\(\\s*${VSCODE}\\s*\\)`),
];
const TYPES_REFERENCE = /\/\/\/\s*<reference\s+types\s*=\s*["']vscode["']/;

/** Comments may mention vscode freely; `(^|[^:])` keeps `https://` inside strings from starting one. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** The first vscode import in a TypeScript source, or undefined. */
function findVscodeImport(source: string): string | undefined {
  const ref = TYPES_REFERENCE.exec(source);
  if (ref) return ref[0];
  const code = stripComments(source);
  for (const re of IMPORT_PATTERNS) {
    const m = re.exec(code);
    if (m) return m[0];
  }
  return undefined;
}

const BUNDLE_REQUIRE = /\brequire\(\s*["'`]vscode["'`]\s*\)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [p] : [];
  });
}

describe('the vscode import scanner', () => {
  const imports = [
    `import * as vscode from 'vscode';`,
    `import type * as vscode from 'vscode';`,
    `import { window, workspace } from "vscode";`,
    `import {\n  type Range,\n  Position,\n} from 'vscode';`,
    'import v from `vscode`;',
    `import 'vscode';`,
    `export { Uri } from 'vscode';`,
    `export type { Uri } from 'vscode';`,
    `const v = require('vscode');`,
    `import vscode = require("vscode");`,
    `const v = await import('vscode');`,
    `type U = typeof import('vscode').Uri;`,
    `/// <reference types="vscode" />`,
  ];
  for (const src of imports) {
    test(`finds ${JSON.stringify(src)}`, () => {
      assert.ok(findVscodeImport(`const a = 1;\n${src}\nexport {};`), src);
    });
  }

  const clean = [
    `/** Never imports \`vscode\`. */ export const a = 1;`,
    `// import * as vscode from 'vscode';\nexport const a = 1;`,
    `/* const v = require('vscode'); */`,
    `import { x } from './vscode';`,
    `import { x } from 'vscode-languageserver';`,
    `import { y } from './y';\nconst name = 'vscode';`,
    `const url = 'https://code.visualstudio.com'; import { z } from './z';`,
  ];
  for (const src of clean) {
    test(`ignores ${JSON.stringify(src)}`, () => {
      assert.equal(findVscodeImport(src), undefined);
    });
  }
});

describe('architecture', () => {
  before(() => buildCli());

  test('no file under src/engine imports vscode', () => {
    const files = tsFiles(path.join(root, 'src', 'engine'));
    assert.ok(files.length > 10, `scanned ${files.length} files`);
    const offenders = files
      .map((f) => ({ file: path.relative(root, f), hit: findVscodeImport(readFileSync(f, 'utf8')) }))
      .filter((o) => o.hit !== undefined);
    assert.deepEqual(offenders, []);
  });

  // One door: the CLI, the extension (and any server) reach the engine through src/engine/index.ts
  // only, so the engine's inside can change without touching its users.
  test('outside src/engine, the engine is imported only through its index', () => {
    const files = tsFiles(path.join(root, 'src')).filter((f) => !f.startsWith(path.join(root, 'src', 'engine') + path.sep));
    assert.ok(files.length > 10, `scanned ${files.length} files`);
    const deep = /\b(?:from|import|require)\s*\(?\s*['"`]((?:\.\.?\/)+(?:\.\.\/)*engine\/[^'"`]+)['"`]/g;
    const offenders = files.flatMap((f) => [...stripComments(readFileSync(f, 'utf8')).matchAll(deep)].map((m) => `${path.relative(root, f)}: ${m[1]}`));
    assert.deepEqual(offenders, []);
  });

  test('the bundle pattern matches how esbuild emits an external vscode import', () => {
    const out = buildSync({
      stdin: { contents: `import * as vscode from 'vscode'; console.log(vscode.version);`, loader: 'ts' },
      bundle: true,
      external: ['vscode'],
      format: 'cjs',
      platform: 'node',
      write: false,
    });
    assert.match(out.outputFiles[0].text, BUNDLE_REQUIRE);
  });

  // The engine runs only in the language server: the extension bundle holds none of it (type
  // imports from the engine are fine, they leave nothing behind), so a slow check or a crash in
  // the engine can never block or take down VS Code's extension host.
  test('the extension bundle contains no engine module', async () => {
    const { buildTargets } = require(path.join(root, 'esbuild.js')) as { buildTargets: (production: boolean) => import('esbuild').BuildOptions[] };
    const options = buildTargets(false).find((target) => (target.entryPoints as string[])[0] === 'src/extension.ts')!;
    const out = await build({ ...options, write: false, metafile: true });
    const inputs = Object.keys(out.metafile!.inputs);
    assert.ok(inputs.some((i) => i.startsWith('src/extension/')), `the metafile lists the extension's own modules: ${inputs.slice(0, 5)}`);
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/engine/')), []);
    // The language server's modules it may share are the protocol and the settings/corpus-location rules, which run no engine code.
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/server/')).sort(), ['src/server/corpusLocation.ts', 'src/server/protocol.ts', 'src/server/settings.ts']);
  });

  test('the CLI bundle does not require vscode', () => {
    const bundle = readFileSync(cliPath, 'utf8');
    assert.ok(bundle.length > 10_000, 'dist/cli.js is a real bundle');
    assert.doesNotMatch(bundle, BUNDLE_REQUIRE);
  });
});
