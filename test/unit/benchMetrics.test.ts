import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { score, threeWay } from '../../bench/accuracy/metrics';
import type { Claim, Prediction } from '../../bench/accuracy/types';

const claim = (label: string, kind = '-', docs: string[] = []): Claim => ({ id: label, label, kind, docs, claim: '' });
const pred = (verdict: string, extra: Partial<Prediction> = {}): Prediction => ({ verdict, conflictKinds: [], sources: [], ...extra });

describe('accuracy harness arithmetic', () => {
  test('contested counts as conflicting and skipped as unverified', () => {
    assert.equal(threeWay('contested'), 'conflicting');
    assert.equal(threeWay('skipped'), 'unverified');
    assert.equal(threeWay('supported'), 'supported');
  });

  test('precision, recall, F1, macro-F1 and accuracy on a worked example', () => {
    const claims = [claim('supported'), claim('supported'), claim('conflicting', 'number'), claim('unverified')];
    const preds = [pred('supported'), pred('unverified'), pred('conflicting', { conflictKinds: ['date'] }), pred('unverified')];
    const m = score(claims, preds, false);
    assert.equal(m.accuracy, 3 / 4);
    assert.deepEqual([m.perLabel.supported.precision, m.perLabel.supported.recall], [1, 0.5]);
    assert.equal(m.perLabel.unverified.precision, 0.5);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    assert.ok(Math.abs(m.macroF1 - (f1(1, 0.5) + 1 + f1(0.5, 1)) / 3) < 1e-9);
    assert.deepEqual([m.kindAccuracy.hits, m.kindAccuracy.n], [0, 1], 'a conflict of the wrong kind');
  });

  test('evidence recall, calibration and non-claims', () => {
    const claims = [claim('supported', '-', ['001']), claim('conflicting', 'name', ['004']), claim('none')];
    const preds = [
      pred('supported', { confidence: 0.9, sources: ['corpus/002_x.txt', 'corpus/001_y.txt'] }),
      pred('conflicting', { confidence: 0.85, conflictKinds: ['person'], sources: ['corpus/004_z.txt'] }),
      pred('supported', { confidence: 0.5 }),
    ];
    const m = score(claims, preds, true);
    assert.deepEqual([m.evidenceAt1.hits, m.evidenceAt5.hits, m.evidenceAt1.n], [1, 2, 2]);
    assert.deepEqual([m.kindAccuracy.hits, m.kindAccuracy.n], [1, 1], 'person counts as a name conflict');
    assert.deepEqual([m.calibration?.hits, m.calibration?.n], [2, 2]);
    assert.deepEqual(m.nonClaims, { n: 1, flagged: 1 });
  });
});

describe('precision when it speaks (score.py precS, precC, decided)', () => {
  test('precS and precC count only the claims given that verdict; contested is conflicting', () => {
    const claims = [claim('supported'), claim('supported'), claim('conflicting'), claim('unverified'), claim('conflicting'), claim('unverified')];
    const preds = [pred('supported'), pred('conflicting'), pred('contested'), pred('supported'), pred('unverified'), pred('skipped')];
    const m = score(claims, preds, false);
    assert.deepEqual([m.precS.hits, m.precS.n], [1, 2], 'one of the two supported verdicts is right');
    assert.deepEqual([m.precC.hits, m.precC.n], [1, 2], 'contested on a gold conflict is right, conflicting on a gold support is not');
    assert.deepEqual([m.decided.hits, m.decided.n], [3, 4], 'gold unverified claims are outside decided');
    assert.equal(m.decided.value, 0.75);
  });

  test('non-claims and contested gold stay out of all three; nothing said gives 0, as score.py prints', () => {
    const claims = [claim('none'), claim('contested'), claim('unverified')];
    const preds = [pred('supported'), pred('conflicting'), pred('unverified')];
    const m = score(claims, preds, false);
    assert.deepEqual([m.precS.n, m.precC.n, m.decided.n], [0, 0, 0]);
    assert.deepEqual([m.precS.value, m.precC.value, m.decided.value], [0, 0, 0]);
  });

  test('a mistyped gold label is outside the precision denominators, as in score.py', () => {
    const m = score([claim('suported'), claim('supported')], [pred('supported'), pred('supported')], false);
    assert.deepEqual([m.precS.hits, m.precS.n], [1, 1]);
    assert.equal(m.scored, 2, 'but it still counts in accuracy');
  });
});
