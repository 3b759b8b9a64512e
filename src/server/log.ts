/** The server's log: `window/logMessage`, which every LSP client shows in its own log or messages. */
import type { Connection } from 'vscode-languageserver/node';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export function connectionLog(connection: Connection): Log {
  // A log line must never take the server down: the connection may already be closed at exit.
  const send = (write: () => void) => {
    try {
      write();
    } catch {
      // Nowhere left to report to.
    }
  };
  return {
    info: (message) => send(() => connection.console.info(message)),
    warn: (message) => send(() => connection.console.warn(message)),
    error: (message, error) => send(() => connection.console.error(error === undefined ? message : `${message}: ${describeError(error)}`)),
  };
}
