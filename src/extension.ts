import * as path from 'node:path';
import * as vscode from 'vscode';
import { insideFolders, locateCorpus, missingFolderMessage } from './server/corpusLocation';
import type { IndexSummary, SearchHit } from './server/protocol';
import { registerCommands } from './extension/commands';
import type { Settings } from './extension/config';
import { EVIDENCE_VIEW_TYPE, EvidencePanel } from './extension/evidencePanel';
import { FindingsTree } from './extension/findingsTree';
import { BlockMeter } from './extension/blockMeter';
import { Log } from './extension/log';
import { ReportStore, type CheckReport } from './extension/reports';
import { ServerConnection } from './extension/serverConnection';
import { SOURCE_VIEW_SCHEME, SourceViewProvider } from './extension/sourceView';
import { StatusBar } from './extension/statusBar';
import { WorkspaceSettings } from './extension/workspaceSettings';
import { inform, shownNotices } from './extension/notices';

/** What the extension hands to other extensions and to its integration tests. */
export interface CorroborateApi {
  readonly onDidCheck: vscode.Event<CheckReport>;
  readonly onDidChangeIndex: vscode.Event<IndexSummary>;
  report(uri: vscode.Uri): CheckReport | undefined;
  /** Whether a check of the document is scheduled or running. */
  isPending(uri: vscode.Uri): boolean;
  /** The index in use, once ready. */
  ready(): Promise<IndexSummary>;
  /** Reloads the index as at start: from the cache when the corpus is unchanged. */
  reloadIndex(): Promise<'cache' | 'built'>;
  /** Resolves when the last index cache write has finished. */
  cacheSaved(): Promise<void>;
  /** The index cache file of the current corpus folders, once known. */
  indexCacheFile(): string | undefined;
  corpusFolders(): string[];
  /** Statements checked afresh so far (a statement whose wording did not change is reused). */
  freshChecks(): number;
  /** The language server's process id while it runs. */
  serverProcessId(): number | undefined;
  /** The longest synchronous stretch of the extension's own code in the extension host, in ms. */
  longestBlockMs(): number;
  /** Which of the extension's handlers that longest block was. */
  longestBlockName(): string;
  /** The draft whose findings the Corroborate Findings view shows. */
  findingsDraft(): vscode.Uri | undefined;
  /** The information messages shown so far, the latest last. */
  notices(): readonly string[];
  /** What Search Corpus would list for a query. */
  search(query: string): Promise<SearchHit[]>;
  /** Restores an evidence panel as VS Code does after a reload (the serializer's own path). */
  restoreEvidencePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/**
 * Wires the features together. The engine runs in the language server (dist/server.js): this
 * process only syncs drafts, shows what the server finds, and keeps the VS Code-only UI.
 */
export function activate(context: vscode.ExtensionContext): CorroborateApi {
  const log = new Log();
  const shown = new Set<string>();
  // The server logs every bad setting; the extension shows each once as a notification too.
  const problem = (message: string) => {
    if (shown.has(message)) return;
    shown.add(message);
    void vscode.window.showWarningMessage(`Corroborate: ${message}`);
  };
  const workspacePaths = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const workspaceSettings = new WorkspaceSettings(context.workspaceState, log, workspacePaths);
  // Read once per change, not per keystroke: every edit asks whether its document is a draft.
  let current: Settings | undefined;
  const settings = (): Settings => (current ??= workspaceSettings.read(problem));
  const bundledCorpus = path.join(context.extensionPath, 'corpus');
  // The same decision the server makes, so the UI knows at once which files are sources.
  const locate = () => {
    const location = locateCorpus(settings().corpusPaths, workspacePaths(), bundledCorpus);
    for (const m of location.missing) problem(missingFolderMessage(m, location));
    return location;
  };
  let location = locate();

  const store = new ReportStore();
  const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const meter = new BlockMeter();
  const server = new ServerConnection(context, store, log, isOpen, () => refreshActive(), meter, () => workspaceSettings.section());
  connection = server;
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('corroborate-workspace');
  const status = new StatusBar();
  const tree = new FindingsTree();
  const panel = new EvidencePanel(vscode.Uri.joinPath(context.extensionUri, 'media'));
  const sourceViews = new SourceViewProvider(server);
  let enabled = true;

  const isSource = (fsPath: string) => insideFolders(location.folders, fsPath);
  const isDraft = (doc: vscode.TextDocument) =>
    (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && settings().languages.includes(doc.languageId) && !(doc.uri.scheme === 'file' && isSource(doc.uri.fsPath));
  /** An editor event the server will answer with a check (or word that none is coming). */
  const expectCheck = (doc: vscode.TextDocument, trigger: 'open' | 'type' | 'save') => {
    if (!enabled || !isDraft(doc)) return;
    const run = settings().run;
    if (run === 'manual' || (trigger === 'type' && run !== 'onType')) return;
    store.expect(doc.uri, doc.version);
  };
  /** The draft the findings view shows: the active one, else the last one that was, while it has a tab. */
  let lastDraft: vscode.Uri | undefined;
  const inTab = (uri: vscode.Uri) =>
    vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  const refreshActive = () => {
    const editor = vscode.window.activeTextEditor;
    const draft = !!editor && enabled && isDraft(editor.document);
    if (draft) lastDraft = editor!.document.uri;
    else if (lastDraft && (!enabled || !inTab(lastDraft))) lastDraft = undefined;
    status.show(draft ? store.report(editor!.document.uri) : undefined, draft);
    // Clicking into the Problems list, a source or the log keeps the draft's findings in view.
    tree.show(lastDraft ? store.report(lastDraft) : undefined);
  };
  const showSources = () => status.setSources(location, store.index?.documentCount, workspaceSettings.restriction());
  /** After anything that changes the settings in effect: where the sources are, what the server uses. */
  const settingsChanged = () => {
    shown.clear();
    current = undefined;
    location = locate();
    workspaceSettings.review();
    void server.pushSettings();
    showSources();
  };
  /**
   * The sample articles stand in until the writer chooses sources: said once per workspace, with
   * the way out one click away, the first time a draft is checked against them.
   */
  const SAMPLE_NOTICE_KEY = 'corroborate.sampleNoticeShown';
  const noticeSample = () => {
    if (location.origin !== 'bundled' || context.workspaceState.get<boolean>(SAMPLE_NOTICE_KEY)) return;
    void context.workspaceState.update(SAMPLE_NOTICE_KEY, true);
    void inform('Corroborate is checking against its own sample news articles, not your sources. Choose the folder where you keep yours.', 'Add Source Folder…', 'Not Now').then((choice) => (choice === 'Add Source Folder…' ? vscode.commands.executeCommand('corroborate.chooseSourceFolder') : undefined));
  };
  /** An evidence panel VS Code kept over a reload: its statement is looked up again, or it closes. */
  const restoreEvidence = (webviewPanel: vscode.WebviewPanel, state: unknown) =>
    panel.restore(webviewPanel, state, (message) => log.info(message), async ({ uri, offset }) => {
      // After a reload the draft's editor may come back after the panel: open its document.
      const parsed = vscode.Uri.parse(uri);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      const doc = open ?? (parsed.scheme === 'file' ? await vscode.workspace.openTextDocument(parsed).then((d) => d, () => undefined) : undefined);
      if (!doc || !isDraft(doc)) return undefined;
      await server.index();
      if (store.report(doc.uri)?.version !== doc.version) await server.check(doc);
      return (await server.evidence(doc, doc.positionAt(offset))) ?? undefined;
    });
  const start = () => server.start(settings().languages).catch((error) => log.error('Starting the checker failed', error));

  context.subscriptions.push(
    log,
    store,
    server,
    workspaceDiagnostics,
    status,
    tree,
    panel,
    sourceViews,
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_VIEW_SCHEME, sourceViews),
    vscode.window.registerTreeDataProvider('corroborate.findings', tree),
    store.onDidCheck(meter.wrap('status and findings after a check', (report: CheckReport) => {
      workspaceDiagnostics.delete(report.uri);
      const shown = [vscode.window.activeTextEditor?.document.uri, lastDraft].some((u) => u?.toString() === report.uri.toString());
      if (shown) refreshActive();
      noticeSample();
    })),
    store.onDidClear(() => refreshActive()),
    store.onDidChangeBusy((busy) => status.setIndexing(busy)),
    store.onDidChangeIndex(() => {
      sourceViews.refreshAll();
      showSources();
    }),
    vscode.window.registerWebviewPanelSerializer(EVIDENCE_VIEW_TYPE, {
      deserializeWebviewPanel: (webviewPanel, state) => restoreEvidence(webviewPanel, state),
    }),
    vscode.workspace.onDidOpenTextDocument(meter.wrap('document opened', (d: vscode.TextDocument) => expectCheck(d, 'open'))),
    vscode.workspace.onDidChangeTextDocument(meter.wrap('document changed', (e: vscode.TextDocumentChangeEvent) => {
      if (e.contentChanges.length) expectCheck(e.document, 'type');
    })),
    vscode.workspace.onDidSaveTextDocument(meter.wrap('document saved', (d: vscode.TextDocument) => expectCheck(d, 'save'))),
    vscode.workspace.onDidCloseTextDocument((d) => store.forget(d.uri)),
    vscode.window.onDidChangeActiveTextEditor(meter.wrap('active editor changed', () => refreshActive())),
    vscode.window.tabGroups.onDidChangeTabs(meter.wrap('tabs changed', () => refreshActive())),
    workspaceSettings,
    workspaceSettings.onDidChange(() => {
      settingsChanged();
      for (const d of vscode.workspace.textDocuments) if (enabled && isDraft(d)) store.expect(d.uri, d.version);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corroborate')) return;
      settingsChanged();
      // The server re-checks open drafts after a change (or says none is coming); documents no
      // longer drafts lose their findings.
      for (const d of vscode.workspace.textDocuments) {
        if (enabled && isDraft(d)) store.expect(d.uri, d.version);
        else store.forget(d.uri);
      }
      // The server syncs only drafts in the checked languages: a new list needs a new start.
      if (enabled && e.affectsConfiguration('corroborate.languages') && !server.startedFor(settings().languages)) void start();
      refreshActive();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => settingsChanged()),
    ...registerCommands({
      server,
      store,
      panel,
      log,
      workspaceDiagnostics,
      isDraft,
      isSource,
      isEnabled: () => enabled,
      allowOutsideSources: () => workspaceSettings.allowOutside(),
      setEnabled: async (on) => {
        enabled = on;
        status.setEnabled(on);
        void vscode.commands.executeCommand('setContext', 'corroborate.enabled', on);
        // Off means no checker at all: the server stops and its findings go with it.
        if (on) await start();
        else await server.stop();
        refreshActive();
      },
    }),
  );
  void vscode.commands.executeCommand('setContext', 'corroborate.enabled', true);
  log.info(`Corroborate ${context.extension.packageJSON.version} activated; sources: ${location.folders.join(', ')} (${location.origin}).`);
  for (const d of vscode.workspace.textDocuments) expectCheck(d, 'open');
  workspaceSettings.review();
  void start();
  showSources();
  refreshActive();

  return {
    onDidCheck: store.onDidCheck,
    onDidChangeIndex: store.onDidChangeIndex,
    report: (uri) => store.report(uri),
    isPending: (uri) => store.isPending(uri),
    ready: async () => {
      const summary = await server.index();
      if (!summary) throw new Error('Corroborate: checking is turned off.');
      return summary;
    },
    reloadIndex: async () => (await server.reload(false))?.loadedFrom ?? 'built',
    cacheSaved: () => server.cacheSaved(),
    indexCacheFile: () => store.index?.cacheFile,
    corpusFolders: () => [...location.folders],
    freshChecks: () => store.freshChecks,
    serverProcessId: () => server.processId,
    longestBlockMs: () => meter.longestMs,
    longestBlockName: () => meter.longestName,
    findingsDraft: () => lastDraft,
    notices: () => [...shownNotices],
    search: async (query) => (await server.search(query, 30)) ?? [],
    restoreEvidencePanel: (webviewPanel, state) => restoreEvidence(webviewPanel, state),
  };
}

let connection: ServerConnection | undefined;

/** Stops the server cleanly (it finishes writing the index cache) before VS Code exits. */
export function deactivate(): Promise<void> | undefined {
  return connection?.stop();
}
