import * as vscode from 'vscode';
import { readSettings as validateSettings, SETTING_KEYS, type ServerSettings } from '../server/settings';

export type { RunMode, SeverityName } from '../server/settings';

/** Every setting, validated: a wrong value falls back to the default and is reported once. The server reads the same ones. */
export type Settings = ServerSettings;

/**
 * Reads the settings for a resource (or the window), never throwing on bad values: VS Code's
 * values go through the same validation, defaults and messages as the language server's.
 */
export function readSettings(scope: vscode.ConfigurationScope | undefined, problem: (message: string) => void): Settings {
  const c = vscode.workspace.getConfiguration('corroborate', scope);
  return validateSettings([Object.fromEntries(SETTING_KEYS.map((key) => [key, c.get<unknown>(key)]))], problem);
}
