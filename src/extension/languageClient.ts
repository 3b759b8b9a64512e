import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ClientOptions } from '../server/protocol';
import type { BlockMeter } from './blockMeter';
import type { Log } from './log';
import { SOURCE_VIEW_SCHEME } from './sourceView';

/** Restarts allowed in a window of time before the client gives up (a server that cannot start). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

/**
 * Survives the server crashing or being killed: the client restarts it and says so in one
 * message; after repeated crashes in a short time it stops and says how to see why.
 */
class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly log: Log, private readonly onRestart: () => void) {}

  error(): { action: ErrorAction } {
    // A malformed message or a write that failed: the connection itself decides via closed().
    return { action: ErrorAction.Continue };
  }

  closed(): { action: CloseAction; message?: string; handled?: boolean } {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.restarts.length > MAX_RESTARTS) {
      this.log.error(`The checker stopped ${this.restarts.length} times in ${RESTART_WINDOW_MS / 60_000} minutes; it is not restarted again.`);
      return { action: CloseAction.DoNotRestart, message: 'Corroborate: the checker keeps stopping, so it was not restarted. Reload the window to try again; "Corroborate: Show Log" says why.' };
    }
    this.log.warn('The checker process stopped unexpectedly; restarting it.');
    this.onRestart();
    void vscode.window.showWarningMessage('Corroborate: the checker crashed and was restarted.');
    return { action: CloseAction.Restart, handled: true };
  }
}

export interface ClientSetup {
  context: vscode.ExtensionContext;
  log: Log;
  /** The languages the drafts are written in (the `languages` setting when the client starts). */
  languages: readonly string[];
  meter: BlockMeter;
  /** The `corroborate` section the server is to use: VS Code's values with the workspace trust rules applied. */
  settings: () => Record<string, unknown>;
  /** Called when the server stopped and is restarted: what the client knew of it is stale. */
  onRestart: () => void;
}

/**
 * The client of the Corroborate language server (dist/server.js, started over Node's IPC channel).
 * It syncs the drafts, shows the server's diagnostics, hovers and quick fixes, and hands its log
 * lines to the Corroborate output channel.
 */
export function createLanguageClient(setup: ClientSetup): LanguageClient {
  const { context, log } = setup;
  const module = path.join(context.extensionPath, 'dist', 'server.js');
  // No debug port, no inspector: the server is started the same way in every build.
  const run = { module, transport: TransportKind.ipc, options: { execArgv: [] as string[] } };
  const serverOptions: ServerOptions = { run, debug: run };
  const storage = context.storageUri ?? context.globalStorageUri;
  const initializationOptions: ClientOptions = {
    storagePath: storage.fsPath,
    sourceViewScheme: SOURCE_VIEW_SCHEME,
    themeIcons: true,
    diagnosticsInHover: true,
    notifications: true,
    clientCommands: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: setup.languages.flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
    ]),

    initializationOptions,
    outputChannel: log.channel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(log, setup.onRestart),
    // Untrusted Markdown without HTML: corpus text is never allowed to run commands or render markup.
    markdown: { isTrusted: false, supportHtml: false, supportThemeIcons: true },
    diagnosticCollectionName: 'corroborate',
    // Handing the server's diagnostics to VS Code is the extension's largest piece of work per check.
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => setup.meter.time('diagnostics to VS Code', () => next(uri, diagnostics)),
      // Not VS Code's raw values: a workspace's corpusPaths may be set aside (untrusted, or outside
      // it without consent), and the server must never see what the extension does not use.
      workspace: { configuration: (params) => params.items.map((item) => (item.section === 'corroborate' ? setup.settings() : null)) },
    },
  };
  return new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions);
}

export function isRunning(client: LanguageClient): boolean {
  return client.state === State.Running;
}
