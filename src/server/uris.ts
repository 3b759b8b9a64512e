/** File paths and the URIs LSP speaks in, both ways, plus links to a source's line. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { needsExtractedView, splitEmbeddedPath } from '../engine';

/** The local path of a `file:` URI, or undefined for any other scheme or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(path.resolve(fsPath)).href;
}

/**
 * The URI of the file an evidence came from. An attachment (`tip.eml#report.pdf`) has no file of
 * its own, so the link goes to the message that carried it.
 */
export function sourceFileUri(source: string): string {
  return pathToUri(splitEmbeddedPath(source).file);
}

/** A link to the source at a line, as editors and Markdown viewers read file links: `#L12`. */
export function sourceLineUri(source: string, line: number): string {
  return `${sourceFileUri(source)}#L${line}`;
}

/** Where links to a source point: the file itself, or the client's read-only view of its extracted text. */
export interface SourceLinks {
  /** The document to open for a source (no line). */
  file(source: string): string;
  /** The source at a line: `#L12`, as editors and Markdown viewers read it. */
  line(source: string, line: number): string;
}

/**
 * Links for a client. One that shows the extracted text of PDF, Word, transcript and mail sources
 * under `viewScheme` gets links to that view, so the line a passage was found on is the line the
 * editor opens; any other client gets the file (an attachment's link goes to its message).
 */
export function sourceLinks(viewScheme?: string): SourceLinks {
  const file = (source: string) =>
    viewScheme && needsExtractedView(source) ? `${viewScheme}:${pathToFileURL(path.resolve(source)).pathname}` : sourceFileUri(source);
  return { file, line: (source, line) => `${file(source)}#L${line}` };
}

export const FILE_LINKS: SourceLinks = sourceLinks();
