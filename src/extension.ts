import type * as vscode from 'vscode';

/** Activation is kept free of work; the features arrive with the extension issue. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
