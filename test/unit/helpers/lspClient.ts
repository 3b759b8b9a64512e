/**
 * A raw JSON-RPC client for the language server tests (not a test file itself): frames each
 * message with a Content-Length header by hand and parses the server's frames the same way, so
 * the tests exercise the wire format rather than a client library's view of it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type Waiter = { match: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

/** Frames one message body: `Content-Length: N\r\n\r\n` and the UTF-8 bytes. */
export function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

export class RawLspClient {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every message the server sent, in order. */
  readonly received: RpcMessage[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private waiters: Waiter[] = [];
  /** Answers to the server's own requests (workspace/configuration and the like), by method. */
  readonly answers = new Map<string, (params: unknown) => unknown>();
  exited: Promise<number | null>;

  constructor(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    // A server that dies fails every wait at once, with what it said on the way out.
    void this.exited.then((code) => {
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error(`the server exited (${code}) while a test waited; stderr:\n${this.stderr.slice(-2000)}`));
      }
      this.waiters = [];
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`the server sent a frame without Content-Length: ${header}`);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as RpcMessage);
    }
  }

  private dispatch(message: RpcMessage): void {
    this.received.push(message);
    if (message.method && message.id !== undefined && message.id !== null) {
      const answer = this.answers.get(message.method);
      this.send({ jsonrpc: '2.0', id: message.id, result: answer ? answer(message.params) : null });
    }
    for (const w of [...this.waiters]) {
      if (!w.match(message)) continue;
      clearTimeout(w.timer);
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(message);
    }
  }

  /** Writes raw bytes (a malformed frame, a body that is not JSON). */
  writeRaw(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  send(message: RpcMessage): void {
    this.writeRaw(frame(JSON.stringify(message)));
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request and resolves with the whole response (result or error). */
  request(method: string, params?: unknown, timeoutMs = 60_000): Promise<RpcMessage> {
    const id = this.nextId++;
    const reply = this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs, `the response to ${method}`);
    this.send({ jsonrpc: '2.0', id, method, params });
    return reply;
  }

  /** The first message (from now, or already received when `past`) that matches. */
  waitFor(match: (m: RpcMessage) => boolean, timeoutMs = 60_000, what = 'a message', past = false): Promise<RpcMessage> {
    if (past) {
      const seen = this.received.find(match);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  /** The next publishDiagnostics for a document (optionally for a given version). */
  diagnostics(uri: string, version?: number, timeoutMs = 60_000): Promise<RpcMessage> {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && (version === undefined || (m.params as { version?: number }).version === version),
      timeoutMs,
      `diagnostics of ${uri}${version === undefined ? '' : ` v${version}`}`,
    );
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * Starts `dist/server.js --stdio` on a workspace folder, answers `workspace/configuration` with
 * `settings`, and completes initialize/initialized: the start every server test shares.
 */
export async function startServerOn(serverPath: string, workspace: string, settings: Record<string, unknown>, storagePath: string): Promise<RawLspClient> {
  const { pathToFileURL } = await import('node:url');
  const client = new RawLspClient(process.execPath, [serverPath, '--stdio'], workspace);
  client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => settings));
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    initializationOptions: { storagePath },
    capabilities: { workspace: { configuration: true } },
  });
  client.notify('initialized', {});
  return client;
}
