import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineMap } from '../../src/engine/text/lineMap';

/** Reference model: split into lines the slow, obvious way. */
function naiveLines(text: string): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lines.push({ start, end: i });
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

test('empty text has one empty line', () => {
  const m = new LineMap('');
  assert.equal(m.lineCount, 1);
  assert.deepEqual(m.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(m.positionAt(10), { line: 0, character: 0 });
  assert.equal(m.offsetAt({ line: 0, character: 0 }), 0);
  assert.equal(m.offsetAt({ line: 3, character: 4 }), 0);
});

test('LF, CRLF and lone CR all end lines', () => {
  const t = 'ab\ncd\r\nef\rgh';
  const m = new LineMap(t);
  assert.equal(m.lineCount, 4);
  assert.deepEqual(m.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(m.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(m.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(m.positionAt(5), { line: 1, character: 2 });
  assert.deepEqual(m.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(m.positionAt(9), { line: 2, character: 2 });
  assert.deepEqual(m.positionAt(10), { line: 3, character: 0 });
  assert.deepEqual(m.positionAt(12), { line: 3, character: 2 });
  assert.equal(m.offsetAt({ line: 1, character: 1 }), 4);
  assert.equal(m.offsetAt({ line: 2, character: 0 }), 7);
  assert.equal(m.offsetAt({ line: 3, character: 2 }), 12);
});

test('an offset between CR and LF maps to the end of its line', () => {
  const m = new LineMap('ab\r\ncd');
  assert.deepEqual(m.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(m.positionAt(4), { line: 1, character: 0 });
});

test('trailing newline makes a final empty line', () => {
  const m = new LineMap('a\n');
  assert.equal(m.lineCount, 2);
  assert.deepEqual(m.positionAt(2), { line: 1, character: 0 });
  assert.equal(new LineMap('a\r\n\r\n').lineCount, 3);
  assert.equal(new LineMap('\r\r').lineCount, 3);
  assert.equal(new LineMap('\n\r').lineCount, 3);
});

test('out-of-range input is clamped', () => {
  const m = new LineMap('abc\ndef');
  assert.deepEqual(m.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(m.positionAt(99), { line: 1, character: 3 });
  assert.deepEqual(m.positionAt(Number.NaN), { line: 0, character: 0 });
  assert.equal(m.offsetAt({ line: -1, character: 2 }), 0);
  assert.equal(m.offsetAt({ line: 5, character: 0 }), 7);
  // a character past the end of a line stops before its line break
  assert.equal(m.offsetAt({ line: 0, character: 50 }), 3);
  assert.equal(m.offsetAt({ line: 0, character: -2 }), 0);
});

test('characters are UTF-16 code units: emoji count two, combining marks one', () => {
  const t = '😀x\né\u0301y\nשלום 🇺🇸.';
  const m = new LineMap(t);
  assert.deepEqual(m.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(m.positionAt(t.indexOf('y')), { line: 1, character: 2 });
  assert.deepEqual(m.positionAt(t.indexOf('.')), { line: 2, character: 9 });
  assert.equal(m.offsetAt({ line: 2, character: 5 }), t.indexOf('🇺🇸'));
});

test('BOM is an ordinary character at offset 0', () => {
  const m = new LineMap('\ufeffab\ncd');
  assert.deepEqual(m.positionAt(1), { line: 0, character: 1 });
  assert.deepEqual(m.positionAt(4), { line: 1, character: 0 });
});

test('agrees with a naive model on random mixed-ending text (round trips)', () => {
  const pieces = ['a', 'bc', '\n', '\r\n', '\r', '😀', 'é', ' '];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let r = 0; r < 200; r++) {
    let t = '';
    for (let k = 0; k < 40; k++) t += pieces[Math.floor(rnd() * pieces.length)];
    const m = new LineMap(t);
    const lines = naiveLines(t);
    assert.equal(m.lineCount, lines.length);
    lines.forEach((l, line) => {
      for (let o = l.start; o <= l.end; o++) {
        assert.deepEqual(m.positionAt(o), { line, character: o - l.start });
        assert.equal(m.offsetAt({ line, character: o - l.start }), o);
      }
    });
  }
});

test('builds the table for a large text quickly', () => {
  const t = 'A line of text that is fairly ordinary.\n'.repeat(200_000);
  const t0 = performance.now();
  const m = new LineMap(t);
  assert.equal(m.lineCount, 200_001);
  assert.deepEqual(m.positionAt(t.length - 1), { line: 199_999, character: 39 });
  assert.ok(performance.now() - t0 < 1000);
});
