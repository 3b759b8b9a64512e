import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PresentedResult } from '../server/protocol';

/** Escapes text for HTML; every string from a draft or a source goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The panel's HTML: a strict CSP, no inline script, every value escaped. */
/** Where a panel's statement is, kept in the webview's state so a reload can bring the panel back. */
export interface PanelState {
  uri: string;
  offset: number;
}

export function evidenceHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, media: vscode.Uri, r: PresentedResult, state?: PanelState): string {
  const nonce = randomBytes(16).toString('base64');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'evidence.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'evidence.js'));
  const conflicts = r.conflicts
    .map((c) => `<li><span class="kind">${escapeHtml(c.kind)}</span> the draft says <mark class="claimed">${escapeHtml(c.claimed)}</mark>, the source says <mark class="source">${escapeHtml(c.source || '(nothing)')}</mark></li>`)
    .join('');
  const cards = r.evidence
    .map((e, i) => {
      const meta = e.meta;
      const facts = [meta?.outlet, meta?.author, meta?.date].filter(Boolean).map((x) => escapeHtml(String(x))).join(' · ');
      return `<article class="card ${escapeHtml(e.stance)}">
  <header><span class="stance">${escapeHtml(e.stance)}</span><span class="score">${e.score.toFixed(2)}</span></header>
  <h2>${escapeHtml(meta?.label ?? e.label ?? e.title)}</h2>
  ${facts ? `<p class="meta">${facts}</p>` : ''}
  <blockquote>${escapeHtml(e.excerpt)}</blockquote>
  <button type="button" data-evidence="${i}">${escapeHtml(e.at)}</button>
</article>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Corroborate evidence</title>
</head>
<body${state ? ` data-statement="${escapeHtml(JSON.stringify(state))}"` : ''}>
<section class="statement ${escapeHtml(r.verdict)}">
  <p class="verdict">${escapeHtml(r.verdict)} · confidence ${r.confidence.toFixed(2)}</p>
  <p class="text">${escapeHtml(r.text.replace(/\s+/g, ' '))}</p>
  ${conflicts ? `<ul class="conflicts">${conflicts}</ul>` : ''}
</section>
<main class="cards">${cards || '<p class="empty">Nothing in the sources speaks to this statement.</p>'}</main>
<script nonce="${nonce}" src="${js.toString()}"></script>
</body>
</html>`;
}

export const EVIDENCE_VIEW_TYPE = 'corroborate.evidence';

/** One panel, reused: shows every source's excerpt for a statement side by side. */
export class EvidencePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: PresentedResult | undefined;

  constructor(private readonly media: vscode.Uri) {}

  show(r: PresentedResult, state?: PanelState): vscode.WebviewPanel {
    this.result = r;
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(EVIDENCE_VIEW_TYPE, 'Corroborate: Evidence', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    }
    this.panel!.webview.html = evidenceHtml(this.panel!.webview, this.media, r, state);
    this.panel!.reveal(undefined, true);
    return this.panel!;
  }

  /**
   * Brings back a panel VS Code kept over a reload: the statement is looked up again; when it is
   * gone (the draft closed or changed), the panel closes rather than stay an empty group.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown, log: (message: string) => void, lookup: (state: PanelState) => Promise<PresentedResult | undefined>): Promise<void> {
    const s = state as Partial<PanelState> | undefined;
    const found = s && typeof s.uri === 'string' && typeof s.offset === 'number' ? await lookup({ uri: s.uri, offset: s.offset }).catch(() => undefined) : undefined;
    if (!found) {
      log(`The evidence panel was not restored: its statement is no longer in an open draft (${JSON.stringify(state)}).`);
      panel.dispose();
      return;
    }
    log(`Restored the evidence panel of ${s!.uri}.`);
    panel.webview.options = this.options();
    this.panel?.dispose();
    this.adopt(panel);
    this.show(found, { uri: s!.uri!, offset: s!.offset! });
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.media] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.media, 'icon.png');
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
  }

  private onMessage(message: unknown): void {
    const i = (message as { open?: unknown })?.open;
    const e = typeof i === 'number' ? this.result?.evidence[i] : undefined;
    if (e) void vscode.commands.executeCommand('corroborate.openSource', e.link, undefined, e.excerpt);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
