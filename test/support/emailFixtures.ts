/**
 * Makers of MIME messages and mailboxes for the e-mail tests and the throughput bench: proper
 * multipart structure, base64 attachments, mbox "From " escaping. Every text comes from the caller.
 */
import { corpusSentences } from './transcriptFixtures';

export interface FixtureAttachment {
  name: string;
  contentType: string;
  content: string | Uint8Array;
}

export interface FixtureMessage {
  from?: string;
  subject?: string;
  /** As written in the Date header: "Tue, 4 Mar 2025 10:00:00 +0100". */
  date?: string;
  text?: string;
  html?: string;
  attachments?: FixtureAttachment[];
  /** Content-Transfer-Encoding of the text part; quoted-printable exercises soft line breaks. */
  textEncoding?: '8bit' | 'quoted-printable' | 'base64';
}

/** Base64 in 76-character lines, as MIME writers emit it. */
export function base64Lines(content: string | Uint8Array): string {
  const encoded = Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
  return encoded.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}

/** Quoted-printable with soft breaks at 76 columns (enough of RFC 2045 for ASCII and UTF-8 text). */
export function quotedPrintable(text: string): string {
  const encodeLine = (line: string) => {
    const bytes = Buffer.from(line, 'utf8');
    const lines: string[] = [];
    let current = '';
    bytes.forEach((byte, k) => {
      const last = k === bytes.length - 1;
      const literal = byte !== 0x3d && byte <= 0x7e && !(last && byte === 0x20);
      const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + token.length > 75) {
        lines.push(`${current}=`);
        current = '';
      }
      current += token;
    });
    return [...lines, current].join('\r\n');
  };
  return text.split('\n').map(encodeLine).join('\r\n');
}

function textPart(type: 'plain' | 'html', body: string, encoding: FixtureMessage['textEncoding'] = '8bit'): string {
  const encoded = encoding === 'base64' ? base64Lines(body) : encoding === 'quoted-printable' ? quotedPrintable(body) : body.replace(/\r?\n/g, '\r\n');
  return `Content-Type: text/${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${encoded}\r\n`;
}

function multipart(subtype: string, boundary: string, parts: string[]): string {
  return `Content-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}`).join('')}--${boundary}--\r\n`;
}

/** A complete message: headers, then the text and HTML bodies (alternatives) and base64 attachments. */
export function mimeMessage(message: FixtureMessage): string {
  const headers = [
    `From: ${message.from ?? '"Jane Doe" <jane.doe@example.org>'}`,
    'To: desk@example.org',
    ...(message.subject !== undefined ? [`Subject: ${message.subject}`] : []),
    ...(message.date !== undefined ? [`Date: ${message.date}`] : []),
    'MIME-Version: 1.0',
  ].join('\r\n');
  const bodies: string[] = [];
  if (message.text !== undefined) bodies.push(textPart('plain', message.text, message.textEncoding));
  if (message.html !== undefined) bodies.push(textPart('html', message.html, message.textEncoding));
  let body = bodies.length === 2 ? multipart('alternative', 'alt-boundary', bodies) : (bodies[0] ?? textPart('plain', ''));
  if (message.attachments?.length) {
    const files = message.attachments.map(
      (a) =>
        `Content-Type: ${a.contentType}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.content)}\r\n`,
    );
    body = multipart('mixed', 'mixed-boundary', [body, ...files]);
  }
  return `${headers}\r\n${body}`;
}

/**
 * A mailbox: each message after a "From " envelope line, bodies escaped the way the named variant
 * writes them (mboxrd quotes every ">*From " line, mboxo only "From ").
 */
export function mailbox(messages: string[], variant: 'mboxrd' | 'mboxo' = 'mboxrd'): string {
  const escape = variant === 'mboxrd' ? /^(>*From )/gm : /^(From )/gm;
  return messages
    .map((m, k) => `From sender${k + 1}@example.org Tue Mar  4 10:${String(k % 60).padStart(2, '0')}:00 2025\n${m.replace(/\r\n/g, '\n').replace(escape, '>$1')}\n`)
    .join('\n');
}

/**
 * A mailbox of about `bytes` built from the corpus articles: replies quoting the previous message,
 * signatures, every fifth message HTML-only, every seventh with a text attachment.
 */
export function bulkMailbox(bytes: number): string {
  const sentences = corpusSentences();
  const messages: string[] = [];
  let size = 0;
  let previous = '';
  for (let k = 0; size < bytes; k++) {
    const own = Array.from({ length: 6 }, (_, j) => sentences[(k * 6 + j) % sentences.length]).join(' ');
    const text = `${own}\n\nBest regards,\nSender ${k}\n\nOn Tue, 4 Mar 2025 at 10:00, Someone <someone@example.org> wrote:\n${previous.replace(/^/gm, '> ')}`;
    const message = mimeMessage({
      subject: `Re: Thread ${k % 40}`,
      date: `Tue, ${1 + (k % 28)} Mar 2025 10:00:00 +0000`,
      ...(k % 5 === 0 ? { html: `<div><p>${own}</p><div class="gmail_quote"><blockquote>${previous}</blockquote></div></div>` } : { text }),
      ...(k % 7 === 0 ? { attachments: [{ name: `notes-${k}.txt`, contentType: 'text/plain', content: own }] } : {}),
    });
    messages.push(message);
    size += message.length + 60;
    previous = own;
  }
  return mailbox(messages);
}

/** One message of about `bytes`: a long quoted-printable body from the corpus articles and a base64 .txt attachment of the same text. */
export function largeMessage(bytes: number): string {
  const sentences = corpusSentences();
  const paragraphs: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes / 2; k++) {
    const paragraph = sentences.slice((k * 4) % sentences.length, ((k * 4) % sentences.length) + 4).join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  const text = paragraphs.join('\n\n');
  return mimeMessage({
    subject: 'Collected reports',
    date: 'Tue, 4 Mar 2025 10:00:00 +0000',
    textEncoding: 'quoted-printable',
    text,
    attachments: [{ name: 'reports.txt', contentType: 'text/plain', content: text.slice(0, bytes / 3) }],
  });
}
