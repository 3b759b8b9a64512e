import * as vscode from 'vscode';
import type { Verdict } from '../engine';
import type { CheckReport } from './reports';

/** Counts per verdict for the active draft, a spinner while indexing; a click opens the findings. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Right, 100);
  private indexing = false;
  private enabled = true;
  private report: CheckReport | undefined;

  constructor() {
    this.item.name = 'Corroborate';
    this.item.command = 'corroborate.showFindings';
  }

  setIndexing(busy: boolean): void {
    this.indexing = busy;
    this.render();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** Shows the counts of a report, or hides the item when the active editor is not a draft. */
  show(report: CheckReport | undefined, isDraft: boolean): void {
    this.report = report;
    if (isDraft || this.indexing) this.render();
    else this.item.hide();
  }

  private render(): void {
    if (!this.enabled) {
      this.item.text = '$(circle-slash) Corroborate off';
      this.item.tooltip = 'Checking is turned off. Run "Corroborate: Toggle Checking" to turn it on.';
    } else if (this.indexing) {
      this.item.text = '$(sync~spin) Corroborate: indexing';
      this.item.tooltip = 'Indexing the sources…';
    } else if (this.report) {
      const n: Record<Verdict, number> = { supported: 0, conflicting: 0, contested: 0, unverified: 0, skipped: 0 };
      for (const r of this.report.results) n[r.verdict]++;
      this.item.text = `$(pass) ${n.supported} $(warning) ${n.conflicting} $(question) ${n.contested} $(circle-slash) ${n.unverified}`;
      this.item.tooltip = `Corroborate: ${n.supported} supported, ${n.conflicting} conflicting, ${n.contested} contested, ${n.unverified} unverified, ${n.skipped} skipped. Click to see the findings.`;
    } else {
      this.item.text = '$(check) Corroborate';
      this.item.tooltip = 'Corroborate: not checked yet';
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
