import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../src/engine/facts/analysis';
import { conflictingDates, sameDate } from '../../src/engine/facts/dates';
import { sameQuantity } from '../../src/engine/facts/numbers';
import { foldDiacritics, tokenize } from '../../src/engine/text/tokenize';
import { extractRoles } from '../../src/engine/facts/roles';

const names = (s: string) => analyze(s, () => true).names.map((n) => n.raw);

describe('tokenize', () => {
  test('keeps exact offsets and folds diacritics', () => {
    const text = 'Vučić met Zelenskiy in Kyiv.';
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.raw);
    assert.equal(foldDiacritics('Vučić'), 'vucic');
    assert.equal(foldDiacritics('São Paulo'), 'sao paulo');
  });
  test('drops possessive s, reads n\'t as not, keeps acronyms as names', () => {
    const toks = tokenize("Trump's team didn't brief the U.S. envoy");
    assert.deepEqual(toks.map((t) => t.norm), ['trump', 'team', 'not', 'brief', 'the', 'us', 'envoy']);
    assert.equal(toks.find((t) => t.norm === 'us')!.stop, false);
  });
  test('one term for inflections, spellings and synonyms', () => {
    const term = (w: string) => tokenize(w)[0].term;
    assert.equal(term('criticised'), term('criticized'));
    assert.equal(term('Zelensky'), term('Zelenskiy'));
    assert.equal(term('met'), term('meeting'));
    assert.equal(term('postponing'), term('delaying'));
    assert.notEqual(term('welcomed'), term('criticised'));
  });
});

describe('numbers', () => {
  const nums = (s: string) => analyze(s).numbers.map((n) => ({ value: n.value, unit: n.unit, base: n.base, approx: n.approx, raw: n.raw }));
  test('digits, separators, percentages and currency', () => {
    const found = nums('In the vote, 96% backed it; 1,500 troops and $60 billion followed, plus 3.5 percent.');
    assert.deepEqual(found.map((n) => [n.value, n.unit]), [[96, 'percent'], [1500, 'armi'], [60e9, 'usd'], [3.5, 'percent']]);
    assert.equal(found[2].raw, '$60 billion');
  });
  test('a share written as a fraction is a percentage; any currency sign is money', () => {
    const found = nums('Less than half of the staff and two-thirds of the board agreed; a quarter of voters stayed home.');
    assert.deepEqual(found.map((n) => [n.raw, Math.round(n.value), n.unit]), [['half', 50, 'percent'], ['two-thirds', 67, 'percent'], ['a quarter', 25, 'percent']]);
    assert.deepEqual(nums('They gave ₩500 million.').map((n) => n.unit), ['currency ₩']);
  });
  test('number words and durations normalise to one base', () => {
    const [decades] = nums('delayed by two decades');
    const [years] = nums('delayed by 20 years');
    assert.equal(decades.value, 2);
    assert.equal(decades.base, years.base);
    const a = analyze('delayed by two decades').numbers[0];
    const b = analyze('delayed by 20 years').numbers[0];
    assert.ok(sameQuantity(a, b));
    assert.ok(!sameQuantity(a, analyze('delayed by 15 years').numbers[0]));
  });
  test('a whole number under 10,000 is exact; larger and converted figures keep a little slack', () => {
    const first = (s: string) => analyze(s).numbers[0];
    assert.ok(!sameQuantity(first('the 2018 census'), first('the 2016 census')));
    assert.ok(!sameQuantity(first('sold 1,507 tickets'), first('sold 1,511 tickets')));
    assert.ok(sameQuantity(first('sold 251,207 tickets'), first('sold 251,300 tickets')));
  });
  test('compound words, hyphenated units and hedges', () => {
    assert.equal(nums('twenty five cases')[0].value, 25);
    const [h] = nums('the 24-hour promise');
    assert.deepEqual([h.value, h.unit, h.raw], [24, 'time', '24-hour']);
    const [almost] = nums('in almost three years');
    assert.equal(almost.approx, true);
    assert.ok(sameQuantity(analyze('in almost three years').numbers[0], analyze('in 3 years').numbers[0]));
  });
  test('years and days of dates are not read as numbers', () => {
    assert.deepEqual(nums('On Jan. 12, 2025, talks began.'), []);
  });
});

describe('what a figure measures', () => {
  test('a measure named before the figure makes figures comparable whatever word follows them', async () => {
    const { comparableQuantities, sameQuantity, disjointQuantities } = await import('../../src/engine/facts/numbers');
    const n = (s: string) => analyze(s).numbers[0];
    const claimed = n('A magnitude 7.6 earthquake struck the harbour town.');
    const stated = n('A powerful earthquake with an estimated magnitude of 7.6 hit the harbour town.');
    assert.ok(comparableQuantities(claimed, stated) && sameQuantity(claimed, stated));
    const other = n('A 7.5 magnitude earthquake hit the harbour town.');
    assert.ok(comparableQuantities(other, stated) && disjointQuantities(other, stated));
    // Two different measures are not compared: a depth is no magnitude.
    assert.ok(!comparableQuantities(n('It struck at a depth of 7.6 kilometers.'), stated));
  });
});

describe('dates', () => {
  const dates = (s: string) => analyze(s).dates.map((d) => ({ year: d.year, month: d.month, day: d.day, weekday: d.weekday, raw: d.raw }));
  test('Jan. 12 = January 12 = 12 January', () => {
    const forms = ['on Jan. 12', 'on January 12', 'on 12 January', 'on Jan.12'].map((s) => analyze(s).dates[0]);
    for (const d of forms) assert.deepEqual([d.month, d.day, d.year], [1, 12, undefined]);
    assert.ok(sameDate(forms[0], forms[2]));
  });
  test('month and year, full dates, weekdays, bare years', () => {
    assert.deepEqual(dates('held in March 2014')[0], { year: 2014, month: 3, day: undefined, weekday: undefined, raw: 'March 2014' });
    assert.deepEqual(dates('in Danang on Nov. 11, 2017.')[0].day, 11);
    assert.equal(dates('expelled on Monday')[0].weekday, 1);
    assert.equal(dates('the 2024 presidential campaign')[0].year, 2024);
    assert.deepEqual(dates('1500 troops arrived'), []);
  });
  test('"end of August" keeps the month, not an invented day', () => {
    const [d] = dates('before the end of August');
    assert.equal(d.month, 8);
    assert.equal(d.day, undefined);
  });
  test('relative phrases are not dates', () => {
    assert.deepEqual(dates('within a few days of taking office'), []);
  });
  test('conflicts need a shared component that differs', () => {
    const d = (s: string) => analyze(s).dates[0];
    assert.ok(conflictingDates(d('in March 2016'), d('in March 2014')));
    assert.ok(conflictingDates(d('on Jan. 11'), d('on January 12')));
    assert.ok(!conflictingDates(d('in 2014'), d('in March 2014')));
    assert.ok(!conflictingDates(d('on Jan. 12'), d('in 2017')));
    // A month of one year and another whole year share no day.
    assert.ok(conflictingDates(d('in March 2016'), d('in 2014')));
    assert.ok(!sameDate(d('in March 2014'), d('in 2014')));
    assert.ok(sameDate(d('in 2014'), d('in March 2014')));
  });
});

describe('names and quotes', () => {
  test('titles and roles are split from the names they introduce', () => {
    assert.deepEqual(names('Serbian President Aleksandar Vučić spoke.'), ['Serbian', 'Aleksandar Vučić']);
    assert.deepEqual(names('then-UK Prime Minister Boris Johnson denied it'), ['UK', 'Boris Johnson']);
  });
  test('name types', () => {
    const a = analyze('She works at the Kyiv Independent with Boris Johnson in Danang.', () => true);
    assert.deepEqual(a.names.map((n) => [n.raw, n.type]), [['Kyiv Independent', 'org'], ['Boris Johnson', 'person'], ['Danang', 'place']]);
  });
  test('a capitalised first word is a name only when known as one', () => {
    assert.deepEqual(analyze('Time will tell.').names, []);
    assert.deepEqual(analyze('Time will tell.', (n) => (n === 'time' ? true : undefined)).names.map((n) => n.raw), ['Time']);
  });
  test('a name right after a place and its comma is the larger place', () => {
    const names = analyze('The harbour bridge in Porto, Portugal, opened in 1966.').names.map((n) => `${n.raw}:${n.type}`);
    assert.deepEqual(names, ['Porto:place', 'Portugal:place']);
    assert.deepEqual(analyze('They met in Porto, Ana Ruiz said.').names.map((n) => `${n.raw}:${n.type}`), ['Porto:place', 'Ana Ruiz:person']);
  });
  test('straight and curly quotations, apostrophes are not quotes', () => {
    const q = analyze('Waltz said, “We need to see those manpower issues addressed.” It’s "extremely suitable" for Trump’s team.').quotes;
    assert.deepEqual(q.map((x) => x.raw), ['We need to see those manpower issues addressed.', 'extremely suitable']);
  });
  test('a sentence that ends or opens a quotation running over several sentences: its quoted side, when a verb of saying shows whose', () => {
    assert.deepEqual(analyze('This will be the first step, and we will move on," Ana Ruiz said.').quotes.map((x) => x.raw), ['This will be the first step, and we will move on,']);
    assert.deepEqual(analyze('Ana Ruiz said: “We will rebuild the harbour wall.').quotes.map((x) => x.raw), ['We will rebuild the harbour wall.']);
    // A stray mark with no one said to speak is as often an editing slip as a quotation.
    assert.deepEqual(analyze('Carbon is a trace gas in the harbour air.”').quotes, []);
  });
  test('negation marks the words it scopes', () => {
    const a = analyze('Trump urged him not to escalate the war, reminding him of the risk.');
    const negated = [...a.negated].map((i) => a.tokens[i].norm);
    assert.deepEqual(negated, ['escalate', 'war']);
  });
});

describe('roles', () => {
  const roles = (s: string) => extractRoles(analyze(s, () => true)).map((r) => [r.person, r.raw, r.form]);
  test('titles before a name, appositions on either side, copulas', () => {
    assert.deepEqual(roles('Serbian President Aleksandar Vučić said it.'), [['vucic', 'Serbian President', 'title']]);
    assert.deepEqual(roles('In turn, Dmitry Peskov, the Russian president’s spokesman, said so.'), [['peskov', 'Russian president’s spokesman', 'apposition']]);
    assert.deepEqual(roles('His choice for special peace envoy, Keith Kellogg, revised it.'), [['kellogg', 'special peace envoy', 'apposition']]);
    assert.deepEqual(roles('Kateryna Hodunova is a News Editor at the Kyiv Independent.'), [['hodunova', 'News Editor', 'copula']]);
  });
  test('a relative clause is not a role', () => {
    assert.deepEqual(roles('It was Rustem Umerov, who led the delegation, who spoke.'), []);
  });
  test('the office after "pick for" is what a fix replaces', () => {
    assert.deepEqual(roles("Mike Waltz, Trump's pick for defence secretary, said it."), [['waltz', 'defence secretary', 'apposition']]);
  });
});

describe('vague durations', () => {
  test('"several weeks" and "several months" are different quantities, "a week" is one', () => {
    const [weeks] = analyze('started several weeks ago').numbers;
    const [months] = analyze('started several months ago').numbers;
    assert.equal(weeks.vague, true);
    assert.ok(!sameQuantity(weeks, months));
    assert.ok(sameQuantity(weeks, analyze('began a few weeks ago').numbers[0]));
    assert.equal(analyze('within a week of taking office').numbers[0].base, 7);
  });
});
