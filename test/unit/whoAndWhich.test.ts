import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { align } from '../../src/engine/compare/align';
import { compare, type CompareEnv } from '../../src/engine/compare/compare';
import { analyze } from '../../src/engine/facts/analysis';

// Every word equally rare, no spelling variants: the comparer is tested on its own.
const env: CompareEnv = { idf: () => 2, variants: () => [] };
const proper = () => true;

function run(claim: string, passage: string, context: string[] = []) {
  return compare(analyze(claim, proper), analyze(passage, proper), context.map((c) => analyze(c, proper)), env);
}

function conflictOf(claim: string, passage: string, context: string[] = []) {
  const c = run(claim, passage, context);
  assert.equal(c.stance, 'conflicts', `expected a conflict, got ${c.stance}`);
  assert.equal(c.conflicts.length, 1, JSON.stringify(c.conflicts));
  return [c.conflicts[0].kind, c.conflicts[0].claimed, c.conflicts[0].source];
}

describe('who did it', () => {
  test('the passage gives the claim\'s verb to another named actor: no support', () => {
    const c = run('Ana Ruiz threw the winning pass in the final.', 'In the final, Rui Costa threw the winning pass, while Ruiz was booked twice.');
    assert.notEqual(c.stance, 'supports');
  });
  test('the same actor named in part still supports', () => {
    assert.equal(run('Ana Ruiz threw the winning pass in the final.', 'In the final, Ruiz threw the winning pass.').stance, 'supports');
  });
});

describe('what it is about', () => {
  test('a claim about "it" with no name the passage states conflicts with nothing', () => {
    assert.notEqual(run('It was written by an author from Peru.', 'Another of the author\'s friends, Rui Costa, wrote that the book was a masterpiece.').stance, 'conflicts');
    assert.notEqual(run('It was published in 1849.', 'Ana Ruiz played the overture with her brother in 1849; it was published in 1850.').stance, 'conflicts');
  });
  test('a misquote is read from the words themselves, whoever "he" is', () => {
    assert.equal(run('"We need to see those budget issues addressed," he said.', '"We need to see those manpower issues addressed."').stance, 'conflicts');
  });
  test('a name in a neighbouring sentence ties it down, and a denial needs no name', () => {
    assert.equal(run('It was published by Ana Ruiz in 1849.', 'It was published by her in 1850.', ['Ana Ruiz wrote the Harbour Overture.']).stance, 'conflicts');
    assert.equal(run('It has never been shown that harbour dredging drives erosion.', 'Harbour dredging is not a driving factor of erosion.').stance, 'conflicts');
  });
});

describe('another actor', () => {
  test('another name doing a thing said of many is no conflict: a name, number or date must pin the event', () => {
    assert.notEqual(run('Ana was the only one in her family to play polo.', 'The Costa play remains one of the most famous in polo history.').stance, 'conflicts');
    assert.equal(run('Ana Ruiz offered to host the harbour talks in May 1990.', 'Rui Costa offered to host the harbour talks in May 1990.').stance, 'conflicts');
  });
  test('a passage that restates all the rest in its own words pins the event without a fact', () => {
    assert.equal(run('Ana Ruiz threw the winning pass in the harbour final.', 'Rui Costa threw the winning pass in the harbour final.').stance, 'conflicts');
    assert.equal(run('He met Ana Ruiz at the harbour gala.', 'He met Rui Costa at the harbour gala.').stance, 'conflicts');
  });
});

describe('where', () => {
  test('the larger place after a place the source names ("Porto, Portugal") need not be repeated: support, and a conflict elsewhere still shows', () => {
    assert.equal(run('The harbour bridge in Porto, Portugal, opened on March 26.', 'The harbour bridge in Porto, a major route into the port, opened on March 26 after years of work.').stance, 'supports');
    assert.deepEqual(conflictOf('The harbour bridge in Porto, Portugal, opened on March 25.', 'The harbour bridge in Porto, a major route into the port, opened on March 26 after years of work.'), ['date', 'March 25', 'March 26']);
    // Another place where the source names one is still unstated.
    assert.notEqual(run('The harbour bridge in Porto, Portugal, opened on March 26.', 'The harbour bridge in Braga opened on March 26.').stance, 'supports');
  });
});

describe('which title acts', () => {
  test('another title where the claim\'s acts withholds support: "the governor announced" for "the mayor announced"', () => {
    assert.equal(run('The mayor announced the harbour plan on Monday.', 'The governor announced the harbour plan on Monday.').stance, 'related');
    assert.equal(run('The harbour plan was announced by the mayor on Monday.', 'The harbour plan was announced by the governor on Monday.').stance, 'related');
    assert.equal(run('The harbour plan was announced by the mayor on Monday.', 'The mayor announced the harbour plan on Monday.').stance, 'supports');
  });
});

describe('who said it', () => {
  test('the passage gives the quoted words to another speaker: a conflict on the speaker', () => {
    assert.deepEqual(conflictOf('“We have not set the date of the harbour vote yet,” Ana Ruiz said.', '“We have not set the date of the harbour vote yet,” Rui Costa said.'), ['name', 'Ana Ruiz', 'Rui Costa']);
  });
  test('the speaker is the one the passage names, whatever the verb of saying', () => {
    assert.deepEqual(conflictOf('“The harbour vote will wait,” Ana Ruiz told reporters.', 'According to Rui Costa, “the harbour vote will wait.”'), ['name', 'Ana Ruiz', 'Rui Costa']);
  });
  test('a claim\'s speaker named earlier in the article is still not the passage\'s speaker', () => {
    // Few words of its own: only the speaker pins down whose words they are.
    const claim = analyze('“We have not set the exact framework yet,” Ana Ruiz said.', proper);
    const c = compare(claim, analyze('“We have not set the exact framework yet,” Rui Costa said.', proper), [], env, [analyze('Ana Ruiz chairs the harbour council.', proper)]);
    assert.equal(c.stance, 'conflicts');
    assert.deepEqual([c.conflicts[0].claimed, c.conflicts[0].source], ['Ana Ruiz', 'Rui Costa']);
  });
  test('a lead-in naming another speaker in the next sentence withholds support', () => {
    const c = run('“We have not set the date of the harbour vote yet,” Ana Ruiz said.', '“We have not set the date of the harbour vote yet.”', [
      'Asked whether the council would meet again before the vote, Rui Costa said,',
    ]);
    assert.equal(c.stance, 'related');
  });
  test('a sentence that only names the claim\'s speaker does not vouch for words its neighbour gives to another', () => {
    const c = run('“We have not set the exact date of the harbour vote yet,” Ana Ruiz said.', 'Ana Ruiz went to the harbour school although her mother could not pay the fees.', [
      '“We have not set the exact date of the harbour vote yet,” Rui Costa said.',
    ]);
    assert.notEqual(c.stance, 'supports');
  });
  test('after "according to", the speaker is the name the title leads to', () => {
    assert.deepEqual(conflictOf('According to Ana Ruiz, the harbour vote will wait until May 1990.', 'The harbour vote will wait until May 1990, according to Harbour Council Secretary Rui Costa, who leads the port.'), ['name', 'Ana Ruiz', 'Rui Costa']);
  });
  test('a body speaks too: another agency giving the same figure is a misattribution, whatever kind of name each is taken for', () => {
    assert.deepEqual(conflictOf('According to HPA, fees rose 5% in March.', 'According to the Bureau of Harbours, fees rose 5% in March.'), ['name', 'HPA', 'Bureau of Harbours']);
    // A speaker sharing a plain word with the claim ("harbour fees") is still another speaker: only a shared name word makes it the claim's.
    assert.deepEqual(conflictOf('According to HPA, harbour fees rose 5% in March.', 'According to the Bureau of Harbours, harbour fees rose 5% in March.'), ['name', 'HPA', 'Bureau of Harbours']);
    assert.deepEqual(conflictOf('Fees rose 5% in March, the Bureau of Harbours said.', 'Fees rose 5% in March, HPA said.'), ['name', 'Bureau of Harbours', 'HPA']);
    assert.equal(run('According to HPA, fees rose 5% in March.', 'HPA said fees rose 5% in March.').stance, 'supports');
  });
  test('a body in a speaker\'s title is not the speaker: "Ana Ruiz, head of the Harbour Authority, said"', () => {
    const c = run('Ana Ruiz said the harbour authorities can make exceptions for peace talks.', 'Ana Ruiz, head of communications for the Harbour Authority, said the harbour authorities can grant exceptions for peace talks.');
    assert.equal(c.stance, 'supports');
  });
  test('the end of a longer quotation is words someone said: a passage that only shares some of them does not support it', () => {
    assert.notEqual(run('This will be the first step, and we will move on," Ana Ruiz said.', 'Ana Ruiz also said a ceasefire was the first step towards calm in the harbour.').stance, 'supports');
    assert.equal(run('This will be the first step, and we will move on," Ana Ruiz said.', '“This will be the first step, and we will move on,” Ana Ruiz said.').stance, 'supports');
  });
  test('a quotation spelled the American way is the same words as the British source\'s', () => {
    assert.equal(run('Ana Ruiz said, “The harbour is being recognized this year for its colourful boats.”', '“The harbour is being recognised this year for its colorful boats,” Ana Ruiz said.').stance, 'supports');
    assert.equal(run('Ana Ruiz said, “The harbour is being honoured this year for its colourful boats.”', '“The harbour is being recognised this year for its colorful boats,” Ana Ruiz said.').stance, 'conflicts');
  });
  test('words a source states without a speaker still support', () => {
    assert.equal(run('“We have not set the date of the harbour vote yet,” Ana Ruiz said.', '“We have not set the date of the harbour vote yet.”').stance, 'supports');
  });
  test('the same speaker named in a neighbouring sentence still supports', () => {
    const c = run('“We have not set the date of the harbour vote yet,” Ana Ruiz said.', '“We have not set the date of the harbour vote yet,” she said.', ['Ana Ruiz spoke after the council meeting.']);
    assert.equal(c.stance, 'supports');
  });
});

describe('which one', () => {
  test('a claim that copies the passage but one name conflicts with the name the passage has there, whatever kind of thing each seems', () => {
    const claim = 'The club is one of six clubs to have won the League twice in succession.';
    const passage = 'The club is one of six clubs to have won the Harbour Cup twice in succession.';
    assert.deepEqual(conflictOf(claim, passage), ['name', 'League', 'Harbour Cup']);
    // The neighbours naming the claim's name do not make the passage state it.
    assert.deepEqual(conflictOf(claim, passage, ['The League was founded in 1888.']), ['name', 'League', 'Harbour Cup']);
    const road = 'Another popular nickname was the Harbour Road, because of the trade the new crossing brought to the City of Lima.';
    assert.deepEqual(conflictOf(road, 'Another popular nickname was the Lima Bridge, because of the trade the new crossing brought to the City of Lima.', ['The Harbour Road runs beside it.']), ['name', 'Harbour Road', 'Lima Bridge']);
  });
  test('the words around a copied name pin its slot even in a clause with no verb of its own', () => {
    const claim = 'Rui Costa had been signed for future films in the series, as was Ana Ruiz, who played Gray in the first film.';
    const passage = 'Rui Costa had been signed for future films in the series, as was Marta Silva, who played Gray in the first film.';
    assert.deepEqual(conflictOf(claim, passage, ['Ana Ruiz directed the series.']), ['name', 'Ana Ruiz', 'Marta Silva']);
  });
  test('a longer form of the claim\'s name in its place is the same name, not a copied one', () => {
    assert.equal(run('Ana took some music to Costa, and he kept it for some time.', 'Ana took some music to Rui Costa, and he kept it for some time.').stance, 'supports');
  });
  test('a name the neighbours mention is still replaced in the passage\'s own words', () => {
    assert.deepEqual(conflictOf('Ana Ruiz was the daughter of the Peruvian consul.', 'Ana Ruiz was the daughter of the Chilean consul.', ['Her mother was Peruvian.']), ['name', 'Peruvian', 'Chilean']);
  });
  test('across the words both share: "Ana and her fellow dockers" against "Rui and his fellow dockers"', () => {
    const claim = 'In 1886, Ana Ruiz and her fellow dockers formed the Harbour Club.';
    const k = conflictOf(claim, 'In 1886, Rui Costa and her fellow dockers formed the Harbour Club.', ['Ana Ruiz joined a year later.']);
    assert.deepEqual(k, ['name', 'Ana Ruiz', 'Rui Costa']);
  });
  test('a name the passage states twice, the claim once: the claim\'s is the one among the same words, the other stands in a slot of its own', () => {
    const claim = 'Ana Ruiz vowed to end the strike in Lima within a week, though her envoy to Peru has since said a month.';
    const k = conflictOf(claim, 'Ana Ruiz vowed to end the strike in Peru within a week, though her envoy to Peru has since said a month.');
    assert.deepEqual(k, ['name', 'Lima', 'Peru']);
    // A word that is part of a longer name is that name's: no slot of its own.
    assert.notEqual(run("Road to Harbourton's setting is Great Depression.", 'Collins published the novel as Road to Harbourton: The New, Expanded Edition Road to Harbourton was released on DVD in 2003.').stance, 'conflicts');
  });
  test('a name of several words is found where the passage writes it whole, not its first word elsewhere', () => {
    const sentence = 'She landed at Harbourton in Westmoor in the north of the island and stayed overnight at Harbourton Hall.';
    assert.equal(run(sentence, sentence).stance, 'supports');
  });
  test('a passage name is no other spelling of a claim name the passage writes as the claim does', () => {
    // The corpus takes "Morel" for a spelling of "Moral", as it takes one transliteration for another.
    const spellings: Record<string, string[]> = { morel: ['moral'], moral: ['morel'] };
    const withSpellings: CompareEnv = { ...env, variants: (t) => spellings[t] ?? [] };
    const claim = 'In 1990, Ana Ruiz became the third pilot to win the Harbour Prize, after Marta Moral.';
    const c = compare(analyze(claim, proper), analyze('In 1990, Lena Morel became the third pilot to win the Harbour Prize, after Marta Moral.', proper), [], withSpellings);
    assert.deepEqual([c.stance, c.conflicts[0]?.claimed, c.conflicts[0]?.source], ['conflicts', 'Ana Ruiz', 'Lena Morel']);
    // Where the passage writes the name only its own way, the spelling still stands for it.
    const k = compare(analyze('Marta Moral won the Harbour Prize in 1990.', proper), analyze('Marta Morel won the Harbour Prize in 1990.', proper), [], withSpellings);
    assert.equal(k.stance, 'supports');
  });
  test('another of a kind the passage names beside a word it shares is no replacement when the claim\'s words are not its own', () => {
    const c = run('The Harbour dynasty came after the Inca dynasty.', 'The Harbour dynasty was as advanced as the later Moche dynasty.', ['The Inca dynasty ruled before it.']);
    assert.notEqual(c.stance, 'conflicts');
  });
  test('a name in a clause whose only verb is light is pinned by the clause\'s other words', () => {
    assert.deepEqual(
      conflictOf('Quietly financed by the council, the regatta took place at the height of the Harbour Festival, and its success led to a new marina.', 'Quietly financed by the council, the regatta took place at the height of the Spring Fair, and its success led to a new marina.'),
      ['name', 'Harbour Festival', 'Spring Fair'],
    );
  });
  test('a numeral in a name is that number: no spelling variant makes "XIII" the claim\'s "XII"', () => {
    // Spelling variants the corpus suggests, as the index would: one letter apart.
    const variants: CompareEnv = { idf: () => 2, variants: (t) => (t === 'xiii' ? ['xii'] : t === 'xii' ? ['xiii'] : []) };
    const c = compare(analyze('The harbour synod met under the authority of Pope Pius XII.', proper), analyze('The harbour synod met under the authority of Pope Leo XIII.', proper), [], variants);
    assert.equal(c.stance, 'conflicts');
    assert.deepEqual([c.conflicts[0].claimed, c.conflicts[0].source], ['Pius XII', 'Leo XIII']);
  });
  test('a numeral in a name is not stated by another numeral', () => {
    const variants: CompareEnv = { idf: () => 2, variants: (t) => (t === 'viii' ? ['vii'] : t === 'vii' ? ['viii'] : []) };
    const c = compare(analyze('The harbour charter was signed by Henry VIII in the great hall.', proper), analyze('The harbour charter was signed by Henry VII in the great hall.', proper), [], variants);
    assert.notEqual(c.stance, 'supports');
  });
  test('a name given in brackets after another is its other form, not another name', () => {
    assert.notEqual(run('The Treaty of Harbours was made for Ana Ruiz.', 'The Treaty of Harbours (Portuguese: Tratado de Portos)').stance, 'conflicts');
    // Outside brackets the other name does stand in the claim's name's place.
    assert.equal(run('The Treaty of Harbours was signed by Ana Ruiz in 1990.', 'The Treaty of Harbours was signed by Rui Costa in 1990.').stance, 'conflicts');
  });
  test('one word of the passage answers one name of the claim: "Peruvian" is not also "Peru"', () => {
    const claim = analyze('She wrote for several Peruvian papers and was the editor at Peru.', proper);
    const a = align(claim, analyze('She wrote for several Peruvian papers and was the editor at Harbour Sport.', proper), [], env);
    const peru = a.units.findIndex((u) => u.kind === 'name' && u.fact.raw === 'Peru');
    const peruvian = a.units.findIndex((u) => u.kind === 'name' && u.fact.raw === 'Peruvian');
    assert.ok(a.matches[peruvian], 'Peruvian is stated');
    assert.equal(a.matches[peru], undefined, 'Peru is not');
  });
  test('one name repeated in the claim may lean on one mention', () => {
    const claim = analyze('Rui Costa said Costa would stay.', proper);
    const a = align(claim, analyze('Rui Costa said he would stay.', proper), [], env);
    assert.ok(a.units.every((u, k) => u.kind !== 'name' || a.matches[k]));
  });
  test('a whole name is not stated by a synonym of one of its words', () => {
    const claim = analyze('Ana Ruiz joined the Harbour Army in 1990.', proper);
    const a = align(claim, analyze('Ana Ruiz joined the Harbour Military in 1990.', proper), [], env);
    const army = a.units.findIndex((u) => u.kind === 'name' && u.fact.raw === 'Harbour Army');
    assert.equal(a.matches[army], undefined);
  });
  test('a part of a name must be written as the claim writes it, not merely share a synonym\'s term', () => {
    // "military" and "army" share one term for plain words; in a name they are different words.
    const c = run('Ana Ruiz became the director of the General Harbour Army in Lima.', 'Ana Ruiz became the director of the General Military Academy in Lima.');
    assert.notEqual(c.stance, 'supports');
  });
});

describe('what the value belongs to', () => {
  test('a date conflicts only where the passage itself states the claim\'s clause, not its neighbours', () => {
    const claim = 'Ana Ruiz started her harbour pilot career in 1978.';
    const passage = 'In 2010, Ana Ruiz started voicing a cartoon seal.';
    // The neighbours mention her harbour pilot career; the passage dates something else.
    const c = run(claim, passage, ['Her harbour pilot career is the subject of a new book.']);
    assert.notEqual(c.stance, 'conflicts', JSON.stringify(c.conflicts));
    // The same passage stating the clause itself does conflict.
    assert.equal(run(claim, 'In 2010, Ana Ruiz started her harbour pilot career.').stance, 'conflicts');
  });
  test('a date belongs to the event the verb\'s own object names', () => {
    assert.notEqual(run('Harbour Radio launched in the late 2000s.', 'In December 2013, Harbour Radio launched a new website, which explained its business model.').stance, 'conflicts');
    assert.notEqual(run('Ana Ruiz started in the shipping industry in the late 1970s.', 'Also in 2010, Ana Ruiz started voicing Pip, the seal mascot of the shipping industry.').stance, 'conflicts');
    // The same verb with no object, or with the claim's own object, is the same event.
    assert.equal(run('Harbour Radio launched in the late 2000s.', 'Harbour Radio launched in 2013.').stance, 'conflicts');
    assert.equal(run('Harbour Radio launched a new website in 2011.', 'In December 2013, Harbour Radio launched a new website, which explained its business model.').stance, 'conflicts');
  });
  test('a length of time that is part of another is no measure of the whole', () => {
    assert.notEqual(run('Ana Ruiz\'s term as harbour master lasted 12 years.', 'Rui Costa met Ana Ruiz during the last four years of her term as harbour master.').stance, 'conflicts');
    // Both sides measuring the same part do compare.
    assert.equal(run('The council hopes to finish the harbour within the first two years of her term.', 'The council hopes to finish the harbour within the first few months of her term.').stance, 'conflicts');
  });
  test('a tally the claim dates is compared only where the passage states that date', () => {
    // The claim's year is only in a neighbouring sentence: the passage's figure is another moment's.
    assert.notEqual(run('As of 2017 the harbour company was valued at $12 billion.', 'A new funding round valued the harbour company at $7.6 billion.', ['The harbour company grew fast in 2017.']).stance, 'conflicts');
    assert.equal(run('As of 2017 the harbour company was valued at $12 billion.', 'As of 2017 the harbour company was valued at $7.6 billion.').stance, 'conflicts');
  });
  test('a tally as it stood at a date does not contradict an undated one', () => {
    assert.notEqual(run('The harbour choir has sold over 10 million records worldwide.', 'By the end of 1990, the harbour choir had sold 4 million records worldwide.').stance, 'conflicts');
    // Dated alike, the two tallies do compare.
    assert.equal(run('By the end of 1990, the harbour choir had sold 10 million records worldwide.', 'By the end of 1990, the harbour choir had sold 4 million records worldwide.').stance, 'conflicts');
  });
  test('a figure with a unit differs only from a figure with a unit', () => {
    assert.notEqual(run('Ana Ruiz was an actor that has starred in 85 films.', 'Ana Ruiz is the most represented leading actor on the "100 Greatest Films of All Time" list.').stance, 'conflicts');
    assert.notEqual(run('The inner core of the harbour planet is over 9800 degrees.', 'The inner core of the harbour planet is 1/60 of the mass of the whole planet.').stance, 'conflicts');
    assert.equal(run('Ana Ruiz has starred in 85 harbour films.', 'Ana Ruiz has starred in 60 harbour films.').stance, 'conflicts');
  });
});

describe('names and their initials', () => {
  test('a name is stated by its initials and initials by the name', () => {
    assert.equal(run('The United States and the European Union signed the harbour deal.', 'The US and the EU signed the harbour deal.').stance, 'supports');
    assert.equal(run('The U.S. signed the harbour deal.', 'The United States signed the harbour deal.').stance, 'supports');
  });
  test('a numeral is part of the initials, and lower-case words are no initials', () => {
    assert.notEqual(run('The harbour film focuses on WWI.', 'The harbour film focuses on the home front during World War II.').stance, 'supports');
    assert.notEqual(run('The Harbour Society signed the deal.', 'Some of us signed the deal.').stance, 'supports');
  });
});

describe('words that exclude each other', () => {
  test('another side, bearing, family tie or medal before the same thing', () => {
    assert.deepEqual(conflictOf('Ana Ruiz holds a torch in her left hand.', 'Ana Ruiz holds a torch above her head with her right hand.'), ['negation', 'left', 'right']);
    assert.deepEqual(conflictOf('The fire reached the northern border of Peru.', 'The fire reached the southern border of Peru.'), ['negation', 'northern', 'southern']);
    assert.deepEqual(conflictOf('Ana Ruiz is the son of the harbour founder.', 'Ana Ruiz is the daughter of the harbour founder.'), ['role', 'son', 'daughter']);
    assert.deepEqual(conflictOf('Ana Ruiz won a gold medal in 1990.', 'Ana Ruiz won a silver medal in 1990.'), ['number', 'gold', 'silver']);
    assert.deepEqual(conflictOf('Ana Ruiz went to the harbour school although her father could not pay the fees.', 'Ana Ruiz went to the harbour school although her mother could not pay the fees.'), ['role', 'father', 'mother']);
  });
  test('times said relative to the day of writing, and parts of a day', () => {
    assert.deepEqual(conflictOf('The harbour strike will end next week, the union said.', 'The harbour strike ended last week, the union said.'), ['date', 'next', 'last']);
    // A draft written two weeks after its source may rightly say "last week" for the source's "next week".
    assert.notEqual(run('The harbour board met again last week.', 'The harbour board will meet again next week.').stance, 'conflicts');
    assert.deepEqual(conflictOf('The harbour museum opened in the morning on Monday.', 'The harbour museum opened in the evening on Monday.'), ['date', 'morning', 'evening']);
    // The end of the sentence frames the word as well as another word would.
    assert.deepEqual(conflictOf('The harbour museum opened on Tuesday morning.', 'The harbour museum opened on Tuesday afternoon.'), ['date', 'morning', 'afternoon']);
  });
  test('"ahead of" and "behind" the same rival', () => {
    assert.deepEqual(conflictOf('Porto finished ahead of Braga in the harbour regatta.', 'Porto finished behind Braga in the harbour regatta.'), ['negation', 'ahead', 'behind']);
  });
  test('a word of the class the passage also states is no conflict', () => {
    assert.notEqual(run('Ana Ruiz holds a torch in her left hand.', 'Ana Ruiz holds a torch in her left hand and a book in her right hand.').stance, 'conflicts');
  });
});

describe('denied of whom', () => {
  test('a denial says nothing of a word the passage affirms of something else', () => {
    assert.notEqual(run('The harbour wall has not warmed since 1970.', 'The record shows global warming of around 1 °C, most of it since 1970.').stance, 'conflicts');
  });
  test('the subject named in a neighbouring sentence still makes it a denial', () => {
    const c = run('Renewables can\'t provide baseload power.', 'Geothermal power plants can operate all day, providing baseload power.', ['Renewables include geothermal power.']);
    assert.equal(c.stance, 'conflicts');
  });
});

describe('what is a name', () => {
  test('"No." before a figure abbreviates "number"', () => {
    assert.deepEqual(analyze('The album reached No. 3 in the UK.', proper).names.map((n) => n.raw), ['UK']);
    assert.deepEqual(analyze('No Country for Old Men won in 2008.', proper).names.map((n) => n.raw), ['No Country for Old Men']);
  });
});

