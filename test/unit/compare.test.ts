import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { align, sameRoot } from '../../src/engine/compare/align';
import { termOf } from '../../src/engine/text/tokenize';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { decide } from '../../src/engine/check/verdict';

// Every word equally rare, no spelling variants: the comparer is tested on its own.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;

function run(claim: string, passage: string, context: string[] = []) {
  return compare(analyze(claim, proper), analyze(passage, proper), context.map((c) => analyze(c, proper)), env);
}

function onlyConflict(claim: string, passage: string, context: string[] = []) {
  const c = run(claim, passage, context);
  assert.equal(c.stance, 'conflicts', `expected a conflict, got ${c.stance} (coverage ${c.coverage.toFixed(2)}, rest ${c.restCoverage.toFixed(2)})`);
  assert.equal(c.conflicts.length, 1, JSON.stringify(c.conflicts));
  const k = c.conflicts[0];
  assert.equal(claim.slice(k.claimStart, k.claimEnd), k.claimed);
  return k;
}

describe('stance of one passage', () => {
  test('support: same facts in other words', () => {
    const c = run('Switzerland offered to host in-person talks on Jan. 12.', 'On January 12, Switzerland said it was willing to host in-person talks between the leaders.');
    assert.equal(c.stance, 'supports');
    assert.ok(c.coverage > 0.8);
  });
  test('number conflict', () => {
    const k = onlyConflict('He urged Kyiv to lower its draft age from 27 to 18.', 'He suggested that Kyiv could lower its draft age from 26 to 18.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '27', '26']);
  });
  test('number conflict across units: the source value is written in the claim\'s unit', () => {
    const k = onlyConflict('The plan delays NATO membership by 15 years.', 'The plan delays NATO membership by two decades.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '15', '20']);
  });
  test('date conflict', () => {
    const k = onlyConflict('The referendum in Crimea was held in March 2016.', 'The referendum in Crimea was held in March 2014.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['date', 'March 2016', 'March 2014']);
  });
  test('name conflict in the same slot', () => {
    const k = onlyConflict('The plan included deploying Turkish peacekeepers in the region.', 'The plan included deploying European peacekeepers in the region.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Turkish', 'European']);
  });
  test('name conflict inside an organisation name', () => {
    const k = onlyConflict('Kateryna Hodunova is a news editor at the Kyiv Post.', 'Kateryna Hodunova is a News Editor at the Kyiv Independent.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Post', 'Independent']);
  });
  test('a shortened name is the same person, not a conflict', () => {
    const c = run('Kateryna Hodunova covered the Olympics in Beijing.', 'Kateryna covered the 2022 Olympics in Beijing for the Special Mentions list.');
    assert.equal(c.stance, 'supports');
  });
  test('negation conflict: inserted or removed "not"', () => {
    const k = onlyConflict('Trump urged Putin to escalate the war.', 'Trump called Putin and urged him not to escalate the war.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['negation', 'escalate', 'not to escalate']);
  });
  test('negation conflict: opposite verbs from the lexicon', () => {
    const k = onlyConflict('The Kremlin criticized the readiness for dialogue.', 'The Kremlin welcomed the readiness for dialogue, calling it positive.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['negation', 'criticized', 'welcomed']);
  });
  test('negation conflict: opposite outcomes, sizes, ages and directions', () => {
    for (const [claim, passage, claimed, source] of [
      ['The harbour museum was a commercial failure.', 'The harbour museum was a commercial success.', 'failure', 'success'],
      ['The castle is the oldest building in the town.', 'The castle is the youngest building in the town.', 'oldest', 'youngest'],
      ['The ferry sank in the northern part of the bay.', 'The ferry sank in the southern part of the bay.', 'northern', 'southern'],
    ]) {
      const k = onlyConflict(claim, passage);
      assert.deepEqual([k.kind, k.claimed, k.source], ['negation', claimed, source], claim);
    }
  });
  test('negation conflict: the opposite relation word before the same thing ("before"/"after", "for"/"against")', () => {
    const k = onlyConflict('The footbridge was built before the war.', 'The footbridge was built after the war.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['negation', 'before', 'after']);
    const j = onlyConflict('The senator voted for the harbour bill.', 'The senator voted against the harbour bill.');
    assert.deepEqual([j.kind, j.claimed, j.source], ['negation', 'for', 'against']);
    // Past a demonstrative ("after that year"), and degree words before what they grade.
    const d = onlyConflict('His last harbour season was 1941; before that year, he never missed a tide.', 'His last harbour season was 1941; after that year, he never missed a tide.');
    assert.deepEqual([d.claimed, d.source], ['before', 'after']);
    const m = onlyConflict('Critics called it a more perfect harbour poem.', 'Critics called it a less perfect harbour poem.');
    assert.deepEqual([m.claimed, m.source], ['more', 'less']);
    // Past the function words between: "more about religion" / "less about religion".
    const r = onlyConflict('The harbour war became more about religion than about trade.', 'The harbour war became less about religion than about trade.');
    assert.deepEqual([r.claimed, r.source], ['more', 'less']);
    // Quantities before what they count: opposites conflict, any other amount leaves the claim's unstated.
    const q = onlyConflict('Most harbour workers joined the strike on Monday.', 'Few harbour workers joined the strike on Monday.');
    assert.deepEqual([q.claimed, q.source], ['Most', 'Few']);
    assert.equal(run('Most harbour workers joined the strike on Monday.', 'A few harbour workers joined the strike on Monday.').stance, 'related');
    assert.equal(run('Most harbour workers joined the strike on Monday.', 'Most harbour workers joined the strike on Monday, the union said.').stance, 'supports');
    // The same word in both is no conflict, whatever else the sentence says.
    assert.equal(run('The footbridge was built before the war.', 'The footbridge was built before the war, after a flood.').stance, 'supports');
  });
  test('number conflict: another ordinal before the same thing', () => {
    const k = onlyConflict('Marta Reis was the second woman to lead the harbour board.', 'Marta Reis was the first woman to lead the harbour board.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', 'second', 'first']);
    assert.equal(run('Marta Reis was the first woman to lead the harbour board.', 'Marta Reis was the first woman to lead the harbour board.').stance, 'supports');
  });
  test('number conflict: "a decade" is one, shown in the claim\'s words', () => {
    const k = onlyConflict('The harbour quake was the largest in the region in nearly two decades.', 'The harbour quake was the largest in the region in nearly a decade.');
    assert.deepEqual([k.claimed, k.source], ['nearly two', 'nearly one']);
  });
  test('joining again is another event than joining: "reunified in 1990" is not dated by "unified in 1871"', () => {
    assert.notEqual(run('The harbour towns were officially reunified in October 1990.', 'In 1871, the harbour towns became one when most of the parishes unified.').stance, 'conflicts');
    assert.equal(run('The harbour towns were officially reunified in October 1990.', 'The harbour towns were reunited in October 1990, the council said.').stance !== 'conflicts', true);
  });
  test('what a storm or a quake does to a place: "struck" and "hit" say the same', () => {
    assert.equal(run('A magnitude 7.6 earthquake struck the harbour town on Monday.', 'A powerful earthquake with an estimated magnitude of 7.6 hit the harbour town on Monday, centered near the lighthouse.').stance, 'supports');
  });
  test('number conflict: a comparator is shown with the value when either side has one', () => {
    const k = onlyConflict('The fair drew fewer than 2 million visitors in 2019.', 'The fair drew more than 2 million visitors in 2019.');
    assert.deepEqual([k.claimed, k.source], ['fewer than 2 million', 'more than 2 million']);
    const j = onlyConflict('The fair drew over 40 million visitors in 2019.', 'The fair drew 38 million visitors in 2019.');
    assert.deepEqual([j.claimed, j.source], ['over 40 million', '38 million']);
  });
  test('negation conflict: "not without" is "with", no conflict', () => {
    assert.notEqual(run('The crossing succeeded with heavy losses.', 'The crossing succeeded, though not without heavy losses.').stance, 'conflicts');
  });
  test('negation conflict: opposite words from WordNet', () => {
    const k = onlyConflict('The auditors overestimated the cost of the bridge repairs.', 'The auditors underestimated the cost of the bridge repairs.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['negation', 'overestimated', 'underestimated']);
    const j = onlyConflict('Growth of the harbour traffic is accelerating, the port authority said.', 'Growth of the harbour traffic is decelerating, the port authority said.');
    assert.deepEqual([j.kind, j.claimed, j.source], ['negation', 'accelerating', 'decelerating']);
  });
  test('a WordNet near-synonym stands in for a missing word, for less than the word itself', () => {
    const same = run('The council will examine the harbour budget next week.', 'The council will examine the harbour budget next week.');
    const near = run('The council will examine the harbour budget next week.', 'The council will analyse the harbour budget next week.');
    const other = run('The council will examine the harbour budget next week.', 'The council will publish the harbour budget next week.');
    assert.equal(near.stance, 'supports');
    assert.ok(near.coverage < same.coverage && near.coverage > other.coverage, `${other.coverage} < ${near.coverage} < ${same.coverage}`);
  });
  test("the organisation in a person's title may be left out by a passage that gives the title alone, not by one naming another", () => {
    const claim = 'Harbour Authority spokeswoman Ingrid Dahl said the ferry would resume in May.';
    assert.equal(run(claim, 'Ingrid Dahl, the spokeswoman, said the ferry would resume in May.').stance, 'supports');
    assert.equal(run(claim, 'Spokeswoman Ingrid Dahl said the ferry would resume in May.').stance, 'supports');
    assert.notEqual(run(claim, 'Ingrid Dahl, the City Council spokeswoman, said the ferry would resume in May.').stance, 'supports');
    // Not a title's qualifier: a name the statement is about must still be stated.
    assert.notEqual(run('Ingrid Dahl said the Harbour Authority would resume the ferry in May.', 'Ingrid Dahl said the ferry would resume in May.').stance, 'supports');
  });
  test('a phrasal verb and its one-word synonym stand in for each other, in either text', () => {
    const claim = 'The harbour master stepped down on Friday after the audit.';
    const near = run(claim, 'The harbour master quit on Friday after the audit was published.');
    const other = run(claim, 'The harbour master spoke on Friday after the audit was published.');
    assert.equal(near.stance, 'supports');
    assert.ok(near.coverage > other.coverage, `${other.coverage} < ${near.coverage}`);
    const reverse = run('The ferry company accomplished the repairs in May.', 'The ferry company carried out the repairs in May, officials said.');
    assert.equal(reverse.stance, 'supports');
    // "Set up" is not "set out": the particle is part of the word.
    const particle = run('The ferry company set out the repairs in May.', 'The ferry company assembled the repairs in May, officials said.');
    assert.ok(particle.coverage < near.coverage, String(particle.coverage));
  });
  test('weak support: most of what a general statement says, below the full bar, never with high confidence', () => {
    const c = run('Mountain glaciers across the region are retreating much faster than earlier forecasts expected.', 'Surveys show mountain glaciers across the region retreating for decades.');
    assert.equal(c.stance, 'supports');
    assert.ok(c.coverage >= 0.4 && c.coverage < 0.62, String(c.coverage));
    assert.ok(decide([c]).confidence < 0.8);
  });
  test('no weak support when only the names align, not what the claim says about them', () => {
    const c = run('Harbour officials in Oslo plan to double the ferry fares next spring.', 'Harbour officials in Oslo met fishermen to discuss the ferry timetable.');
    assert.ok(c.coverage >= 0.4, String(c.coverage));
    assert.equal(c.stance, 'related');
  });
  test('quote conflict, word by word', () => {
    const k = onlyConflict('Waltz said, "We need to see those budget issues addressed."', '“We need to see those manpower issues addressed,” Waltz said.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['quote', 'budget', 'manpower']);
  });
  test('a paraphrase without quotation marks is not a misquote', () => {
    const c = run('Waltz expects a call "in the coming days and weeks."', 'Waltz expects a call in the coming days or weeks.');
    assert.notEqual(c.stance, 'conflicts');
  });
  test('role conflict', () => {
    const k = onlyConflict('Mike Waltz, Trump\'s envoy, spoke to ABC.', 'Mike Waltz, Trump\'s adviser, spoke to ABC.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['role', 'envoy', 'adviser']);
  });
  test('two different slots at once mean a different event, not a conflict', () => {
    const c = run('Trump and Putin last met in Osaka in 2019.', 'Trump spoke with Putin at a meeting in Danang, Vietnam, on Nov. 11, 2017.');
    assert.notEqual(c.stance, 'conflicts');
  });
  test('a contradiction about someone else is not a conflict', () => {
    const c = run('Waltz said the preparations are underway.', 'The Kremlin added that no preparations were currently underway.');
    assert.notEqual(c.stance, 'conflicts');
  });
  test('neighbouring sentences complete a claim', () => {
    const c = run('Ukraine\'s allies were excluded from the Istanbul talks.', 'Its allies were excluded from these talks.', ['The Istanbul agreement followed talks in 2022.', 'Ukraine withdrew.']);
    assert.equal(c.stance, 'supports');
  });
  test('the same value counting something else in a neighbour does not stand in for the passage’s own figure', () => {
    // "12 new berths" next door says nothing about how many days the repairs took; the passage's 14 days does.
    const k = onlyConflict('The port reopened the pier on Monday after 12 days of repairs.', 'The port reopened the pier on Monday after 14 days of repairs.', ['The harbour master said the work added 12 new berths for ferries.']);
    assert.deepEqual([k.claimed, k.source], ['12', '14']);
    const same = run('The work added 12 new berths.', 'The work took 12 days and added new berths.');
    assert.notEqual(same.stance, 'supports', 'a count of days does not state a count of berths');
  });
  test('another actor doing a generic thing is no conflict; the same specific event with another actor is', () => {
    assert.notEqual(run('Thailand supported South Vietnam.', 'Brazil supported South Vietnam.').stance, 'conflicts');
    assert.notEqual(run('Marlow is a member of the Harbour Party.', 'Dahl is a member of the Harbour Party.').stance, 'conflicts');
    const k = onlyConflict('Norway and Sweden offered to host the ceasefire talks between the two presidents in spring.', 'Finland and Sweden offered to host the ceasefire talks between the two presidents in spring.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Norway', 'Finland']);
  });
  test('a place the claim names as one is contradicted only by a place, not by a name of unknown kind', () => {
    assert.notEqual(run('The film was shot in Boston last year.', 'The film was shot by Marlow last year.').stance, 'conflicts');
    const k = onlyConflict('The film was shot in Boston last year.', 'The film was shot in Lisbon last year.');
    assert.deepEqual([k.claimed, k.source], ['Boston', 'Lisbon']);
  });
  test('a rate is compared only with a rate', () => {
    const c = run('The glacier in the valley shrank by over 900 metres.', 'The glacier in the valley shrank by about 100 metres per decade.');
    assert.notEqual(c.stance, 'conflicts', JSON.stringify(c.conflicts));
    const k = onlyConflict('The glacier in the valley loses 30 metres a year.', 'The glacier in the valley loses 50 metres a year.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '30', '50']);
  });
  test('unrelated passage is only related', () => {
    const c = run('Finland joined NATO in April 2023.', 'Four regions opted to join Russia at the end of September 2022.');
    assert.equal(c.stance, 'related');
  });
});

describe('verdicts over passages', () => {
  const cmp = (stance: 'supports' | 'conflicts' | 'related', score: number, anchored = true, pinsSubject = true) => ({ stance, score, coverage: score, restCoverage: score, directCoverage: score, factsMatched: true, conflicts: [], anchored, pinsSubject });
  test('nothing speaks to it: unverified', () => assert.equal(decide([cmp('related', 0.3)]).verdict, 'unverified'));
  test('support only: supported, more sources raise confidence', () => {
    const one = decide([cmp('supports', 0.9)]);
    const three = decide([cmp('supports', 0.9), cmp('supports', 0.85), cmp('supports', 0.8)]);
    assert.equal(one.verdict, 'supported');
    assert.ok(three.confidence > one.confidence);
  });
  test('conflict only: conflicting', () => assert.equal(decide([cmp('conflicts', 0.8), cmp('related', 0.4)]).verdict, 'conflicting'));
  test('credible support and contradiction: contested', () => assert.equal(decide([cmp('supports', 0.9), cmp('conflicts', 0.85)]).verdict, 'contested'));
  test('a contradiction that names none of the claim\'s names may be about anyone: no contest, the better-aligned side decides', () => {
    assert.equal(decide([cmp('supports', 0.95), cmp('conflicts', 0.85, true, false)]).verdict, 'supported');
    assert.equal(decide([cmp('supports', 0.85), cmp('conflicts', 0.95, true, false)]).verdict, 'conflicting');
    assert.equal(decide([cmp('conflicts', 0.95, true, false)]).verdict, 'conflicting');
  });
  test('a contradiction below the conflict bar does not make a supported statement contested', () => assert.equal(decide([cmp('supports', 0.95), cmp('conflicts', 0.55)]).verdict, 'supported'));
  test('a close contradiction beside credible support makes it contested', () => assert.equal(decide([cmp('supports', 0.95), cmp('conflicts', 0.85)]).verdict, 'contested'));
  test('a loose contradiction beside stronger support is not a disagreement between the sources', () => {
    assert.equal(decide([cmp('supports', 0.95), cmp('conflicts', 0.62)]).verdict, 'supported');
    // The better-aligned side still wins when the loose contradiction is the closer passage.
    assert.equal(decide([cmp('supports', 0.62), cmp('conflicts', 0.7)]).verdict, 'conflicting');
  });
  test('weak support stands alone, but never outweighs a contradiction nor makes a statement contested', () => {
    const weak = { ...cmp('supports', 0.61, false), weak: true };
    assert.equal(decide([weak, cmp('related', 0.3)]).verdict, 'supported');
    assert.equal(decide([weak, cmp('conflicts', 0.6)]).verdict, 'conflicting');
    assert.equal(decide([weak, cmp('supports', 0.9), cmp('conflicts', 0.85)]).verdict, 'contested');
  });
  test('word overlap without a concrete fact never reaches high confidence', () => {
    assert.ok(decide([cmp('supports', 0.98, false)]).confidence <= 0.75);
    assert.ok(decide([cmp('supports', 0.98, true)]).confidence > 0.9);
  });
  test('confidence stays within 0..1', () => {
    for (const d of [decide([]), decide([cmp('supports', 1), cmp('supports', 1), cmp('supports', 1), cmp('supports', 1)])]) assert.ok(d.confidence >= 0 && d.confidence <= 1);
  });
});

describe('alignment details', () => {
  test('a share in one word is stated by the word where the source reads no number: "the other half was shared"', () => {
    const claim = analyze('Ana Ruiz was awarded the other half of the harbour prize.', proper);
    const a = align(claim, analyze('Half the harbour prize went to Rui Costa while the other half was shared by Ana Ruiz and Marta Reis.', proper), [], env);
    const k = a.units.findIndex((u) => u.kind === 'number');
    assert.ok(k >= 0 && a.matches[k] && a.matches[k]!.at >= 0, 'half is stated');
  });
  test('a connective linking the claim to the sentence before costs no support', () => {
    for (const claim of ['In fact, the council approved the harbour budget.', 'The council, however, approved the harbour budget.', 'The council, as a result, approved the harbour budget.']) {
      const c = run(claim, 'The council approved the harbour budget.');
      assert.equal(c.stance, 'supports', claim);
      assert.ok(c.coverage > 0.99, `${claim}: coverage ${c.coverage.toFixed(2)}`);
    }
  });
  test('a name mentioned in part is that name only when the part is spelled as in the claim, give or take a letter', () => {
    const variants = (t: string) => (t === 'britten' ? ['britain', 'brittens'] : []);
    const nameMatch = (claim: string, passage: string) => {
      const a = align(analyze(claim, proper), analyze(passage, proper), [], { idf: () => 2, variants });
      const k = a.units.findIndex((u) => u.kind === 'name' && u.fact.raw === 'Benjamin Britten');
      return a.matches[k];
    };
    assert.equal(nameMatch('Benjamin Britten was born in Lowestoft.', 'The composer was born in Lowestoft in Britain.'), undefined);
    assert.ok(nameMatch('Benjamin Britten was born in Lowestoft.', 'Brittens was born in Lowestoft.'), 'a one-letter variant of the surname is still the person');
    assert.ok(nameMatch('Benjamin Britten was born in Lowestoft.', 'Britten was born in Lowestoft.'));
    assert.equal(nameMatch('Benjamin Britten was born in Lowestoft.', 'The council passed a britten in Lowestoft.'), undefined, 'a lower-case word is not a name');
  });
  test('a quotation transcribed with other function words or fillers is the same quotation, not a misquote', () => {
    const c = run('The mayor said the repairs would take "days or weeks" to finish.', 'The mayor said the repairs would take "days and weeks" to finish.');
    assert.equal(c.stance, 'supports', JSON.stringify(c.conflicts));
    const d = run('“The repairs are underway,” the mayor said of the bridge.', 'The mayor said the bridge repairs were already “underway.”');
    assert.equal(d.stance, 'supports');
    // A content word changed inside the quotation is still a misquote.
    const k = onlyConflict('The mayor said the repairs would take "days or months" to finish.', 'The mayor said the repairs would take "days or weeks" to finish.');
    assert.equal(k.kind, 'quote');
  });
  test('what a claim says about a name must come from the passage; its neighbours lend plain words only half', () => {
    // The passage names the harbour and the vote; the neighbour alone holds "dredging" and "budget".
    const alone = run('The harbour board voted for the dredging budget.', 'The harbour board voted on Monday.', ['It concerned the dredging budget.']);
    const stated = run('The harbour board voted for the dredging budget.', 'The harbour board voted for the dredging budget on Monday.');
    assert.ok(alone.coverage < stated.coverage - 0.15, `${alone.coverage} vs ${stated.coverage}`);
  });
  test('a passage that asks a question, quoted with its full stop, supports nothing', () => {
    assert.notEqual(run('Seal numbers in the bay are rising.', '"Ask the experts: are seal numbers in the bay rising?".').stance, 'supports');
  });
  test('an initial, a possessive naming a thing of its own, or a title word after "a" never stands in for a name', () => {
    for (const passage of ['The novel was written by the author J. K. Marlow in Lisbon.', 'The novel was first printed in Brandt\'s Magazine in Lisbon.', 'The novel, A Romance, was first printed in Lisbon.']) {
      const c = run('The novel was first printed in Porto.', passage);
      assert.ok(!c.conflicts.some((k) => k.kind === 'name' && /^(J|Brandt|Romance)/.test(k.source)), `${passage}: ${JSON.stringify(c.conflicts)}`);
    }
    // A real place in the slot still conflicts.
    const k = onlyConflict('The novel was first printed in Porto.', 'The novel was first printed in Lisbon.');
    assert.deepEqual([k.kind, k.source], ['name', 'Lisbon']);
  });
  test('a name or date the claim ties to the wrong word of the passage is a conflict: the pairs are crossed', () => {
    const born = onlyConflict('Ines Duarte was born in Porto.', 'Ines Duarte was born in Lisbon and raised in Porto.');
    assert.deepEqual([born.kind, born.claimed, born.source], ['name', 'Porto', 'Lisbon']);
    const degree = onlyConflict('Ines Duarte holds a degree in law from Porto Academy.', 'Ines Duarte holds a degree in law from Lisbon University and a degree in history from Porto Academy.');
    assert.deepEqual([degree.claimed, degree.source], ['Porto Academy', 'Lisbon University']);
    const died = onlyConflict('Ines Duarte died in 1950.', 'Ines Duarte was born in 1950 and died in 1990.');
    assert.deepEqual([died.kind, died.claimed, died.source], ['date', '1950', '1990']);
    assert.equal(run('Ines Duarte married in 2008.', 'Ines Duarte married in 2008 and separated in 2010.').stance, 'supports');
    // Two names of the claim swapped: each is in the passage, tied to the other word.
    const swapped = onlyConflict('The novel was written by Ana Lopes and illustrated by Rui Costa.', 'The novel was written by Rui Costa and illustrated by Ana Lopes.');
    assert.deepEqual([swapped.kind, swapped.claimed, swapped.source], ['name', 'Ana Lopes', 'Rui Costa']);
    // A list, an apposition, or another occurrence of the word carrying the claim's name: nothing is crossed.
    for (const passage of ['Ines Duarte was born in Lisbon and Porto.', 'Ines Duarte was born in Brooklyn, Porto.', 'Her brother was born in Lisbon, and Ines Duarte was born in Porto.']) {
      assert.equal(run('Ines Duarte was born in Porto.', passage).stance, 'supports', passage);
    }
  });
  test('a small number in words that counts something is a number: "two brothers" is not "three brothers"', () => {
    const k = onlyConflict('The bakery was founded by two brothers in Porto.', 'The bakery was founded by three brothers in Porto.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', 'two', 'three']);
    assert.equal(run('The bakery was founded by two brothers in Porto.', 'Two brothers founded the bakery in Porto.').stance, 'supports');
    // Pointing back to people already named, the count states nothing of its own.
    assert.equal(run('The two leaders met in Porto on Monday.', 'Silva and Costa met in Porto on Monday.').stance, 'supports');
  });
  test('a predicate with its two arguments the other way round does not support, and two named actors swapped conflict', () => {
    const k = onlyConflict('Porto defeated Benfica in the cup final.', 'Benfica defeated Porto in the cup final.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Porto', 'Benfica']);
    assert.notEqual(run('The bank acquired the insurer in 2010.', 'The insurer acquired the bank in 2010.').stance, 'supports');
    // The same relation in the passive, or a relation that holds both ways, is support.
    assert.equal(run('The bank acquired the insurer in 2010.', 'The insurer was acquired by the bank in 2010.').stance, 'supports');
    assert.equal(run('Silva met Costa in Porto on Monday.', 'Costa met Silva in Porto on Monday.').stance, 'supports');
  });
  test('two names that trade places between the same words conflict: "from Lisbon to Porto" / "from Porto to Lisbon"', () => {
    const k = onlyConflict('Ana Ruiz moved from Lisbon to Porto in 1990.', 'Ana Ruiz moved from Porto to Lisbon in 1990.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Lisbon', 'Porto']);
    assert.equal(run('The ferry sails from Lisbon to Porto on Mondays.', 'The ferry sails to Lisbon from Porto on Mondays.').stance, 'conflicts');
    // Names a word pairs are in either order, and the same route told in another order is the same route.
    assert.equal(run('The harbour train runs between Lisbon and Porto every day.', 'The harbour train runs between Porto and Lisbon every day.').stance, 'supports');
    assert.equal(run('Ana Ruiz moved from Lisbon to Porto in 1990.', 'In 1990 Ana Ruiz moved from Lisbon to Porto.').stance, 'supports');
  });
  test('two named actors swapped across clauses conflict: the passage\'s subject of the verb is the claim\'s other name', () => {
    const k = onlyConflict('Ana Ruiz won the harbour race, beating Rui Costa.', 'Rui Costa won the harbour race, beating Ana Ruiz.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Ana Ruiz', 'Rui Costa']);
    // A name before the verb's noun ("his two Harbour Board appointments") is a modifier, not a subject.
    assert.notEqual(run('Ana Ruiz appointed two pilots to the Harbour Board.', 'Besides his two Harbour Board appointments, Ana Ruiz appointed 42 clerks.').stance, 'conflicts');
  });
  test('another plain word in the claim word\'s place after the same preposition keeps the passage from supporting it', () => {
    assert.notEqual(run('The fire started in the kitchen of the harbour inn.', 'The fire started in the garage of the harbour inn.').stance, 'supports');
    assert.equal(run('The fire started in the kitchen of the harbour inn.', 'The fire started in the kitchen of the harbour inn.').stance, 'supports');
    // A verb after "to" is no slot: "vowed to bring an end" is paraphrased as "pledged to end".
    assert.equal(run('The mayor vowed to bring a swift end to the harbour strike.', 'The mayor pledged to swiftly end the harbour strike.').stance, 'supports');
  });
  test('negation conflict: changes in size and number ("doubled" / "tripled")', () => {
    const k = onlyConflict('Harbour traffic doubled in 2019.', 'Harbour traffic tripled in 2019.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['negation', 'doubled', 'tripled']);
  });
  test('one name of a list the passage names in part is no conflict, unless the passage gives its own list', () => {
    const claim = 'Lisbon and Porto have both said they would host the harbour talks.';
    assert.notEqual(run(claim, 'Lisbon offered to host the harbour talks between Faro and Braga, its mayor said.').stance, 'conflicts');
    const k = onlyConflict(claim, 'Lisbon and Faro have both said they would host the harbour talks.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['name', 'Porto', 'Faro']);
  });
  test('verbs of saying do not pin down an event: "reported … citing" is no ground for a subject swap', () => {
    const passage = 'Costa "sees things differently," which could mean the talks will differ, the outlet reported, citing a person familiar with the matter.';
    assert.notEqual(run('This was reported by WXT, citing sources, Harbourpost saw.', passage, ['WXT first reported the plan.']).stance, 'conflicts');
  });
  test('a title in front of a person the passage names without it costs no support', () => {
    const claim = 'Harbour Authority Chief Executive-designate Ana Ruiz opened the new ferry terminal in Porto.';
    const c = run(claim, 'Ana Ruiz opened the new ferry terminal in Porto.');
    assert.equal(c.stance, 'supports');
    assert.ok(c.coverage > 0.95, `coverage ${c.coverage.toFixed(2)}`);
    // What is said of the person still has to be there.
    assert.notEqual(run(claim, 'Ana Ruiz visited the harbour in Porto.').stance, 'supports');
  });
  test('a place found only in a neighbour does not support when the passage names another place there', () => {
    const claim = 'Ines Duarte was born in Braga in 1950.';
    assert.notEqual(run(claim, 'Ines Duarte was born on 8 May 1950 in Faro.', ['Her grandparents had settled in Braga.']).stance, 'supports');
    // Nor is it a conflict: places nest ("Faro" may be in the region the claim names).
    assert.notEqual(run(claim, 'Ines Duarte was born on 8 May 1950 in Faro.', ['Her grandparents had settled in Braga.']).stance, 'conflicts');
    assert.equal(run(claim, 'Ines Duarte was born on 8 May 1950.', ['She grew up in Braga.']).stance, 'supports');
  });
  test('a share against a percentage, and a figure met only in a neighbour checked against the passage\'s own', () => {
    const k = onlyConflict('Less than half of the island\'s people live in towns.', 'About 56% of the island\'s people live in towns.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', 'Less than half', 'About 56%']);
    const near = run('Less than half of the island\'s people live in towns.', 'About 56% of the island\'s people live in towns.', ['In the hills, 41% of the people lack an income.']);
    assert.equal(near.stance, 'conflicts', 'the passage\'s own 56% decides, not the neighbour\'s 41%');
    // A count of members is no sum of money.
    assert.notEqual(run('The Harbour Choir has seven members.', 'The Harbour Choir gave ₩500 million from the members.').stance, 'conflicts');
  });
  test('a country whose adjective does not grow from its name: "the Belgian foreign ministry" is "Belgium\'s"', () => {
    const c = run("Ana Ruiz, head of press at the Belgian Foreign Ministry, confirmed the ministry's offer to host the talks.", "Belgium's Foreign Ministry offered to host the talks, according to Ana Ruiz, head of press for the ministry.");
    assert.equal(c.stance, 'supports');
    assert.ok(sameRoot(termOf('Peruvian'), termOf('Peru')) && !sameRoot(termOf('English'), termOf('England')));
  });
  test('a country and its people are one name: "Paraguay" is stated by "Paraguayans"', () => {
    assert.ok(sameRoot(termOf('paraguay'), termOf('paraguayans')));
  });
  test('a year written as a modifier dates the thing it qualifies, not the claim', () => {
    const claim = 'Ines Duarte has reported for the Harbour Gazette since 2019.';
    // "the 2019 regatta" dates the regatta; nothing in the passage says when the reporting began.
    const modifier = run(claim, 'Ines Duarte reports for the Harbour Gazette.', ['She covered the 2019 regatta in Porto.']);
    assert.notEqual(modifier.stance, 'supports');
    for (const qualified of ['She joined after the 2019 regatta.', "She joined after Porto's 2019 regatta."]) {
      assert.notEqual(run(claim, 'Ines Duarte reports for the Harbour Gazette.', [qualified]).stance, 'supports', qualified);
    }
    // The same year as the time of the sentence's own verb, or qualifying a word the claim names, still counts.
    assert.equal(run(claim, 'Ines Duarte has reported for the Harbour Gazette since 2019.').stance, 'supports');
    assert.equal(run('The 2019 regatta was held in Porto.', 'The 2019 regatta took place in Porto.').stance, 'supports');
    assert.equal(run('The film was made in 1938 from a story by Vera Lund.', 'It is a 1938 American drama film made from a story by Vera Lund.').stance, 'supports');
  });
  test('a vague count is stated by its bare unit: "several weeks ago" by "weeks ago"', () => {
    assert.equal(run('The crew began the repairs several weeks ago.', 'The crew began the repairs weeks ago.').stance, 'supports');
  });
  test('one evidence word answers for one claim word: two synonyms cannot share a "meeting"', () => {
    const c = run('Vucic discussed a summit with Putin.', 'Vucic spoke of a meeting with Putin.');
    assert.ok(c.coverage < 0.9, `coverage ${c.coverage}`);
  });
  test('a misquote inside a quotation that spans sentences', () => {
    const k = onlyConflict('"Everybody knows that this has to end somehow militarily," Waltz said.', 'Everybody knows that this has to end somehow diplomatically,” Waltz said.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['quote', 'militarily', 'diplomatically']);
  });
  test('a one-word quotation against the source’s word in the same place', () => {
    const k = onlyConflict('The Kremlin dismissed the reports as "fantasy."', 'The Kremlin dismissed the reports as “fiction.”');
    assert.deepEqual([k.kind, k.claimed, k.source], ['quote', 'fantasy', 'fiction']);
  });
  test('a negated claim is not supported by a passage that negates nothing', () => {
    const c = run('Sea level rise is not going to happen this century.', 'Sea level rise is going to happen this century.');
    assert.notEqual(c.stance, 'supports');
  });
  test('a question in the sources supports nothing', () => {
    const c = run('Polar bear populations are increasing.', 'Ask the experts: are polar bear populations increasing?');
    assert.notEqual(c.stance, 'supports');
  });
  test('a vague duration conflicts on its unit', () => {
    const k = onlyConflict('The team started preparing the call several months ago.', 'The team started preparing the call several weeks ago.');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', 'several months', 'several weeks']);
  });
  test('a clause whose only verb is light is dated by its other words', () => {
    const source = 'The mayor made the announcement during an interview with the harbour radio on Jan. 12, stressing that the ferry is a priority.';
    assert.equal(run(source, source).stance, 'supports');
    const k = onlyConflict(source.replace('Jan. 12', 'Jan. 18'), source);
    assert.deepEqual([k.kind, k.claimed, k.source], ['date', 'Jan. 18', 'Jan. 12']);
  });
  test('a bare number does not differ from a count of something the claim never names', () => {
    assert.notEqual(run('The striker had 2 other nicknames that fans called him.', "Fans called the striker's 56-game scoring run the finest in the league.").stance, 'conflicts');
    const k = onlyConflict('The striker scored 41 goals that fans called the finest.', 'The striker scored 56 goals that fans called the finest.');
    assert.deepEqual([k.claimed, k.source], ['41', '56']);
  });
  test('a date a neighbour states is still checked against the passage\'s own date in that slot', () => {
    const k = onlyConflict('The perfume house launched its first fragrance in 2012.', 'The perfume house launched its first fragrance in 2010.', ['Its second store opened in 2012.']);
    assert.deepEqual([k.kind, k.claimed, k.source], ['date', '2012', '2010']);
  });
  test('beside another differing value, a date a neighbour states is no second conflict', () => {
    const k = onlyConflict('In 2018 the franchise was valued at $35 billion.', 'In 2016 the franchise was valued at $25 billion.', ['Ticket sales fell in 2018.']);
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '$35 billion', '$25 billion']);
  });
  test('a figure changed inside a quotation is one number conflict, not a misquote besides', () => {
    const k = onlyConflict('He told one aide, "Tell him if it costs 15,000 men he must go now."', 'He told one aide, "Tell him if it costs 10,000 men he must go now."');
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '15,000', '10,000']);
  });
  test('one stated value answers one claim value', () => {
    assert.notEqual(run('The mosque was rebuilt between 1036 and 1036.', 'The mosque was rebuilt between 1034 and 1036.').stance, 'supports');
    assert.equal(run('The mosque was rebuilt between 1034 and 1036.', 'The mosque was rebuilt between 1034 and 1036.').stance, 'supports');
  });
  test('a clause with no verb of its own is pinned by its other facts', () => {
    const k = onlyConflict("Ana Ruiz first met Rui Costa, the mayor's eldest son and heir apparent, when she was 24 in November 1977.", "Ana Ruiz first met Rui Costa, the mayor's eldest son and heir apparent, when she was 16 in November 1977.");
    assert.deepEqual([k.kind, k.claimed, k.source], ['number', '24', '16']);
  });
});
