import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { align } from '../../src/engine/compare/align';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { frameOf } from '../../src/engine/facts/frame';

// Every word equally rare, no spelling variants: the frame rules are tested on their own.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;
const run = (claim: string, passage: string) => compare(analyze(claim, proper), analyze(passage, proper), [], env);
const words = (text: string, indexes: number[]) => {
  const a = analyze(text, proper);
  return indexes.map((k) => a.tokens[k].raw);
};

describe('frames: clauses, predicates and bounding words', () => {
  test('a verb heads each clause; a verbless chunk joins the clause before it', () => {
    const text = 'The mayor opened the bridge on Friday, a day early, and the council paid the bill.';
    const f = frameOf(analyze(text, proper));
    assert.equal(f.clauses.length, 2, JSON.stringify(f.clauses));
    assert.deepEqual(words(text, f.predicates), ['opened', 'paid']);
    const a = analyze(text, proper);
    const early = a.tokens.find((t) => t.norm === 'early')!;
    assert.equal(f.clauseOf[early.index], 0, 'the apposition "a day early" belongs to the first clause');
  });
  test('a speaker with a long title is still an attribution clause, and its date is not what was said', () => {
    const claim = 'The two leaders may hold a phone call in the coming weeks, the Harbour Authority Chief Executive Designate Ana Ruiz said on Sunday.';
    const f = frameOf(analyze(claim, proper));
    assert.deepEqual(f.clauses.map((c) => c.attribution), [false, true]);
    // A source that states the call without the day it was announced still states it.
    const c = compare(analyze(claim, proper), analyze('The two leaders may hold a phone call in the coming weeks, according to Ana Ruiz.', proper), [], env);
    assert.equal(c.stance, 'supports', `coverage ${c.coverage.toFixed(2)}, facts ${c.factsMatched}`);
  });
  test('the second half of a hyphenated title is no predicate: "Governor-elect" does not elect', () => {
    for (const text of ['Governor-elect Ana Ruiz signed the budget on Monday.', 'The mayor-elect opened the bridge.']) {
      const f = frameOf(analyze(text, proper));
      assert.ok(!words(text, f.predicates).includes('elect'), `${text}: ${words(text, f.predicates)}`);
      assert.equal(words(text, f.predicates).length, 1, `${text}: ${words(text, f.predicates)}`);
    }
  });
  test('a subject with its apposition and a leading participle join the clause of the first verb', () => {
    for (const text of ['Speaking in Geneva in May, the envoy said talks would resume.', 'Lena Ortiz, the city engineer, said the tunnel would open.']) {
      const f = frameOf(analyze(text, proper));
      assert.equal(new Set(f.clauseOf.slice(0, f.clauseOf.length)).size, 1, `${text}: ${JSON.stringify(f.clauses)}`);
    }
  });
  test('an attribution tail is its own clause and asserts nothing', () => {
    const text = 'The factory will close next year, the company said.';
    const f = frameOf(analyze(text, proper));
    assert.equal(f.clauses.length, 2);
    assert.deepEqual(f.clauses.map((c) => c.attribution), [false, true]);
    assert.deepEqual(words(text, f.predicates), ['close']);
  });
  test('a speaker named between commas before a trailing verb of saying belongs to the attribution', () => {
    const text = 'The ferry will resume service in May, Ana Ruiz, head of operations at the Harbour Authority, told the Gazette.';
    const a = analyze(text, proper);
    const f = frameOf(a);
    assert.deepEqual(f.clauses.map((c) => c.attribution), [false, true]);
    const ruiz = a.tokens.find((t) => t.norm === 'ruiz')!;
    assert.ok(f.attribution.has(ruiz.index), 'the speaker is part of the attribution');
    // The source states the fact without saying who told whom.
    assert.equal(compare(a, analyze('The ferry will resume service in May.', proper), [], env).stance, 'supports');
  });
  test('a copula predicates its complement', () => {
    const text = 'The harbour town was wealthy for centuries.';
    assert.deepEqual(words(text, frameOf(analyze(text, proper)).predicates), ['wealthy']);
  });
  test('bounding words: "only", ordinals and superlatives bound; "last week" and "at least" do not', () => {
    const crit = (text: string) => words(text, frameOf(analyze(text, proper)).critical);
    assert.deepEqual(crit('It is the only bridge over the river.'), ['only']);
    assert.deepEqual(crit('The orchid grows only in the northern valleys.'), ['only']);
    assert.deepEqual(crit('The orchid only recently spread to the valleys.'), []);
    assert.deepEqual(crit('She was the third woman to lead the port authority.'), ['third']);
    assert.deepEqual(crit('It is the tallest tower in the province.'), ['tallest']);
    assert.deepEqual(crit('The board met last week and hired at least two engineers.'), []);
  });
});

describe('frames decide what a passage may support or contradict', () => {
  test('a source that drops a bounding word states a weaker fact: no support', () => {
    assert.equal(run('Corvin was the first mayor of the town to resign.', 'Corvin was a mayor of the town who resigned.').stance, 'related');
    assert.equal(run('The Rhenna is the longest river in the valley.', 'The Rhenna is a long river in the valley.').stance, 'related');
    // The same statement without the bounding word is supported by the same source.
    assert.equal(run('Corvin was a mayor of the town who resigned.', 'Corvin was a mayor of the town who resigned.').stance, 'supports');
  });
  test('a date that belongs to another verb of the passage does not support the claim', () => {
    const passage = 'The singer met the drummer in 2006, married him in 2009, and divorced him in 2013.';
    assert.equal(run('The singer married the drummer in 2013.', passage).stance, 'related');
    assert.equal(run('The singer married the drummer in 2009.', passage).stance, 'supports');
  });
  test('another verb with the same date states another relation: "born in 1962" does not support "arrested in 1962"', () => {
    assert.equal(run('Lena Ortiz was arrested in Lisbon in 1962.', 'Lena Ortiz was born in Lisbon in 1962.').stance, 'related');
    assert.equal(run('Lena Ortiz was arrested in Lisbon in 1962.', 'Lena Ortiz was arrested in Lisbon in 1962.').stance, 'supports');
  });
  test('another verb of change between the same two arguments states another relation, with or without a date', () => {
    assert.equal(run('The harbour authority increased fees.', 'The harbour authority cut fees.').stance, 'related');
    assert.equal(run('The fire destroyed the harbour warehouse.', 'The fire damaged the harbour warehouse.').stance, 'related');
    assert.equal(run('The fire destroyed the harbour warehouse.', 'The fire destroyed the harbour warehouse.').stance, 'supports');
    // A verb with no opposite, or one with a particle, is more likely a paraphrase than another event.
    assert.equal(run('The storm produced a harbour surge.', 'The storm caused a harbour surge.').stance, 'supports');
    assert.equal(run('The harbour board worked out the details.', 'The harbour board settled the details.').stance, 'supports');
  });
  test('a source that states the claim\'s event only as a possibility does not support it as a fact', () => {
    assert.equal(run('The harbour ferry will leave at noon on Monday.', 'The harbour ferry may leave at noon on Monday.').stance, 'related');
    assert.equal(run('Talks on the harbour plan started on Monday.', 'Talks on the harbour plan could possibly have started on Monday.').stance, 'related');
    // Hedged on both sides, or a claim about what someone hopes to do, is what the source says.
    assert.equal(run('Talks on the harbour plan might start on Monday.', 'Talks on the harbour plan could start on Monday.').stance, 'supports');
    assert.equal(run('The harbour board hopes to reopen the ferry line in May.', 'The harbour board said the ferry line could reopen in May.').stance, 'supports');
    // A noun before the verb is no hedge: "the harbour plan will start".
    assert.equal(run('The harbour plan will start on Monday.', 'The harbour plan will start on Monday.').stance, 'supports');
  });
  test('the claim\'s verb in a neighbouring sentence does not make up for another verb in the passage', () => {
    const claim = analyze('Lena Ortiz played for the harbour club in 2013.', proper);
    const passage = analyze('In 2013, Lena Ortiz signed with the harbour club.', proper);
    const c = compare(claim, passage, [analyze('She played there for years.', proper)], env);
    assert.notEqual(c.stance, 'supports');
  });
  test('a verb and its noun still state one relation (invade/invasion), and verbs of saying are interchangeable', () => {
    for (const [verb, noun] of [['invaded', 'invasion'], ['persuaded', 'persuasion'], ['exploded', 'explosion']]) {
      const claim = analyze(`The council ${verb} it.`, proper);
      const al = align(claim, analyze(`The council's ${noun} came late.`, proper), [], env);
      const k = al.units.findIndex((u) => u.kind === 'word' && u.token.raw === verb);
      assert.ok(al.matches[k], `${verb} / ${noun}`);
    }
    assert.equal(run('The mayor described the vote in May 2021 as a first step.', 'The mayor indicated that the vote in May 2021 was a first step.').stance, 'supports');
  });
  test('an attribution, a hedge or an adverb the source leaves out costs no support', () => {
    const source = 'The harbour authority will reopen the northern port in May after repairs to the sea wall.';
    for (const claim of [
      'The harbour authority will reopen the northern port in May after repairs to the sea wall, officials said on Tuesday.',
      'according to officials, the harbour authority will reopen the northern port in May after repairs to the sea wall.',
      'The harbour authority will possibly reopen the northern port in May after repairs to the sea wall.',
    ]) {
      assert.equal(run(claim, source).stance, 'supports', claim);
    }
    // Who said it still has to be right when the source says it: another speaker is a conflict.
    const c = run('The port will reopen in May, Ortiz said.', 'The port will reopen in May, Brandt said.');
    assert.equal(c.stance, 'conflicts', JSON.stringify(c));
  });
  test('a date in an attribution tail is not the date of the event', () => {
    const c = run('The council approved the budget on Monday.', 'The council approved the budget last week, the mayor announced on Thursday.');
    assert.notEqual(c.stance, 'conflicts', JSON.stringify(c.conflicts));
  });
  test('a value in the clause that states the claim still contradicts it', () => {
    const c = run('The council approved the budget on Monday.', 'The council approved the budget on Thursday, the mayor announced.');
    assert.equal(c.stance, 'conflicts');
    assert.deepEqual(c.conflicts.map((k) => [k.kind, k.claimed.replace(/^on /, ''), k.source.replace(/^on /, '')]), [['date', 'Monday', 'Thursday']]);
  });
  test('a date or count belongs to the whole relation: a passage dating another activity of the same verb does not contradict it', () => {
    const other = run('Marlow started working in the film industry in Lisbon in the late 1970s.', 'In 2010, Marlow started working in Lisbon on a mascot for television.');
    assert.notEqual(other.stance, 'conflicts', JSON.stringify(other.conflicts));
    // One word the passage leaves out ("quietly") does not make it another event.
    const c = run('The council quietly approved the harbour budget on Monday.', 'The council approved the harbour budget on Thursday.');
    assert.equal(c.stance, 'conflicts');
  });
  test('a name in a sentence that never states the claim\'s predicate is no conflict', () => {
    const c = run('Both Ortiz and Lindqvist have denied the reports.', 'The mayor wants a new deal with Ortiz and Brandt to end the strike.');
    assert.notEqual(c.stance, 'conflicts', JSON.stringify(c.conflicts));
    const same = run('Both Ortiz and Lindqvist have denied the reports.', 'Both Ortiz and Brandt have denied the reports.');
    assert.equal(same.stance, 'conflicts');
  });
  test('support names the predicates it found', () => {
    const c = run('The council approved the budget on Monday.', 'On Monday the council approved the budget.');
    assert.equal(c.stance, 'supports');
    assert.deepEqual(c.relation?.matched, ['approved']);
  });
});
