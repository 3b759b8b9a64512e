import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PresentedResult } from '../server/protocol';

/** Escapes text for HTML; every string from a draft or a source goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The panel's HTML: a strict CSP, no inline script, every value escaped. */
export function evidenceHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, media: vscode.Uri, r: PresentedResult): string {
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
  <h2>${escapeHtml(e.title)}</h2>
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
<body>
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

/** One panel, reused: shows every source's excerpt for a statement side by side. */
export class EvidencePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: PresentedResult | undefined;

  constructor(private readonly media: vscode.Uri) {}

  show(r: PresentedResult): vscode.WebviewPanel {
    this.result = r;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('corroborate.evidence', 'Corroborate: Evidence', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [this.media],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.media, 'icon.png');
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
    }
    this.panel.webview.html = evidenceHtml(this.panel.webview, this.media, r);
    this.panel.reveal(undefined, true);
    return this.panel;
  }

  private onMessage(message: unknown): void {
    const i = (message as { open?: unknown })?.open;
    const e = typeof i === 'number' ? this.result?.evidence[i] : undefined;
    if (e) void vscode.commands.executeCommand('corroborate.openSource', e.link);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
