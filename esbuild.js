// Bundles the extension entry, the CLI, the language server and the integration tests module. `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');
const { readFile } = require('node:fs/promises');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors as `✘ [ERROR] file:line:col` so VS Code's esbuild problem matcher can read them. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * pdf.js (read lazily by src/engine/corpus/formats/pdf.ts) is bundled for text extraction only.
 * - At load it tries to require @napi-rs/canvas beside `import.meta.url` to polyfill DOMMatrix
 *   & co. for rendering, and prints a warning to stdout for each thing it cannot find, which
 *   would corrupt the CLI's JSON and SARIF output. A CJS bundle has no import.meta (esbuild would
 *   make it undefined anyway, with a warning), and the main-thread verbosity starts at errors;
 *   the worker half gets `verbosity: 0` per document.
 * - Its network loaders (fetch, XMLHttpRequest) and its code generation (`new Function` for
 *   PostScript functions and the eval probe) are never reached with the options pdf.ts passes
 *   (bytes in memory, isEvalSupported false, no CMap or font URLs); they are replaced by stubs
 *   that throw, so the bundles hold no network or eval call (test/unit/network.test.ts).
 * Each edit must find its target: a pdf.js that changed fails the build, not the scan.
 */
const PDFJS_STUBS = `
function corroborateNoNetwork() { throw new Error('pdf.js: network access is disabled in Corroborate'); }
class CorroborateNoXMLHttpRequest { static DONE = 4; constructor() { corroborateNoNetwork(); } }
class CorroborateNoFunction { constructor() { throw new EvalError('pdf.js: code generation is disabled in Corroborate'); } }
`;
const pdfJsTextOnlyPlugin = {
  name: 'pdfjs-text-only',
  setup(build) {
    build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf(\.worker)?\.mjs$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      const edit = (pattern, replacement) => {
        const edited = contents.replace(pattern, replacement);
        if (edited === contents) throw new Error(`pdfjs-text-only: ${pattern} not found in ${args.path}; review the plugin for this pdf.js`);
        contents = edited;
      };
      if (!args.path.endsWith('.worker.mjs')) {
        edit('let verbosity = VerbosityLevel.WARNINGS;', 'let verbosity = VerbosityLevel.ERRORS;');
        edit(/import\.meta\.url/g, 'undefined');
        edit(/\bXMLHttpRequest\b/g, 'CorroborateNoXMLHttpRequest');
      }
      // The same call shapes test/unit/network.test.ts looks for: a global call, not a method.
      edit(/(?<![\w$.])fetch\s*\((?![^()]*\)\s*\{)/g, 'corroborateNoNetwork(');
      edit(/\bnew\s+Function\s*\(/g, 'new CorroborateNoFunction(');
      // core-js's fallback for process.getBuiltinModule (Node 20.16+ has it) evaluates a require.
      edit(`return Function('return require("' + name + '")')();`, 'return undefined;');
      return { contents: PDFJS_STUBS + contents, loader: 'js' };
    });
  },
};

/**
 * Two code generators the Word reader's dependencies carry but never reach: jszip requires the
 * `setimmediate` polyfill, which turns a string callback into `new Function` only where no
 * setImmediate exists (Node has one), and mammoth's `underscore` compiles `_.template` strings,
 * which mammoth never calls. The polyfill is left out and the template compiler throws, so the
 * bundles hold no eval-like call (test/unit/network.test.ts checks the result).
 */
const officeNoEvalPlugin = {
  name: 'office-no-eval',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]setimmediate[\\/]setImmediate\.js$/ }, () => ({ contents: '', loader: 'js' }));
    build.onLoad({ filter: /[\\/]node_modules[\\/]underscore[\\/].*\.js$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (!/\bnew\s+Function\s*\(/.test(contents)) return undefined;
      const edited = contents.replace(/\bnew\s+Function\s*\(/g, '(function () { throw new EvalError("underscore templates are disabled in Corroborate"); })(');
      return { contents: edited, loader: 'js' };
    });
  },
};

/**
 * linkedom, the DOM the web-page reader view parses into (src/engine/corpus/formats/webPage.ts),
 * carries two things extraction never uses: a `require('canvas')` for drawing on <canvas>, which
 * would load a native module wherever one happens to be installed (its own shim stands in), and
 * domutils' RSS/Atom reader, whose local helper named `fetch` reads as a network call to the
 * bundle scan of test/unit/network.test.ts (an empty reader stands in; no feed is ever parsed).
 */
const linkedomTrimPlugin = {
  name: 'linkedom-trim',
  setup(build) {
    const path = require('node:path');
    build.onResolve({ filter: /^canvas$/ }, (args) =>
      /[\\/]linkedom[\\/]commonjs[\\/]canvas\.cjs$/.test(args.importer) ? { path: path.join(path.dirname(args.importer), 'canvas-shim.cjs') } : undefined,
    );
    build.onLoad({ filter: /[\\/]domutils[\\/](lib|dist)[\\/](esm[\\/])?feeds\.js$/ }, () => ({ contents: 'export function getFeed() { return null; }', loader: 'js' }));
  },
};

/**
 * The LSP libraries' Node entry points carry what the language server never uses: vscode-jsonrpc's
 * socket and named-pipe transports (`net`) and vscode-languageserver's module-resolution helpers,
 * which run `npm` and `yarn` (`child_process`). The server speaks only over stdio or Node's IPC
 * channel (src/server/main.ts refuses --socket and --pipe), so for these importers only both
 * modules are replaced by a stand-in whose every function throws. Any bundle holding the server
 * (dist/server.js, and the CLI's `lsp` command) then references no networking or process module
 * (test/unit/network.test.ts scans them).
 */
const lspNoNetworkPlugin = {
  name: 'lsp-no-network',
  setup(build) {
    const lspNodeLibrary = /[\\/]node_modules[\\/](vscode-jsonrpc|vscode-languageserver)[\\/]lib[\\/]node[\\/]/;
    build.onResolve({ filter: /^(node:)?(net|child_process)$/ }, (args) =>
      lspNodeLibrary.test(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: 'corroborate-disabled-module' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'corroborate-disabled-module' }, (args) => ({
      contents: `const disabled = (name) => function () { throw new Error(${JSON.stringify(args.path)} + '.' + name + ' is disabled in Corroborate: no sockets, pipes or processes'); };
module.exports = new Proxy({}, { get: (_, name) => (typeof name === 'string' && !name.startsWith('__') ? disabled(name) : undefined) });`,
      loader: 'js',
    }));
  },
};

/**
 * The bundles as built, minified without source maps for `production`. test/unit/network.test.ts
 * builds the production ones with these same options (plugins included) and scans them.
 */
function buildTargets(forProduction) {
  const common = {
    absWorkingDir: __dirname,
    bundle: true,
    define: { __VERSION__: JSON.stringify(require('./package.json').version) },
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: forProduction,
    sourcemap: !forProduction,
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [problemMatcherPlugin, pdfJsTextOnlyPlugin, linkedomTrimPlugin, officeNoEvalPlugin, lspNoNetworkPlugin],
  };
  return [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', external: ['vscode'], banner: { js: '#!/usr/bin/env node' } },
    // The language server. src/server/main.ts only exports runLanguageServer (the CLI bundles it
    // too, and must not start a server on load), so this bundle's footer is what starts it.
    {
      ...common,
      entryPoints: ['src/server/main.ts'],
      outfile: 'dist/server.js',
      external: ['vscode'],
      banner: { js: '#!/usr/bin/env node' },
      footer: { js: 'module.exports.runLanguageServer(process.argv.slice(2));' },
    },
    // The integration tests module (extensionTestsPath) that runs inside VS Code's extension host.
    { ...common, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration/index.js', external: ['vscode'] },
  ];
}

const targets = buildTargets(production);

async function main() {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

module.exports = { buildTargets };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
