/** Subtitles and transcripts (.srt, .vtt): cues, speakers, sentences across cues, times, attribution. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCorpus } from '../../src/engine/corpus/loadCorpus';
import { parseCues } from '../../src/engine/corpus/formats/subtitles';
import { subtitlesFormat } from '../../src/engine/corpus/formats/subtitles';
import { attributed, displayName } from '../../src/engine/corpus/formats/transcript';
import type { ExtractResult } from '../../src/engine/corpus/formats/format';
import { checkText, CorpusIndex } from '../../src/engine/index';
import { CancelledError, type CorpusData, type Passage } from '../../src/engine/types';
import { MemoryFs } from './helpers/memoryFs';
import { interviewCues, srt, vtt, type Turn } from '../support/transcriptFixtures';

const BUDGET = { maxMs: 10_000, maxBytes: 64 * 1024 * 1024 };
const encode = (text: string) => new TextEncoder().encode(text);

async function extract(text: string | Uint8Array, budget = BUDGET): Promise<ExtractResult> {
  return subtitlesFormat.extract(typeof text === 'string' ? encode(text) : text, { path: 'talk.srt', budget });
}

async function extracted(text: string): Promise<string> {
  const result = await extract(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.text;
}

async function load(files: Record<string, string>): Promise<CorpusData> {
  const corpus = await loadCorpus(['/c'], { fs: new MemoryFs(Object.fromEntries(Object.entries(files).map(([n, t]) => [`/c/${n}`, t]))) });
  assert.deepEqual(corpus.skipped, []);
  return corpus;
}

function passageWith(corpus: CorpusData, words: string): Passage {
  const found = corpus.passages.find((p) => p.text.includes(words));
  assert.ok(found, `no passage with "${words}" among:\n${corpus.passages.map((p) => p.text).join('\n')}`);
  return found;
}

describe('SubRip', () => {
  const file = srt(
    [
      { start: 1, end: 3, text: 'MAYOR SMITH: The bridge will <i>reopen</i>' },
      { start: 3.25, end: 5, text: 'in May. The repairs cost\n<b>4 million dollars</b>.' },
      { start: 6, end: 8, text: 'Crews worked through the winter.' },
      { start: 3725.5, end: 3727, text: 'GARCIA: The council approved the budget on Tuesday.' },
    ],
    { bom: true, crlf: true },
  );

  test('a sentence running across cues is one passage, timed at the cue where it starts', async () => {
    const corpus = await load({ 'meeting.srt': file });
    const bridge = passageWith(corpus, 'The bridge will reopen in May');
    assert.equal(bridge.text, 'The bridge will reopen in May, Mayor Smith said.');
    assert.deepEqual(bridge.location, { time: '00:00:01.000' });
    assert.deepEqual(passageWith(corpus, 'The repairs cost').location, { time: '00:00:03.250' });
    assert.deepEqual(passageWith(corpus, 'Crews worked').location, { time: '00:00:06.000' });
    assert.deepEqual(passageWith(corpus, 'The council approved').location, { time: '01:02:05.500' });
  });

  test('markup, cue numbers, the BOM and CRLF leave no trace in the text', async () => {
    const text = await extracted(file);
    assert.doesNotMatch(text, /<|>|\r|\uFEFF|-->|^\d+$/m);
    assert.match(text, /The repairs cost 4 million dollars, Mayor Smith said\./);
  });

  test('consecutive cues of one speaker are one paragraph; another speaker starts the next', async () => {
    const corpus = await load({ 'meeting.srt': file });
    const smith = ['The bridge', 'The repairs', 'Crews worked'].map((w) => passageWith(corpus, w).paragraph);
    assert.deepEqual(new Set(smith).size, 1);
    assert.notEqual(passageWith(corpus, 'The council approved').paragraph, smith[0]);
    assert.match(passageWith(corpus, 'The council approved').text, /, Garcia said\.$/);
  });

  test('cues without a blank line between them and a stray blank line inside a cue', () => {
    const { cues } = parseCues('1\n00:00:01,000 --> 00:00:02,000\nFirst line\n2\n00:00:02,000 --> 00:00:03,000\nSecond line\n\nstill the second cue\n');
    assert.deepEqual(
      cues.map((c) => [c.time, c.lines]),
      [
        ['00:00:01.000', ['First line']],
        ['00:00:02.000', ['Second line', 'still the second cue']],
      ],
    );
  });

  test('a decimal fraction of one or two digits is tenths or hundredths of a second', () => {
    const { cues } = parseCues('00:00:07,5 --> 00:00:08,0\nHalf past.\n\n00:00:09.25 --> 00:00:10\nQuarter.\n');
    assert.deepEqual(cues.map((c) => c.time), ['00:00:07.500', '00:00:09.250']);
  });
});

describe('WebVTT', () => {
  const file = vtt(
    [
      { id: 'intro', start: 1, end: 4, text: '<v Jones>Good evening and welcome to the hearing.</v>' },
      { start: 5, end: 7, text: '<v.loud Mayor Smith>The bridge will <c.yellow>reopen</c>' },
      { start: 7.5, end: 9, text: '<v Mayor Smith>in May. <00:00:08.000>Repairs cost &amp; took 9 weeks.' },
      { start: 62.25, end: 65, text: '<v Garcia>The council approved the budget on Tuesday.' },
    ],
    {
      title: 'Bridge hearing',
      hourless: true,
      settings: 'align:start position:10%',
      blocks: ['STYLE\n::cue(.yellow) { color: yellow }', 'NOTE nobody says this\nin the meeting at all', 'REGION\nid:fred width:40%'],
    },
  );

  test('hour-less times, voice tags, class spans, inline timestamps and entities', async () => {
    const corpus = await load({ 'hearing.vtt': file });
    const bridge = passageWith(corpus, 'The bridge will reopen in May');
    assert.equal(bridge.text, 'The bridge will reopen in May, Mayor Smith said.');
    assert.deepEqual(bridge.location, { time: '00:00:05.000' });
    const repairs = passageWith(corpus, 'Repairs cost');
    assert.equal(repairs.text, 'Repairs cost & took 9 weeks, Mayor Smith said.');
    assert.deepEqual(repairs.location, { time: '00:00:07.500' });
    assert.deepEqual(passageWith(corpus, 'council approved').location, { time: '00:01:02.250' });
    assert.equal(passageWith(corpus, 'Good evening').text, 'Good evening and welcome to the hearing, Jones said.');
  });

  test('NOTE, STYLE and REGION blocks and the header are not text; the header title is the title', async () => {
    const corpus = await load({ 'hearing.vtt': file });
    const all = corpus.documents[0]!.text;
    assert.doesNotMatch(all, /nobody says|color|width|Kind|Language|WEBVTT|intro/);
    assert.equal(corpus.documents[0]!.meta.title, 'Bridge hearing');
  });
});

describe('speaker labels', () => {
  const speakerOf = async (cueTexts: string[]) => {
    const text = await extracted(srt(cueTexts.map((t, k) => ({ start: k * 2, end: k * 2 + 1.5, text: t }))));
    return text.split('\n\n');
  };

  test('">> NAME:", a repeated "Name:" and a label alone on its line all name the speaker', async () => {
    const turns = await speakerOf([
      '>> SEN. O’BRIEN: We will vote on Friday.',
      'Smith: The road opens in June.',
      'Smith: It cost less than planned.',
      'DR. LEE-WONG:\nThe water is safe to drink.',
    ]);
    assert.deepEqual(turns, [
      'We will vote on Friday, Sen. O’Brien said.',
      'The road opens in June, Smith said. It cost less than planned, Smith said.',
      'The water is safe to drink, Dr. Lee-Wong said.',
    ]);
  });

  test('a bare ">>" or a dialogue dash is a new, unnamed speaker; a continued cue keeps the speaker', async () => {
    const turns = await speakerOf(['JONES: The ferry runs hourly.', 'It stops at the pier.', '>> The pier is closed.', '- Since when?\n- Since Monday.']);
    assert.deepEqual(turns, ['The ferry runs hourly, Jones said. It stops at the pier, Jones said.', 'The pier is closed.', 'Since when?', 'Since Monday.']);
  });

  test('a colon after an ordinary word is not a speaker label', async () => {
    const turns = await speakerOf(['Note: the figures are provisional.', 'Remember: the vote is on Friday.', 'At 10:30 the hall opened.']);
    assert.deepEqual(turns, ['Note: the figures are provisional. Remember: the vote is on Friday. At 10:30 the hall opened.']);
  });

  test('a question is attributed before it, keeping its mark; capitals become a name', () => {
    assert.deepEqual(attributed('When will it open?', 'Jones'), { text: 'Jones asked: When will it open?', shift: 13 });
    assert.equal(attributed('It opens "soon."', 'Smith').text, 'It opens "soon", Smith said.');
    assert.equal(displayName("MAYOR O'NEIL III"), "Mayor O'Neil III");
    assert.equal(displayName('Dr. de Souza'), 'Dr. de Souza');
  });
});

describe('caption clean-up', () => {
  test('sound descriptions and rolled-up repeated lines are dropped', async () => {
    const text = await extracted(
      vtt([
        { start: 0, end: 2, text: '[APPLAUSE]\n♪ theme music ♪' },
        { start: 2, end: 4, text: 'the new library opens' },
        { start: 4, end: 6, text: 'the new library opens\nin September (laughs)' },
        { start: 6, end: 8, text: 'in September (laughs)\non Elm Avenue.' },
      ]),
    );
    assert.equal(text, 'the new library opens in September on Elm Avenue.');
  });

  test('unpunctuated captions are cut at cue starts into passages with their own times', async () => {
    const words = 'so the plan is to keep the east lane open while crews work on the west side of the deck';
    const cues = Array.from({ length: 30 }, (_, k) => ({ start: k * 3, end: k * 3 + 2.5, text: `${words} near pillar ${k}` }));
    const corpus = await load({ 'captions.srt': srt(cues) });
    assert.ok(corpus.passages.length >= 10, `${corpus.passages.length} passages`);
    assert.ok(corpus.passages.every((p) => p.text.length <= 400));
    const times = corpus.passages.map((p) => p.location?.time);
    assert.equal(new Set(times).size, times.length);
    assert.deepEqual(times.slice(0, 2), ['00:00:00.000', '00:00:06.000']);
  });
});

describe('attribution as the checker reads it', () => {
  const turns: Turn[] = [
    { speaker: 'Garcia', sentences: ['The council approved the budget on Tuesday by a vote of seven to two.', 'The library will open in September on Elm Avenue.', 'The pool will close for repairs in August.'] },
    { speaker: 'Okafor', sentences: ['Farmers in the valley lost two weeks of irrigation.', 'The drought fund paid 85 growers in October.', 'Water prices rose by 6 percent this year.'] },
    { speaker: 'Mayor Smith', sentences: ['Crews worked through the winter to replace the steel deck.', 'The repairs cost 4 million dollars.', 'The bridge will reopen in May.'] },
  ];

  for (const style of ['colon', 'chevrons', 'voice'] as const) {
    test(`a statement is supported when it names the speaker, and not when it names another (${style} labels)`, async () => {
      const file = style === 'voice' ? vtt(interviewCues(turns, style)) : srt(interviewCues(turns, style));
      const corpus = await load({ [style === 'voice' ? 'hearing.vtt' : 'hearing.srt']: file });
      const index = await CorpusIndex.build(corpus);
      const [right, unattributed, wrong, misquoted] = checkText(
        index,
        [
          'Smith said the bridge would reopen in May.',
          'The bridge will reopen in May.',
          'Garcia said the bridge would reopen in May.',
          'Smith said the bridge "will reopen in June".',
        ].join('\n\n'),
      );
      assert.equal(right!.verdict, 'supported');
      assert.deepEqual(right!.evidence[0]!.location, { time: '00:00:32.000' });
      assert.equal(unattributed!.verdict, 'supported');
      assert.notEqual(wrong!.verdict, 'supported');
      assert.equal(wrong!.verdict, 'conflicting');
      assert.equal(misquoted!.verdict, 'conflicting');
    });
  }
});

describe('broken and oversized inputs', () => {
  test('no timing lines, no text, binary bytes: each has a reason', async () => {
    const reasonOf = async (input: string | Uint8Array) => {
      const result = await extract(input);
      assert.equal(result.ok, false);
      return result.ok ? '' : result.reason;
    };
    assert.match(await reasonOf('Just a text file.\nWith two lines.'), /no subtitle cues/);
    assert.match(await reasonOf('1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:03,000 --> 00:00:04,000\n[MUSIC]\n'), /hold no text/);
    assert.match(await reasonOf(new Uint8Array([0x31, 0x0a, 0x00, 0x01, 0x02, 0x03])), /binary/);
    assert.match(await reasonOf(''), /empty/);
  });

  test('the time and size budgets and cancellation stop the read', async () => {
    const file = srt([{ start: 0, end: 1, text: 'The bridge will reopen in May.' }]);
    const slow = await extract(file, { maxMs: -1, maxBytes: BUDGET.maxBytes });
    assert.ok(!slow.ok && /longer than/.test(slow.reason));
    const small = await extract(file, { maxMs: BUDGET.maxMs, maxBytes: 10 });
    assert.ok(!small.ok && /size limit/.test(small.reason));
    await assert.rejects(
      async () => subtitlesFormat.extract(encode(file), { path: 'talk.srt', budget: BUDGET, token: { isCancellationRequested: true } }),
      CancelledError,
    );
  });
});
