import * as vscode from 'vscode';
import type { Verdict } from '../engine';
import type { CheckReport, ReportedResult } from './reports';

type Node = { kind: 'group'; verdict: Verdict; items: ReportedResult[] } | { kind: 'statement'; result: ReportedResult };

const ORDER: Verdict[] = ['conflicting', 'contested', 'unverified', 'supported', 'skipped'];
const TITLE: Record<Verdict, string> = { conflicting: 'Conflicting', contested: 'Contested', unverified: 'Unverified', supported: 'Supported', skipped: 'Skipped' };
const ICON: Record<Verdict, string> = { conflicting: 'warning', contested: 'question', unverified: 'circle-slash', supported: 'pass', skipped: 'dash' };

/** The active draft's statements grouped by verdict; clicking one reveals it in the editor. */
export class FindingsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private report: CheckReport | undefined;

  show(report: CheckReport | undefined): void {
    this.report = report;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.report) return [];
    if (!node) {
      return ORDER.map((verdict) => ({ kind: 'group' as const, verdict, items: this.report!.results.filter((r) => r.verdict === verdict) })).filter((g) => g.items.length);
    }
    return node.kind === 'group' ? node.items.map((result) => ({ kind: 'statement' as const, result })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(`${TITLE[node.verdict]} (${node.items.length})`, node.verdict === 'supported' || node.verdict === 'skipped' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(ICON[node.verdict]);
      return item;
    }
    const r = node.result;
    const label = r.text.replace(/\s+/g, ' ');
    const item = new vscode.TreeItem(label.length > 80 ? `${label.slice(0, 79)}…` : label);
    item.description = r.conflicts.map((c) => `${c.claimed} → ${c.source}`).join(', ') || undefined;
    item.tooltip = r.message || r.reason || r.verdict;
    item.iconPath = new vscode.ThemeIcon(ICON[r.verdict]);
    if (this.report) item.command = { command: 'corroborate.revealStatement', title: 'Reveal', arguments: [this.report.uri, r.offset, r.length] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
