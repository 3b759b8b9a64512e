import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { affixalPositive } from '../../src/engine/text/affixes';

// Every word equally rare, no spelling variants: the comparer is tested on its own.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;
const run = (claim: string, passage: string, context: string[] = []) =>
  compare(analyze(claim, proper), analyze(passage, proper), context.map((c) => analyze(c, proper)), env);

function conflictOf(claim: string, passage: string) {
  const c = run(claim, passage);
  assert.equal(c.stance, 'conflicts', `expected a conflict, got ${c.stance}: ${claim} / ${passage}`);
  assert.equal(c.conflicts[0].kind, 'negation', JSON.stringify(c.conflicts));
  return c.conflicts[0];
}

function neverConflicts(claim: string, passage: string) {
  const c = run(claim, passage);
  assert.notEqual(c.stance, 'conflicts', `unexpected conflict ${JSON.stringify(c.conflicts)}: ${claim} / ${passage}`);
  return c;
}

const words = (s: string, pick: (a: ReturnType<typeof analyze>) => Iterable<number>) => {
  const a = analyze(s, proper);
  return [...pick(a)].sort((x, y) => x - y).map((i) => a.tokens[i].norm);
};

describe('negation scope', () => {
  test('a negator stops at its clause: a comma before a conjunction, "but", a relative pronoun', () => {
    assert.deepEqual(words('The mayor did not attend, but the council approved the budget.', (a) => a.negated), ['attend']);
    assert.deepEqual(words('The firm, which did not pay its taxes, was fined by the agency.', (a) => a.negated), ['pay', 'taxes']);
    assert.deepEqual(words('The board never met; the shareholders approved the merger.', (a) => a.negated), ['met']);
  });
  test('a sentence adverb between commas does not end the scope', () => {
    assert.deepEqual(words('The governor did not, however, resign.', (a) => a.negation.heads), ['resign']);
  });
  test('the head of a negated predicate is the word after the auxiliary, "yet to", "failed to", "no longer"', () => {
    assert.deepEqual(words('The committee has yet to publish its report.', (a) => a.negation.heads), ['publish']);
    assert.deepEqual(words('The rebels failed to capture the bridge.', (a) => a.negation.heads), ['capture']);
    assert.deepEqual(words('The factory no longer produces cars.', (a) => a.negation.heads), ['produces']);
    assert.deepEqual(words('The ferry will not sail on Sunday.', (a) => a.negation.heads), ['sail']);
    // A negated noun phrase has no predicate head: "no survivors" negates a noun.
    assert.deepEqual(words('Rescuers found no survivors.', (a) => a.negation.heads), []);
  });
  test('double negation and negated quantifiers are neither negative nor positive', () => {
    assert.deepEqual(words('A delay is not unlikely.', (a) => a.negated), []);
    assert.deepEqual(words('A delay is not unlikely.', (a) => a.negation.unsure), ['unlikely']);
    assert.deepEqual(words('The trains are not always late.', (a) => a.negated), []);
    assert.deepEqual(words('Not only did prices rise, wages fell.', (a) => a.negated), []);
  });
});

describe('affixal negation', () => {
  test('a negative affix on a word of the lexicon reads as the negated stem', () => {
    for (const [neg, pos] of [['uncertain', 'certain'], ['unable', 'able'], ['impossible', 'possible'], ['irrelevant', 'relevant'], ['illegal', 'legal'], ['dissatisfied', 'satisfied'], ['useless', 'useful']]) {
      const a = affixalPositive(neg);
      assert.ok(a !== undefined, neg);
      assert.equal(a, analyze(pos).tokens[0].term, `${neg} → ${pos}`);
    }
  });
  test('words that only start or end like a negative are not negations', () => {
    for (const w of ['discover', 'dismiss', 'income', 'invoice', 'inside', 'install', 'intend', 'impose', 'understand', 'union', 'universe', 'unless', 'nevertheless', 'display']) {
      assert.equal(affixalPositive(w), undefined, w);
    }
  });
  test('"non-" before a hyphen negates the word after it', () => {
    assert.deepEqual(words('The agreement is non-binding.', (a) => a.negated), ['binding']);
  });
});

describe('equivalent negative forms agree', () => {
  test('"not yet certain" and "remains uncertain"', () => {
    assert.equal(run('The date of the referendum remains uncertain.', 'The date of the referendum is not yet certain.').stance, 'supports');
    assert.equal(run('The date of the referendum is not certain.', 'The date of the referendum remains uncertain.').stance, 'supports');
  });
  test('"had yet to be decided" and "has not been finalized"', () => {
    assert.equal(run('The route of the pipeline had yet to be decided.', 'The route of the pipeline has not been finalized.').stance, 'supports');
  });
  test('"unable to" and "could not"; "non-binding" and "not binding"', () => {
    neverConflicts('The council was unable to agree on the budget.', 'The council could not agree on the budget.');
    assert.equal(run('The treaty is non-binding.', 'The treaty is not binding.').stance, 'supports');
  });
  test('"declined to", "refused to", "failed to", "no longer" agree with "did not"', () => {
    neverConflicts('The airline declined to comment on the crash.', 'The airline did not comment on the crash.');
    neverConflicts('The striker refused to sign the new contract.', 'The striker would not sign the new contract.');
    neverConflicts('The museum no longer charges for entry.', 'The museum does not charge for entry anymore.');
  });
  test('double negation is never the basis of a conflict', () => {
    neverConflicts('A strike at the port is likely.', 'A strike at the port is not unlikely.');
    assert.deepEqual(words('The crossing succeeded, though not without losses.', (a) => a.negated), []);
    neverConflicts('The crossing succeeded with heavy losses.', 'The crossing succeeded, though not without heavy losses.');
  });
});

describe('negation conflicts', () => {
  test('a flipped predicate: "is not required to" against "would be required to"', () => {
    const k = conflictOf('Landlords are not required to repair the heating.', 'Landlords would be required to repair the heating.');
    assert.equal(k.claimed, 'not required');
  });
  test('an affixal negative against the plain word', () => {
    const k = conflictOf('The outcome of the trial is uncertain.', 'The outcome of the trial is certain.');
    assert.equal(k.claimed, 'uncertain');
  });
  test('"failed to" against the plain verb', () => {
    conflictOf('The rebels failed to capture the bridge.', 'The rebels captured the bridge.');
  });
  test('opposite predicates with the same arguments in one sentence', () => {
    const k = conflictOf('The union accepted the offer.', 'The union rejected the offer.');
    assert.deepEqual([k.claimed, k.source], ['accepted', 'rejected']);
  });
  test('an opposite word whose arguments differ is no conflict, and no support either', () => {
    const c = run('The union accepted the offer.', 'The union welcomed the talks, and the employers rejected the offer.');
    assert.equal(c.stance, 'related');
  });
  test('"did not accept" and "rejected" say the same thing', () => {
    neverConflicts('The union did not accept the offer.', 'The union rejected the offer.');
  });
  test('a negation in another clause does not flip this one', () => {
    neverConflicts('The minister, who did not attend the summit, signed the treaty.', 'The minister signed the treaty after the summit.');
    const c = run('The bridge reopened in May.', 'The bridge reopened in May, although the tunnel did not.');
    assert.equal(c.stance, 'supports');
  });
  test('a word deep inside a negated phrase, or part of a name, is no conflict basis', () => {
    neverConflicts('The pier is not available for the restoration.', 'The restoration of the pier began in spring.');
    neverConflicts('The city no longer hosts the Harbour Festival.', 'The Harbour Festival drew large crowds.');
  });
  test('"not always" and "not only" are not denials', () => {
    neverConflicts('The ferry was not always the fastest route.', 'The ferry was the fastest route to the island.');
    assert.equal(run('The plan was not only cheap but popular.', 'The plan was cheap.').stance === 'conflicts', false);
  });
});

describe('negation reaches what it denies, and no further', () => {
  test('a denial after the word ("open to talks without preconditions") does not stop a flipped predicate', () => {
    const k = conflictOf('The council is not open to talks with the union.', 'The council is open to talks with the union without any preconditions.');
    assert.equal(k.claimed, 'not open');
  });
  test('a denied predicate after the word still denies what the word does', () => {
    neverConflicts('The island no longer holds regattas.', 'Regattas on the island were not held after the storm.');
  });
  test('an adverb of degree with a negative prefix grades the word; it does not deny it', () => {
    assert.deepEqual(words('That would not be an incredibly positive step.', (a) => a.negation.unsure), []);
    conflictOf('That would not be an incredibly positive step for the town.', 'That would be an incredibly positive step for the town.');
    assert.deepEqual(words('The winter was unusually warm.', (a) => a.negated), []);
  });
  test('a predicate that is all name is what "is not" denies', () => {
    assert.deepEqual(words('Ana Ruiz is not a Harbour Authority Adviser.', (a) => a.negation.heads), ['harbour']);
    assert.notEqual(run('Ana Ruiz is not a Harbour Authority Adviser.', 'Ana Ruiz is a Harbour Authority Adviser.').stance, 'supports');
  });
  test('"not one of" denies membership: it is no weakened negation', () => {
    const k = conflictOf('At fourteen, Ruiz was not one of the youngest pilots in the fleet.', 'At fourteen, Ruiz was one of the youngest pilots in the fleet.');
    assert.equal(k.claimed, 'not one of the youngest');
  });
  test('a comma closes a clause that "although", "because" or "when" opened', () => {
    assert.deepEqual(words('Although the film was not nominated, it received warm reviews.', (a) => a.negated), ['nominated']);
    const c = run('Although the film was nominated for five awards, it received mixed reviews, failing to cover its costs.', 'Although the film was not nominated for five awards, it received mixed reviews, failing to cover its costs.');
    assert.equal(c.stance, 'conflicts');
  });
  test('"declined", "failed" and "refused" are verbs of their own when no "to" follows', () => {
    const k = conflictOf('Ozone over the harbour has not declined since the ban.', 'Ozone over the harbour has declined since the ban.');
    assert.equal(k.claimed, 'not declined');
    neverConflicts('The union declined to comment on the offer.', 'The union did not comment on the offer.');
  });
  test('a clause that "why" or "how" opens keeps its negation to itself', () => {
    const k = conflictOf('Authors have not pointed to reasons why insurers cannot cover flood risk.', 'Authors have pointed to reasons why insurers cannot cover flood risk.');
    assert.equal(k.claimed, 'not pointed');
  });
  test('"not many" and "not much" deny like "not"', () => {
    conflictOf('There are not many cafes along the harbour front.', 'There are many cafes along the harbour front.');
  });
  test('a verb of saying with a thing for its object is the predicate: "have not denied the allegations"', () => {
    const k = conflictOf('Both Ruiz and Costa have not denied these allegations.', 'Both Ruiz and Costa have denied these allegations.');
    assert.equal(k.claimed, 'not denied');
    neverConflicts('The mayor did not say whether the ferry would run.', 'The mayor said the ferry would run.');
  });
  test('"still being decided" states a process: no conflict with "not yet finalized" or "not decided"', () => {
    neverConflicts('The mayor said the details of the ferry timetable are still being decided.', 'The mayor said the ferry timetable had not yet been decided.');
  });
  test('"not unclear" is no support for "unclear", nor the other way round', () => {
    assert.equal(run('It is not unclear whether the ferry will run.', 'It is unclear whether the ferry will run.').stance, 'related');
    assert.equal(run('It is unclear whether the ferry will run.', 'It is not unclear whether the ferry will run.').stance, 'related');
    assert.equal(run('A strike at the port is likely.', 'A strike at the port is not unlikely.').stance, 'supports');
  });
});

describe('opposite words stated beside the claim', () => {
  test('the claim\'s word in a neighbouring sentence leaves the passage\'s opposite word in its place', () => {
    const c = run('The union accepted these terms.', 'The union rejected these terms.', ['The employers accepted a shorter week.']);
    assert.equal(c.stance, 'conflicts');
    assert.deepEqual([c.conflicts[0].claimed, c.conflicts[0].source], ['accepted', 'rejected']);
  });
  test('not when the passage does not state the claim\'s subject before the opposite word', () => {
    const c = run('The employers accepted these terms.', 'The union rejected these terms.', ['The employers accepted a shorter week.']);
    assert.notEqual(c.stance, 'conflicts');
  });
  test('an opposite word the claim also states elsewhere: only the passage\'s extra one counts', () => {
    const k = conflictOf('The port would be obliged to release the ship under an arrest warrant.', 'The port would be obliged to arrest the ship under an arrest warrant.');
    assert.deepEqual([k.claimed, k.source], ['release', 'arrest']);
  });
  test('a word of the claim is not taken as a near-synonym of another claim word', () => {
    const k = conflictOf('The council opposes a negotiated end to the war.', 'The council supports a negotiated end to the war.');
    assert.deepEqual([k.claimed, k.source], ['opposes', 'supports']);
  });
  test('an opposite pair listed in base form meets the words as inflected', () => {
    const k = conflictOf('The attempt to reach the summit succeeded when the wind dropped.', 'The attempt to reach the summit failed when the wind dropped.');
    assert.deepEqual([k.claimed, k.source], ['succeeded', 'failed']);
  });
  test('"before he left" against "after he left"; "before Costa wrote" where Costa is named twice', () => {
    const c = run('The band was formed in 1975 shortly before he left his previous group.', 'The band was formed in 1975 shortly after he left his previous group.');
    assert.deepEqual([c.stance, c.conflicts[0]?.claimed, c.conflicts[0]?.source], ['conflicts', 'before', 'after']);
    const d = run('The firm sued Costa for libel before Costa wrote that its app spread rumours.', 'The firm sued Costa for libel after Costa wrote that its app spread rumours.');
    assert.deepEqual([d.stance, d.conflicts[0]?.claimed, d.conflicts[0]?.source], ['conflicts', 'before', 'after']);
  });
  test('"not before" against "not after" the same event', () => {
    const c = run('Officials said the vote would not occur after the mayor returns.', 'Officials said the vote would not occur before the mayor returns.');
    assert.equal(c.stance, 'conflicts');
    assert.deepEqual([c.conflicts[0].claimed, c.conflicts[0].source], ['after', 'before']);
    assert.notEqual(run('The council did not vote for the bill.', 'The council did not vote against the bill.').stance, 'conflicts');
  });
});
