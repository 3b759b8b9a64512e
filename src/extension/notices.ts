import * as vscode from 'vscode';

/**
 * The information messages the extension has shown, the latest last (a few dozen are kept): its
 * integration tests read them, as they cannot see VS Code's notifications.
 */
export const shownNotices: string[] = [];

/** Shows an information message (with buttons, if any) and keeps its text. */
export function inform(message: string, ...items: string[]): Thenable<string | undefined> {
  shownNotices.push(message);
  if (shownNotices.length > 50) shownNotices.shift();
  return vscode.window.showInformationMessage(message, ...items);
}
