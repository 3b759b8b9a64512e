/**
 * The language server's entry: makes the connection from the command line and starts the server.
 * Only the editor's own channels are used — standard input/output or Node's IPC channel to the
 * parent process. `--socket` and `--pipe`, which the LSP library would otherwise honour, are
 * refused: Corroborate never listens on or connects to a port.
 *
 * dist/server.js runs `runLanguageServer(process.argv.slice(2))` (a footer added in esbuild.js);
 * the CLI's `corroborate lsp --stdio` calls it with its own arguments.
 */
import {
  createConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server';

export { startServer, type ServerOptions } from './server';

export const SERVER_USAGE = 'usage: corroborate lsp --stdio | --node-ipc   (or: node dist/server.js --stdio | --node-ipc)';

function transport(argv: string[]): { reader: MessageReader; writer: MessageWriter; stdio: boolean } | string {
  const has = (flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));
  if (has('--socket') || has('--pipe')) return 'Corroborate never opens a socket or a named pipe; start it with --stdio or --node-ipc.';
  if (argv.includes('--stdio')) return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
  if (argv.includes('--node-ipc')) {
    if (typeof process.send !== 'function') return '--node-ipc needs a parent process that opened an IPC channel (child_process.fork).';
    return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
  }
  return 'Say how the editor talks to the server: --stdio or --node-ipc.';
}

/**
 * JSON-RPC asks a server to answer a message it cannot parse with a Parse error (id null); the
 * library only reports it locally and reads on. Answering lets a client see its mistake.
 */
function answerUnreadableMessages(reader: MessageReader, writer: MessageWriter): void {
  reader.onError((error) => {
    void writer.write({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Unreadable message: ${error.message}` } } as never).catch(() => undefined);
  });
}

/** On stdio, stdout is the protocol: anything a dependency prints goes to stderr, which editors log. */
function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
}

/**
 * A bug in one request must not take down the server and everything it holds (the index, the
 * drafts): the editor would lose every finding and rebuild from scratch. Logged, not fatal.
 */
function surviveStrayErrors(): void {
  process.on('unhandledRejection', (reason) => console.error('corroborate-lsp: unhandled rejection:', reason));
  process.on('uncaughtException', (error) => console.error('corroborate-lsp: uncaught exception:', error));
}

/**
 * Starts the language server on the transport the arguments name. Returns false (with a message on
 * stderr and exit code 2) when they name none it accepts; the server otherwise runs until the
 * client sends `exit` or closes the channel.
 */
export function runLanguageServer(argv: string[], options: ServerOptions = {}): boolean {
  const chosen = transport(argv);
  if (typeof chosen === 'string') {
    process.stderr.write(`corroborate: ${chosen}\n${SERVER_USAGE}\n`);
    process.exitCode = 2;
    return false;
  }
  if (chosen.stdio) keepStdoutForProtocol();
  surviveStrayErrors();
  answerUnreadableMessages(chosen.reader, chosen.writer);
  startServer(createConnection(ProposedFeatures.all, chosen.reader, chosen.writer), options);
  return true;
}
