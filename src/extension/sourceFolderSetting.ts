import * as path from 'node:path';

/**
 * How a chosen sources folder is written into `corroborate.corpusPaths`: relative to the first
 * workspace folder when it lies inside it (relative paths resolve against that folder, and so the
 * setting travels with the workspace), else as an absolute path. Free of the editor API so it is
 * unit-tested.
 */
export function corpusPathSetting(folder: string, firstWorkspaceFolder: string | undefined): string {
  if (firstWorkspaceFolder === undefined) return folder;
  const rel = path.relative(firstWorkspaceFolder, folder);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? folder : rel.split(path.sep).join('/');
}

/**
 * The `corpusPaths` value after adding folders: the ones already set come first, a folder already
 * there (in either spelling) is not added twice. Adding is what a writer expects of "Add Source
 * Folder…": a second folder of interviews must not drop the first folder of articles.
 */
export function withSourceFolders(current: readonly string[], added: readonly string[], firstWorkspaceFolder: string | undefined): string[] {
  const resolved = (entry: string) => (path.isAbsolute(entry) || firstWorkspaceFolder === undefined ? path.resolve(entry) : path.resolve(firstWorkspaceFolder, entry));
  const out = [...current];
  const seen = new Set(current.map(resolved));
  for (const folder of added) {
    const entry = corpusPathSetting(folder, firstWorkspaceFolder);
    if (seen.has(resolved(entry))) continue;
    seen.add(resolved(entry));
    out.push(entry);
  }
  return out;
}
