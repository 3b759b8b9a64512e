import type { Address, Attachment, Email } from 'postal-mime';
import { throwIfCancelled } from '../../types';
import { looksBinary } from '../decode';
import type { HtmlMeta } from '../html';
import { messageText } from './emailBody';
import type { EmbeddedFile, ExtractContext, ExtractResult, LocationAnchor, SourceFormat } from './format';

/**
 * E-mail: a single message (.eml) or a mailbox of them (.mbox). The indexed text is each message's
 * own words (see emailBody.ts); subject, sender and date become the document's metadata, and
 * attachments in a supported format are read as documents of their own, in memory.
 */

const PARSE_OPTIONS = {
  attachmentEncoding: 'arraybuffer',
  // A forwarded message is a document of its own ("mail.eml#attachment-1.eml"), not part of the body.
  forceRfc822Attachments: true,
} as const;

/** Extensions for attachments that arrive without a file name. */
const MIME_EXTENSIONS: Record<string, string> = {
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/html': '.html',
  'text/vtt': '.vtt',
  'application/x-subrip': '.srt',
  'message/rfc822': '.eml',
  'application/mbox': '.mbox',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.oasis.opendocument.text': '.odt',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The calendar day the sender wrote in the Date header ("Tue, 4 Mar 2025 23:30:00 -0800"): read
 * off the header rather than converted to UTC, which would move a late-evening message a day on.
 */
export function messageDate(email: Email): string | undefined {
  const header = email.headers.find((h) => h.key === 'date')?.value ?? '';
  const written = /\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\b/i.exec(header);
  const month = written ? MONTHS.indexOf(written[2]!.toLowerCase()) + 1 : 0;
  const day = written ? Number(written[1]) : 0;
  if (written && month > 0 && day >= 1 && day <= 31) return `${written[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}T/.test(email.date ?? '') ? email.date!.slice(0, 10) : undefined;
}

function senderOf(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  return address.name.trim() || address.address?.trim() || undefined;
}

export function messageMeta(email: Email): HtmlMeta {
  const meta: HtmlMeta = {};
  const subject = email.subject?.replace(/\s+/g, ' ').trim();
  if (subject) meta.title = subject;
  const author = senderOf(email.from ?? email.sender);
  if (author) meta.author = author;
  const date = messageDate(email);
  if (date) meta.date = date;
  return meta;
}

/** A file name that cannot climb out of the message or break "mail.eml#name" apart. */
function attachmentName(attachment: Attachment, index: number): string {
  const given = (attachment.filename ?? '').split(/[\\/]/).pop()!.replace(/#/g, '_').trim();
  const extension = MIME_EXTENSIONS[attachment.mimeType] ?? '';
  if (!given) return `attachment-${index + 1}${extension}`;
  return /\.[A-Za-z0-9]{1,8}$/.test(given) ? given : given + extension;
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  for (let n = 2; taken.has(candidate); n++) candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}

/**
 * The registry is loaded when first needed: it lists this module, so a static import would be
 * circular, and whichever of the two a caller imported first would see the other half-built.
 */
let supportedCheck: Promise<(name: string) => boolean> | undefined;
function hasSupportedFormat(): Promise<(name: string) => boolean> {
  supportedCheck ??= import('./registry').then(({ formatOf }) => (name: string) => formatOf(name) !== undefined);
  return supportedCheck;
}

function bytesOf(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

interface Budget {
  deadline: number;
  /** Bytes of text and attachments still allowed. */
  bytesLeft: number;
  maxMs: number;
}

/** Attachments in a supported format, within the budget; the rest are left out, the message still counts. */
async function attachmentsOf(email: Email, prefix: string, budget: Budget, taken: Set<string>): Promise<EmbeddedFile[]> {
  const supported = await hasSupportedFormat();
  const out: EmbeddedFile[] = [];
  email.attachments.forEach((attachment, index) => {
    if (attachment.related) return;
    const name = prefix + attachmentName(attachment, index);
    if (!supported(name)) return;
    const bytes = bytesOf(attachment.content);
    if (bytes.length === 0 || bytes.length > budget.bytesLeft) return;
    budget.bytesLeft -= bytes.length;
    out.push({ name: unique(name, taken), bytes });
  });
  return out;
}

/** The start of a message: a header field ("Received: …"), after an optional "From " envelope line. */
function startsWithHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1').replace(/^(\r?\n)+/, '');
  const first = /^From [^\n]*\n/.test(head) ? head.slice(head.indexOf('\n') + 1) : head;
  return /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(first);
}

/** `overBudget`: the whole file stops here, since the budget is the file's, not the message's. */
type Parsed = { ok: true; email: Email; text: string } | { ok: false; reason: string; overBudget?: boolean };

async function parseMessage(bytes: Uint8Array, budget: Budget): Promise<Parsed> {
  if (looksBinary(bytes)) return { ok: false, reason: 'binary data, not an e-mail message' };
  if (!startsWithHeader(bytes)) return { ok: false, reason: 'not an e-mail message (no header lines at the start)' };
  let email: Email;
  try {
    // Loaded at the first message, like the other parsers: most corpora hold no e-mail.
    const { default: PostalMime } = await import('postal-mime');
    email = await PostalMime.parse(bytes, PARSE_OPTIONS);
  } catch (error) {
    return { ok: false, reason: `unreadable e-mail message (${error instanceof Error ? error.message : String(error)})` };
  }
  if (Date.now() > budget.deadline) return { ok: false, reason: `e-mail took longer than ${budget.maxMs} ms to read`, overBudget: true };
  const decoded = (email.text?.length ?? 0) + (email.html?.length ?? 0);
  if (decoded * 2 > budget.bytesLeft) return { ok: false, reason: 'e-mail body exceeds the extraction size limit', overBudget: true };
  const text = messageText(email.text, email.html);
  budget.bytesLeft -= text.length * 2;
  return { ok: true, email, text };
}

function budgetOf(context: ExtractContext): Budget {
  return { deadline: Date.now() + context.budget.maxMs, bytesLeft: context.budget.maxBytes, maxMs: context.budget.maxMs };
}

export async function extractEml(bytes: Uint8Array, context: ExtractContext): Promise<ExtractResult> {
  const budget = budgetOf(context);
  const parsed = await parseMessage(bytes, budget);
  if (!parsed.ok) return parsed;
  const attachments = await attachmentsOf(parsed.email, '', budget, new Set());
  if (!parsed.text.trim() && !attachments.length) {
    const hasBody = !!(parsed.email.text?.trim() || parsed.email.html?.trim());
    return { ok: false, reason: hasBody ? 'e-mail has no text of its own (only quoted replies or a signature)' : 'e-mail has no body' };
  }
  return { ok: true, text: parsed.text, kind: 'text', meta: messageMeta(parsed.email), ...(attachments.length ? { attachments } : {}) };
}

const LF = 0x0a;

/**
 * Where each message of a mailbox starts: a "From " line at the file's start or after a blank line,
 * followed by a header line. Requiring both keeps an unescaped "From " opening a paragraph of a
 * body (mboxcl writers do not escape it) from cutting a message in two.
 */
export function mboxMessages(bytes: Uint8Array): Uint8Array[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts: number[] = [];
  const isSeparator = (at: number): boolean => {
    if (buffer.toString('latin1', at, at + 5) !== 'From ') return false;
    const lineEnd = buffer.indexOf(LF, at);
    return lineEnd >= 0 && startsWithHeader(buffer.subarray(lineEnd + 1, lineEnd + 1 + 1024));
  };
  if (isSeparator(0)) starts.push(0);
  for (let at = buffer.indexOf('\nFrom ', 0, 'latin1'); at >= 0; at = buffer.indexOf('\nFrom ', at + 1, 'latin1')) {
    const previous = at > 0 ? buffer.lastIndexOf(LF, at - 1) : -1;
    const blankBefore = buffer.subarray(previous + 1, at).every((b) => b === 0x0d || b === 0x20 || b === 0x09);
    if (blankBefore && isSeparator(at + 1)) starts.push(at + 1);
  }
  if (!starts.length) return [];
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : buffer.length;
    return unescapeFromLines(buffer.subarray(buffer.indexOf(LF, start) + 1, end));
  });
}

/** ">From " (and ">>From " in mboxrd) at a line start was escaped by the writer: one ">" goes. */
function unescapeFromLines(message: Buffer): Uint8Array {
  const parts: Buffer[] = [];
  let copied = 0;
  for (let at = message.indexOf('\n>', 0, 'latin1'); at >= 0; at = message.indexOf('\n>', at + 1, 'latin1')) {
    let k = at + 1;
    while (message[k] === 0x3e) k++;
    if (message.toString('latin1', k, k + 5) !== 'From ') continue;
    parts.push(message.subarray(copied, at + 1));
    copied = at + 2;
  }
  if (!parts.length) return message;
  parts.push(message.subarray(copied));
  return Buffer.concat(parts);
}

/** The mailbox's metadata: what every message agrees on (a thread's subject, one sender), else the file name as title. */
function sharedMeta(metas: HtmlMeta[], fallbackTitle: string): HtmlMeta {
  const same = (field: keyof HtmlMeta, normalise = (v: string) => v): string | undefined => {
    const values = new Set(metas.map((m) => (m[field] === undefined ? '' : normalise(m[field]!))));
    return values.size === 1 ? [...values][0] || undefined : undefined;
  };
  const thread = (subject: string) => subject.replace(/^((re|fwd?|aw|wg|tr)\s*:\s*)+/i, '');
  const meta: HtmlMeta = { title: same('title', thread) ?? fallbackTitle };
  const author = same('author');
  if (author) meta.author = author;
  const date = same('date');
  if (date) meta.date = date;
  return meta;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).replace(/\.[^.]+$/, '');
}

/**
 * A mailbox as one document, a message a part with its `{ message: n }` anchor (n counts every
 * message in the file, so "message 7" is the seventh whatever was skipped). A message that cannot
 * be read is left out and the rest kept; only a mailbox where none can be read is skipped.
 */
export async function extractMbox(bytes: Uint8Array, context: ExtractContext): Promise<ExtractResult> {
  const messages = mboxMessages(bytes);
  // A stray binary part in one message must not discard the mailbox: bytes are judged per message.
  if (!messages.length && looksBinary(bytes)) return { ok: false, reason: 'binary data, not a mailbox' };
  if (!messages.length) return { ok: false, reason: 'no messages found (a mailbox starts each message with a "From " line)' };
  const budget = budgetOf(context);
  const parts: string[] = [];
  const anchors: LocationAnchor[] = [];
  const attachments: EmbeddedFile[] = [];
  const metas: HtmlMeta[] = [];
  const taken = new Set<string>();
  let length = 0;
  let firstReason: string | undefined;
  for (const [k, message] of messages.entries()) {
    throwIfCancelled(context.token);
    if (Date.now() > budget.deadline) return { ok: false, reason: `mailbox took longer than ${budget.maxMs} ms to read` };
    const parsed = await parseMessage(message, budget);
    if (!parsed.ok) {
      if (parsed.overBudget) return { ok: false, reason: `mailbox stopped at message ${k + 1}: ${parsed.reason}` };
      firstReason ??= `message ${k + 1}: ${parsed.reason}`;
      continue;
    }
    metas.push(messageMeta(parsed.email));
    attachments.push(...(await attachmentsOf(parsed.email, `message-${k + 1}-`, budget, taken)));
    if (!parsed.text.trim()) continue;
    if (length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    anchors.push({ offset: length, location: { message: k + 1 } });
    parts.push(parsed.text);
    length += parsed.text.length;
  }
  if (!metas.length) return { ok: false, reason: `no readable message in the mailbox (${firstReason})` };
  if (!length && !attachments.length) return { ok: false, reason: 'mailbox messages have no text of their own' };
  const meta = sharedMeta(metas, baseName(context.path));
  return { ok: true, text: parts.join(''), kind: 'text', anchors, meta, ...(attachments.length ? { attachments } : {}) };
}

/** "binary": the indexed text is the messages' decoded words, not the file's MIME source. */
export const emlFormat: SourceFormat = { name: 'e-mail', extensions: ['.eml'], binary: true, extract: extractEml };
export const mboxFormat: SourceFormat = { name: 'mailbox', extensions: ['.mbox'], binary: true, extract: extractMbox };
