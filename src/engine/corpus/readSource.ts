import type { CancellationToken } from '../types';
import { throwIfCancelled } from '../types';
import { hashBytes, parseSourceDocument } from './document';
import type { ParsedSource } from './document';
import type { CorpusFileSystem } from './fileSystem';
import { nodeFileSystem } from './fileSystem';
import type { ExtractionBudget, ExtractResult, SourceFormat } from './formats/format';
import { formatOf } from './formats/registry';

export const DEFAULT_EXTRACTION: ExtractionBudget = { maxMs: 20_000, maxBytes: 64 * 1024 * 1024 };

export interface ExtractLimits {
  extraction: ExtractionBudget;
  token: CancellationToken | undefined;
}

/** Attachments of attachments are read too, but no deeper: a mail loop must not recurse forever. */
const MAX_EMBEDDING_DEPTH = 2;

/** Runs a format's extractor; a throw (a parser's bug on odd bytes) becomes a reason, not a crash. */
async function extract(display: string, format: SourceFormat, bytes: Uint8Array, limits: ExtractLimits): Promise<ExtractResult> {
  try {
    return await format.extract(bytes, { path: display, budget: limits.extraction, token: limits.token });
  } catch (error) {
    throwIfCancelled(limits.token);
    return { ok: false, reason: `unreadable ${format.name} file (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Extracts and parses one file's bytes (and, in memory, those of its attachments, as documents
 * named "mail.eml#report.pdf"). Returns the file's reason to be skipped instead; an attachment
 * that cannot be read is simply left out, the message it came with still counts.
 */
export async function readSource(display: string, format: SourceFormat, bytes: Uint8Array, limits: ExtractLimits, depth = 0): Promise<ParsedSource[] | string> {
  const extracted = await extract(display, format, bytes, limits);
  if (!extracted.ok) return extracted.reason;
  const out: ParsedSource[] = [];
  if (extracted.text.trim()) {
    const parsed = parseSourceDocument(display, extracted.text, extracted.kind, { hash: hashBytes(bytes), meta: extracted.meta, anchors: extracted.anchors });
    if (parsed.passages.length > 0) out.push(parsed);
  }
  if (depth < MAX_EMBEDDING_DEPTH) {
    for (const attachment of extracted.attachments ?? []) {
      const attachedFormat = formatOf(attachment.name);
      if (!attachedFormat) continue;
      const read = await readSource(`${display}#${attachment.name}`, attachedFormat, attachment.bytes, limits, depth + 1);
      if (typeof read !== 'string') out.push(...read);
    }
  }
  if (out.length === 0) return extracted.text.trim() ? 'no sentences found (only markup or page furniture)' : 'empty file (whitespace only)';
  return out;
}

/**
 * "mail.eml#report.pdf" → the file "mail.eml" and the attachment path ["report.pdf"]; a path
 * whose "#" is part of a real file name (no supported extension before it) stays whole.
 */
export function splitEmbeddedPath(display: string): { file: string; embedded: string[] } {
  const parts = display.split('#');
  let cut = 1;
  while (cut < parts.length && !formatOf(parts.slice(0, cut).join('#'))) cut++;
  if (cut >= parts.length) return { file: display, embedded: [] };
  return { file: parts.slice(0, cut).join('#'), embedded: parts.slice(cut) };
}

/** True when a source has no plain text file of its own to open: a PDF, a Word file, an attachment. */
export function needsExtractedView(display: string): boolean {
  if (splitEmbeddedPath(display).embedded.length > 0) return true;
  return formatOf(display)?.binary ?? false;
}

/**
 * The text a source's passages were cut from, line for line as the index counts lines: what a
 * read-only view of a PDF or Word source shows so that "line 40" and the page anchors hold.
 */
export async function readSourceText(display: string, fs: CorpusFileSystem = nodeFileSystem, limits: ExtractLimits = { extraction: DEFAULT_EXTRACTION, token: undefined }): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const { file, embedded } = splitEmbeddedPath(display);
  let format = formatOf(file);
  if (!format) return { ok: false, reason: 'unsupported file type' };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { ok: false, reason: `unreadable file (${error instanceof Error ? error.message : String(error)})` };
  }
  let name = file;
  for (let depth = 0; ; depth++) {
    const extracted = await extract(name, format, bytes, limits);
    if (!extracted.ok) return extracted;
    const next = embedded[depth];
    if (next === undefined) {
      // HTML is cleaned into other lines than the markup's; the index counts lines of the cleaned text.
      const text = extracted.kind === 'html' ? parseSourceDocument(name, extracted.text, 'html', { meta: extracted.meta }).document.text : extracted.text;
      return { ok: true, text };
    }
    const attachment = extracted.attachments?.find((a) => a.name === next);
    const attachedFormat = attachment && formatOf(attachment.name);
    if (!attachment || !attachedFormat) return { ok: false, reason: `no attachment named ${next}` };
    name = `${name}#${next}`;
    format = attachedFormat;
    bytes = attachment.bytes;
  }
}
