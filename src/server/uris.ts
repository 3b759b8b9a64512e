/** File paths and the URIs LSP speaks in, both ways, plus links to a source's line. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { splitEmbeddedPath } from '../engine';

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
