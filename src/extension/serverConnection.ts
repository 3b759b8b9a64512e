import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from 'vscode-languageclient/node';
import { Methods, type FileCheck, type IndexSummary, type PendingMessage, type PresentedResult, type ReportMessage, type SearchHit, type SourceText } from '../server/protocol';
import type { BlockMeter } from './blockMeter';
import { createLanguageClient, isRunning } from './languageClient';
import type { Log } from './log';
import type { ReportStore } from './reports';

/**
 * The extension's one line to the language server: starts and stops it, routes its notifications
 * into the report store, and asks it everything the UI shows. Requests made while checking is off
 * or the server is restarting answer `undefined` instead of throwing into a command.
 */
export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private languages: readonly string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: ReportStore,
    private readonly log: Log,
    private readonly isOpen: (uri: vscode.Uri) => boolean,
    private readonly onRestart: () => void,
    readonly meter: BlockMeter,
    /** The `corroborate` section the server is to use (trust rules applied). */
    private readonly settings: () => Record<string, unknown>,
  ) {}

  get running(): boolean {
    return !!this.client && isRunning(this.client);
  }

  /** The server's process id while it runs. */
  get processId(): number | undefined {
    const id = (this.client?.initializeResult?.capabilities.experimental as { processId?: unknown } | undefined)?.processId;
    return typeof id === 'number' ? id : undefined;
  }

  /** Starts the server for drafts in these languages (a running one is stopped first). */
  start(languages: readonly string[]): Promise<void> {
    const previous = this.starting ?? Promise.resolve();
    this.starting = previous.then(() => this.startNow(languages)).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startNow(languages: readonly string[]): Promise<void> {
    await this.stopNow();
    this.languages = [...languages];
    const client = createLanguageClient({ context: this.context, log: this.log, languages, meter: this.meter, settings: this.settings, onRestart: () => this.restarted() });
    const meter = this.meter;
    client.onNotification(Methods.didCheck, meter.wrap('report from the server', (message: ReportMessage) => void this.store.add(message, this.isOpen)));
    client.onNotification(Methods.pending, meter.wrap('pending state', (message: PendingMessage) => this.store.pending(message, this.isOpen)));
    client.onNotification(Methods.indexing, meter.wrap('indexing state', (message: { busy?: unknown }) => this.store.setBusy(message?.busy === true)));
    client.onNotification(Methods.indexChanged, meter.wrap('index summary', (summary: IndexSummary) => this.store.setIndex(summary)));
    this.client = client;
    await client.start();
    this.log.info(`Started the checker (process ${this.processId ?? '?'}).`);
  }

  private restarted(): void {
    this.store.forgetAll();
    this.store.setBusy(false);
    this.onRestart();
  }

  /**
   * Sends the settings in effect. They travel with the notification, so the server applies them
   * before any edit that follows; it asks for them again through workspace/configuration, which
   * the client answers with the same values.
   */
  async pushSettings(): Promise<void> {
    await this.starting;
    if (!this.client || !this.running) return;
    await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { corroborate: this.settings() } }).catch(() => undefined);
  }

  /** Whether the server was started for these languages. */
  startedFor(languages: readonly string[]): boolean {
    return this.languages.join('\n') === languages.join('\n');
  }

  stop(): Promise<void> {
    const previous = this.starting ?? Promise.resolve();
    this.starting = previous.then(() => this.stopNow()).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.store.forgetAll();
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(5_000);
    } catch (error) {
      this.log.warn(`Stopping the checker: ${(error as Error).message}`);
    }
    await client.dispose().catch(() => undefined);
  }

  /** Sends a request once the server runs; undefined when checking is off or the server stopped meanwhile. */
  async request<T>(method: string, params: object, token?: vscode.CancellationToken): Promise<T | undefined> {
    await this.starting;
    const client = this.client;
    if (!client) return undefined;
    try {
      // An undefined token would travel as a second parameter: pass one only when there is one.
      return await (token ? client.sendRequest<T>(method, params, token) : client.sendRequest<T>(method, params));
    } catch (error) {
      if (token?.isCancellationRequested || !this.running) return undefined;
      throw error;
    }
  }

  check(doc: vscode.TextDocument, range?: vscode.Range, token?: vscode.CancellationToken): Promise<ReportMessage | null | undefined> {
    const params = { uri: doc.uri.toString(), ...(range ? { range: { start: range.start, end: range.end } } : {}) };
    return this.store.request(doc.uri, () => this.request<ReportMessage | null>(Methods.check, params, token));
  }

  checkFile(uri: vscode.Uri, token: vscode.CancellationToken): Promise<FileCheck | undefined> {
    return this.request<FileCheck>(Methods.checkFile, { uri: uri.toString() }, token);
  }

  /** The server's diagnostics as VS Code's. */
  asDiagnostics(diagnostics: Extract<FileCheck, { diagnostics: unknown }>['diagnostics']): Promise<vscode.Diagnostic[]> {
    return this.client ? this.client.protocol2CodeConverter.asDiagnostics(diagnostics) : Promise.resolve([]);
  }

  async index(): Promise<IndexSummary | undefined> {
    const summary = await this.request<IndexSummary>(Methods.index, {});
    if (summary) this.store.setIndex(summary);
    return summary;
  }

  async reload(force: boolean): Promise<IndexSummary | undefined> {
    const summary = await this.request<IndexSummary>(Methods.reload, { force });
    if (summary) this.store.setIndex(summary);
    return summary;
  }

  async cacheSaved(): Promise<void> {
    await this.request(Methods.cacheSaved, {});
  }

  evidence(doc: vscode.TextDocument, position: vscode.Position): Promise<PresentedResult | null | undefined> {
    return this.request<PresentedResult | null>(Methods.evidence, { uri: doc.uri.toString(), position: { line: position.line, character: position.character }, present: true });
  }

  search(query: string, limit: number, token?: vscode.CancellationToken): Promise<SearchHit[] | undefined> {
    return this.request<SearchHit[]>(Methods.search, { query, limit }, token);
  }

  link(source: string, line: number): Promise<string | undefined> {
    return this.request<string>(Methods.link, { source, line });
  }

  sourceText(path: string): Promise<SourceText | undefined> {
    return this.request<SourceText>(Methods.sourceText, { path });
  }

  dispose(): void {
    void this.stop();
  }
}
