import { htmlToText } from '../html';

/**
 * What an e-mail says in its own words. Quoted replies and signatures are dropped: the quoted
 * message is evidence only where it was first written (often the same mailbox), and a signature
 * repeats the sender's title and phone number under every message.
 */

/** "On Tue, 4 Mar 2025 at 10:00, Jane Doe <jane@example.com> wrote:" and its translations. */
const REPLY_HEADER =
  /^\s*(On|Am|Le|El|Il|Op|Em|Den|W dniu)\s.{4,250}?(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał)\s*(.{0,60})?:\s*$/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i;
/** Outlook's reply header: "From: …" followed within a few lines by "Sent: …" or "Date: …". */
const OUTLOOK_FROM = /^\s*\*?(From|Von|De)\s*:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date|Gesendet|Envoyé|Enviado)\s*:\*?\s+\S/i;
const RULE = /^\s*_{10,}\s*$/;
const SIGNATURE_DELIMITER = /^--\s?$/;
const MOBILE_FOOTER = /^\s*(Sent from my \S+|Sent from (Mail|Outlook|Yahoo Mail) for \S+|Get Outlook for \S+|Sent from Yahoo Mail)/i;
/** A sign-off alone on its line, optionally with the sender's name: "Best regards,", "Thanks, Jane". */
const SIGN_OFF =
  /^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thanks again|thank you|cheers|sincerely|yours|yours sincerely|yours truly|all the best|best wishes|respectfully|take care|talk soon|with thanks|warmly)[,.!]?(\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*$/iu;
/** What may follow a sign-off and still be its signature: a name, a title, a phone number. */
const SIGNATURE_LINES = 6;
const SIGNATURE_CHARS = 400;
const QUOTED = /^\s*>/;

/** A reply header may be wrapped over two lines by the client ("On …, Jane Doe <" / "jane@example.com> wrote:"). */
function replyHeaderAt(lines: string[], i: number): number {
  // A client's header always carries a date or an address; "On Monday the mayor wrote:" is prose.
  const isHeader = (text: string) => REPLY_HEADER.test(text) && /\d|@/.test(text);
  if (isHeader(lines[i]!)) return 1;
  const next = lines[i + 1];
  if (next !== undefined && /^\s*(On|Am|Le|El|Il|Op|Em)\s/.test(lines[i]!) && isHeader(`${lines[i]} ${next}`)) return 2;
  return 0;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let k = from; k < lines.length; k++) if (lines[k]!.trim()) return lines[k];
  return undefined;
}

/** Where the quoted thread below the new text starts, or the line count when there is none. */
function threadStart(lines: string[], dropped: Set<number>): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SIGNATURE_DELIMITER.test(line) || ORIGINAL_MESSAGE.test(line) || MOBILE_FOOTER.test(line)) return i;
    if (RULE.test(line) && OUTLOOK_FROM.test(nextNonBlank(lines, i + 1) ?? '')) return i;
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => OUTLOOK_SENT.test(l))) return i;
    const header = replyHeaderAt(lines, i);
    if (!header) continue;
    // Quoted with ">" below: replies may be interleaved, so only the header goes. Unmarked
    // (a client that quotes by indentation, or HTML turned into text): everything below is the thread.
    if (!QUOTED.test(nextNonBlank(lines, i + header) ?? '')) return i;
    for (let k = 0; k < header; k++) dropped.add(i + k);
    i += header - 1;
  }
  return lines.length;
}

/** The last sign-off with only a short signature under it, or -1. */
function signOffStart(lines: string[]): number {
  let below = 0;
  let chars = 0;
  for (let i = lines.length - 1; i >= 0 && below <= SIGNATURE_LINES && chars <= SIGNATURE_CHARS; i--) {
    const line = lines[i]!;
    if (SIGN_OFF.test(line)) return i;
    if (!line.trim()) continue;
    below++;
    chars += line.length;
  }
  return -1;
}

/** The message's own lines: quoted lines, reply headers, the thread below and the signature removed. */
export function ownWords(text: string): string {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  const dropped = new Set<number>();
  let lines = all.slice(0, threadStart(all, dropped)).filter((line, i) => !dropped.has(i) && !QUOTED.test(line));
  const trimmed = (kept: string[]) => {
    while (kept.length && !kept[kept.length - 1]!.trim()) kept.pop();
    return kept;
  };
  lines = trimmed(lines);
  const signOff = signOffStart(lines);
  if (signOff >= 0) lines = trimmed(lines.slice(0, signOff));
  return lines.join('\n');
}

const LIST_ITEM = /^\s*([-*•]|\d{1,3}[.)])\s/;

/**
 * Mail clients wrap plain text at about 72 columns; joined again, a sentence is one line, so the
 * document parser never cuts it at a wrap. Paragraphs stay apart by a blank line; list items keep
 * their own lines.
 */
export function reflow(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .reduce((joined, line) => (joined === '' ? line : `${joined}${LIST_ITEM.test(line) ? '\n' : ' '}${line}`), ''),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** Elements that hold the quoted thread or the signature in HTML mail (Gmail, Outlook, Apple Mail, Yahoo). */
const QUOTE_OPENERS = /<(blockquote)\b[^>]*>|<(div)\b[^>]*\b(?:class|id)\s*=\s*["']?[^"'>]*\b(gmail_quote|gmail_signature|yahoo_quoted|moz-signature|moz-cite-prefix)\b[^>]*>/gi;
/** Outlook puts its reply header in this element and the quoted message after it, outside. */
const OUTLOOK_THREAD = /<(div|hr)\b[^>]*\bid\s*=\s*["']?(divRplyFwdMsg|stopSpelling|appendonsend)\b/i;

/** Index just past the element opened at `start` by tag `name`, counting nested elements of that name. */
function elementEnd(html: string, name: string, start: number): number {
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return tag.index + tag[0].length;
  }
  return html.length;
}

function withoutQuotedElements(html: string): string {
  const thread = OUTLOOK_THREAD.exec(html);
  let rest = thread ? html.slice(0, thread.index) : html;
  let out = '';
  QUOTE_OPENERS.lastIndex = 0;
  for (let open = QUOTE_OPENERS.exec(rest); open; open = QUOTE_OPENERS.exec(rest)) {
    const end = elementEnd(rest, (open[1] ?? open[2])!, open.index);
    out += rest.slice(0, open.index);
    rest = rest.slice(end);
    QUOTE_OPENERS.lastIndex = 0;
  }
  return out + rest;
}

/** HTML mail as plain text: one line per block element, so the reply rules above can read it. */
export function htmlMailText(html: string): string {
  const { text, breaks } = htmlToText(withoutQuotedElements(html));
  const blocks: string[] = [];
  let from = 0;
  for (const at of [...breaks, text.length]) {
    const block = text.slice(from, at).replace(/\s+/g, ' ').trim();
    if (block) blocks.push(block);
    from = at;
  }
  return blocks.join('\n\n');
}

/** The text of a message in the sender's own words, reflowed into one line per paragraph. */
export function messageText(plain: string | undefined, html: string | undefined): string {
  const body = plain?.trim() ? plain : html ? htmlMailText(html) : '';
  return reflow(ownWords(body));
}
