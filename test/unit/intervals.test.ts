import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide } from '../../src/engine/check/verdict';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { conflictingDates, sameDate } from '../../src/engine/facts/dates';
import { contains, disjoint, interval, point } from '../../src/engine/facts/interval';
import { disjointQuantities, sameQuantity } from '../../src/engine/facts/numbers';
import { CorpusIndex } from '../../src/engine/search/corpusIndex';

const num = (s: string) => {
  const [n] = analyze(s).numbers;
  assert.ok(n, `no number in "${s}"`);
  return n;
};
const date = (s: string) => {
  const [d] = analyze(s).dates;
  assert.ok(d, `no date in "${s}"`);
  return d;
};
/** Claim first, source second. */
const states = (claim: string, source: string) => sameQuantity(num(claim), num(source));
const contradicts = (claim: string, source: string) => disjointQuantities(num(claim), num(source));
const dateStates = (claim: string, source: string) => sameDate(date(claim), date(source));
const dateContradicts = (claim: string, source: string) => conflictingDates(date(claim), date(source));

describe('intervals', () => {
  test('containment and disjointness respect open ends', () => {
    assert.ok(contains(interval(0, 10), point(10)));
    assert.ok(!contains(interval(0, 10, false, true), point(10)));
    assert.ok(contains(interval(5, Infinity, true, true), point(7)));
    assert.ok(disjoint(interval(0, 5, false, true), interval(5, 9)));
    assert.ok(!disjoint(interval(0, 5), interval(5, 9)));
    assert.ok(disjoint(interval(1, 2), interval(3, 4)));
    assert.ok(!disjoint(interval(-Infinity, 3), interval(2, Infinity)));
  });
});

describe('quantities as intervals', () => {
  test('comparators bound one side, strictly where the words say so', () => {
    const above = num('the fund raised more than 200 grants');
    assert.deepEqual([above.range.lo, above.range.hi, above.range.loOpen], [200, Infinity, true]);
    const least = num('at least 12 bridges were closed');
    assert.deepEqual([least.range.lo, least.range.loOpen], [12, false]);
    for (const s of ['over 70 villages', 'above 70 villages', 'exceeding 70 villages', 'upwards of 70 villages', 'in excess of 70 villages']) {
      assert.equal(num(s).range.lo, 70, s);
      assert.equal(num(s).range.hi, Infinity, s);
    }
    for (const s of ['less than 70 villages', 'fewer than 70 villages', 'under 70 villages', 'below 70 villages', 'at most 70 villages', 'up to 70 villages', 'no more than 70 villages']) {
      assert.deepEqual([num(s).range.lo, num(s).range.hi], [0, 70], s);
    }
    assert.equal(num('fewer than 70 villages').range.hiOpen, true);
    assert.equal(num('no more than 70 villages').range.hiOpen, false);
  });
  test('"nearly" stays just below its figure, "about" reaches either side', () => {
    const nearly = num('nearly 500 schools');
    assert.ok(nearly.range.lo < 500 && nearly.range.lo >= 440 && nearly.range.hi === 500);
    assert.equal(num('just under 500 schools').range.hi, 500);
    for (const s of ['about 500 schools', 'around 500 schools', 'approximately 500 schools', 'roughly 500 schools', 'some 500 schools', 'an estimated 500 schools', 'close to 500 schools']) {
      const r = num(s).range;
      assert.ok(r.lo < 500 && r.hi > 500 && r.hi <= 560, s);
    }
  });
  test('ranges in words and with a dash are one quantity', () => {
    for (const s of ['between 5 and 10 ferries', '5 to 10 ferries', '5–10 ferries', '5-10 ferries']) {
      const n = analyze(s).numbers;
      assert.equal(n.length, 1, s);
      assert.deepEqual([n[0].range.lo, n[0].range.hi], [5, 10], s);
    }
    const scaled = num('between 2 and 3 million tonnes');
    assert.deepEqual([scaled.range.lo, scaled.range.hi], [2e6, 3e6]);
    assert.deepEqual(analyze('a rise of 1.5°C to 2.5°C by then').numbers.map((n) => [n.range.lo, n.range.hi]), [[1.5, 2.5]]);
    // A change from one value to another is two values, not a range.
    assert.equal(analyze('the toll rose from 5 to 10 ferries').numbers.length, 2);
    assert.ok(states('between 5 and 10 ferries', 'there were 7 ferries'));
    assert.ok(!states('7 ferries', 'between 5 and 10 ferries'));
  });
  test('a round figure is matched by a precise one only within its rounding', () => {
    assert.ok(states('a debt of 40 million euros', 'a debt of 40.3 million euros'));
    assert.ok(!states('a debt of 40 million euros', 'a debt of 38.6 million euros'));
    assert.ok(contradicts('a debt of 40 million euros', 'a debt of 38.6 million euros'));
    assert.ok(states('about 40 million euros', 'a debt of 38.6 million euros'));
    // More precise than the source: neither stated nor contradicted.
    assert.ok(!states('a debt of 40.3 million euros', 'a debt of 40 million euros'));
    assert.ok(!contradicts('a debt of 40.3 million euros', 'a debt of 40 million euros'));
  });
  test('agreement is containment, a conflict an empty intersection', () => {
    assert.ok(contradicts('more than 40 million visitors', '38 million visitors'));
    assert.ok(contradicts('fewer than 9,000 seats', 'more than 9,500 seats'));
    assert.ok(states('more than 9,000 seats', '9,500 seats'));
    assert.ok(!contradicts('about 40 million visitors', '38 million visitors'));
    // The bound itself, written as a rounded figure, is neither.
    assert.ok(!states('more than 40 million visitors', '40 million visitors'));
    assert.ok(!contradicts('more than 40 million visitors', '40 million visitors'));
    assert.ok(contradicts('nearly three years', 'four years'));
    assert.ok(contradicts('some 71 percent', '81%'));
  });
  test('two limits or two ranges written alike state their own figures; in other units they paraphrase', () => {
    assert.ok(!states('at least 12 people', 'at least 21 people'));
    assert.ok(!contradicts('at least 12 people', 'at least 21 people'));
    assert.ok(states('at least 21 people', 'at least 21 people'));
    assert.ok(!states('a 16-36% increase', 'a 16-24% increase'));
    assert.ok(states('a 16-24% increase', 'a 16-24% increase'));
    assert.ok(states('between 40 and 60 deaths', '52 deaths'));
    assert.ok(states('a career of over five decades', 'a career of over 60 years'));
  });
  test('a vague count differs from a figure only by its unit', () => {
    assert.ok(!contradicts('over the last several decades', 'over the last six decades'));
    assert.ok(contradicts('within the first two years', 'within the first few months'));
  });
  test('a limit is stated only by a figure counting the same thing', () => {
    assert.ok(!states('less than 300 pages', 'the 8th edition'));
    assert.ok(states('less than 300 pages', 'only 240 pages'));
    assert.ok(!states('less than 300 pages', 'it was 240'));
    // The same limit, its noun left out by the source: still the same statement.
    assert.ok(states('more than 3,000 volunteers', 'a total of "more than 3,000" by March'));
    assert.ok(states('more than 40 of them', 'it lists 45.'));
  });
  test('a length of time is not a time reckoned from an event; "a year" after an amount is a rate', () => {
    const later = num('she resigned three months later');
    assert.equal(later.offset, true);
    assert.equal(num('the strike lasted three months').offset, undefined);
    assert.deepEqual(analyze('it costs $40 billion a year').numbers.map((n) => n.unit), ['usd']);
  });
});

describe('dates as intervals', () => {
  test('granularity: day, month, year, decade, century', () => {
    assert.equal(date('on Dec. 3, 2024').granularity, 'day');
    assert.equal(date('in March 1850').granularity, 'month');
    assert.equal(date('in 1850').granularity, 'year');
    assert.equal(date('in the 1960s').granularity, 'decade');
    assert.equal(date('in the 19th century').granularity, 'century');
    assert.equal(date('in the eighteenth century').granularity, 'century');
  });
  test('a claim date states a source date inside it, not one that is only more precise', () => {
    assert.ok(dateStates('it opened in 2024', 'it opened on Dec. 3, 2024'));
    assert.ok(!dateStates('it opened on Dec. 3, 2024', 'it opened in 2024'));
    assert.ok(!dateContradicts('it opened on Dec. 3, 2024', 'it opened in 2024'));
    assert.ok(dateStates('the mill closed in the 1960s', 'the mill closed in 1963'));
    assert.ok(!dateContradicts('the mill closed in the 1960s', 'the mill closed in 1963'));
    assert.ok(dateStates('built in the 19th century', 'built in 1852'));
    assert.ok(dateStates('built in the middle of the 19th century', 'built in 1852'));
    assert.ok(!dateStates('built in the middle of the 19th century', 'built in 1812'));
  });
  test('dates that share no day conflict', () => {
    assert.ok(dateContradicts('the treaty of March 1850', 'the treaty of March 4, 1851'));
    assert.ok(dateContradicts('a chapel of the 18th century', 'a chapel of the 13th century'));
    assert.ok(dateContradicts('the mill closed in the 1960s', 'the mill closed in 1978'));
    assert.ok(!dateContradicts('the mill closed in the late 1970s', 'the mill closed in 1975'));
    assert.ok(dateContradicts('the mill closed in the late 1970s', 'the mill closed in 1971'));
  });
  test('before, after, by and since make open-ended dates', () => {
    assert.ok(dateStates('the road was paved before 1990', 'the road was paved in 1987'));
    assert.ok(dateContradicts('the road was paved before 1990', 'the road was paved in 1994'));
    assert.ok(dateStates('the road was paved after 1990', 'the road was paved in 1994'));
    assert.ok(dateContradicts('the road was paved after 1990', 'the road was paved in 1987'));
    assert.ok(dateStates('the road was paved by 1990', 'the road was paved in 1990'));
    assert.ok(dateStates('the club has met since 1990', 'the club has met since 1990'));
    assert.ok(!dateStates('the club has met since 1990', 'the club met in 1994'));
    assert.ok(!dateContradicts('the club has met since 1990', 'the club met in 1994'));
    assert.ok(dateContradicts('the club has met since 1990', 'the club has met since 1995'));
  });
  test('a weekday in a dated source supports the date it falls on, and contradicts no date', () => {
    // Published on a Thursday: "on Monday" is three days before.
    const source = analyze('The council voted on Monday.', undefined, '2023-06-15').dates[0];
    assert.ok(sameDate(date('voted on June 12, 2023'), source));
    assert.ok(sameDate(date('voted in June 2023'), source));
    assert.ok(!sameDate(date('voted on June 5, 2023'), source));
    assert.ok(!conflictingDates(date('voted on June 5, 2023'), source));
    assert.ok(conflictingDates(date('voted on Tuesday'), source));
  });
  test('"the 1800s" is a century, "the 2000s" a decade, "1000s" of things no date', () => {
    assert.ok(dateStates('founded in the 1800s', 'founded in 1872'));
    assert.ok(!dateStates('founded in the 2000s', 'founded in 2031'));
    assert.deepEqual(analyze('1000s of protesters').dates, []);
  });
});

describe('one source sentence: the verdict', () => {
  const env: CompareEnv = { idf: () => 2, variants: () => [] };
  const verdict = (claim: string, source: string) => {
    const c = compare(analyze(claim, () => true), analyze(source, () => true), [], env);
    return { verdict: decide([c]).verdict, kinds: c.conflicts.map((k) => k.kind) };
  };
  test('a comparator against a figure outside it conflicts on the number', () => {
    assert.deepEqual(verdict('The harbour handled more than 40 million tonnes of grain last year.', 'The harbour handled 38 million tonnes of grain last year.'), { verdict: 'conflicting', kinds: ['number'] });
    assert.deepEqual(verdict('Fewer than 9,000 runners finished the marathon.', 'More than 9,500 runners finished the marathon.'), { verdict: 'conflicting', kinds: ['number'] });
  });
  test('a figure inside the claim\'s bound supports it; a hedged one near it is no conflict', () => {
    assert.equal(verdict('More than 9,000 runners finished the marathon.', 'In all, 9,500 runners finished the marathon.').verdict, 'supported');
    assert.notEqual(verdict('The harbour handled about 40 million tonnes of grain last year.', 'The harbour handled 38 million tonnes of grain last year.').verdict, 'conflicting');
  });
  test('dates: a year against a month of another year conflicts; a decade holds its years', () => {
    assert.deepEqual(verdict('The bridge over the river opened in March 1850.', 'The bridge over the river opened on March 4, 1851.'), { verdict: 'conflicting', kinds: ['date'] });
    assert.equal(verdict('The bridge over the river opened in 2024.', 'The bridge over the river opened on Dec. 3, 2024.').verdict, 'supported');
    assert.equal(verdict('The bridge over the river opened in the 1960s.', 'The bridge over the river opened in 1963.').verdict, 'supported');
    assert.deepEqual(verdict('The abbey church was rebuilt in the 18th century.', 'The abbey church was rebuilt in the 13th century.'), { verdict: 'conflicting', kinds: ['date'] });
  });
  test('a claim more precise than its source is left unverified', () => {
    assert.equal(verdict('The bridge over the river opened on Dec. 3, 2024.', 'The bridge over the river opened in 2024.').verdict, 'unverified');
  });
});

describe('a dated document in the index', () => {
  test('its passages place a weekday in the week it was published', async () => {
    const text = 'The ferry service resumed on Tuesday.';
    const index = await CorpusIndex.build({
      documents: [{ path: 'mem/a.txt', meta: { title: 'Ferries', date: '2022-09-09' }, text, hash: 'a' }],
      passages: [{ id: 0, doc: 0, text, offset: 0, line: 1, paragraph: 0 }],
      skipped: [],
    });
    const [d] = index.analysis(0).dates;
    // 2022-09-09 was a Friday: the Tuesday before it.
    assert.ok(sameDate(date('resumed on Sept. 6, 2022'), d));
    assert.ok(!sameDate(date('resumed on Sept. 13, 2022'), d));
  });
});
