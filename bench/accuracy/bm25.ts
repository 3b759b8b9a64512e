/**
 * The plain-BM25 reference: what a bare search index gets without the project's engine. Every
 * sentence of the corpus is a MiniSearch document (default tokenizer and term processing, so
 * lower-casing and no stemming; default BM25 parameters; OR of the query terms). A claim is
 * `supported` when at least half of its content words (lower-cased, stop words removed) occur in
 * the top-ranked sentence, else `unverified`; it never says `conflicting`. Its evidence is the
 * documents of the top 5 sentences.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import MiniSearch from 'minisearch';
import type { Claim, Prediction } from './types';

export const OVERLAP_THRESHOLD = 0.5;

const STOP_WORDS = new Set(
  `a an the and or but nor of to in on at by for with from as into onto about over under than then
  is are was were be been being am do does did has have had having it its it's this that these those
  there here he she they we you i me him her them us our your their his hers my mine s t not no
  will would shall should can could may might must which who whom whose what when where why how
  all any some such so very also just only more most`.split(/\s+/).filter(Boolean),
);

const tokenize = MiniSearch.getDefault('tokenize') as (text: string, field?: string) => string[];

function contentWords(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .map((t) => t.toLowerCase())
      .filter((t) => t && !STOP_WORDS.has(t)),
  );
}

interface Sentence {
  id: number;
  source: string;
  line: number;
  text: string;
}

const SOURCE_EXT = /\.(txt|md|markdown|html?)$/i;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...listFiles(p));
    else if (SOURCE_EXT.test(name)) out.push(p);
  }
  return out;
}

/** Sentences: one or more per line, split after `.`, `!` or `?` followed by whitespace. HTML tags are crudely stripped. */
export function corpusSentences(dir: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const file of listFiles(dir)) {
    let text = readFileSync(file, 'utf8');
    if (/\.html?$/i.test(file)) text = text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
    text.split(/\r\n?|\n/).forEach((lineText, i) => {
      for (const part of lineText.split(/(?<=[.!?])\s+/)) {
        const t = part.trim();
        if (t) sentences.push({ id: sentences.length, source: file, line: i + 1, text: t });
      }
    });
  }
  return sentences;
}

export interface Bm25Run {
  predictions: Prediction[];
  /** top sentence and overlap per claim, for inspection */
  top: ({ sentence: Sentence; overlap: number } | undefined)[];
  sentences: number;
  documents: number;
  wallMs: number;
}

export function runBm25(claims: Claim[], corpusDir: string): Bm25Run {
  const t0 = performance.now();
  const sentences = corpusSentences(corpusDir);
  const index = new MiniSearch<Sentence>({ fields: ['text'] });
  index.addAll(sentences);
  const top: Bm25Run['top'] = [];
  const predictions = claims.map((c): Prediction => {
    const hits = index.search(c.claim).slice(0, 5);
    const sources = hits.map((h) => sentences[h.id as number].source);
    if (!hits.length) {
      top.push(undefined);
      return { verdict: 'unverified', conflictKinds: [], sources };
    }
    const best = sentences[hits[0].id as number];
    const words = contentWords(c.claim);
    const have = contentWords(best.text);
    const overlap = words.size ? [...words].filter((w) => have.has(w)).length / words.size : 0;
    top.push({ sentence: best, overlap });
    return { verdict: overlap >= OVERLAP_THRESHOLD ? 'supported' : 'unverified', conflictKinds: [], sources };
  });
  return {
    predictions,
    top,
    sentences: sentences.length,
    documents: new Set(sentences.map((s) => s.source)).size,
    wallMs: performance.now() - t0,
  };
}
