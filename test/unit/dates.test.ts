import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conflictingDates, extractDates, sameDate } from '../../src/engine/facts/dates';
import { analyze } from '../../src/engine/facts/analysis';
import { tokenize } from '../../src/engine/text/tokenize';

const dates = (text: string) => extractDates(text, tokenize(text)).map(({ raw, year, month, day }) => ({ raw, year, month, day }));

describe('dates: when chrono is asked', () => {
  test('a range is two dates, each end a slot of its own', () => {
    assert.deepEqual(dates('Ana Ruiz (August 15, 1879 – June 18, 1961) was a painter.'), [
      { raw: 'August 15, 1879', year: 1879, month: 8, day: 15 },
      { raw: 'June 18, 1961', year: 1961, month: 6, day: 18 },
    ]);
    assert.deepEqual(dates('The canal was dug from March 1901 to June 1904.').map((d) => d.raw), ['March 1901', 'June 1904']);
    const [birth, death] = extractDates('(August 15, 1879 – June 18, 1959)', tokenize('(August 15, 1879 – June 18, 1959)'));
    const [, claimed] = extractDates('(August 15, 1879 – June 18, 1961)', tokenize('(August 15, 1879 – June 18, 1961)'));
    assert.ok(conflictingDates(claimed, death) && !sameDate(claimed, birth));
  });
  test('"by the" before a year that names a thing is no time limit: the treaty is the 1750 one', () => {
    const [d] = extractDates('It was superseded by the 1750 Treaty of Madrid.', tokenize('It was superseded by the 1750 Treaty of Madrid.'));
    assert.equal(d.bound, undefined);
    const [e] = extractDates('The port had closed by the 1990s.', tokenize('The port had closed by the 1990s.'));
    assert.equal(e.bound, 'by');
  });
  test('the morning of a day is that day, and a day is not stated by its weekday or month alone', () => {
    const d = (s: string) => extractDates(s, tokenize(s))[0];
    const claimed = d('In the early morning of Tuesday, March 25, the harbour bridge collapsed.');
    assert.deepEqual([claimed.month, claimed.day, claimed.weekday], [3, 25, 2]);
    assert.ok(!sameDate(claimed, d('In the early hours of Tuesday, the harbour bridge collapsed.')));
    assert.ok(!sameDate(d('The harbour bridge collapsed on March 25.'), d('The harbour bridge collapsed in March.')));
    assert.ok(sameDate(claimed, d('The harbour bridge collapsed on March 25.')));
  });
  test('two limits of one kind state their own dates: "by 2042" is not stated by "by 2040"', () => {
    const d = (s: string) => extractDates(s, tokenize(s))[0];
    assert.ok(!sameDate(d('The glaciers will be gone by 2042.'), d('The glaciers will be gone by 2040.')));
    assert.ok(sameDate(d('The glaciers will be gone by 2040.'), d('The glaciers will be gone by 2040.')));
  });
  test('an end that names no month or year of its own stays with the whole range', () => {
    assert.deepEqual(dates('The fair ran Jan. 12-15.').map((d) => d.raw), ['Jan. 12-15']);
  });
  test('the modal "may" and words that merely start like a month are not dates', () => {
    assert.deepEqual(dates('The outbreak may, with similar infestations, have significant effects.'), []);
    assert.deepEqual(dates('The CO 9 may produce acidification of body fluids.'), []);
    assert.deepEqual(dates('Three decades of separate market decisions followed.'), []);
  });
  test('capitalised and abbreviated months, weekdays and years still are', () => {
    assert.deepEqual(dates('The vote was held on 9 May.'), [{ raw: 'on 9 May', year: undefined, month: 5, day: 9 }]);
    assert.deepEqual(dates('He spoke on Monday, Jan. 11.').map((d) => [d.month, d.day]), [[1, 11]]);
    assert.deepEqual(dates('Prices rose in MARCH 2022.').map((d) => [d.year, d.month]), [[2022, 3]]);
    assert.deepEqual(dates('Talks resumed in Sept. 2019.').map((d) => [d.year, d.month]), [[2019, 9]]);
  });
  test('a date at the very end of a sentence ends where the text does', () => {
    const text = 'The summit was moved to January 5';
    const [d] = extractDates(text, tokenize(text));
    assert.equal(d?.raw, 'January 5');
    assert.equal(d?.end, text.length);
  });
  test('a date reckoned from another ("two weeks after January 5") is still read whole', () => {
    assert.deepEqual(dates('Two weeks after January 5, 2024 the talks began.'), [{ raw: 'Two weeks after January 5, 2024', year: 2024, month: 1, day: 19 }]);
    assert.deepEqual(dates('A 2021 study compared it with 40 years ago.').map((d) => d.year), [2021]);
  });
});

describe('dates: periods, limits and weekdays', () => {
  const spanDays = (text: string, published?: string) => {
    const [d] = extractDates(text, tokenize(text), published);
    return d?.span ? [d.span.lo, d.span.hi] : undefined;
  };
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  test('decades and centuries are read whole, and their digits are no number', () => {
    assert.deepEqual(dates('Rents doubled in the 1980s.'), [{ raw: '1980s', year: undefined, month: undefined, day: undefined }]);
    assert.deepEqual(dates('It was rebuilt in the late 1880s.').map((d) => d.raw), ['late 1880s']);
    assert.deepEqual(dates('A mid-2010s fashion.').map((d) => d.raw), ['mid-2010s']);
    assert.deepEqual(dates('Built around the middle of the 16th century.').map((d) => d.raw), ['the middle of the 16th century']);
    assert.deepEqual(analyze('Rents doubled in the 1980s and the 12th century.').numbers, []);
    assert.deepEqual(spanDays('the 1980s'), [day('1980-01-01'), day('1989-12-31')]);
    assert.deepEqual(spanDays('the 16th century'), [day('1500-01-01'), day('1599-12-31')]);
  });
  test('a figure with a thousands separator or a plural "s" is no year', () => {
    assert.deepEqual(dates('Some 1,200 homes and 1000s of cars were lost.'), []);
  });
  test('a limit word opens the date on one side', () => {
    assert.deepEqual(spanDays('finished before 2001'), [-Infinity, day('2000-12-31')]);
    assert.deepEqual(spanDays('finished after 2001'), [day('2002-01-01'), Infinity]);
    assert.deepEqual(spanDays('finished by May 2001'), [-Infinity, day('2001-05-31')]);
  });
  test('a weekday is placed in the week of a dated article, ahead only when the sentence looks ahead', () => {
    // 2023-06-15 was a Thursday.
    assert.deepEqual(spanDays('The council voted on Monday.', '2023-06-15'), [day('2023-06-12'), day('2023-06-12')]);
    assert.deepEqual(spanDays('The council voted on Thursday.', '2023-06-15'), [day('2023-06-15'), day('2023-06-15')]);
    assert.deepEqual(spanDays('The council will vote on Monday.', '2023-06-15'), [day('2023-06-19'), day('2023-06-19')]);
    assert.equal(spanDays('The council voted on Monday.'), undefined);
  });
});

describe('a weekday against a day the source places in time', () => {
  const one = (text: string, published?: string) => extractDates(text, tokenize(text), published)[0]!;

  test('"on Sunday" is stated by "on Jan. 12" in an article of January 2025 (a Sunday), not by Jan. 13', () => {
    const claim = one('Waltz said on Sunday that a call was coming.');
    assert.equal(sameDate(claim, one('Waltz told ABC News on Jan. 12 that a call was coming.', '2025-01-13')), true);
    assert.equal(sameDate(claim, one('Waltz told ABC News on Jan. 13 that a call was coming.', '2025-01-13')), false);
    assert.equal(sameDate(claim, one('Waltz told ABC News on January 12, 2025 that a call was coming.')), true);
  });

  test('a yearless day in a dated article is placed in its year, the year before when it would lie months ahead', () => {
    const late = one('The talks began on Dec. 28.', '2025-01-13');
    assert.equal(sameDate(one('The talks began on December 28, 2024.'), late), true);
    assert.equal(sameDate(one('The talks began on December 28, 2025.'), late), false);
  });

  test('the placed year is only the likely one: it supports, but never contradicts', () => {
    const placed = one('The call took place on Jan. 12.', '2025-01-13');
    assert.equal(conflictingDates(one('The call took place on January 12, 2024.'), placed), false);
    assert.equal(conflictingDates(one('The call took place on Monday.'), placed), false);
    // Two days that differ still differ, year or no year.
    assert.equal(conflictingDates(one('The call took place on Jan. 14.'), placed), true);
  });
});
