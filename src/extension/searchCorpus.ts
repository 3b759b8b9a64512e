import * as vscode from 'vscode';
import type { CorpusManager } from './corpus';
import { shortSourceAt } from '../engine';

interface PassageItem extends vscode.QuickPickItem {
  source: string;
  line: number;
}

/** A quick pick that searches the corpus as you type and opens the chosen passage at its line. */
export async function searchCorpus(corpus: CorpusManager, initial = ''): Promise<void> {
  const pick = vscode.window.createQuickPick<PassageItem>();
  pick.title = 'Corroborate: Search Corpus';
  pick.placeholder = 'Words, names, numbers… (searches every sentence of your sources)';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.busy = true;
  pick.value = initial;
  const index = await corpus.ready();
  pick.busy = false;
  const update = (query: string) => {
    // The index ranks; the quick pick must not filter its answers again by its own rules.
    pick.items = index.search(query, 30).map((hit) => {
      const doc = index.documents[hit.passage.doc];
      return {
        label: hit.passage.text,
        description: doc.meta.title,
        detail: shortSourceAt({ source: doc.path, line: hit.passage.line, location: hit.passage.location }),
        alwaysShow: true,
        source: doc.path,
        line: hit.passage.line,
      };
    });
  };
  pick.onDidChangeValue(update);
  update(initial);
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0];
    pick.hide();
    if (item) void vscode.commands.executeCommand('corroborate.openSource', item.source, item.line);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}
