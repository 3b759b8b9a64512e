/**
 * Scaled corpora for the performance benchmark: varied copies of the bundled news articles and of
 * the Climate-FEVER Wikipedia extracts (read from ../shared at run time, never copied into the
 * repository), with names, numbers and dates perturbed per document so no two are alike.
 *
 * Document i depends only on i (its own seed), so the first documents of the 50 MB corpus are the
 * documents of the 1 MB corpus: a draft written from them has its sources in every size.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chance, GIVEN_NAMES, int, MONTHS, pick, rng, type Rng, seedFor, SURNAMES } from './random';

interface Article {
  title: string;
  /** Paragraphs (news: one per line) or sentences (Climate-FEVER: one per line) to group. */
  units: string[];
  kind: 'news' | 'wiki';
}

export interface SourcePool {
  news: Article[];
  wiki: Article[];
  /** Words the sources write capitalised only: the names a copy may swap for made-up ones. */
  names: Set<string>;
  /** Where the text came from, for the report. */
  description: string;
}

export interface GeneratedDocument {
  name: string;
  text: string;
  /** Perturbed paragraphs of the body, in order (the draft is written from them). */
  paragraphs: string[];
}

function readArticles(dir: string, kind: Article['kind']): Article[] {
  if (!existsSync(dir)) return [];
  const out: Article[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const lines = readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    if (lines.length === 0) continue;
    if (kind === 'news') out.push({ title: lines[0]!, units: lines.slice(1), kind });
    else out.push({ title: name.replace(/\.txt$/, '').replace(/_/g, ' ').replace(/\s*\(.*\)$/, ''), units: lines, kind });
  }
  return out;
}

/** The bundled corpus and, when ../shared is there, the Climate-FEVER corpus. */
export function loadSourcePool(repoRoot: string): SourcePool {
  const news = readArticles(path.join(repoRoot, 'corpus'), 'news');
  const wikiDir = path.join(repoRoot, '..', 'shared', 'bench', 'climate-fever', 'corpus');
  const wiki = readArticles(wikiDir, 'wiki');
  const bytes = (as: Article[]) => as.reduce((n, a) => n + a.units.reduce((m, u) => m + u.length + 1, 0), 0);
  const description =
    `${news.length} bundled news articles (${(bytes(news) / 1e3).toFixed(0)} KB)` +
    (wiki.length ? ` + ${wiki.length} Climate-FEVER extracts (${(bytes(wiki) / 1e6).toFixed(2)} MB, ../shared)` : ' (../shared/bench/climate-fever not found: news only)');
  if (news.length === 0) throw new Error('No source articles found in corpus/');
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const a of [...news, ...wiki]) {
    for (const u of [a.title, ...a.units]) {
      for (const w of u.match(/\p{L}+/gu) ?? []) (/^[A-Z][a-z]{2,}$/.test(w) ? capitalised : lower).add(w.toLowerCase());
    }
  }
  const names = new Set<string>();
  for (const w of capitalised) if (!lower.has(w)) names.add(w.charAt(0).toUpperCase() + w.slice(1));
  return { news, wiki, names, description };
}

const SKIP_NAMES = new Set([...MONTHS, 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'I']);

/** Per-document perturbation: a consistent name mapping, numbers and months varied. */
class Perturber {
  private readonly names = new Map<string, string>();
  constructor(
    private readonly r: Rng,
    private readonly known: Set<string>,
  ) {}

  private name(word: string): string {
    let to = this.names.get(word);
    if (to === undefined) {
      to = chance(this.r, 0.4) ? pick(this.r, SURNAMES) : word;
      this.names.set(word, to);
    }
    return to;
  }

  private number(raw: string): string {
    const r = this.r;
    if (!chance(r, 0.5)) return raw;
    const plain = raw.replace(/,/g, '');
    const value = Number(plain);
    if (!Number.isFinite(value)) return raw;
    if (/^\d{4}$/.test(raw) && value >= 1000 && value <= 2099) return String(Math.min(2030, value + int(r, -12, 12)));
    const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    let next = value < 100 && decimals === 0 ? int(r, 1, Math.max(3, value * 2 + 5)) : value * (0.5 + r());
    if (next === value) next += 1;
    const fixed = next.toFixed(decimals);
    if (!raw.includes(',')) return fixed;
    const [whole, frac] = fixed.split('.');
    return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }

  apply(text: string): string {
    return text
      .replace(/\d[\d,]*(?:\.\d+)?/g, (m) => (/,$/.test(m) ? this.number(m.slice(0, -1)) + ',' : this.number(m)))
      .replace(/\b[A-Z][a-z]{2,}\b/g, (word, offset: number) => {
        if (MONTHS.includes(word)) return chance(this.r, 0.3) ? pick(this.r, MONTHS) : word;
        if (SKIP_NAMES.has(word) || !this.known.has(word)) return word;
        // Sentence-initial words are mostly ordinary words: leave them.
        const before = text.slice(Math.max(0, offset - 3), offset).trimEnd();
        if (before === '' || /[.!?:"“]$/.test(before)) return word;
        return this.name(word);
      });
  }
}

/** Paragraphs of an article: news lines as they are; Wikipedia sentences grouped by 2 to 5. */
function paragraphsOf(a: Article, r: Rng): string[] {
  if (a.kind === 'news') return a.units;
  const out: string[] = [];
  for (let k = 0; k < a.units.length; ) {
    const n = int(r, 2, 5);
    out.push(a.units.slice(k, k + n).join(' '));
    k += n;
  }
  return out;
}

function byline(r: Rng): string {
  const year = int(r, 2015, 2026);
  return `By ${pick(r, GIVEN_NAMES)} ${pick(r, SURNAMES)} | ${pick(r, MONTHS)} ${int(r, 1, 28)}, ${year}`;
}

/** Document `i` of every generated corpus. */
export function generateDocument(pool: SourcePool, i: number, variant = 0): GeneratedDocument {
  const r = rng(seedFor(`doc/${variant}`, i));
  const p = new Perturber(r, pool.names);
  // Log-uniform between 3 KB and 50 KB (mean about 17 KB).
  const target = Math.exp(Math.log(3000) + r() * (Math.log(50_000) - Math.log(3000)));
  const pickArticle = () => (pool.wiki.length === 0 || chance(r, 0.25) ? pick(r, pool.news) : pick(r, pool.wiki));
  const first = pickArticle();
  const title = p.apply(first.title);
  const lines = [title, byline(r), ''];
  const paragraphs: string[] = [];
  let size = lines.join('\n').length;
  let article = first;
  for (let round = 0; size < target && round < 200; round++) {
    if (round > 0) {
      article = pickArticle();
      const heading = p.apply(article.title);
      lines.push(heading, '');
      size += heading.length + 2;
    }
    const paras = paragraphsOf(article, r);
    const start = paras.length > 3 ? int(r, 0, Math.floor(paras.length / 2)) : 0;
    for (const para of paras.slice(start, start + int(r, 3, 40))) {
      const text = p.apply(para);
      paragraphs.push(text);
      lines.push(text, '');
      size += text.length + 2;
      if (size >= target) break;
    }
  }
  const name = `part_${String(Math.floor(i / 500)).padStart(3, '0')}/doc_${String(i).padStart(6, '0')}.txt`;
  return { name, text: lines.join('\n'), paragraphs };
}

export interface GeneratedCorpus {
  dir: string;
  files: number;
  bytes: number;
  ms: number;
}

/** Writes documents 0, 1, 2, … into `dir` until `targetBytes` of UTF-8 are written. */
export function writeCorpus(pool: SourcePool, dir: string, targetBytes: number): GeneratedCorpus {
  const started = performance.now();
  const seen = new Set<string>();
  let bytes = 0;
  let files = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    let doc = generateDocument(pool, i);
    let hash = createHash('sha1').update(doc.text).digest('hex');
    // Practically never taken; it guarantees that no two documents are identical.
    for (let v = 1; seen.has(hash); v++) {
      doc = generateDocument(pool, i, v);
      hash = createHash('sha1').update(doc.text).digest('hex');
    }
    seen.add(hash);
    const file = path.join(dir, doc.name);
    mkdirSync(path.dirname(file), { recursive: true });
    const data = Buffer.from(doc.text, 'utf8');
    writeFileSync(file, data);
    bytes += data.length;
    files++;
  }
  return { dir, files, bytes, ms: performance.now() - started };
}
