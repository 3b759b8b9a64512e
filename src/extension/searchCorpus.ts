import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';

interface PassageItem extends vscode.QuickPickItem {
  link: string;
  excerpt: string;
}

/** A quick pick that searches the corpus as you type and opens the chosen passage at its line. */
export async function searchCorpus(server: ServerConnection, initial = ''): Promise<void> {
  const pick = vscode.window.createQuickPick<PassageItem>();
  pick.title = 'Corroborate: Search Corpus';
  pick.placeholder = 'Words, names, numbers… (searches every sentence of your sources)';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.value = initial;
  let asked = 0;
  let cancel: vscode.CancellationTokenSource | undefined;
  const update = async (query: string) => {
    const mine = ++asked;
    cancel?.cancel();
    cancel = new vscode.CancellationTokenSource();
    pick.busy = true;
    try {
      const hits = await server.search(query, 30, cancel.token);
      // A slower answer to an older query must not replace the newer one's.
      if (mine !== asked || !hits) return;
      // The index ranks; the quick pick must not filter its answers again by its own rules.
      // The row shows the words that matched (VS Code highlights them); the source's name and place below.
      pick.items = hits.map((hit) => ({ label: hit.snippet, detail: `${hit.label} · ${hit.at}`, alwaysShow: true, link: hit.link, excerpt: hit.excerpt }));
    } finally {
      if (mine === asked) pick.busy = false;
    }
  };
  pick.onDidChangeValue((query) => void update(query).catch(() => undefined));
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0];
    pick.hide();
    if (item) void vscode.commands.executeCommand('corroborate.openSource', item.link, undefined, item.excerpt);
  });
  pick.onDidHide(() => {
    cancel?.cancel();
    pick.dispose();
  });
  pick.show();
  await update(initial);
}
