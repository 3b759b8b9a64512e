import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, type SplitOptions } from '../../src/engine/text/sentences';
import type { SentenceSpan } from '../../src/engine/types';

/** Splits and checks the invariants every span must hold. */
function split(text: string, options?: SplitOptions): SentenceSpan[] {
  const spans = splitSentences(text, options);
  let last = 0;
  for (const s of spans) {
    assert.equal(text.slice(s.offset, s.offset + s.length), s.text);
    assert.ok(s.length > 0, 'empty span');
    assert.equal(s.text, s.text.trim(), `untrimmed span ${JSON.stringify(s.text)}`);
    assert.ok(s.offset >= last, 'spans out of order or overlapping');
    last = s.offset + s.length;
  }
  return spans;
}

const texts = (text: string, options?: SplitOptions) => split(text, options).map((s) => s.text);
const soft = { softWrap: true };

test('empty and whitespace-only input give no sentences', () => {
  assert.deepEqual(split(''), []);
  assert.deepEqual(split('   \t '), []);
  assert.deepEqual(split('\n\r\n \r \u00a0\n'), []);
  assert.deepEqual(split('\ufeff'), []);
  assert.deepEqual(split(' \n\n ', soft), []);
});

test('basic terminators with exact offsets', () => {
  const spans = split('One two.  Three four! Five? Six');
  assert.deepEqual(
    spans.map((s) => [s.offset, s.length, s.text]),
    [
      [0, 8, 'One two.'],
      [10, 11, 'Three four!'],
      [22, 5, 'Five?'],
      [28, 3, 'Six'],
    ],
  );
});

test('leading BOM is not part of the first sentence', () => {
  const spans = split('\ufeffFirst one. Second.');
  assert.equal(spans[0].offset, 1);
  assert.equal(spans[0].text, 'First one.');
  assert.equal(spans[1].text, 'Second.');
});

test('title abbreviations never end a sentence', () => {
  assert.deepEqual(texts('Mr. Smith met Dr. Jones and Gen. Mark Milley. Sen. Begich and Rep. Joe Barton agreed.'), [
    'Mr. Smith met Dr. Jones and Gen. Mark Milley.',
    'Sen. Begich and Rep. Joe Barton agreed.',
  ]);
  assert.deepEqual(texts('Mrs. Brown, Prof. Li and Capt. Hook vs. The World.'), ['Mrs. Brown, Prof. Li and Capt. Hook vs. The World.']);
  assert.deepEqual(texts('Fruit, e.g. Apples and i.e. Pears. Done.'), ['Fruit, e.g. Apples and i.e. Pears.', 'Done.']);
});

test('soft abbreviations end a sentence only before an obvious opener', () => {
  assert.deepEqual(texts('Apple Inc. Chief Executive Tim Cook spoke. He works at Apple Inc. The company grew.'), [
    'Apple Inc. Chief Executive Tim Cook spoke.',
    'He works at Apple Inc.',
    'The company grew.',
  ]);
  assert.deepEqual(texts('Apples, pears, etc. The rest rotted.'), ['Apples, pears, etc.', 'The rest rotted.']);
  assert.deepEqual(texts('Smith et al. Found it. Smith et al. However disagreed.'), [
    'Smith et al. Found it.',
    'Smith et al.',
    'However disagreed.',
  ]);
  assert.deepEqual(texts('He lives on Main St. Louis is far.'), ['He lives on Main St. Louis is far.']);
});

test('dates: Jan. 12 and Jan.12 never split, the final period of a date does', () => {
  assert.deepEqual(texts('It rained on Jan. 12 and Jan.12 again.'), ['It rained on Jan. 12 and Jan.12 again.']);
  assert.deepEqual(texts('The vote was on Nov. 11, 2017. Then the count began.'), [
    'The vote was on Nov. 11, 2017.',
    'Then the count began.',
  ]);
  assert.deepEqual(texts('By Sept. 3 it was over.'), ['By Sept. 3 it was over.']);
});

test('No. before a number, but "no." at the end of a sentence splits', () => {
  assert.deepEqual(texts('He wore No. 5 shirts. She said no. Then she left.'), [
    'He wore No. 5 shirts.',
    'She said no.',
    'Then she left.',
  ]);
  assert.deepEqual(texts('See p. 55 and c. 950 AD.'), ['See p. 55 and c. 950 AD.']);
});

test('dotted acronyms: U.S. before a name, U.S. at the end of a sentence', () => {
  assert.deepEqual(texts('The U.S. President said so.'), ['The U.S. President said so.']);
  assert.deepEqual(texts('They moved to the U.S. The next day was calm.'), ['They moved to the U.S.', 'The next day was calm.']);
  assert.deepEqual(texts('The U.K. Parliament sat. Talks in the U.K. However stalled.'), [
    'The U.K. Parliament sat.',
    'Talks in the U.K.',
    'However stalled.',
  ]);
  assert.deepEqual(texts('It starts at 4 p.m. Eastern time. It ends at 6 p.m. The crowd leaves.'), [
    'It starts at 4 p.m. Eastern time.',
    'It ends at 6 p.m.',
    'The crowd leaves.',
  ]);
  assert.deepEqual(texts('She has a Ph.D. She earned it.'), ['She has a Ph.D.', 'She earned it.']);
});

test('single-letter initials', () => {
  assert.deepEqual(texts('J. R. R. Tolkien wrote it. Donald J. Trump won.'), [
    'J. R. R. Tolkien wrote it.',
    'Donald J. Trump won.',
  ]);
  assert.deepEqual(texts('Brian J. A. Smith came. It has the symbol K. For daily use, C is easier.'), [
    'Brian J. A. Smith came.',
    'It has the symbol K.',
    'For daily use, C is easier.',
  ]);
});

test('decimals, versions, URLs, emails and file names are not boundaries', () => {
  assert.deepEqual(texts('Growth was 3.5 percent, or 1.000 units, in v2.1 of the $1.5 plan.'), [
    'Growth was 3.5 percent, or 1.000 units, in v2.1 of the $1.5 plan.',
  ]);
  assert.deepEqual(texts('Mail john.doe@example.com or open draft.md at https://example.com/a.b?c=1. Then wait.'), [
    'Mail john.doe@example.com or open draft.md at https://example.com/a.b?c=1.',
    'Then wait.',
  ]);
  assert.deepEqual(texts('Visit example.com. It is free.'), ['Visit example.com.', 'It is free.']);
  assert.deepEqual(texts('It rose in 2017. Prices fell.'), ['It rose in 2017.', 'Prices fell.']);
});

test('closing quotes and brackets belong to the sentence they end', () => {
  assert.deepEqual(texts('He said, “No.” Then he left.'), ['He said, “No.”', 'Then he left.']);
  assert.deepEqual(texts('He said, "No." Then he left.'), ['He said, "No."', 'Then he left.']);
  assert.deepEqual(texts("She said 'yes.' They cheered."), ["She said 'yes.'", 'They cheered.']);
  assert.deepEqual(texts('(See the table.) Next comes [the end.] Fin.'), ['(See the table.)', 'Next comes [the end.]', 'Fin.']);
  assert.deepEqual(texts('Il a dit « Non. » Puis il est parti.'), ['Il a dit « Non. »', 'Puis il est parti.']);
});

test('a quotation ending with a comma is one sentence with its attribution', () => {
  assert.deepEqual(texts('“The preparations are underway,” Waltz said.'), ['“The preparations are underway,” Waltz said.']);
  const t = '“We haven’t set it yet,” Waltz said. “We’re working on that.”';
  const spans = split(t);
  assert.deepEqual(
    spans.map((s) => [s.offset, s.text]),
    [
      [0, '“We haven’t set it yet,” Waltz said.'],
      [37, '“We’re working on that.”'],
    ],
  );
  assert.deepEqual(texts('“Is it ready?” Waltz asked. “Not yet!” Senate Majority Leader Chuck Schumer said.'), [
    '“Is it ready?” Waltz asked.',
    '“Not yet!” Senate Majority Leader Chuck Schumer said.',
  ]);
  assert.deepEqual(texts('“Is it ready?” he asked.'), ['“Is it ready?” he asked.']);
  // Without a speech verb the question stands alone.
  assert.deepEqual(texts('“Is it ready?” The answer was no.'), ['“Is it ready?”', 'The answer was no.']);
});

test('ellipsis and terminator runs', () => {
  assert.deepEqual(texts('Wait… what happened? I think… Maybe not.'), ['Wait… what happened?', 'I think…', 'Maybe not.']);
  assert.deepEqual(texts('So... it goes. Well... The end.'), ['So... it goes.', 'Well...', 'The end.']);
  assert.deepEqual(texts('Really?! Yes!! No?'), ['Really?!', 'Yes!!', 'No?']);
  assert.deepEqual(texts('What?! no way.'), ['What?! no way.']);
});

test('lowercase or punctuation after a period does not start a sentence', () => {
  assert.deepEqual(texts('It cost approx. ten dollars. ok. - fine'), ['It cost approx. ten dollars. ok. - fine']);
});

test('source mode: every line break ends a sentence, headlines stand alone', () => {
  const t = 'Storm hits coast\nThe storm arrived on Monday. Damage was light\n\nOfficials said more';
  assert.deepEqual(texts(t), ['Storm hits coast', 'The storm arrived on Monday.', 'Damage was light', 'Officials said more']);
  assert.deepEqual(texts('Gen.\nMilley spoke'), ['Gen.', 'Milley spoke']);
});

test('soft wrap joins lines of a paragraph but not across blank lines', () => {
  const t = 'The storm arrived on\nMonday and damage was\nlight. Officials said\nmore.\n\nNew para\n  \t\nthird';
  const spans = split(t, soft);
  assert.deepEqual(
    spans.map((s) => s.text),
    ['The storm arrived on\nMonday and damage was\nlight.', 'Officials said\nmore.', 'New para', 'third'],
  );
  assert.equal(spans[2].offset, t.indexOf('New para'));
  assert.deepEqual(texts('Talk to Dr.\nSmith today.', soft), ['Talk to Dr.\nSmith today.']);
});

test('soft wrap: list items, headings, quotes and table rows are their own statements', () => {
  const t = [
    '# Storm hits coast',
    'Officials said the damage',
    'was light',
    '- first item',
    '* second item',
    '+ third item',
    '1. numbered',
    '2) numbered again',
    '> quoted',
    '| a | b |',
    '• bullet',
  ].join('\n');
  assert.deepEqual(texts(t, soft), [
    '# Storm hits coast',
    'Officials said the damage\nwas light',
    '- first item',
    '* second item',
    '+ third item',
    '1. numbered',
    '2) numbered again',
    '> quoted',
    '| a | b |',
    '• bullet',
  ]);
});

test('soft wrap: a wrapped line starting with a year is not a list item', () => {
  assert.deepEqual(texts('They moved there in\n2020. The house was old. It had\n-5 degrees and #hashtags\n*stars*.', soft), [
    'They moved there in\n2020.',
    'The house was old.',
    'It had\n-5 degrees and #hashtags\n*stars*.',
  ]);
});

test('CRLF, lone CR and mixed line endings', () => {
  const t = 'First line\r\nSecond line\rThird line\nFourth.';
  const spans = split(t);
  assert.deepEqual(
    spans.map((s) => [s.offset, s.text]),
    [
      [0, 'First line'],
      [12, 'Second line'],
      [24, 'Third line'],
      [35, 'Fourth.'],
    ],
  );
  const w = 'Wrapped\r\nparagraph.\r\n\r\n- item\r\n- item two\rlast';
  assert.deepEqual(texts(w, soft), ['Wrapped\r\nparagraph.', '- item', '- item two\rlast']);
});

test('emoji, combining marks and right-to-left text keep exact UTF-16 offsets', () => {
  const t = 'I love 🍕. Next 😀 one! Café\u0301 opens. Great! 😀 Fun.';
  const spans = split(t);
  assert.deepEqual(
    spans.map((s) => [s.offset, s.length, s.text]),
    [
      [0, 10, 'I love 🍕.'],
      [11, 12, 'Next 😀 one!'],
      [24, 12, 'Café\u0301 opens.'],
      [37, 6, 'Great!'],
      [44, 7, '😀 Fun.'],
    ],
  );
  assert.deepEqual(texts('Wow.😀 Next'), ['Wow.😀 Next']);

  const ar = 'مرحبا بالعالم. هذا اختبار.';
  const arSpans = split(ar);
  assert.deepEqual(
    arSpans.map((s) => [s.offset, s.length]),
    [
      [0, 14],
      [15, 11],
    ],
  );
  const he = 'שלום עולם. זה מבחן? כן';
  assert.deepEqual(texts(he), ['שלום עולם.', 'זה מבחן?', 'כן']);
  const mixed = 'The sign read “שלום.” Then it fell.';
  assert.deepEqual(texts(mixed), ['The sign read “שלום.”', 'Then it fell.']);
});

test('never cuts a surrogate pair (randomised)', () => {
  const pieces = ['😀', '🇺🇸', 'a', 'B', '.', '!', '?', ' ', '\n', '“', '”', '…', 'é', 'ש', '\r\n', '\u0301'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let r = 0; r < 300; r++) {
    let t = '';
    for (let k = 0; k < 60; k++) t += pieces[Math.floor(rnd() * pieces.length)];
    for (const options of [undefined, soft]) {
      for (const s of split(t, options)) {
        const first = t.charCodeAt(s.offset);
        const last = t.charCodeAt(s.offset + s.length - 1);
        assert.ok(!(first >= 0xdc00 && first <= 0xdfff), 'span starts inside a pair');
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'span ends inside a pair');
      }
    }
  }
});

test('line flags from a caller replace the built-in guesses', () => {
  const t = 'heading text\nparagraph one\ncontinues\nitem';
  // line 0 ends its statement, line 3 starts one, lines 1-2 join
  const flags = Uint8Array.from([2, 0, 0, 1]);
  assert.deepEqual(texts(t, { softWrap: true, lineFlags: flags }), ['heading text', 'paragraph one\ncontinues', 'item']);
});

test('stays linear on long and pathological input', () => {
  const para = 'The U.S. economy grew 3.5 percent in Jan. 2020, Mr. Smith said. “It is fine,” he added! ';
  const big = para.repeat(Math.ceil(1_000_000 / para.length));
  const t0 = performance.now();
  const spans = splitSentences(big);
  const ms = performance.now() - t0;
  assert.equal(spans.length, (big.length / para.length) * 2);
  assert.ok(ms < 1000, `1 MB took ${ms} ms`);
  for (const bad of ['.'.repeat(200_000), ' '.repeat(200_000) + 'x', 'a. '.repeat(100_000), '\n'.repeat(200_000)]) {
    const t1 = performance.now();
    splitSentences(bad, soft);
    assert.ok(performance.now() - t1 < 1000);
  }
});

test('a headline line on top of a paragraph is its own statement; a wrapped line of prose is not', () => {
  const text = 'Minister to visit Kyiv next week\nThe visit was announced on Monday.\n\nThe talks would take place in\nGeneva, officials said, and the minister\nwould attend.';
  assert.deepEqual(splitSentences(text, { softWrap: true }).map((s) => s.text), [
    'Minister to visit Kyiv next week',
    'The visit was announced on Monday.',
    'The talks would take place in\nGeneva, officials said, and the minister\nwould attend.',
  ]);
});
