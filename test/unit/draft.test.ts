import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskMarkdown, parseDraft, type DraftStatement } from '../../src/engine/draft';

/** Masks and checks that length and every line break survive. */
function mask(text: string): string {
  const m = maskMarkdown(text);
  assert.equal(m.length, text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') assert.equal(m[i], c, `line break lost at ${i}`);
    else assert.ok(m[i] === c || m[i] === ' ', `char ${i} changed to something but a space`);
  }
  return m;
}

/** Parses and checks the invariants every statement must hold. */
function parse(text: string, format: 'markdown' | 'plaintext' = 'markdown'): DraftStatement[] {
  const statements = parseDraft(text, format);
  for (const s of statements) {
    assert.equal(text.slice(s.offset, s.offset + s.length), s.text);
    assert.equal(s.masked.length, s.length);
    assert.match(s.masked, /[\p{L}\p{N}]/u);
    assert.equal(s.masked, s.masked.trim());
    const line = text.slice(0, s.offset).split(/\r\n|\r|\n/).length - 1;
    assert.equal(s.line, line);
  }
  return statements;
}

const texts = (text: string, format?: 'markdown' | 'plaintext') => parse(text, format).map((s) => s.text);

test('front matter is blanked, a later --- is a rule', () => {
  assert.equal(mask('---\ntitle: "A"\ndate: 2024\n---\nBody.'), '   \n          \n          \n   \nBody.');
  assert.equal(mask('+++\ntitle = "A"\n+++\nBody.'), '   \n           \n   \nBody.');
  assert.equal(mask('Intro.\n\n---\n\nAfter rule.'), 'Intro.\n\n   \n\nAfter rule.');
  assert.equal(mask('---\nnot closed\nBody.'), '   \nnot closed\nBody.');
  assert.deepEqual(texts('---\ntitle: The U.S. said so.\n---\n# Heading\nBody.'), ['Heading', 'Body.']);
});

test('fenced code blocks (any fence length, info strings, unclosed) are blanked', () => {
  assert.equal(mask('Text.\n\n```js title="x"\nconst a = 1;\n```\nAfter.'), 'Text.\n\n               \n            \n   \nAfter.');
  assert.equal(mask('Text.\n\n~~~~\n```\ncode\n~~~~\nAfter.'), 'Text.\n\n    \n   \n    \n    \nAfter.');
  assert.equal(mask('Text.\n\n```\nunclosed\nstill code'), 'Text.\n\n   \n        \n          ');
});

test('indented code after a blank line, but not list continuations or lazy lines', () => {
  assert.equal(mask('Para.\n\n    indented code\n    more\n\nAfter.'), 'Para.\n\n                 \n        \n\nAfter.');
  assert.equal(mask('- item\n\n    continued para\n'), '  item\n\n    continued para\n');
  assert.equal(mask('Para line\n    not code (lazy)'), 'Para line\n    not code (lazy)');
});

test('inline code spans, also across a line break; a lone backtick stays', () => {
  assert.equal(mask('Use `npm test` and ``a ` b`` now.'), 'Use            and           now.');
  assert.equal(mask('A `code span\nacross lines` here.'), 'A           \n              here.');
  assert.equal(mask('Odd `tick here.\n\nNext `para`.'), 'Odd `tick here.\n\nNext       .');
});

test('HTML comments (also multi-line) and tags; inner text stays', () => {
  assert.equal(mask('Say <!-- hidden --> hi.'), 'Say                 hi.');
  assert.equal(mask('Start <!-- multi\n\nline --> end.'), 'Start           \n\n         end.');
  assert.equal(
    mask('A <b>bold</b> and <a href="x.html" title=\'t\'>link</a> and <br/> and 3 < 4 > 2.'),
    'A    bold     and                            link     and       and 3 < 4 > 2.',
  );
});

test('links keep their label, images and targets go', () => {
  assert.equal(mask('See [the report](https://ex.com/a_(b) "Title") now.'), 'See  the report                                now.');
  assert.equal(
    mask('See [ref link][id] and [collapsed][] and [shortcut] and [sic].'),
    'See  ref link      and  collapsed    and [shortcut] and [sic].',
  );
  assert.equal(mask('An ![alt text](img.png "t") image and ![ref img][x].'), 'An                          image and              .');
  assert.equal(mask('[id]: https://example.com "Title"\n[other]: <https://x.y>\nBody.'), '                                 \n                      \nBody.');
  assert.equal(mask('Auto <https://ex.com/x> and <me@ex.com> here.'), 'Auto                    and             here.');
});

test('bare URLs are blanked but keep the punctuation after them', () => {
  assert.equal(
    mask('Bare https://ex.com/path?q=1. And www.ex.org, and (http://a.b/c).'),
    'Bare                        . And           , and (            ).',
  );
  assert.deepEqual(texts('Read https://ex.com/a.b. The data is old.'), ['Read https://ex.com/a.b.', 'The data is old.']);
});

test('footnote references and whole footnote definitions', () => {
  assert.equal(mask('Fact[^1] and more[^note].\n\n[^1]: The source.'), 'Fact     and more       .\n\n                 ');
});

test('footnote definitions and link reference definitions are never statements', () => {
  const draft = [
    'The pier reopened on Monday.[^1] Ferries leave at noon.[^long]',
    '',
    '[^1]: Varna harbour reopens, Black Sea Courier, 2025-03-03 ([corpus/harbour.md, line 5](corpus/harbour.md#L5))',
    '[^long]: The timetable says the ferry leaves at noon.',
    '    It adds that the ferry carries 200 passengers.',
    'A lazy line of the same note says 300 passengers.',
    '',
    '    An indented paragraph of the note says 400.',
    '',
    '[timetable]: https://example.org/timetable "Burgas ferry timetable"',
    '[port]: https://example.org/port',
    '  "Port authority notices"',
    '',
    'The harbour has 12 berths.',
  ].join('\n');
  assert.deepEqual(texts(draft), ['The pier reopened on Monday.', 'Ferries leave at noon.', 'The harbour has 12 berths.']);
  // A blank line and an unindented line end the note: what follows is prose again.
  assert.deepEqual(texts('[^1]: A note.\n\nThe harbour has 12 berths.\n- A list item with 3 ferries.'), ['The harbour has 12 berths.', 'A list item with 3 ferries.']);
  assert.deepEqual(texts('[^1]: A note.\n# A heading of 5 words'), ['A heading of 5 words']);
  // The references stay in the sentences they annotate, masked, and split nothing.
  const [pier, ferry] = parse('The north pier[^1] reopened on Monday,[^2] after repairs.[^3] The ferry leaves at noon.\n\n[^1]: Notice.\n[^2]: Log.\n[^3]: Report.\n');
  assert.equal(pier!.text, 'The north pier[^1] reopened on Monday,[^2] after repairs.');
  assert.equal(pier!.masked, 'The north pier     reopened on Monday,     after repairs.');
  assert.equal(ferry!.text, 'The ferry leaves at noon.');
});

test('the citation the cite fix writes into plain text is no statement', () => {
  assert.deepEqual(texts('The pier reopened on Monday. (source: Harbour report (final), Courier, 2025-03-03, corpus/harbour.md, line 5) It cost 3 million.', 'plaintext'), [
    'The pier reopened on Monday.',
    'It cost 3 million.',
  ]);
  // Only that note: a writer's own parenthesis stays prose.
  assert.deepEqual(texts('The pier (the source of delays) reopened.', 'plaintext'), ['The pier (the source of delays) reopened.']);
});

test('headings, list markers, task boxes and blockquotes', () => {
  assert.equal(
    mask('# Title #\n## Sub\n###### Six\n####### seven\n#hashtag'),
    '  Title  \n   Sub\n       Six\n####### seven\n#hashtag',
  );
  assert.equal(mask('- a\n* b\n+ c\n1. d\n2) e\n- [ ] task\n- [x] done'), '  a\n  b\n  c\n   d\n   e\n      task\n      done');
  assert.equal(mask('> quote\n> > nested\n>no space'), '  quote\n    nested\n no space');
  assert.equal(mask('Heading\n=======\nSub\n---\nText.'), 'Heading\n       \nSub\n   \nText.');
  assert.equal(mask('* * *\n***\n___'), '     \n   \n   ');
});

test('emphasis markers, but not snake_case, multiplication or a lone tilde', () => {
  assert.equal(mask('*em* **strong** _em_ __strong__ ~~del~~ ***both***'), ' em    strong    em    strong     del      both   ');
  assert.equal(
    mask('snake_case_name and 2*3 and 2 * 3 and a * b and ~5 and __init__'),
    'snake_case_name and 2*3 and 2 * 3 and a * b and ~5 and   init  ',
  );
});

test('escapes keep the escaped character', () => {
  assert.equal(
    mask('Escapes \\*not em\\* and \\_x\\_ and \\# and \\[x\\](y) and a\\\nb'),
    'Escapes  *not em * and  _x _ and  # and  [x ](y) and a \nb',
  );
});

test('tables: pipes and delimiter rows go, each row is a statement', () => {
  assert.equal(
    mask('| Name | Value |\n|------|:-----:|\n| A | 1 |\n\nx | y\n--|--\n1 | 2'),
    '  Name   Value  \n                \n  A   1  \n\nx   y\n     \n1   2',
  );
  const s = parse('| Name | Value |\n|------|:-----:|\n| Oslo | 709,000 |\n| Bergen | 285,000 |');
  assert.deepEqual(
    s.map((x) => [x.line, x.text, x.masked]),
    [
      [0, 'Name | Value', 'Name   Value'],
      [2, 'Oslo | 709,000', 'Oslo   709,000'],
      [3, 'Bergen | 285,000', 'Bergen   285,000'],
    ],
  );
});

test('statements: original text, masked text, offsets and lines', () => {
  const t = '# Storm *hits* coast\n\nThe storm arrived on\n[Monday](https://x.y) and damage was light. Officials\nsaid more.\n\n- Power is out\n- Roads are closed\n';
  const s = parse(t);
  assert.deepEqual(
    s.map((x) => [x.offset, x.line, x.text]),
    [
      [2, 0, 'Storm *hits* coast'],
      [22, 2, 'The storm arrived on\n[Monday](https://x.y) and damage was light.'],
      [87, 3, 'Officials\nsaid more.'],
      [111, 6, 'Power is out'],
      [126, 7, 'Roads are closed'],
    ],
  );
  assert.equal(s[0].masked, 'Storm  hits  coast');
  // `](https://x.y)` (14 chars) plus the space after it
  assert.equal(s[1].masked, 'The storm arrived on\n Monday' + ' '.repeat(15) + 'and damage was light.');
  assert.ok(s.every((x) => !x.ignored));
});

test('headings end a statement even when the next line is plain text', () => {
  assert.deepEqual(texts('## Breaking\nThe storm hit.\nSetext heading\n==============\nBody text'), [
    'Breaking',
    'The storm hit.',
    'Setext heading',
    'Body text',
  ]);
});

test('blockquotes: a wrapped quote is one statement, a new quote starts one', () => {
  assert.deepEqual(texts('He wrote\n> The storm was\n> worse than feared\nafter all.'), [
    'He wrote',
    'The storm was\n> worse than feared',
    'after all.',
  ]);
});

test('lines without letters or digits are dropped', () => {
  assert.deepEqual(texts('| a | b |\n|---|---|\n\n<!-- just a comment -->\n\n```\ncode\n```\n\n---\n\n* * *\n\n![img](x.png)\n'), ['a | b']);
});

test('empty, whitespace-only and BOM input', () => {
  assert.deepEqual(parse(''), []);
  assert.deepEqual(parse(' \n\t\n  '), []);
  assert.deepEqual(parse('', 'plaintext'), []);
  const s = parse('\ufeff# Title\r\nText *em* here.\r\n');
  assert.deepEqual(
    s.map((x) => [x.offset, x.line, x.text]),
    [
      [3, 0, 'Title'],
      [10, 1, 'Text *em* here.'],
    ],
  );
});

test('CRLF and lone CR drafts keep lines and offsets', () => {
  const t = '- one\r\n- two\r\rWrapped\r\nline. Next\rline.';
  assert.deepEqual(
    parse(t).map((x) => [x.offset, x.line, x.text]),
    [
      [2, 0, 'one'],
      [9, 1, 'two'],
      [14, 3, 'Wrapped\r\nline.'],
      [29, 4, 'Next\rline.'],
    ],
  );
});

test('non-Latin text and emoji keep exact UTF-16 offsets', () => {
  const t = '# עדכון 😀\n\nהסערה הגיעה. **هذا** اختبار. Done 🎉.';
  const s = parse(t);
  assert.deepEqual(
    s.map((x) => [x.offset, x.length, x.text]),
    [
      [2, 8, 'עדכון 😀'],
      [12, 12, 'הסערה הגיעה.'],
      // Offsets come from the masked text, so leading markup is outside the statement.
      [27, 13, 'هذا** اختبار.'],
      [41, 8, 'Done 🎉.'],
    ],
  );
});

test('plaintext: nothing is masked but soft wrap still applies', () => {
  const t = 'Storm *hits* coast\nto the north.\n- list item\n# heading\n\n[Link](x) stays.';
  const s = parse(t, 'plaintext');
  assert.deepEqual(
    s.map((x) => x.text),
    ['Storm *hits* coast\nto the north.', '- list item', '# heading', '[Link](x) stays.'],
  );
  assert.ok(s.every((x) => x.masked === x.text));
});

test('ignore comment after a statement silences that statement only', () => {
  const t = 'First statement. <!-- corroborate-ignore -->\nSecond statement.\n<!-- corroborate-ignore -->\nThird statement.\n\nFourth.';
  assert.deepEqual(
    parse(t).map((x) => [x.text, x.ignored]),
    [
      ['First statement.', true],
      ['Second statement.', false],
      ['Third statement.', true],
      ['Fourth.', false],
    ],
  );
});

test('ignore comments are case-insensitive, tolerate spaces and work on list items', () => {
  const t = '- Item one <!-- CORROBORATE-IGNORE -->\n- Item two\n<!--   corroborate-ignore   -->\n- Item three\n- Item four <!--corroborate-ignore: sourced elsewhere-->';
  assert.deepEqual(
    parse(t).map((x) => [x.text, x.ignored]),
    [
      ['Item one', true],
      ['Item two', false],
      ['Item three', true],
      ['Item four', true],
    ],
  );
  assert.deepEqual(
    parse('One. <!-- corroborate-ignored --> Two. <!-- corroborate ignore -->').map((x) => x.ignored),
    [false, false],
  );
});

test('a comment never splits a statement, and an ignore inside one silences it', () => {
  const t = 'The sky is <!-- note --> blue. The grass is\n<!-- corroborate-ignore -->\ngreen.';
  assert.deepEqual(
    parse(t).map((x) => [x.text, x.masked, x.ignored]),
    [
      ['The sky is <!-- note --> blue.', 'The sky is' + ' '.repeat(15) + 'blue.', false],
      ['The grass is\n<!-- corroborate-ignore -->\ngreen.', 'The grass is\n                           \ngreen.', true],
    ],
  );
});

test('disable/enable regions, and a disable without enable runs to the end', () => {
  const t = 'One.\n\n<!-- corroborate-disable -->\nTwo.\n\nThree.\n<!-- corroborate-enable -->\nFour. <!-- Corroborate-Disable --> Five.\n\nSix.';
  assert.deepEqual(
    parse(t).map((x) => [x.text, x.ignored]),
    [
      ['One.', false],
      ['Two.', true],
      ['Three.', true],
      ['Four.', false],
      ['Five.', true],
      ['Six.', true],
    ],
  );
});

test('directives inside code are not directives', () => {
  const t = 'Code:\n\n```\n<!-- corroborate-disable -->\n```\nAfter code.\n\nUse `<!-- corroborate-disable -->` here. Still checked.';
  assert.deepEqual(
    parse(t).map((x) => [x.text, x.ignored]),
    [
      ['Code:', false],
      ['After code.', false],
      ['Use `<!-- corroborate-disable -->` here.', false],
      ['Still checked.', false],
    ],
  );
});

test('plaintext honours ignore comments without gluing statements together', () => {
  const t = 'Plain statement. <!-- corroborate-ignore -->\nNext one\nwraps here.\n<!-- corroborate-disable -->\nHidden.';
  const s = parse(t, 'plaintext');
  assert.deepEqual(
    s.map((x) => [x.text, x.ignored]),
    [
      ['Plain statement.', true],
      ['Next one\nwraps here.', false],
      ['Hidden.', true],
    ],
  );
});

test('random markdown keeps every invariant (fuzz)', () => {
  const pieces = [
    '# ', '- ', '1. ', '> ', '|', '`', '```', '~~~', '*', '_', '~~', '[', ']', '(', ')', '![',
    '<!-- ', ' -->', '<b>', '</b>', 'http://x.y/z', '\\', '---', '    ', '\n', '\r\n', '\r', ' ',
    'Word', 'The U.S.', '. ', '? ', '😀', 'שלום', '[^1]', ':', '\ufeff',
    '<!-- corroborate-ignore -->', '<!-- corroborate-disable -->', '<!-- corroborate-enable -->',
  ];
  let seed = 99;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let r = 0; r < 400; r++) {
    let t = '';
    for (let k = 0; k < 50; k++) t += pieces[Math.floor(rnd() * pieces.length)];
    mask(t);
    for (const format of ['markdown', 'plaintext'] as const) {
      let end = 0;
      for (const s of parse(t, format)) {
        assert.ok(s.offset >= end, 'statements overlap');
        end = s.offset + s.length;
        const first = t.charCodeAt(s.offset);
        assert.ok(!(first >= 0xdc00 && first <= 0xdfff), 'statement starts inside a surrogate pair');
      }
    }
  }
});

test('a 5 MB draft parses in well under a second or two', () => {
  const block =
    '# Heading *one*\n\nThe U.S. economy grew 3.5 percent in Jan. 2020, [Mr. Smith](https://ex.com/a_b) said. `code` and\n' +
    'a wrapped line with **bold** text. <!-- note -->\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n';
  const big = block.repeat(Math.ceil(5_000_000 / block.length));
  const t0 = performance.now();
  const s = parseDraft(big, 'markdown');
  const ms = performance.now() - t0;
  // heading, the (code-joined) paragraph, two items, two table rows
  assert.equal(s.length, (big.length / block.length) * 6);
  assert.ok(ms < 2500, `5 MB took ${ms} ms`);
  const bad = ['`', '[', '<a "', '*', '_', '<!-- ', '![', '](', 'http://'].map((x) => (x + 'x ').repeat(100_000)).join('\n');
  const t1 = performance.now();
  parseDraft(bad, 'markdown');
  assert.ok(performance.now() - t1 < 2500);
});
