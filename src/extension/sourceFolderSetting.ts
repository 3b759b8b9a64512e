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
