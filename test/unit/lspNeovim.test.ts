/**
 * The language server in a real LSP client: headless Neovim loads examples/editors/neovim.lua (the
 * configuration the README shows), opens a draft in a workspace with a corpus/ folder, waits for
 * the diagnostics, asks for a hover and code actions, applies the preferred fix, and writes what
 * it saw as JSON for the assertions here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { buildCli, root } from './helpers/cli';

const serverPath = path.join(root, 'dist', 'server.js');
const exampleConfig = path.join(root, 'examples', 'editors', 'neovim.lua');

const ARTICLE = `# Varna harbour reopens after repairs

The port authority of Varna reopened the north pier on Monday after 14 days of repairs.

The ferry to Burgas now leaves at noon every day.
`;
const DRAFT = `# Notes

The port authority of Varna reopened the north pier on Monday after 11 days of repairs.

The ferry to Burgas now leaves at noon every day.
`;

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** A Lua string literal for any path. */
const lua = (s: string) => JSON.stringify(s);

/** The driver: runs after startup, records what the editor received, then quits whatever happened. */
function driverLua(draft: string, cacheDir: string, out: string): string {
  return `
local out = ${lua(out)}
local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end
vim.cmd('filetype on')

-- The diagnostics as the server published them (LSP shape), per document, latest first.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = result.diagnostics end
  return default_publish(err, result, ctx, config)
end

dofile(${lua(exampleConfig)}).setup({
  cmd = { ${lua(process.execPath)}, ${lua(serverPath)}, '--stdio' },
  settings = { debounceMs = 50, severity = { conflicting = 'error' } },
  init_options = { storagePath = ${lua(cacheDir)} },
})

local function first(responses)
  for _, response in pairs(responses or {}) do return response.result end
  return vim.NIL
end

vim.defer_fn(function()
  local ok, err = pcall(function()
    vim.cmd('edit ' .. vim.fn.fnameescape(${lua(draft)}))
    local bufnr = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(bufnr)
    local got = vim.wait(60000, function() return published[uri] ~= nil and #published[uri] > 0 end, 50)
    if not got then error('no diagnostics within 60 s') end
    local shown = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(shown, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source })
    end
    local conflict = published[uri][1]
    vim.api.nvim_win_set_cursor(0, { conflict.range.start.line + 1, conflict.range.start.character + 5 })
    local hover = first(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000))
    local actions = first(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = conflict.range,
      context = { diagnostics = { conflict } },
    }, 10000))
    -- Apply the preferred fix the way the editor would, and wait for the finding to go away.
    local fixed_line = vim.NIL
    local cleared = false
    for _, action in ipairs(actions or {}) do
      if action.isPreferred then
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        fixed_line = vim.api.nvim_buf_get_lines(bufnr, conflict.range.start.line, conflict.range.start.line + 1, false)[1]
        cleared = vim.wait(30000, function() return #published[uri] == 0 end, 50)
      end
    end
    finish({ filetype = vim.bo[bufnr].filetype, diagnostics = shown, published = published[uri], hover = hover, actions = actions, fixed_line = fixed_line, cleared = cleared })
  end)
  if not ok then finish({ error = tostring(err) }) end
end, 0)
`;
}

let tmp = '';

before(() => {
  if (hasNeovim) buildCli();
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('Neovim shows the conflict, the hover and the quick fixes, and the preferred fix clears the finding', { skip: hasNeovim ? false : 'nvim is not installed (scripts/ensure-system-deps.sh installs it)' }, () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-nvim-'));
  const ws = path.join(tmp, 'ws');
  mkdirSync(path.join(ws, 'corpus'), { recursive: true });
  writeFileSync(path.join(ws, 'corpus', 'harbour.md'), ARTICLE);
  const draft = path.join(ws, 'draft.md');
  writeFileSync(draft, DRAFT);
  const out = path.join(tmp, 'out.json');
  const init = path.join(tmp, 'init.lua');
  writeFileSync(init, driverLua(draft, path.join(tmp, 'cache'), out));
  // Neovim's own state (the LSP log, shada) stays in the temporary folder.
  const xdg = Object.fromEntries(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'].map((k) => [k, path.join(tmp, k.toLowerCase())]));
  const run = spawnSync('nvim', ['--headless', '--clean', '-u', init], { cwd: ws, env: { ...process.env, ...xdg }, encoding: 'utf8', timeout: 150_000 });
  assert.equal(run.error, undefined, String(run.error));
  const seen = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    filetype: string;
    diagnostics: { lnum: number; col: number; severity: number; message: string; source: string }[];
    published: unknown[];
    hover: { contents: { kind: string; value: string } };
    actions: { title: string; isPreferred?: boolean; edit: { changes: Record<string, { newText: string }[]> } }[];
    fixed_line: string;
    cleared: boolean;
  };
  assert.equal(seen.error, undefined, `${seen.error}\n${run.stderr}`);
  assert.equal(seen.filetype, 'markdown');

  assert.equal(seen.diagnostics.length, 1, JSON.stringify(seen.diagnostics));
  const [conflict] = seen.diagnostics;
  assert.equal(conflict!.lnum, 2);
  assert.equal(conflict!.source, 'Corroborate');
  assert.equal(conflict!.severity, 1, 'ERROR, from the settings the example passes (the default is a warning)');
  assert.equal(conflict!.message, 'Conflicting: the draft says "11", the source says "14" [number] (“Varna harbour reopens after repairs”).');

  assert.equal(seen.hover.contents.kind, 'markdown');
  assert.match(seen.hover.contents.value, /Conflicting \(number\)/);
  assert.match(seen.hover.contents.value, /after \*\*14\*\* days of repairs/);
  assert.ok(seen.hover.contents.value.includes(`${pathToFileURL(path.join(ws, 'corpus', 'harbour.md')).href}#L3`), seen.hover.contents.value);

  const titles = seen.actions.map((a) => a.title);
  // No Cite on a conflict: the only source at hand contradicts the statement.
  assert.deepEqual(titles, ['Replace "11" with "14" (from the source)', 'Ignore this statement (add an ignore comment)']);
  assert.equal(seen.actions.filter((a) => a.isPreferred).length, 1);
  assert.equal(seen.fixed_line, 'The port authority of Varna reopened the north pier on Monday after 14 days of repairs.');
  assert.equal(seen.cleared, true, 'the diagnostics were re-published empty after the fix');
});
