import { docxFormat } from './docx';
import { emlFormat, mboxFormat } from './email';
import type { SourceFormat } from './format';
import { odtFormat } from './odt';
import { pdfFormat } from './pdf';
import { markdownFormat, plainTextFormat } from './plainText';
import { subtitlesFormat } from './subtitles';
import { htmlFormat } from './webPage';

/**
 * Every format the corpus reads, in the order usage texts list them. The loader, the file
 * watcher's glob, the CLI's usage text and the settings description all read this list.
 */
export const SOURCE_FORMATS: readonly SourceFormat[] = Object.freeze([plainTextFormat, markdownFormat, htmlFormat, pdfFormat, docxFormat, odtFormat, subtitlesFormat, emlFormat, mboxFormat]);

const BY_EXTENSION = new Map<string, SourceFormat>();
for (const format of SOURCE_FORMATS) for (const extension of format.extensions) BY_EXTENSION.set(extension, format);

/** Lower-case extensions the loader reads; anything else is reported as skipped. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(SOURCE_FORMATS.flatMap((format) => format.extensions));

/** The format of a file name, by its extension in any case. */
export function formatOf(fileName: string): SourceFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (dot <= slash) return undefined;
  return BY_EXTENSION.get(fileName.slice(dot).toLowerCase());
}

/** "*.{txt,md,…}" in both cases, for file watchers whose globs are case-sensitive. */
export function sourceGlob(): string {
  const bare = SUPPORTED_EXTENSIONS.map((extension) => extension.slice(1));
  return `**/*.{${[...bare, ...bare.map((extension) => extension.toUpperCase())].join(',')}}`;
}

/** ".txt, .md, .markdown, .html, .htm" for usage texts and messages. */
export function supportedExtensionList(): string {
  return SUPPORTED_EXTENSIONS.join(', ');
}
