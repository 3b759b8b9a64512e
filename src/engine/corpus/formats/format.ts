import type { CancellationToken, PassageLocation } from '../../types';
import type { SourceKind } from '../document';
import type { HtmlMeta } from '../html';

/** What one file may cost to extract; past it the file is skipped with a reason, never half-read. */
export interface ExtractionBudget {
  /** Wall-clock time for one file. */
  maxMs: number;
  /** Bytes a file may expand to (decompressed streams, extracted text). */
  maxBytes: number;
}

export interface ExtractContext {
  /** The file's display path, for messages. */
  path: string;
  budget: ExtractionBudget;
  token?: CancellationToken;
}

/** From `offset` on (until the next anchor) the extracted text is at `location` in the original file. */
export interface LocationAnchor {
  offset: number;
  location: PassageLocation;
}

/** A file embedded in another (an e-mail attachment), read in memory as a document of its own. */
export interface EmbeddedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExtractedDocument {
  /** The text passages are cut from; also what the read-only source view shows. */
  text: string;
  /** How `text` is cleaned: 'text' and 'markdown' keep offsets, so anchors stay exact. */
  kind: SourceKind;
  /** Sorted by offset. Without anchors a passage's location is its line in `text`. */
  anchors?: LocationAnchor[];
  /** What the file's own properties state (PDF info, Word core properties, e-mail headers). */
  meta?: HtmlMeta;
  attachments?: EmbeddedFile[];
}

export type ExtractResult = ({ ok: true } & ExtractedDocument) | { ok: false; reason: string };

/**
 * One source format: the extensions it claims and how its bytes become text with locations.
 * Adding a format is one module in this folder plus its entry in the registry.
 */
export interface SourceFormat {
  /** Shown in usage texts and settings: "PDF", "Word". */
  name: string;
  /** Lower-case, with the dot. */
  extensions: readonly string[];
  /** Whether the read-only source view is needed to show the passage (the file is not plain text). */
  binary: boolean;
  extract(bytes: Uint8Array, context: ExtractContext): ExtractResult | Promise<ExtractResult>;
}
