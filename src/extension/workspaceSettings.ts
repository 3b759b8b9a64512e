import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings as validateSettings, SETTING_KEYS } from '../server/settings';
import type { Settings } from './config';
import type { Log } from './log';
import { inform } from './notices';
import { displayPath, effectiveCorpusPaths, type EffectiveCorpusPaths } from './trustedSettings';

const ALLOWED_KEY = 'corroborate.allowedOutsideSources';
const ASKED_KEY = 'corroborate.askedOutsideSources';

const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

/**
 * The `corroborate` settings as the extension and its language server use them: VS Code's values,
 * except `corpusPaths` from the workspace's own settings, which is ignored in an untrusted
 * workspace and, in a trusted one, read outside the workspace only with the user's consent
 * (asked once per workspace, remembered in its state).
 */
export class WorkspaceSettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the effective settings changed without a settings edit (trust granted, consent given). */
  readonly onDidChange = this.changed.event;
  private reportedIgnored = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    private readonly workspaceFolders: () => string[],
  ) {
    this.subscriptions = [vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire())];
  }

  /** Which corpus paths may be read now, and which wait for trust or consent. */
  corpusPaths(): EffectiveCorpusPaths | undefined {
    const inspected = vscode.workspace.getConfiguration('corroborate').inspect<unknown>('corpusPaths');
    const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    // A value of the wrong type goes to validation as it is, which reports it and falls back.
    if (fromWorkspace !== undefined && !Array.isArray(fromWorkspace)) return undefined;
    return effectiveCorpusPaths(
      { user: stringList(inspected?.globalValue), workspace: stringList(inspected?.workspaceValue), folder: stringList(inspected?.workspaceFolderValue) },
      { trusted: vscode.workspace.isTrusted, workspaceFolders: this.workspaceFolders(), allowed: this.state.get<string[]>(ALLOWED_KEY) ?? [] },
    );
  }

  /** The `corroborate` section as the language server should see it. */
  section(): Record<string, unknown> {
    const c = vscode.workspace.getConfiguration('corroborate');
    const raw: Record<string, unknown> = Object.fromEntries(SETTING_KEYS.map((key) => [key, c.get<unknown>(key)]));
    const corpus = this.corpusPaths();
    if (corpus) raw.corpusPaths = corpus.paths;
    return raw;
  }

  read(problem: (message: string) => void): Settings {
    return validateSettings([this.section()], problem);
  }

  /**
   * In an untrusted workspace VS Code hides the workspace's value of a restricted setting even
   * from `inspect`, so whether the workspace sets corpusPaths is read from its settings files as
   * text — only to say so; the value itself is never used.
   */
  private untrustedWorkspaceSetsCorpusPaths(): boolean {
    if (vscode.workspace.isTrusted) return false;
    const files = this.workspaceFolders().map((f) => path.join(f, '.vscode', 'settings.json'));
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile?.scheme === 'file') files.push(workspaceFile.fsPath);
    return files.some((f) => {
      try {
        return existsSync(f) && readFileSync(f, 'utf8').includes('"corroborate.corpusPaths"');
      } catch {
        return false;
      }
    });
  }

  /** What the status bar says while workspace paths are set aside, or undefined. */
  restriction(): string | undefined {
    const corpus = this.corpusPaths();
    if (corpus?.ignoredUntrusted.length || this.untrustedWorkspaceSetsCorpusPaths()) return "This workspace's corroborate.corpusPaths is ignored until you trust the workspace; its corpus/ folder and your user settings still apply.";
    if (corpus?.needConsent.length) return `This workspace's settings want to read sources outside it (${corpus.needConsent.map((p) => displayPath(p, os.homedir())).join(', ')}): run "Corroborate: Allow This Workspace's Outside Sources" to allow it.`;
    return undefined;
  }

  /** Logs the set-aside paths once per change, and asks once per workspace for outside folders. */
  review(): void {
    const corpus = this.corpusPaths();
    if (!corpus) return;
    const ignored = corpus.ignoredUntrusted.length ? corpus.ignoredUntrusted.join('\n') : this.untrustedWorkspaceSetsCorpusPaths() ? 'hidden' : '';
    if (ignored && ignored !== this.reportedIgnored) {
      // The paths are not named: in an untrusted workspace they are the workspace's words, not the user's.
      this.log.warn("The workspace's corroborate.corpusPaths is ignored: the workspace is not trusted. Trusting it enables it; the workspace's corpus/ folder and your user settings still apply.");
    }
    this.reportedIgnored = ignored;
    const asked = this.state.get<string[]>(ASKED_KEY) ?? [];
    const fresh = corpus.needConsent.filter((p) => !asked.includes(p));
    if (!fresh.length) return;
    void this.state.update(ASKED_KEY, [...asked, ...fresh]);
    const where = fresh.map((p) => displayPath(p, os.homedir())).join(', ');
    this.log.warn(`This workspace's settings want to read sources outside it (${fresh.join(', ')}); they are not read until you allow it.`);
    void inform(`This workspace wants Corroborate to read sources from ${where}, outside the workspace. Their sentences would show in hovers and could be copied into your drafts by quick fixes.`, 'Allow', 'Not Now').then((choice) => {
      if (choice === 'Allow') void this.allowOutside();
    });
  }

  /** Allows the workspace's outside folders waiting for consent; true when any was allowed. */
  async allowOutside(): Promise<string[]> {
    const waiting = this.corpusPaths()?.needConsent ?? [];
    if (!waiting.length) return [];
    const allowed = this.state.get<string[]>(ALLOWED_KEY) ?? [];
    await this.state.update(ALLOWED_KEY, [...new Set([...allowed, ...waiting])]);
    this.log.info(`Allowed this workspace to read sources from ${waiting.join(', ')}.`);
    this.changed.fire();
    return waiting;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
