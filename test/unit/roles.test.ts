import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CorpusData, CorpusIndex, type Passage } from '../../src/engine';
import { checkRoles } from '../../src/engine/check/roleCheck';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';
import { exclusiveTitles, extractRoles, type RoleFact } from '../../src/engine/facts/roles';
import { runToEnd } from '../../src/engine/util/steps';

const proper = (w: string) => /^\p{Lu}/u.test(w);
const roleOf = (s: string): RoleFact => {
  const r = extractRoles(analyze(s, proper));
  assert.ok(r.length, `no role in: ${s}`);
  return r[0];
};
const clash = (a: string, b: string) => exclusiveTitles(roleOf(a), roleOf(b));

function corpusOf(sentences: string[]): CorpusData {
  const data: CorpusData = { documents: [{ path: 'mem/0.txt', meta: { title: 'Doc' }, text: sentences.join('\n'), hash: '0' }], passages: [], skipped: [] };
  let offset = 0;
  sentences.forEach((text, line) => {
    data.passages.push({ id: line, doc: 0, text, offset, line: line + 1, paragraph: line } satisfies Passage);
    offset += text.length + 1;
  });
  return data;
}

async function rolesAgainst(corpus: string[], claim: string) {
  const index = await CorpusIndex.build(corpusOf(corpus));
  return runToEnd(checkRoles(index, analyze(claim, index.isProperNoun))).map((f) => [f.claim.raw, f.status, f.source?.raw]);
}

describe('titles that are one office', () => {
  test('the same office in other words never clashes', () => {
    assert.equal(clash('Ann Lee, the White House spokeswoman, spoke.', "Ann Lee, the president's spokeswoman, spoke."), false);
    assert.equal(clash('Defence Secretary Tom Hale spoke.', 'Defense Secretary Tom Hale spoke.'), false);
    assert.equal(clash("Tom Hale, the governor's pick for health commissioner, spoke.", 'Health Commissioner Tom Hale spoke.'), false);
    assert.equal(clash('Tom Hale, the incoming health commissioner, spoke.', 'Health Commissioner Tom Hale spoke.'), false);
  });
  test('offices held at different times or together never clash', () => {
    assert.equal(clash('Former Senator Rita Moss spoke.', 'Ambassador Rita Moss spoke.'), false);
    assert.equal(clash('Ambassador Rita Moss spoke.', 'Rita Moss, the former governor, spoke.'), false);
  });
  test('a vague role noun names no office', () => {
    assert.equal(clash('Rita Moss, a party official, spoke.', 'Senator Rita Moss spoke.'), false);
  });
});

describe('titles that exclude each other', () => {
  test('different offices, ranks or departments of the same head noun', () => {
    assert.equal(clash('Rita Moss, the secretary of state, spoke.', 'Defense Secretary Rita Moss spoke.'), true);
    assert.equal(clash('Vice President Rita Moss spoke.', 'President Rita Moss spoke.'), true);
    assert.equal(clash('Prime Minister Rita Moss spoke.', 'President Rita Moss spoke.'), true);
    assert.equal(clash('Rita Moss, the editor-in-chief, spoke.', 'Rita Moss is a news editor.'), true);
  });
});

describe('role check against a corpus', () => {
  const corpus = [
    'Former senator Paul Grant was sworn in as ambassador to Chile on Monday.',
    "Karen Webb, the mayor's spokeswoman, said the bridge would reopen.",
    'Vice President Omar Fields toured the flooded district.',
  ];
  test('an office once held is not contradicted by a later one', async () => {
    const found = await rolesAgainst(corpus, 'Senator Paul Grant praised the trade deal.');
    assert.ok(!found.some(([, status]) => status === 'contradicted'), JSON.stringify(found));
  });
  test('one office in other words is confirmed', async () => {
    const found = await rolesAgainst(corpus, 'City Hall spokeswoman Karen Webb said the bridge would reopen.');
    assert.deepEqual(found.map(([, status]) => status), ['confirmed']);
  });
  test('"president" for a vice president is contradicted', async () => {
    const found = await rolesAgainst(corpus, 'President Omar Fields toured the flooded district.');
    assert.deepEqual(found.map(([, status]) => status), ['contradicted']);
  });
  test('two full names with different first words are two people sharing a surname: no contradiction', async () => {
    const found = await rolesAgainst(['Emperor Rui Fields visited the harbour in 1390.', 'Vice President Omar Fields toured the flooded district.'], 'Producer Ana Fields visited the harbour.');
    assert.deepEqual(found, []);
    assert.deepEqual((await rolesAgainst(['Emperor Rui Fields visited the harbour in 1390.'], 'Producer Rui Fields visited the harbour.')).map(([, status]) => status), ['contradicted']);
  });
});

describe('role slot in one passage', () => {
  const env: CompareEnv = { idf: () => 2, variants: () => [] };
  const run = (c: string, p: string) => compare(analyze(c, proper), analyze(p, proper), [], env);
  test('a role word of another person is no role conflict', () => {
    const c = run('Lena Ortiz became governor after first working as a lawyer.', 'Lena Ortiz became governor in 1998, and her father was elected the first Vice President of the club.');
    assert.ok(!c.conflicts.some((k) => k.kind === 'role'), JSON.stringify(c.conflicts));
  });
});

describe('titles held together and phrases that are no title', () => {
  test('an office to come goes with one held now: no clash', () => {
    assert.equal(clash('Senator Rosa Keel spoke on Monday.', 'The governor-elect, Rosa Keel, spoke on Monday.'), false);
    assert.equal(clash('Congresswoman Rosa Keel spoke on Monday.', "The mayor's pick for treasurer, Rosa Keel, spoke on Monday."), false);
    // Two offices to come, or two held now, still clash.
    assert.equal(clash("The mayor's pick for treasurer, Rosa Keel, spoke.", "The mayor's pick for police commissioner, Rosa Keel, spoke."), true);
  });
  test('an adverbial before a name is no apposition, and a possessive role word is part of a name', () => {
    assert.deepEqual(extractRoles(analyze("During his speech at the Auditor's Office, Ivo Marek thanked the staff.", proper)), []);
    assert.deepEqual(extractRoles(analyze("After a visit to the Governor's Mansion, Ivo Marek left.", proper)), []);
    assert.equal(roleOf('The city auditor, Ivo Marek, thanked the staff.').raw, 'city auditor');
  });
  test('a clause before ", Name" is no apposition, and a title another name follows is that name\'s', () => {
    const roles = extractRoles(analyze('Asked whether Harbour President Ana Ruiz will be included, Ivo Marek said the format was open.', proper));
    assert.deepEqual(roles.map((r) => [r.person, r.raw]), [['ruiz', 'Harbour President']]);
    assert.deepEqual(extractRoles(analyze('His choice for harbour envoy, Ivo Marek, spoke.', proper)).map((r) => r.raw), ['harbour envoy']);
  });
});

