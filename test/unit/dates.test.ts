import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractDates } from '../../src/engine/facts/dates';
import { tokenize } from '../../src/engine/text/tokenize';

const dates = (text: string) => extractDates(text, tokenize(text)).map(({ raw, year, month, day }) => ({ raw, year, month, day }));

describe('dates: when chrono is asked', () => {
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
