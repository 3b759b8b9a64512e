import type winkNLP from 'wink-nlp';
import type { Token } from './tokenize';

/**
 * Part-of-speech tags and lemmas from wink-nlp's English model (universal tags: VERB, AUX, NOUN,
 * PROPN, ADJ, ADP, ...). Chosen over compromise by measurement: ~15 µs a token against ~110 µs, with
 * lemmas ("largest" → "large") that tell a superlative from a plain adjective. It is only asked about
 * the claim and the few passages that would decide a verdict, so its cost stays off the search path.
 */
export interface Tags {
  /** One tag per token of our tokenizer (same indexes); '' where the model saw no token there. */
  pos: string[];
  /** The model's lemma per token, lowercase. */
  lemma: string[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

function load(): Nlp {
  // The model takes ~150 ms to evaluate and instantiate: done once, at the first use, not when the
  // extension or the CLI starts (the bundle keeps both modules unevaluated until this require).
  if (!nlp) {
    const create = require('wink-nlp') as typeof winkNLP;
    const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0];
    nlp = create(model, ['pos']);
  }
  return nlp;
}

/** Tags `text` and carries each tag over to the token of ours that starts inside the model's token. */
export function tagTokens(text: string, tokens: Token[]): Tags {
  const pos = new Array<string>(tokens.length).fill('');
  const lemma = tokens.map((t) => t.norm);
  if (!tokens.length) return { pos, lemma };
  const n = load();
  const doc = n.readDoc(text);
  // The model's typings do not cover every `its` helper; all three return one string per token.
  const out = doc.tokens().out.bind(doc.tokens()) as (f?: unknown) => string[];
  const values = out();
  const tags = out(n.its.pos);
  const lemmas = out(n.its.lemma);
  let cursor = 0;
  let k = 0;
  for (let w = 0; w < values.length; w++) {
    const at = text.indexOf(values[w], cursor);
    // The model normalises a few characters (quotes, ellipses); such a token keeps no offset.
    if (at < 0) continue;
    const end = at + values[w].length;
    cursor = end;
    while (k < tokens.length && tokens[k].end <= at) k++;
    for (let j = k; j < tokens.length && tokens[j].start < end; j++) {
      if (pos[j]) continue;
      pos[j] = tags[w];
      lemma[j] = (lemmas[w] ?? values[w]).toLowerCase();
    }
  }
  repairVerbs(tokens, pos);
  repairTitleWords(text, tokens, pos);
  return { pos, lemma };
}

const MODALS = new Set(['will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should']);
const OBJECT_START = new Set(['DET', 'PRON', 'PROPN', 'NUM']);

/**
 * The model's commonest slips on verbs, seen on news and encyclopaedia prose: a bare verb after a
 * modal or "to" read as an adverb or adjective ("will close", "could lower"), and a past form with
 * an object read as an adjective ("married him", "married the drummer"). A verb missed there hides
 * the clause a fact belongs to.
 */
function repairVerbs(tokens: Token[], pos: string[]): void {
  for (let k = 1; k < tokens.length; k++) {
    const p = pos[k];
    if ((p !== 'ADJ' && p !== 'ADV' && p !== 'NOUN') || tokens[k].capitalized) continue;
    const before = tokens[k - 1].norm;
    const afterModal = MODALS.has(before) || (before === 'to' && pos[k - 1] === 'PART');
    const transitivePast = p === 'ADJ' && /ed$/.test(tokens[k].norm) && OBJECT_START.has(pos[k + 1] ?? '') && pos[k - 1] !== 'DET' && pos[k - 1] !== 'AUX';
    if ((afterModal && p !== 'NOUN') || transitivePast) pos[k] = 'VERB';
  }
}

/** Words that follow a title to qualify it rather than act: "Advisor Designate", "President Elect". */
const POST_TITLE_WORDS = new Set(['designate', 'elect', 'emeritus']);

/**
 * Parts of a title the model reads as verbs: the second half of a hyphenated title
 * ("President-elect", "Governor-elect") and a word that qualifies a title ("Advisor Designate").
 * Read so, it becomes the sentence's predicate, and a source that states the fact without that
 * title no longer states "the same relation".
 */
function repairTitleWords(text: string, tokens: Token[], pos: string[]): void {
  for (let k = 1; k < tokens.length; k++) {
    if (pos[k] !== 'VERB') continue;
    const prev = tokens[k - 1];
    const hyphenated = prev.end === tokens[k].start - 1 && text[prev.end] === '-' && (pos[k - 1] === 'NOUN' || pos[k - 1] === 'PROPN');
    // "Advisor Designate", "Secretary Emeritus": a word that qualifies the title before it.
    const postTitle = POST_TITLE_WORDS.has(tokens[k].norm) && (pos[k - 1] === 'NOUN' || pos[k - 1] === 'PROPN');
    if (hyphenated || postTitle) pos[k] = 'ADJ';
  }
}
