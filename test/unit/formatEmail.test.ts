/** E-mail (.eml) and mailboxes (.mbox): metadata, own words only, attachments in memory, per-message anchors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emlFormat, mboxFormat, mboxMessages } from '../../src/engine/corpus/formats/email';
import { ownWords, reflow } from '../../src/engine/corpus/formats/emailBody';
import type { ExtractResult, SourceFormat } from '../../src/engine/corpus/formats/format';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { checkText, CorpusIndex } from '../../src/engine/index';
import { CancelledError, type CorpusData } from '../../src/engine/types';
import { MemoryFs } from './helpers/memoryFs';
import { mailbox, mimeMessage } from '../support/emailFixtures';

const BUDGET = { maxMs: 10_000, maxBytes: 64 * 1024 * 1024 };
const encode = (text: string) => new TextEncoder().encode(text);

async function extract(format: SourceFormat, input: string | Uint8Array, budget = BUDGET): Promise<ExtractResult> {
  return format.extract(typeof input === 'string' ? encode(input) : input, { path: 'mail/box', budget });
}

async function reasonOf(format: SourceFormat, input: string | Uint8Array, budget = BUDGET): Promise<string> {
  const result = await extract(format, input, budget);
  assert.equal(result.ok, false, result.ok ? `extracted: ${result.text}` : '');
  return result.ok ? '' : result.reason;
}

async function load(files: Record<string, string>): Promise<{ corpus: CorpusData; fs: MemoryFs }> {
  const fs = new MemoryFs(Object.fromEntries(Object.entries(files).map(([n, t]) => [`/c/${n}`, t])));
  const corpus = await loadCorpus(['/c'], { fs });
  return { corpus, fs };
}

const textOf = (corpus: CorpusData, path: string) => {
  const doc = corpus.documents.find((d) => d.path === path);
  assert.ok(doc, `no document ${path} among ${corpus.documents.map((d) => d.path).join(', ')}`);
  return doc.text;
};

const REPLY = mimeMessage({
  from: '"Jane Doe" <jane.doe@example.org>',
  subject: 'Re: Bridge repairs',
  // Late evening on the West Coast: already the 5th in UTC, still the 4th where it was written.
  date: 'Tue, 4 Mar 2025 23:30:00 -0800',
  textEncoding: 'quoted-printable',
  text: [
    'The river bridge will reopen in May after repairs that cost',
    '4 million dollars, paid from the state transport fund.',
    '',
    'Crews replaced the steel deck over the winter – ahead of schedule.',
    '',
    'Best regards,',
    'Jane',
    '',
    '-- ',
    'Jane Doe | City Engineer | +1 555 0100',
    '',
    'On Mon, 3 Mar 2025 at 09:00, Bob Stone <bob@example.org> wrote:',
    '> The ferry will keep running until the end of June.',
    '> Tell me when the bridge reopens.',
  ].join('\n'),
});

describe('a single message', () => {
  test('subject, sender and the written date are the metadata; the body is the sender’s own words', async () => {
    const { corpus } = await load({ 'reply.eml': REPLY });
    assert.deepEqual(corpus.skipped, []);
    const doc = corpus.documents[0]!;
    assert.deepEqual({ title: doc.meta.title, author: doc.meta.author, date: doc.meta.date }, { title: 'Re: Bridge repairs', author: 'Jane Doe', date: '2025-03-04' });
    assert.deepEqual(
      corpus.passages.map((p) => p.text),
      [
        'The river bridge will reopen in May after repairs that cost 4 million dollars, paid from the state transport fund.',
        'Crews replaced the steel deck over the winter – ahead of schedule.',
      ],
    );
    assert.doesNotMatch(doc.text, /ferry|wrote|Best regards|City Engineer|555/);
  });

  test('a quoted reply is not evidence: only the sender’s own statement is supported', async () => {
    const { corpus } = await load({ 'reply.eml': REPLY });
    const index = await CorpusIndex.build(corpus);
    const [own, quoted] = checkText(index, 'The bridge will reopen in May.\n\nThe ferry will keep running until the end of June.');
    assert.equal(own!.verdict, 'supported');
    assert.equal(own!.evidence[0]!.source, '/c/reply.eml');
    assert.equal(quoted!.verdict, 'unverified');
  });

  test('an HTML-only message: quote and signature elements dropped, each block its own paragraph', async () => {
    const html =
      '<html><body><div dir="ltr"><p>The library opens on <b>12 September</b> on Elm Avenue.</p><p>Entry is free &amp; open to all.</p>' +
      '<div class="gmail_signature"><div>Ana Ruiz</div><div>Library board</div></div>' +
      '<div class="gmail_quote"><div>On Mon, 3 Mar 2025, Bob wrote:</div><blockquote><div><blockquote>The pool closes in August.</blockquote></div></blockquote></div></div></body></html>';
    const result = await extract(emlFormat, mimeMessage({ from: 'ana@example.org', subject: 'Library', html }));
    assert.ok(result.ok);
    assert.equal(result.text, 'The library opens on 12 September on Elm Avenue.\n\nEntry is free & open to all.');
    assert.equal(result.meta?.author, 'ana@example.org');
  });

  test('a subject in encoded words and a body in base64 are decoded', async () => {
    const raw = mimeMessage({ subject: '=?UTF-8?B?' + Buffer.from('Brücke öffnet im Mai').toString('base64') + '?=', textEncoding: 'base64', text: 'Die Brücke öffnet im Mai wieder.' });
    const result = await extract(emlFormat, raw);
    assert.ok(result.ok);
    assert.equal(result.meta?.title, 'Brücke öffnet im Mai');
    assert.equal(result.text, 'Die Brücke öffnet im Mai wieder.');
  });
});

describe('quoted replies and signatures in plain text', () => {
  test('Outlook headers and "Original Message" rules cut the thread below', () => {
    assert.equal(ownWords('The audit starts in June.\n\nFrom: Bob Stone\nSent: Monday, 3 March 2025 09:00\nTo: Jane\nSubject: Audit\n\nWhen does the audit start?'), 'The audit starts in June.');
    assert.equal(ownWords('Agreed.\n\n-----Original Message-----\nFrom: Bob\nThe audit starts in May.'), 'Agreed.');
    assert.equal(ownWords('Fine.\n________________________________\nFrom: Bob\nThe audit starts in May.'), 'Fine.');
  });

  test('an unmarked thread below "On … wrote:" goes; interleaved answers between ">" lines stay', () => {
    assert.equal(ownWords('Yes, in May.\n\nOn Mon, 3 Mar 2025 at 09:00, Bob Stone <bob@example.org>\nwrote:\n\nWill it reopen in May?'), 'Yes, in May.');
    const interleaved = 'On Mon, 3 Mar 2025, Bob wrote:\n> When does it reopen?\nIn May.\n> And the cost?\nFour million dollars.';
    assert.equal(ownWords(interleaved), 'In May.\nFour million dollars.');
    assert.equal(ownWords('Le lundi 3 mars 2025, Marie a écrit :\n> Quand ?\nEn mai.'), 'En mai.');
    assert.equal(ownWords('On Monday the mayor wrote:\n\nThe bridge reopens in May.'), 'On Monday the mayor wrote:\n\nThe bridge reopens in May.');
  });

  test('sign-offs with a short signature go; a sentence starting with "Thanks" stays', () => {
    assert.equal(ownWords('The vote is on Friday.\n\nThanks, Jane\nCouncil office\n+1 555 0100'), 'The vote is on Friday.');
    assert.equal(ownWords('Thanks to the crews, the vote is on Friday.'), 'Thanks to the crews, the vote is on Friday.');
    assert.equal(ownWords('The vote is on Friday.\n\nSent from my iPhone'), 'The vote is on Friday.');
  });

  test('wrapped lines are joined into one line a paragraph; list items keep their lines', () => {
    assert.equal(reflow('The bridge will\nreopen in May.\n\nCosts:\n- deck\n- rails'), 'The bridge will reopen in May.\n\nCosts:\n- deck\n- rails');
  });
});

describe('attachments', () => {
  const message = mimeMessage({
    subject: 'Reports',
    text: 'Both reports are attached to this message.',
    attachments: [
      { name: 'notes.txt', contentType: 'text/plain', content: 'The inspection found corrosion on 14 of the 60 cables.' },
      { name: 'summary.html', contentType: 'text/html', content: '<html><body><p>The council approved the repair budget on Tuesday.</p></body></html>' },
      { name: 'photo.png', contentType: 'image/png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
      { name: '../../etc/evil#1.txt', contentType: 'text/plain', content: 'The name of this file tried to leave its folder.' },
    ],
  });

  test('supported attachments are indexed in memory as "mail.eml#name"; others ignored; nothing written', async () => {
    const { corpus, fs } = await load({ 'mail.eml': message });
    assert.deepEqual(corpus.skipped, []);
    assert.deepEqual(
      corpus.documents.map((d) => d.path),
      ['/c/mail.eml', '/c/mail.eml#notes.txt', '/c/mail.eml#summary.html', '/c/mail.eml#evil_1.txt'],
    );
    assert.match(textOf(corpus, '/c/mail.eml#notes.txt'), /corrosion on 14 of the 60 cables/);
    assert.match(textOf(corpus, '/c/mail.eml#summary.html'), /approved the repair budget on Tuesday/);
    assert.deepEqual([...fs.files.keys()], ['/c/mail.eml']);
  });

  test('a forwarded message is a document of its own with its own sender and subject', async () => {
    const original = mimeMessage({ from: 'bob@example.org', subject: 'Ferry timetable', text: 'The ferry timetable changes on 1 April.' });
    const forward = mimeMessage({ subject: 'Fwd: Ferry timetable', text: 'See the message below.', attachments: [{ name: 'forwarded.eml', contentType: 'message/rfc822', content: original }] });
    const { corpus } = await load({ 'fwd.eml': forward });
    const inner = corpus.documents.find((d) => d.path === '/c/fwd.eml#forwarded.eml');
    assert.deepEqual([inner?.meta.title, inner?.meta.author], ['Ferry timetable', 'bob@example.org']);
    assert.match(inner!.text, /changes on 1 April/);
    assert.doesNotMatch(textOf(corpus, '/c/fwd.eml'), /ferry/i);
  });

  test('attachments past the size budget are left out; the message still counts', async () => {
    // Room for the body's text (two bytes a character) and not for the smallest attachment.
    const result = await extract(emlFormat, message, { maxMs: BUDGET.maxMs, maxBytes: 100 });
    assert.ok(result.ok);
    assert.equal(result.text, 'Both reports are attached to this message.');
    assert.equal(result.attachments, undefined);
  });
});

describe('mailboxes', () => {
  const messages = [
    mimeMessage({ subject: 'Bridge', date: 'Mon, 3 Mar 2025 09:00:00 +0000', text: 'From the start we planned to reopen the bridge in May.\n>From the archive: the old deck dates from 1962.' }),
    'From: broken@example.org\nSubject: Broken\n\nThe old ferry \u0000\u0001\u0002 schedule ends in June.',
    mimeMessage({
      subject: 'Re: Bridge',
      date: 'Wed, 5 Mar 2025 09:00:00 +0000',
      text: 'The pool closes for repairs in August.\n\nFrom here on the board meets weekly.',
      attachments: [{ name: 'notes.txt', contentType: 'text/plain', content: 'The board meets every Thursday at noon.' }],
    }),
  ];

  test('each message is a part with its message number; a broken one is skipped, the rest kept', async () => {
    const { corpus } = await load({ 'box.mbox': mailbox(messages) });
    assert.deepEqual(corpus.skipped, []);
    const located = corpus.passages.filter((p) => corpus.documents[p.doc]!.path === '/c/box.mbox').map((p) => [p.text, p.location]);
    assert.deepEqual(located, [
      ['From the start we planned to reopen the bridge in May.', { message: 1 }],
      ['The pool closes for repairs in August.', { message: 3 }],
      ['From here on the board meets weekly.', { message: 3 }],
    ]);
    assert.doesNotMatch(textOf(corpus, '/c/box.mbox'), /ferry|archive/);
    assert.match(textOf(corpus, '/c/box.mbox#message-3-notes.txt'), /every Thursday at noon/);
    const meta = corpus.documents[0]!.meta;
    assert.equal(meta.title, 'Bridge');
    assert.equal(meta.date, undefined);
  });

  test('mboxrd and mboxo escapes are undone; an unescaped "From " line without headers does not split', () => {
    const body = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
    const rd = mboxMessages(encode(mailbox(['Subject: a\n\nFrom here.\n>From there.'], 'mboxrd')));
    assert.equal(body(rd[0]!), 'Subject: a\n\nFrom here.\n>From there.\n');
    const o = mboxMessages(encode(mailbox(['Subject: a\n\nFrom here.'], 'mboxo')));
    assert.equal(body(o[0]!), 'Subject: a\n\nFrom here.\n');
    const unescaped = mboxMessages(encode('From a@b Tue Mar  4 10:00:00 2025\nSubject: a\n\nOne.\n\nFrom two sides, it closed.\n'));
    assert.equal(unescaped.length, 1);
  });

  test('broken mailboxes have reasons; cancellation stops between messages', async () => {
    assert.match(await reasonOf(mboxFormat, 'Subject: no envelope\n\nJust a message.'), /no messages found/);
    assert.match(await reasonOf(mboxFormat, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])), /binary/);
    assert.match(await reasonOf(mboxFormat, mailbox(['no headers here\n\nNor here.'])), /no messages found/);
    assert.match(await reasonOf(mboxFormat, mailbox(['Subject: empty\n\n> only a quote'])), /no text of their own/);
    assert.match(await reasonOf(mboxFormat, mailbox(messages), { maxMs: -1, maxBytes: BUDGET.maxBytes }), /longer than/);
    await assert.rejects(async () => mboxFormat.extract(encode(mailbox(messages)), { path: 'box.mbox', budget: BUDGET, token: { isCancellationRequested: true } }), CancelledError);
  });
});

describe('broken messages', () => {
  test('each yields a clear reason', async () => {
    let nested = 'From: a@example.org\r\nSubject: Deep\r\n';
    for (let k = 0; k < 300; k++) nested += `Content-Type: multipart/mixed; boundary="b${k}"\r\n\r\n--b${k}\r\n`;
    assert.match(await reasonOf(emlFormat, nested), /unreadable e-mail message \(Maximum MIME nesting depth/);
    assert.match(await reasonOf(emlFormat, 'Dear editor, the bridge reopens in May.'), /no header lines/);
    assert.match(await reasonOf(emlFormat, new Uint8Array([0x46, 0x72, 0, 1, 2])), /binary/);
    assert.match(await reasonOf(emlFormat, 'From: a@example.org\r\nSubject: Empty\r\n\r\n'), /no body/);
    assert.match(await reasonOf(emlFormat, 'From: a@example.org\r\n\r\n> quoted\r\n> only\r\n\r\nThanks,\r\nBob\r\n'), /only quoted replies or a signature/);
    assert.match(await reasonOf(emlFormat, REPLY, { maxMs: BUDGET.maxMs, maxBytes: 100 }), /size limit/);
  });
});
