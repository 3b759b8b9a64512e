import Fuse from 'fuse.js';

/**
 * A consonant skeleton that survives transliteration: Kyiv/Kiev → "kv", Luhansk/Lugansk →
 * "lhnsk". Vowels after the first letter go, similar-sounding consonants merge.
 */
export function nameSkeleton(term: string): string {
  const w = term
    .replace(/ph/g, 'f')
    .replace(/[gh]/g, 'h')
    .replace(/[ckq]/g, 'k')
    .replace(/w/g, 'v')
    .replace(/[zs]/g, 's')
    .replace(/(.)\1+/g, '$1')
    // Doubled digraphs of romanisation ("zhzh" in Zaporizhzhia) count once.
    .replace(/(..)\1+/g, '$1');
  return w[0] + w.slice(1).replace(/[aeiouy]/g, '');
}

/**
 * Finds corpus spellings of a name that the writer spelled differently. fuse.js scores the
 * similarity; the skeleton catches transliterations whose edit distance is too large for it.
 */
export class NameVariants {
  private fuse: Fuse<string> | undefined;
  private bySkeleton: Map<string, string[]> | undefined;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly names: () => string[]) {}

  private ensure(): void {
    if (this.fuse) return;
    const list = this.names();
    this.fuse = new Fuse(list, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
    this.bySkeleton = new Map();
    for (const n of list) {
      if (n.length < 3) continue;
      const k = nameSkeleton(n);
      const group = this.bySkeleton.get(k);
      if (group) group.push(n);
      else this.bySkeleton.set(k, [n]);
    }
  }

  /**
   * Corpus name terms that spell `term` differently; empty for short terms. A term the corpus
   * itself uses gets only transliterations (same skeleton: Kiev for Kyiv), never mere look-alikes,
   * since two different names in one corpus must stay apart.
   */
  of(term: string, known = false): readonly string[] {
    const key = `${known ? 'k' : 'u'}${term}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let found: string[] = [];
    if (term.length >= 4 && /^[a-z]/.test(term)) {
      this.ensure();
      const out = new Set<string>();
      for (const n of this.bySkeleton!.get(nameSkeleton(term)) ?? []) if (n !== term && n[0] === term[0] && Math.abs(n.length - term.length) <= 3) out.add(n);
      for (const r of known ? [] : this.fuse!.search(term, { limit: 5 })) {
        const n = r.item;
        const lengthClose = Math.abs(n.length - term.length) <= Math.max(1, Math.floor(term.length / 4));
        if (n !== term && n[0] === term[0] && lengthClose && (r.score ?? 1) <= 0.25) out.add(n);
      }
      found = [...out];
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }
}
