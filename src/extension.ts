import * as vscode from 'vscode';
import * as path from 'node:path';
import type { CorpusIndex } from './engine';
import { type CheckReport, DraftChecker, type Trigger } from './extension/checker';
import { FindingActions } from './extension/codeActions';
import { registerCommands } from './extension/commands';
import { readSettings, type Settings } from './extension/config';
import { CorpusManager, locateCorpus } from './extension/corpus';
import { CorpusWatcher } from './extension/corpusWatcher';
import { toDiagnostics } from './extension/diagnostics';
import { EvidencePanel } from './extension/evidencePanel';
import { FindingsTree } from './extension/findingsTree';
import { EvidenceHoverProvider } from './extension/hover';
import { Log } from './extension/log';
import { StatusBar } from './extension/statusBar';
import { SOURCE_VIEW_SCHEME, SourceViewProvider } from './extension/sourceView';

/** What the extension hands to other extensions and to its integration tests. */
export interface CorroborateApi {
  readonly onDidCheck: vscode.Event<CheckReport>;
  readonly onDidChangeIndex: vscode.Event<CorpusIndex>;
  report(uri: vscode.Uri): CheckReport | undefined;
  /** Whether a check of the document is scheduled or running. */
  isPending(uri: vscode.Uri): boolean;
  ready(): Promise<CorpusIndex>;
  /** Reloads the index as at start: from the storage cache when the corpus is unchanged. */
  reloadIndex(): Promise<'cache' | 'built'>;
  /** Resolves when the last index cache write has finished. */
  cacheSaved(): Promise<void>;
  /** The index cache file of the current corpus folders, once known. */
  indexCacheFile(): string | undefined;
  corpusFolders(): string[];
  longestSliceMs(): number;
  /** Statements checked afresh so far (a statement whose wording did not change is reused). */
  freshChecks(): number;
}

const DRAFT_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'plaintext', scheme: 'file' },
  { language: 'plaintext', scheme: 'untitled' },
];

/**
 * Wires the features together. Activation does no indexing itself: the index is built (or
 * loaded from cache) in the background when the first draft is checked.
 */
export function activate(context: vscode.ExtensionContext): CorroborateApi {
  const log = new Log();
  const reported = new Set<string>();
  const problem = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    log.warn(message);
    void vscode.window.showWarningMessage(`Corroborate: ${message}`);
  };
  const settingsFor = (doc?: vscode.TextDocument): Settings => readSettings(doc?.uri, problem);
  const workspacePaths = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const locate = () => {
    const location = locateCorpus(settingsFor().corpusPaths, workspacePaths(), path.join(context.extensionPath, 'corpus'));
    for (const m of location.missing) problem(`corpus folder "${m}" does not exist; using ${location.origin === 'bundled' ? 'the bundled sample corpus' : location.folders.join(', ')} instead.`);
    return location;
  };

  const corpus = new CorpusManager(locate(), context.storageUri ?? context.globalStorageUri, log);
  const checker = new DraftChecker(corpus, (doc) => settingsFor(doc), log);
  const diagnostics = vscode.languages.createDiagnosticCollection('corroborate');
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('corroborate-workspace');
  const status = new StatusBar();
  const tree = new FindingsTree();
  const panel = new EvidencePanel(vscode.Uri.joinPath(context.extensionUri, 'media'));
  const watcher = new CorpusWatcher(corpus, log);
  const sourceViews = new SourceViewProvider();
  let enabled = true;

  const openDrafts = () => vscode.workspace.textDocuments.filter((d) => checker.isDraft(d));
  const recheckOpenDrafts = (trigger: Trigger = 'settings') => {
    for (const d of openDrafts()) checker.schedule(d, trigger === 'corpus' || trigger === 'settings' ? 'command' : trigger);
  };
  const refreshActive = () => {
    const editor = vscode.window.activeTextEditor;
    const draft = !!editor && checker.isDraft(editor.document);
    const report = draft ? checker.report(editor!.document.uri) : undefined;
    status.show(report, draft);
    tree.show(report);
  };

  context.subscriptions.push(
    log,
    corpus,
    checker,
    diagnostics,
    workspaceDiagnostics,
    status,
    tree,
    panel,
    watcher,
    sourceViews,
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_VIEW_SCHEME, sourceViews),
    vscode.window.registerTreeDataProvider('corroborate.findings', tree),
    vscode.languages.registerHoverProvider(DRAFT_SELECTOR, new EvidenceHoverProvider(checker, corpus)),
    vscode.languages.registerCodeActionsProvider(DRAFT_SELECTOR, new FindingActions(checker, corpus), { providedCodeActionKinds: FindingActions.kinds }),
    checker.onDidCheck((report) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === report.uri.toString());
      if (!doc) return;
      workspaceDiagnostics.delete(report.uri);
      diagnostics.set(report.uri, toDiagnostics(doc, report, settingsFor(doc)));
      if (vscode.window.activeTextEditor?.document === doc) refreshActive();
    }),
    checker.onDidClear((uri) => {
      diagnostics.delete(uri);
      refreshActive();
    }),
    corpus.onDidChangeBusy((busy) => status.setIndexing(busy)),
    corpus.onDidChangeIndex(() => {
      recheckOpenDrafts('corpus');
      sourceViews.refreshAll();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => checker.schedule(d, 'open')),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) checker.schedule(e.document, 'type');
    }),
    vscode.workspace.onDidSaveTextDocument((d) => checker.schedule(d, 'save')),
    vscode.workspace.onDidCloseTextDocument((d) => checker.forget(d.uri)),
    vscode.window.onDidChangeActiveTextEditor(() => refreshActive()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('corroborate')) return;
      reported.clear();
      if (e.affectsConfiguration('corroborate.corpusPaths')) {
        corpus.relocate(locate());
        watcher.watch();
      }
      // Drafts no longer in the checked languages lose their findings.
      for (const d of vscode.workspace.textDocuments) if (!checker.isDraft(d)) checker.forget(d.uri);
      recheckOpenDrafts('settings');
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      corpus.relocate(locate());
      watcher.watch();
    }),
    ...registerCommands({
      checker,
      corpus,
      panel,
      log,
      workspaceDiagnostics,
      isEnabled: () => enabled,
      setEnabled: (on) => {
        enabled = on;
        checker.enabled = on;
        status.setEnabled(on);
        void vscode.commands.executeCommand('setContext', 'corroborate.enabled', on);
        if (on) recheckOpenDrafts('settings');
        else checker.forgetAll();
      },
      recheckOpenDrafts: () => recheckOpenDrafts('settings'),
    }),
  );
  void vscode.commands.executeCommand('setContext', 'corroborate.enabled', true);
  log.info(`Corroborate ${context.extension.packageJSON.version} activated; sources: ${corpus.location.folders.join(', ')} (${corpus.location.origin}).`);
  for (const d of openDrafts()) checker.schedule(d, 'open');
  refreshActive();

  return {
    onDidCheck: checker.onDidCheck,
    onDidChangeIndex: corpus.onDidChangeIndex,
    report: (uri) => checker.report(uri),
    isPending: (uri) => checker.isPending(uri),
    ready: () => corpus.ready(),
    reloadIndex: async () => {
      await corpus.rebuild(false);
      return corpus.origin ?? 'built';
    },
    cacheSaved: () => corpus.saved,
    indexCacheFile: () => corpus.cacheFile,
    corpusFolders: () => [...corpus.location.folders],
    longestSliceMs: () => checker.longestSliceMs,
    freshChecks: () => checker.freshChecks,
  };
}

export function deactivate(): void {}

