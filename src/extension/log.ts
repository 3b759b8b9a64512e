import * as vscode from 'vscode';

/**
 * The "Corroborate" output channel. Shown by itself only on the first error of a session, so a
 * problem is noticed once without the channel popping up on every hiccup.
 */
export class Log implements vscode.Disposable {
  /** Also the language client's output channel, so the server's log lines land here too. */
  readonly channel = vscode.window.createOutputChannel('Corroborate', { log: true });
  private shownOnError = false;

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  debug(message: string): void {
    this.channel.debug(message);
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : error === undefined ? '' : String(error);
    this.channel.error(detail ? `${message}: ${detail}` : message);
    if (!this.shownOnError) {
      this.shownOnError = true;
      this.channel.show(true);
    }
  }

  show(): void {
    this.channel.show();
  }

  dispose(): void {
    this.channel.dispose();
  }
}
