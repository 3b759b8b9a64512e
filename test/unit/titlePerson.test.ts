import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDocument, CorpusIndex, loadCorpus } from '../../src/engine';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { extractRoles, postOf } from '../../src/engine/facts/roles';
import { MemoryFs } from './helpers/memoryFs';

// Every word equally rare, no spelling variants, every capitalised word a name: the rule on its own.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;

function run(claim: string, passage: string, context: string[] = [], with_: CompareEnv = env) {
  return compare(analyze(claim, proper), analyze(passage, proper), context.map((c) => analyze(c, proper)), with_);
}

/** The one name conflict a passage raises against the claim, as [claimed, source]. */
function nameConflict(claim: string, passage: string, context: string[] = []): [string, string] {
  const c = run(claim, passage, context);
  assert.equal(c.stance, 'conflicts', `expected a conflict, got ${c.stance} (coverage ${c.coverage.toFixed(2)}, rest ${c.restCoverage.toFixed(2)})`);
  assert.equal(c.conflicts.length, 1, JSON.stringify(c.conflicts));
  const k = c.conflicts[0];
  assert.equal(k.kind, 'name');
  assert.equal(claim.slice(k.claimStart, k.claimEnd), k.claimed);
  return [k.claimed, k.source];
}

function noNameConflict(claim: string, passage: string, context: string[] = [], with_: CompareEnv = env) {
  const c = run(claim, passage, context, with_);
  assert.ok(!c.conflicts.some((k) => k.kind === 'name'), `unexpected name conflict: ${JSON.stringify(c.conflicts)}`);
  return c;
}

const post = (s: string) => extractRoles(analyze(s, proper)).map((r) => postOf(analyze(s, proper), r))[0];

describe('the post a title names', () => {
  test('one post however the title is attached', () => {
    const key = post('Harbour Authority spokeswoman Ingrid Dahl spoke.');
    assert.ok(key);
    assert.equal(post("The Harbour Authority's spokeswoman, Ingrid Dahl, spoke."), key);
    assert.equal(post('Ingrid Dahl, the Harbour Authority spokeswoman, spoke.'), key);
    assert.notEqual(post('City Council spokeswoman Ingrid Dahl spoke.'), key);
  });
  test('no post when the title does not say whose office it is, or could be one of several', () => {
    assert.equal(post('Ingrid Dahl, the spokeswoman, spoke.'), undefined);
    assert.equal(post('Foreign Minister Ingrid Dahl spoke.'), undefined);
    assert.equal(post('Ingrid Dahl, a Harbour Authority spokeswoman, spoke.'), undefined);
    assert.equal(post('Former Harbour Authority spokeswoman Ingrid Dahl spoke.'), undefined);
    assert.equal(post('Acting Harbour Authority spokeswoman Ingrid Dahl spoke.'), undefined);
  });
});

describe('another person holding the same post is a name conflict', () => {
  const claim = 'The Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.';
  test('the two names on either side of the title', () => {
    assert.deepEqual(nameConflict(claim, 'Mona Berg, the Harbour Authority spokeswoman, said the ferry would resume in May.'), ['Ingrid Dahl', 'Mona Berg']);
  });
  test('a shared first name leaves the surname as the conflict', () => {
    assert.deepEqual(nameConflict(claim, 'Ingrid Berg, the Harbour Authority spokeswoman, said the ferry would resume in May.'), ['Dahl', 'Berg']);
  });
  test("the claim's person named nearby for something else does not stand in for the post's holder", () => {
    const c = 'Harbour Authority spokeswoman Ingrid Dahl said the ferry would resume in May.';
    const passage = 'Harbour Authority spokeswoman Mona Berg said the ferry would resume in May.';
    assert.deepEqual(nameConflict(c, passage, ['Ingrid Dahl, the former mayor, opened the new terminal on Friday.']), ['Ingrid Dahl', 'Mona Berg']);
  });
  test('a checked draft is conflicting, not supported, when the article names the claimed person elsewhere', async () => {
    const article = [
      'Ferry report',
      '',
      'Ingrid Dahl, the former mayor, opened the new terminal on Friday.',
      '',
      'Harbour Authority spokeswoman Mona Berg said the ferry would resume in May.',
      '',
      'The ferry had stopped after a storm damaged the pier.',
    ].join('\n');
    const index = await CorpusIndex.build(await loadCorpus(['/c'], { fs: new MemoryFs({ '/c/ferry.txt': article }) }));
    const check = await checkDocument(index, 'Harbour Authority spokeswoman Ingrid Dahl said the ferry would resume in May.\n');
    const [result] = check.results;
    assert.equal(result.verdict, 'conflicting', JSON.stringify(result.why));
    assert.deepEqual(result.conflicts.map((k) => [k.kind, k.claimed, k.source]), [['name', 'Ingrid Dahl', 'Mona Berg']]);
  });
});

describe('no name conflict from a title that may not be the same post', () => {
  const passage = 'Mona Berg, the Harbour Authority spokeswoman, said the ferry would resume in May.';
  test('different titles', () => {
    noNameConflict('The City Council spokeswoman, Ingrid Dahl, said the ferry would resume in May.', passage);
    noNameConflict('The Harbour Authority treasurer, Ingrid Dahl, said the ferry would resume in May.', passage);
    // Named nearby, so only the title could tie the claim's person to the passage's slot.
    noNameConflict('Former senator Ingrid Dahl said the ferry would resume in May.', 'Ambassador Mona Berg said the ferry would resume in May.', ['Ingrid Dahl opened the new terminal on Friday.']);
    noNameConflict('The former Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.', passage);
  });
  test('the organisation missing on one side, or a title that names none', () => {
    noNameConflict('The spokeswoman, Ingrid Dahl, said the ferry would resume in May.', passage);
    noNameConflict('The Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.', 'Mona Berg, the spokeswoman, said the ferry would resume in May.');
    noNameConflict('Foreign Minister Ingrid Dahl said the ferry would resume in May.', 'Mona Berg, the Foreign Minister, said the ferry would resume in May.');
  });
  test('the same person named in part, by initial or in another spelling', () => {
    const claim = (name: string) => `The Harbour Authority spokeswoman, ${name}, said the ferry would resume in May.`;
    const source = 'Ingrid Dahl, the Harbour Authority spokeswoman, said the ferry would resume in May.';
    for (const name of ['Dahl', 'I. Dahl', 'Ingrid Dahle', 'Ingrid Dahl']) assert.equal(noNameConflict(claim(name), source).stance, 'supports', name);
    // A transliteration a letter apart, with the claim's spelling named nearby.
    noNameConflict(
      'Harbour Authority spokeswoman Ingrid Dahlberg said the ferry would resume in May.',
      'Harbour Authority spokeswoman Ingrid Dahlborg said the ferry would resume in May.',
      ['Ingrid Dahlberg opened the new terminal on Friday.'],
    );
  });
  test('both people named, in the passage or in the claim', () => {
    const claim = 'The Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.';
    noNameConflict(claim, 'Mona Berg, the Harbour Authority spokeswoman, and Ingrid Dahl said the ferry would resume in May.');
    noNameConflict(claim, 'Mona Berg, the Harbour Authority spokeswoman, and Ms Dahl said the ferry would resume in May.');
    // Or both named in the claim: the passage leaving one out is no sign of the other in her place.
    noNameConflict('The Harbour Authority spokeswoman, Ingrid Dahl, and Mona Berg said the ferry would resume in May.', 'Mona Berg, the Harbour Authority spokeswoman, said the ferry would resume in May.');
  });
  test('a plural or indefinite title: one of several', () => {
    noNameConflict('One of the Harbour Authority spokeswomen, Ingrid Dahl, said the ferry would resume in May.', passage);
    noNameConflict('A Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.', 'Mona Berg, a Harbour Authority spokeswoman, said the ferry would resume in May.');
    noNameConflict(
      'Harbour Authority spokeswoman Ingrid Dahl said the ferry would resume in May.',
      'Harbour Authority spokeswomen Mona Berg and Ann Lee said the ferry would resume in May.',
      ['Ingrid Dahl opened the new terminal on Friday.'],
    );
  });
  test('the corpus gives the claimed person the same title elsewhere: two holders in turn', () => {
    noNameConflict('The Harbour Authority spokeswoman, Ingrid Dahl, said the ferry would resume in May.', passage, [], { ...env, confirmedRole: () => true });
  });
});
