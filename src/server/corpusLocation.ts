/** Where the sources are, decided the way the extension decides it, without editor types. */
import { statSync } from 'node:fs';
import * as path from 'node:path';

export type CorpusOrigin = 'settings' | 'workspace' | 'bundled';

export interface CorpusLocation {
  folders: string[];
  origin: CorpusOrigin;
  /** Configured folders that do not exist (reported, then ignored). */
  missing: string[];
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The configured folders (relative ones against the workspace folders, the first that has it);
 * else the workspace's `corpus/` folder; else the sample corpus shipped beside the bundle, so a
 * fresh install with no settings still checks something.
 */
export function locateCorpus(corpusPaths: readonly string[], workspaceFolders: readonly string[], bundledCorpus: string): CorpusLocation {
  const missing: string[] = [];
  const configured: string[] = [];
  for (const entry of corpusPaths) {
    const candidates = path.isAbsolute(entry) ? [entry] : workspaceFolders.map((w) => path.join(w, entry));
    const found = candidates.find(isFolder);
    if (found && !configured.includes(found)) configured.push(found);
    else if (!found) missing.push(entry);
  }
  if (configured.length) return { folders: configured, origin: 'settings', missing };
  const inWorkspace = workspaceFolders.map((w) => path.join(w, 'corpus')).filter(isFolder);
  if (inWorkspace.length) return { folders: inWorkspace, origin: 'workspace', missing };
  return { folders: [bundledCorpus], origin: 'bundled', missing };
}

/** Whether a file lies inside one of the folders (a source, never a draft). */
export function insideFolders(folders: readonly string[], fsPath: string): boolean {
  return folders.some((f) => {
    const rel = path.relative(f, fsPath);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

export function sameFolders(a: CorpusLocation, b: CorpusLocation): boolean {
  return a.folders.join('\n') === b.folders.join('\n');
}

/** Where a missing configured folder leaves the corpus, in the words the log and the client show. */
export function missingFolderMessage(entry: string, location: { origin: string; folders: readonly string[] }): string {
  return `corpus folder "${entry}" does not exist; using ${location.origin === 'bundled' ? 'the bundled sample corpus' : location.folders.join(', ')} instead.`;
}
