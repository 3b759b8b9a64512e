-- Corroborate's language server in Neovim (0.7 or later), with no plugin manager and no
-- nvim-lspconfig. Put this file somewhere on your 'runtimepath' as lua/corroborate.lua, then in
-- init.lua:
--
--   require('corroborate').setup({ cmd = { 'corroborate', 'lsp', '--stdio' } })
--
-- or load it from anywhere:
--
--   dofile('/path/to/corroborate/examples/editors/neovim.lua').setup({
--     cmd = { 'node', '/path/to/corroborate/dist/server.js', '--stdio' },
--   })
--
-- Options (all optional but cmd):
--   cmd          the server command, a list of strings
--   filetypes    buffers to check (default: markdown, text)
--   root_dir     the workspace folder; default: the nearest parent holding corpus/ or .git,
--                else the current directory. A corpus/ folder there is used as the sources.
--   settings     the corroborate.* settings without the prefix, e.g.
--                { corpusPaths = { 'sources' }, severity = { unverified = 'none' } }
--   init_options sent with initialize (e.g. { storagePath = '/tmp/corroborate-cache' })
--   on_attach    function(client, bufnr), called for each buffer the server attaches to
--
-- Uses vim.lsp.start_client and vim.lsp.buf_attach_client, which every version from 0.7 has
-- (vim.lsp.start arrived in 0.8). One server per root folder serves every draft under it.

local M = {}

local clients = {}

local function find_root(path)
  local dir = vim.fn.fnamemodify(path ~= '' and path or vim.fn.getcwd(), ':p:h')
  while true do
    if vim.fn.isdirectory(dir .. '/corpus') == 1 or vim.fn.isdirectory(dir .. '/.git') == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.getcwd()
    end
    dir = parent
  end
end

function M.setup(opts)
  opts = opts or {}
  assert(type(opts.cmd) == 'table' and #opts.cmd > 0, 'corroborate: setup needs cmd, e.g. { "corroborate", "lsp", "--stdio" }')
  local filetypes = opts.filetypes or { 'markdown', 'text' }

  local function attach(bufnr)
    local root = opts.root_dir or find_root(vim.api.nvim_buf_get_name(bufnr))
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = 'corroborate',
        cmd = opts.cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
        -- The settings go with initialize, so the first check already uses them, and again with
        -- workspace/didChangeConfiguration (0.7) or as the answer to workspace/configuration (later).
        settings = { corroborate = opts.settings or {} },
        init_options = vim.tbl_extend('force', { corroborate = opts.settings or {} }, opts.init_options or {}),
        on_attach = opts.on_attach,
      })
      clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(bufnr, id)
    end
  end

  vim.api.nvim_create_autocmd('FileType', {
    pattern = filetypes,
    callback = function(args)
      attach(args.buf)
    end,
  })
end

return M
