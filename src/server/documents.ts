/**
 * The open documents, kept in sync from didOpen/didChange/didClose. Written here rather than with
 * the library's TextDocuments so that a client's mistakes (a change for a document it never
 * opened, a malformed change) are reported in the log and dropped instead of passing silently.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Log } from './log';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isChange(value: unknown): value is TextDocumentContentChangeEvent {
  if (!isObject(value) || typeof value.text !== 'string') return false;
  if (value.range === undefined) return true;
  const r = value.range as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } };
  return [r?.start?.line, r?.start?.character, r?.end?.line, r?.end?.character].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
}

export class DraftStore {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly log: Log) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  /** The opened document, or undefined (and a log line) when the notification is malformed. */
  open(params: DidOpenTextDocumentParams): TextDocument | undefined {
    const td = (params as Partial<DidOpenTextDocumentParams> | undefined)?.textDocument;
    if (!isObject(td) || typeof td.uri !== 'string' || typeof td.text !== 'string') {
      this.log.warn('Ignored a didOpen without a textDocument {uri, languageId, version, text}.');
      return undefined;
    }
    const version = typeof td.version === 'number' ? td.version : 0;
    const doc = TextDocument.create(td.uri, typeof td.languageId === 'string' ? td.languageId : 'plaintext', version, td.text);
    this.docs.set(td.uri, doc);
    return doc;
  }

  /** The changed document, or undefined when it was never opened or the change is malformed. */
  change(params: DidChangeTextDocumentParams): TextDocument | undefined {
    const td = (params as Partial<DidChangeTextDocumentParams> | undefined)?.textDocument;
    const uri = isObject(td) && typeof td.uri === 'string' ? td.uri : undefined;
    const doc = uri === undefined ? undefined : this.docs.get(uri);
    if (!doc) {
      this.log.warn(`Ignored a didChange for ${uri ?? 'no document'}: it was never opened (didOpen comes first).`);
      return undefined;
    }
    const changes = (params as { contentChanges?: unknown }).contentChanges;
    if (!Array.isArray(changes) || !changes.every(isChange)) {
      this.log.warn(`Ignored a malformed didChange for ${uri}: contentChanges must be a list of {text, range?}.`);
      return undefined;
    }
    const version = typeof td?.version === 'number' ? td.version : doc.version + 1;
    return TextDocument.update(doc, changes, version);
  }

  /** Forgets a document; its uri when it was open, else undefined. */
  close(params: DidCloseTextDocumentParams): string | undefined {
    const uri = (params as Partial<DidCloseTextDocumentParams> | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string' || !this.docs.delete(uri)) return undefined;
    return uri;
  }
}
