/**
 * Which `corroborate.corpusPaths` entries may be read, decided without the editor API so it is
 * unit-tested. A repository cloned from anywhere can ship `.vscode/settings.json`: in a workspace
 * the user has not trusted, paths from the workspace's settings are ignored (the user's own
 * settings and the workspace's `corpus/` folder still work); in a trusted one, a path from the
 * workspace's settings that leads outside the workspace is read only after the user allowed it.
 */
import * as path from 'node:path';
import { insideFolders } from '../server/corpusLocation';

export interface CorpusPathLayers {
  /** The user's own value (user settings): always the user's choice. */
  user?: readonly string[];
  /** The workspace's value (.vscode/settings.json or the .code-workspace file). */
  workspace?: readonly string[];
  /** A workspace folder's value. */
  folder?: readonly string[];
}

export interface TrustState {
  trusted: boolean;
  workspaceFolders: readonly string[];
  /** Folders outside the workspace the user allowed this workspace to read (absolute). */
  allowed: readonly string[];
}

export interface EffectiveCorpusPaths {
  /** The entries to use, as written in the settings. */
  paths: string[];
  /** Workspace entries ignored because the workspace is not trusted. */
  ignoredUntrusted: string[];
  /** Workspace entries outside the workspace that wait for the user's consent (absolute paths). */
  needConsent: string[];
}

/** The folder itself or anything in it. */
function inside(folder: string, target: string): boolean {
  return path.resolve(folder) === path.resolve(target) || insideFolders([folder], target);
}

/** An entry as the corpus locator resolves it: absolute, or against the first workspace folder. */
function resolveEntry(entry: string, workspaceFolders: readonly string[]): string {
  return path.isAbsolute(entry) || !workspaceFolders.length ? path.resolve(entry) : path.resolve(workspaceFolders[0]!, entry);
}

export function effectiveCorpusPaths(layers: CorpusPathLayers, state: TrustState): EffectiveCorpusPaths {
  const fromWorkspace = layers.folder ?? layers.workspace;
  const user = [...(layers.user ?? [])];
  if (!fromWorkspace) return { paths: user, ignoredUntrusted: [], needConsent: [] };
  if (!state.trusted) return { paths: user, ignoredUntrusted: [...fromWorkspace], needConsent: [] };
  const kept: string[] = [];
  const needConsent: string[] = [];
  for (const entry of fromWorkspace) {
    const resolved = resolveEntry(entry, state.workspaceFolders);
    const ok = state.workspaceFolders.some((f) => inside(f, resolved)) || state.allowed.some((a) => path.resolve(a) === resolved);
    if (ok) kept.push(entry);
    else needConsent.push(resolved);
  }
  // A workspace value replaces the user's, as VS Code layers settings; with nothing left of it, the user's own applies.
  return { paths: kept.length || !needConsent.length ? kept : user, ignoredUntrusted: [], needConsent };
}

/** A path as a writer recognises it: the home folder as ~. */
export function displayPath(p: string, home: string): string {
  return home && inside(home, p) ? `~${p.slice(home.length) || ''}` : p;
}
