/**
 * The Corroborate language server: the engine in a process of its own, for VS Code and any LSP
 * editor. It owns the corpus index and the open drafts, and answers with diagnostics, hovers,
 * quick fixes, two commands and the `corroborate/*` requests. Transport-agnostic: `main.ts`
 * makes the connection (stdio or Node IPC), this module only speaks LSP over it.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeActionParams,
  type Connection,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { StatementResult } from '../engine';
import { DraftChecks } from './checks';
import { codeActionsFor } from './codeActions';
import { CorpusService } from './corpus';
import { locateCorpus, missingFolderMessage } from './corpusLocation';
import { CorpusWatch } from './corpusWatch';
import { shownAs, toDiagnostics } from './diagnostics';
import { DraftStore } from './documents';
import { hoverAt } from './hover';
import { foldUncovered, notCovered, sourcesInWords } from './coverage';
import { indexSummary, registerEditorRequests, reportMessage } from './editorRequests';
import { defaultCacheDir } from './indexCache';
import { connectionLog } from './log';
import { Methods, type ClientOptions, type PendingMessage } from './protocol';
import { COMMANDS, registerRequests } from './requests';
import { readSettings, settingsSection, type ServerSettings } from './settings';
import { sourceLinks, uriToPath } from './uris';

declare const __VERSION__: string | undefined;

export interface ServerOptions {
  /** The sample corpus used when neither the settings nor the workspace name one. */
  bundledCorpus?: string;
  /** Where the index cache lives; else `initializationOptions.storagePath`, else the user's cache folder. */
  storageDir?: string;
}

/** Beside the bundle: dist/server.js and the extension's `corpus/` share the package root. */
function defaultBundledCorpus(): string {
  return path.join(__dirname, '..', 'corpus');
}

function workspaceFoldersOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
  if (!folders.length && typeof params.rootPath === 'string' && params.rootPath) folders.push(params.rootPath);
  return folders;
}

/** The client's options, each one checked: a wrong value is ignored, as if not sent. */
function clientOptions(initOptions: unknown): ClientOptions {
  const o = (typeof initOptions === 'object' && initOptions !== null ? initOptions : {}) as Record<string, unknown>;
  return {
    ...(typeof o.storagePath === 'string' && o.storagePath ? { storagePath: o.storagePath } : {}),
    ...(typeof o.sourceViewScheme === 'string' && /^[a-z][a-z0-9+.-]*$/i.test(o.sourceViewScheme) ? { sourceViewScheme: o.sourceViewScheme } : {}),
    themeIcons: o.themeIcons === true,
    diagnosticsInHover: o.diagnosticsInHover === true,
    notifications: o.notifications === true,
    clientCommands: o.clientCommands === true,
  };
}


function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | undefined;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** Wires the server to a connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = connectionLog(connection);
  const docs = new DraftStore(log);
  let settings: ServerSettings = readSettings([], () => undefined);
  let initOptions: unknown;
  let capabilities: ClientCapabilities = {};
  let workspaceFolders: string[] = [];
  let corpus: CorpusService | undefined;
  let checks: DraftChecks | undefined;
  let watch: CorpusWatch | undefined;
  let hoverOptions: Parameters<typeof hoverAt>[4] = {};
  let diagnosticsInHover = false;
  const bundledCorpus = options.bundledCorpus ?? defaultBundledCorpus();
  let configured: () => void = () => undefined;
  const whenConfigured = new Promise<void>((resolve) => (configured = resolve));

  /** Settings from every layer the client offers; each bad value is logged. */
  async function loadSettings(pushed?: unknown): Promise<void> {
    const layers: unknown[] = [initOptions];
    if (pushed !== undefined) layers.push(settingsSection(pushed));
    if (capabilities.workspace?.configuration) {
      try {
        layers.push(await connection.workspace.getConfiguration('corroborate'));
      } catch (error) {
        log.warn(`workspace/configuration failed (${(error as Error).message}); using the initialization options and defaults.`);
      }
    }
    settings = readSettings(layers, (message) => log.warn(message));
  }

  /** Follows the settings and workspace folders: the corpus location, its watcher, the drafts. */
  let applied: ServerSettings | undefined;
  function applySettings(options: { quiet?: boolean; force?: boolean } = {}): void {
    if (!corpus || !checks) return;
    const location = locateCorpus(settings.corpusPaths, workspaceFolders, bundledCorpus);
    if (!options.quiet) for (const entry of location.missing) log.warn(missingFolderMessage(entry, location));
    if (corpus.relocate(location)) watch?.follow();
    for (const doc of docs.all()) {
      if (checks.isDraft(doc)) continue;
      checks.forget(doc.uri);
      void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    }
    // The same settings again (pushed, then read back) re-check nothing; the client still hears
    // that no check is coming, as it expects an answer for each open draft after a change.
    // Following links out of the sources changes what they hold: read them again.
    if (applied && applied.followLinksOutsideSources !== settings.followLinksOutsideSources) corpus.rebuild(false).catch((e) => log.error('Indexing the corpus failed', e));
    if (!applied || JSON.stringify(applied) !== JSON.stringify(settings) || options.force) checks.recheckAll('settings');
    else for (const doc of docs.all()) checks.announcePending(doc.uri);
    applied = settings;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (corpus) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
    capabilities = params.capabilities ?? {};
    initOptions = params.initializationOptions;
    workspaceFolders = workspaceFoldersOf(params);
    settings = readSettings([initOptions], (message) => log.warn(message));
    const client = clientOptions(initOptions);
    const links = sourceLinks(client.sourceViewScheme);
    hoverOptions = { links, icons: client.themeIcons };
    diagnosticsInHover = client.diagnosticsInHover === true;
    const storageDir = options.storageDir ?? client.storagePath ?? defaultCacheDir();
    corpus = new CorpusService(locateCorpus(settings.corpusPaths, workspaceFolders, bundledCorpus), connection, storageDir, log, () => settings.followLinksOutsideSources);
    const service = corpus;
    checks = new DraftChecks(docs, corpus, () => settings, log, whenConfigured);
    const drafts = checks;
    const watchedFiles = capabilities.workspace?.didChangeWatchedFiles;
    watch = new CorpusWatch(connection, corpus, { dynamicRegistration: watchedFiles?.dynamicRegistration === true, relativePatternSupport: watchedFiles?.relativePatternSupport === true }, log);
    checks.onDidCheck((doc, report) => {
      const diagnostics = foldUncovered(toDiagnostics(doc, report, settings, links), report.results, sourcesInWords(service.location), (offset) => doc.positionAt(offset));
      void connection.sendDiagnostics({ uri: doc.uri, version: report.version, diagnostics });
      if (client.notifications) void connection.sendNotification(Methods.didCheck, reportMessage(report, drafts.isPending(doc.uri)));
    });
    corpus.onDidChangeIndex((index) => {
      if (client.notifications) void connection.sendNotification(Methods.indexChanged, indexSummary(service, index));
      drafts.recheckAll('corpus');
    });
    if (client.notifications) {
      checks.onPendingChange((uri, version, pending) => void connection.sendNotification(Methods.pending, { uri, version, pending } satisfies PendingMessage));
      corpus.onBusyChange((busy) => void connection.sendNotification(Methods.indexing, { busy }));
    }
    registerRequests(connection, { docs, checks, corpus, links });
    const watcher = watch;
    registerEditorRequests(connection, { docs, checks, corpus, links, settings: () => settings, watchSettling: () => watcher.settling });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(client.clientCommands ? {} : { executeCommandProvider: { commands: COMMANDS } }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        // The process, for a client that watches over it (VS Code's shows it in the log and its tests stop it).
        experimental: { processId: process.pid },
      },
      serverInfo: { name: 'corroborate', version: typeof __VERSION__ === 'string' ? __VERSION__ : undefined },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'corroborate' }).catch(() => undefined);
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
          const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
          workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...added];
          applySettings({ force: true });
        });
      }
      await loadSettings();
    } catch (error) {
      log.error('Reading the settings failed; using the defaults', error);
    } finally {
      configured();
    }
    applySettings();
    watch?.follow();
    corpus?.ready().catch((e) => log.error('Indexing the corpus failed', e));
  });

  connection.onDidChangeConfiguration(async (params) => {
    const pushed = (params as { settings?: unknown } | undefined)?.settings;
    // Settings sent with the notification apply at once, before any edit that follows it is
    // handled; asking the client (below) only refines them and reports bad values.
    if (settingsSection(pushed) && corpus) {
      settings = readSettings([initOptions, pushed], () => undefined);
      applySettings({ quiet: true });
    }
    await whenConfigured;
    await loadSettings(pushed);
    applySettings();
  });

  connection.onDidChangeWatchedFiles((params) => watch?.clientChanged(params));

  connection.onDidOpenTextDocument((params) => {
    const doc = docs.open(params);
    if (doc) checks?.schedule(doc, 'open');
  });
  connection.onDidChangeTextDocument((params) => {
    const doc = docs.change(params);
    if (doc) checks?.schedule(doc, 'type');
  });
  connection.onDidSaveTextDocument((params) => {
    const doc = typeof params?.textDocument?.uri === 'string' ? docs.get(params.textDocument.uri) : undefined;
    if (doc) checks?.schedule(doc, 'save');
  });
  connection.onDidCloseTextDocument((params) => {
    const uri = docs.close(params);
    if (!uri) return;
    checks?.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover((params: HoverParams) => {
    const doc = typeof params?.textDocument?.uri === 'string' ? docs.get(params.textDocument.uri) : undefined;
    if (!doc || !isPosition(params.position)) return null;
    const report = checks?.report(doc.uri);
    // A finding the Problems list shows already has its excerpts in the editor's hover (VS Code
    // renders the diagnostic's related information); a folded one does not.
    const folded = !!report && notCovered(report.results);
    const hasDiagnostic = (r: StatementResult) => diagnosticsInHover && !folded && shownAs(r, settings) !== undefined;
    return hoverAt(doc, report, params.position, corpus?.index, { ...hoverOptions, mode: settings.hover, hasDiagnostic });
  });

  connection.onCodeAction((params: CodeActionParams) => {
    const doc = typeof params?.textDocument?.uri === 'string' ? docs.get(params.textDocument.uri) : undefined;
    if (!doc || !isPosition(params.range?.start) || !isPosition(params.range?.end)) return [];
    return codeActionsFor(doc, checks?.report(doc.uri), params, corpus?.index, { workspaceFolders, citationStyle: settings.citationStyle });
  });

  connection.onShutdown(async () => {
    watch?.dispose();
    checks?.dispose();
    corpus?.dispose();
    // The cache write started after the last build; finishing it spares the next start a build.
    await corpus?.saved;
  });

  connection.listen();
}
