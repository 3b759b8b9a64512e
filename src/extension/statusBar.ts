import * as vscode from 'vscode';
import type { Verdict } from '../engine';
import type { CorpusLocation } from '../server/corpusLocation';
import type { CheckReport } from './reports';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the sources are, in the words a writer would use. */
export function sourcesDescription(location: Pick<CorpusLocation, 'folders' | 'origin'>, documents?: number): string {
  const count = documents === undefined ? '' : ` (${plural(documents, 'document')})`;
  if (location.origin === 'bundled') return `Corroborate's sample news articles${count}: no sources of yours are chosen yet`;
  return `${location.folders.map((f) => vscode.workspace.asRelativePath(f, true)).join(', ')}${count}`;
}

/**
 * The active draft's findings in words ("Corroborate: 1 conflict"), next to VS Code's own
 * problem counters; the tooltip holds every count and names the sources in use. While the
 * sample articles stand in for the writer's sources, the item says so and a click picks real ones.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Right, 100);
  private indexing = false;
  private enabled = true;
  private report: CheckReport | undefined;
  private location: Pick<CorpusLocation, 'folders' | 'origin'> = { folders: [], origin: 'bundled' };
  private documents: number | undefined;
  private restriction: string | undefined;

  constructor() {
    this.item.name = 'Corroborate';
  }

  setIndexing(busy: boolean): void {
    this.indexing = busy;
    this.render();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** The sources in use, and what of the workspace's settings is set aside (untrusted, or waiting for consent). */
  setSources(location: Pick<CorpusLocation, 'folders' | 'origin'>, documents?: number, restriction?: string): void {
    this.location = location;
    this.documents = documents;
    this.restriction = restriction;
    this.render();
  }

  /** Shows the counts of a report, or hides the item when the active editor is not a draft. */
  show(report: CheckReport | undefined, isDraft: boolean): void {
    this.report = report;
    if (isDraft || this.indexing) this.render();
    else this.item.hide();
  }

  private render(): void {
    const sources = `Sources: ${sourcesDescription(this.location, this.documents)}.`;
    const sample = this.location.origin === 'bundled';
    this.item.command = sample ? 'corroborate.chooseSourceFolder' : 'corroborate.showFindings';
    this.item.backgroundColor = undefined;
    if (!this.enabled) {
      this.item.text = '$(circle-slash) Corroborate: off';
      this.item.tooltip = 'Checking is turned off. Run "Corroborate: Toggle Checking" to turn it on.';
      this.item.command = 'corroborate.toggle';
    } else if (this.indexing) {
      this.item.text = '$(sync~spin) Corroborate: reading sources';
      this.item.tooltip = `Indexing the sources… ${sources}`;
    } else if (this.report) {
      const n: Record<Verdict, number> = { supported: 0, conflicting: 0, contested: 0, unverified: 0, skipped: 0 };
      for (const r of this.report.results) n[r.verdict]++;
      const headline = n.conflicting ? plural(n.conflicting, 'conflict') : n.contested ? `${plural(n.contested, 'statement')} contested` : n.supported ? `${n.supported} supported` : 'nothing confirmed';
      this.item.text = `${n.conflicting ? '$(warning)' : '$(check)'} Corroborate: ${headline}${sample ? ' (sample sources)' : ''}`;
      this.item.tooltip = `${n.supported} supported, ${n.conflicting} conflicting, ${n.contested} contested, ${n.unverified} unverified, ${n.skipped} skipped.\n${sources}\n${sample ? 'Click to choose your own sources.' : 'Click to see the findings.'}`;
    } else {
      this.item.text = `$(check) Corroborate${sample ? ' (sample sources)' : ''}`;
      this.item.tooltip = `Not checked yet. ${sources}${sample ? '\nClick to choose your own sources.' : ''}`;
    }
    if (sample) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    if (this.restriction && this.enabled) {
      this.item.text = `$(shield) ${this.item.text}`;
      this.item.tooltip = `${this.item.tooltip}\n${this.restriction}`;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
