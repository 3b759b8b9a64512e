import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, looksBinary } from '../../src/engine/corpus/decode';
import { decodeEntities, htmlToText } from '../../src/engine/corpus/html';
import {
  blankBoilerplate, blankMarkdown, boilerplateReason, isCreditSentence, looksHardWrapped, splitBlocks,
} from '../../src/engine/corpus/boilerplate';
import { extractMetadata, findFullDate, looksLikePersonName } from '../../src/engine/corpus/metadata';
import { parseSourceDocument } from '../../src/engine/corpus/document';

const bytes = (...values: number[]) => new Uint8Array(values);
const decoded = (input: Uint8Array) => {
  const result = decodeText(input);
  return result.ok ? [result.encoding, result.text] : ['skip', result.reason];
};

describe('decodeText', () => {
  test('UTF-8 with and without BOM', () => {
    assert.deepEqual(decoded(new TextEncoder().encode('\ufeffCafé ok')), ['utf-8', 'Café ok']);
    assert.deepEqual(decoded(new TextEncoder().encode('plain')), ['utf-8', 'plain']);
  });

  test('UTF-16 with a BOM, both byte orders', () => {
    assert.deepEqual(decoded(bytes(0xff, 0xfe, 0x48, 0x00, 0xe9, 0x00)), ['utf-16le', 'Hé']);
    assert.deepEqual(decoded(bytes(0xfe, 0xff, 0x00, 0x48, 0x00, 0xe9)), ['utf-16be', 'Hé']);
  });

  test('binary: NUL bytes or many control bytes', () => {
    assert.deepEqual(decoded(bytes(0x48, 0x00, 0x49)), ['skip', 'binary file']);
    assert.deepEqual(decoded(bytes(0x01, 0x02, 0x03, 0x41, 0x42, 0x43, 0x44, 0x45)), ['skip', 'binary file']);
    assert.equal(looksBinary(new TextEncoder().encode('tabs\tand\r\nnewlines\fare text')), false);
  });

  test('invalid UTF-8 falls back to windows-1252 only when plausible', () => {
    const latin = [...Buffer.from('The caf\xe9 costs \x805 and is \x93ok\x94 \x96 for now.', 'latin1')];
    assert.deepEqual(decoded(bytes(...latin)), ['windows-1252', 'The café costs €5 and is “ok” – for now.']);
    // 0x81 is undefined in windows-1252, and half the bytes being high is no Western text.
    assert.deepEqual(decoded(bytes(0x41, 0x81, 0x42)), ['skip', 'not valid UTF-8 text']);
    assert.deepEqual(decoded(bytes(0x41, 0xe9, 0xea, 0xeb, 0x42, 0xfc)), ['skip', 'not valid UTF-8 text']);
  });

  test('empty input', () => {
    assert.deepEqual(decoded(bytes()), ['skip', 'empty file']);
  });
});

describe('htmlToText', () => {
  const page = [
    '<!doctype html><html><head>',
    '<title>Ignored page title</title>',
    '<meta property="og:title" content="Dam &amp; river: a report">',
    '<meta property="og:site_name" content="River Times">',
    '<meta name="author" content="Ana Silva">',
    '<meta property="article:published_time" content="2023-07-04T08:00:00+02:00">',
    '<style>.x { content: "<p>"; }</style><script type="text/javascript">',
    'if (a < b) { document.write("<div>hidden</div>"); }',
    '</script></head><body><!-- comment',
    'still comment --><noscript>Enable scripts</noscript><svg><text>Chart</text></svg>',
    '<p>The dam is <b>120&nbsp;m</b> tall&#8212;the tallest &#x201C;in Europe&#x201D;.</p><p>Second block',
    'wraps here</p><ul><li>First item</li><li>Second item</li></ul>',
    '</body></html>',
  ].join('\n');
  const result = htmlToText(page);

  test('keeps exactly the input line structure', () => {
    assert.equal(result.text.split('\n').length, page.split('\n').length);
  });

  test('drops scripts, styles, noscript, svg, comments and tags', () => {
    for (const hidden of ['hidden', 'content', 'Enable', 'Chart', 'comment', '<', 'Ignored']) {
      assert.ok(!result.text.includes(hidden), hidden);
    }
    const lines = result.text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    assert.equal(lines[10], 'The dam is 120 m tall—the tallest “in Europe”. Second block');
    assert.equal(lines[11], 'wraps here First item Second item');
  });

  test('block tags become breaks, inline tags do not', () => {
    const cut = (from: number, to: number) => result.text.slice(from, to).replace(/\s+/g, ' ').trim();
    const pieces = [0, ...result.breaks, result.text.length]
      .map((offset, index, all) => (index + 1 < all.length ? cut(offset, all[index + 1]!) : ''))
      .filter(Boolean);
    assert.deepEqual(pieces, [
      'The dam is 120 m tall—the tallest “in Europe”.', 'Second block wraps here', 'First item', 'Second item',
    ]);
  });

  test('reads metadata from meta tags', () => {
    assert.deepEqual(result.meta, { title: 'Dam & river: a report', siteName: 'River Times', author: 'Ana Silva', date: '2023-07-04' });
    const fallback = htmlToText('<title>Flood warning lifted – River Times</title><meta property="og:site_name" content="River Times"><time datetime="2022-02-30">x</time><time datetime="2021-05-06">y</time><meta property="article:author" content="https://facebook.com/someone">');
    assert.deepEqual(fallback.meta, { title: 'Flood warning lifted', siteName: 'River Times', date: '2021-05-06' });
    const ld = htmlToText('<script type="application/ld+json">{"datePublished": "2020-01-02T00:00:00Z"}</script>');
    assert.equal(ld.meta.date, '2020-01-02');
  });

  test('quoted attribute values may hold ">", a stray apostrophe may not swallow the page', () => {
    const tricky = htmlToText('<p data-x="a > b">One here.</p><a title=O\'Neil>Two here.</a><p>Three\'s here.</p>');
    assert.equal(tricky.text.replace(/\s+/g, ' ').trim(), "One here. Two here. Three's here.");
  });

  test('entities', () => {
    assert.equal(decodeEntities('&lt;a&gt; &eacute;t&eacute; &Uuml;ber &#150; &amp AT&T &unknown; &#10;'), '<a> été Über – & AT&T &unknown;  ');
  });
});

describe('blankMarkdown', () => {
  test('is length- and line-preserving and keeps link labels', () => {
    const source = '## Heading ##\n> quoted *text*\n- a **bold** [label](http://x/a_(b)) and ![img](p.png)\n5 * 3 and snake_case_name\n```\ncode here\n```\n1. item `code`';
    const clean = blankMarkdown(source);
    assert.equal(clean.length, source.length);
    assert.deepEqual(clean.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()), [
      'Heading', 'quoted text', 'a bold label and', '5 * 3 and snake_case_name', '', '', '', 'item code',
    ]);
  });
});

describe('boilerplateReason', () => {
  const furniture = [
    'Advertisement', 'Sponsored content', 'Read more', 'Show More', 'See more', 'Load more', 'Dismiss', 'Skip to content',
    '2 min read', '5 min read · Updated', 'News', 'News Feed', 'Article image', 'Avatar',
    'Featured image: A man By Jane Doe/Shutterstock', 'Photo: Jane Doe/Agency', 'Image credit: Reuters',
    'Follow us on Instagram and X.', 'Subscribe to our newsletter', 'Click the image below to make a one-time or recurring donation.',
    'Become a Member of Global Planet', 'Comment on our articles on our Facebook page', 'Share this article',
    'Copyright © Jane Doe, The Planet, 2025', '© 2024 Daily Bugle. All rights reserved.',
    'Disclaimer: The contents of this article are of sole responsibility of the author(s).',
    'We are making such material available under the provisions of "fair use" to advance understanding of copyright issues.',
    'To suggest a correction or clarification, write to us here', 'Spotted an error? Let us know.', 'Like us on Facebook', 'You can also highlight the text and press Ctrl + Enter',
    'Related articles', 'Other Topics of Interest', 'Tags: Ukraine, Russia', 'By Jane Doe', 'Daily Bugle, March 3, 2024',
    'For media inquiries: press@example.org', 'This article was originally published on Planet News.',
  ];
  for (const line of furniture) {
    test(`blanks: ${line}`, () => assert.ok(boilerplateReason(line), line));
  }

  const evidence = [
    'U.S. President Donald Trump (L) speaks with Russian President Vladimir Putin (R) in Danang, Vietnam, on Nov. 11, 2017. (Mikhail Klimentyev/Sputnik/AFP via Getty Images)',
    'Photo: Firefighters battle the blaze that destroyed three homes in the northern suburb on Sunday night after a week of heat.',
    'Contentious Peace Proposals', 'More than 2 million people subscribe to the service, the company said.',
    'The court rejected the copyright claim in 2019.', 'Kyiv has rejected these conditions as ultimatums.',
    'By 2030, the plan would cut emissions by half.', 'Moscow previously dismissed these terms.', '$5 billion',
    'The ministry did not comment on our request for this story.', 'Investigators found an error in the software that caused the crash.',
    '“Join us in this fight,” the mayor told supporters.', '“Help us keep our children safe,” she said.',
  ];
  for (const line of evidence) {
    test(`keeps: ${line.slice(0, 50)}`, () => assert.equal(boilerplateReason(line), undefined));
  }

  test('blanking keeps length and newlines; disclaimers run on through wrapped lines', () => {
    const text = 'Real news sentence here.\nDisclaimer: the views of the\nauthor are not ours and\nare disclaimed.\nAnother real sentence.';
    const result = blankBoilerplate(text, splitBlocks(text, 'lines'));
    assert.equal(result.text.length, text.length);
    assert.deepEqual(result.text.split('\n').map((line) => line.trim()), ['Real news sentence here.', '', '', '', 'Another real sentence.']);
  });

  test('bracketed picture credits are not sentences of evidence', () => {
    assert.equal(isCreditSentence('(Mikhail Klimentyev/Sputnik/AFP via Getty Images)'), true);
    assert.equal(isCreditSentence('(The vote was 12 to 3.)'), false);
  });
});

describe('page furniture by shape', () => {
  const furniture = [
    '(Updated:  )', 'Updated 09:41', 'Last updated: 4 May 2023, 18:02', 'Published 5 hours ago', '12 minutes ago',
    'Posted on June 2, 2022 by Sam Okafor', 'The ferry docked at noon after a rough crossing. / Harbour Wire',
    'Crowds gathered outside the court on Friday. / Lena Marsh / Coast Agency',
  ];
  for (const line of furniture) {
    test(`blanks: ${line}`, () => assert.ok(boilerplateReason(line), line));
  }

  const evidence = [
    'Updated rules for cyclists take effect in spring', 'Published research shows that the lake has warmed.',
    'Updated guidance was issued by the ministry on Monday.', 'The vote was 52/48 in favour.',
    'Turnout rose 4% (Harbour Wire/Ipsos poll).', 'Senator Ana Ruiz (R) voted against the bill.',
    'Rail workers (left) and drivers marched together.',
  ];
  for (const line of evidence) {
    test(`keeps: ${line.slice(0, 50)}`, () => assert.equal(boilerplateReason(line), undefined));
  }

  const clean = (lines: string[]): string[] => {
    const text = lines.join('\n');
    const result = blankBoilerplate(text, splitBlocks(text, 'lines'));
    assert.equal(result.text.length, text.length);
    return result.text.split('\n').map((line) => line.trim()).filter(Boolean);
  };

  test('link titles after a related label go, as does their other copy; the article text stays', () => {
    const kept = clean([
      'The dam was finished in 1961.',
      'Why the Valley Flooded Twice',
      'Other stories',
      'Why the Valley Flooded Twice',
      'Ten Bridges Worth a Detour',
      'Engineers inspected the spillway in March.',
      'Its turbines supply two towns.',
    ]);
    assert.deepEqual(kept, ['The dam was finished in 1961.', 'Engineers inspected the spillway in March.', 'Its turbines supply two towns.']);
  });

  test('a teaser sentence after a related label is kept, and a title without a label stays', () => {
    assert.deepEqual(clean(['Read more', 'The council voted to close the pier by July.']), ['The council voted to close the pier by July.']);
    assert.deepEqual(clean(['Why the Valley Flooded Twice', 'The dam was finished in 1961.']), ['Why the Valley Flooded Twice', 'The dam was finished in 1961.']);
  });
});

describe('hard wrap detection and blocks', () => {
  const wrapped = 'The minister said the talks began on Tuesday in\nGeneva and would last for three days. Officials\nexpect a statement on Friday, aides said, and\nthe delegations will meet again next month.\n';
  test('hard-wrapped prose versus one paragraph per line', () => {
    assert.equal(looksHardWrapped(wrapped), true);
    assert.equal(looksHardWrapped('First paragraph sentence.\nSecond paragraph sentence.\nThird one here.\nFourth one.\n'), false);
  });

  test('wrapped markdown sentences run across lines, headings and bullets stay apart', () => {
    const md = `# Summit notes\n\n${wrapped}\n- A bullet that wraps\n  onto the next line.\n- Another bullet point here.\n`;
    const { passages } = parseSourceDocument('notes.md', md, 'markdown');
    assert.deepEqual(passages.map((passage) => [passage.line, passage.paragraph, passage.text]), [
      [1, 0, 'Summit notes'],
      [3, 1, 'The minister said the talks began on Tuesday in Geneva and would last for three days.'],
      [4, 1, 'Officials expect a statement on Friday, aides said, and the delegations will meet again next month.'],
      [8, 2, 'A bullet that wraps onto the next line.'],
      [10, 3, 'Another bullet point here.'],
    ]);
  });

  test('short HTML headings are kept, short chrome is not', () => {
    const { passages } = parseSourceDocument('a.html', '<h2>Peace talks</h2>\n<div>Menu</div><p>Talks resumed on Monday.</p>', 'html');
    assert.deepEqual(passages.map((passage) => [passage.line, passage.paragraph, passage.text]), [
      [1, 0, 'Peace talks'],
      [2, 1, 'Talks resumed on Monday.'],
    ]);
  });
});

describe('metadata', () => {
  test('findFullDate', () => {
    assert.equal(findFullDate('By X January 13, 2025')?.iso, '2025-01-13');
    assert.equal(findFullDate('on Jan. 2 2024 at noon')?.iso, '2024-01-02');
    assert.equal(findFullDate('Posted 14th March, 2023')?.iso, '2023-03-14');
    assert.equal(findFullDate('2022-12-31T10:00')?.iso, '2022-12-31');
    assert.equal(findFullDate('February 30, 2024'), undefined);
    assert.equal(findFullDate('on Jan. 12'), undefined);
  });

  test('person names versus outlets', () => {
    assert.equal(looksLikePersonName('Ahmed Adel'), true);
    assert.equal(looksLikePersonName("Mary-Ann O'Neil"), true);
    assert.equal(looksLikePersonName('bne IntelliNews'), false);
    assert.equal(looksLikePersonName('Reuters'), false);
  });

  test('header bylines, datelines and footers', () => {
    const meta = extractMetadata(
      ['Breaking News', 'Bridge reopens to traffic after repairs', 'By Jane Doe and John Roe', 'Published: 4 June 2024 10:30',
        'The bridge reopened on Tuesday after a year of repairs that cost the city far more than planned.',
        '© 2024 The Harbour Herald. All rights reserved.'],
      { fileName: 'bridge.txt', isBoilerplate: (line) => boilerplateReason(line) !== undefined },
    );
    assert.deepEqual(meta, { title: 'Bridge reopens to traffic after repairs', author: 'Jane Doe and John Roe', outlet: 'The Harbour Herald', date: '2024-06-04' });
  });

  test('leaves fields undefined when the text does not state them', () => {
    const meta = extractMetadata(['By Reuters', 'A body paragraph that is long enough to be the start of the article text itself.'], { fileName: 'wire.md' });
    assert.deepEqual(meta, { title: 'wire' });
    const updated = extractMetadata(['Updated: January 3, 2024', 'Short headline of the wire story'], { fileName: 'x.txt' });
    assert.deepEqual(updated, { title: 'Short headline of the wire story' });
  });

  test('HTML meta wins over text patterns', () => {
    const meta = extractMetadata(['Planet News, March 3, 2024'], {
      fileName: 'x.html',
      html: { title: 'From meta', siteName: 'Meta Site', author: 'Ana Silva', date: '2024-03-02' },
    });
    assert.deepEqual(meta, { title: 'From meta', author: 'Ana Silva', outlet: 'Meta Site', date: '2024-03-02' });
  });
});
