import Fuse from 'fuse.js';
import { withinEdits } from '../text/editDistance';
import type { TimeSlicer } from '../util/timeSlicer';

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
 * A misspelling is a letter or two away from the name: one edit in a short name, one per four
 * letters in a longer one. fuse.js alone scores "close" like "Colossus" and "class" like
 * "Colossus", since it looks for the letters in order with gaps.
 */
function lookAlike(term: string, other: string): boolean {
  return withinEdits(term, other, Math.max(1, Math.floor(Math.max(term.length, other.length) / 4)));
}

/**
 * Transliterations differ in a vowel or a consonant's spelling, a few letters in all: two in a short
 * name (Kyiv / Kiev), up to five in a long one (Zaporizhzhia / Zaporozhye). A shared skeleton alone
 * also joins different words ("class" / "Colossus", "squad" / "Secod") and different people's names
 * (Vladimir / Volodymyr).
 */
function transliteration(term: string, other: string): boolean {
  return withinEdits(term, other, Math.max(2, Math.floor((Math.max(term.length, other.length) * 5) / 12)));
}

/**
 * Finds corpus spellings of a name that the writer spelled differently. fuse.js scores the
 * similarity; the skeleton catches transliterations whose edit distance is too large for it.
 */
export class NameVariants {
  /**
   * Look-alikes must share the first letter, so each first letter gets its own fuse.js index,
   * built when first needed: a search then scans one letter's names, not a large corpus's all.
   */
  private readonly fuseByInitial = new Map<string, Fuse<string>>();
  private byInitial: Map<string, string[]> | undefined;
  private bySkeleton: Map<string, string[]> | undefined;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly names: () => string[]) {}

  private ensure(): void {
    if (this.bySkeleton) return;
    this.bySkeleton = new Map();
    this.byInitial = new Map();
    for (const n of this.names()) this.add(n);
  }

  private add(name: string): void {
    if (name.length < 3) return;
    const put = (map: Map<string, string[]>, key: string) => {
      const group = map.get(key);
      if (group) group.push(name);
      else map.set(key, [name]);
    };
    put(this.bySkeleton!, nameSkeleton(name));
    put(this.byInitial!, name[0]!);
  }

  /**
   * Builds the lookup tables ahead of the first check, pausing between slices, so a large
   * corpus's first statement does not pay for them in one block.
   */
  async prepare(slicer: TimeSlicer): Promise<void> {
    if (this.bySkeleton) return;
    const names = this.names();
    const bySkeleton = new Map<string, string[]>();
    const byInitial = new Map<string, string[]>();
    this.bySkeleton = bySkeleton;
    this.byInitial = byInitial;
    for (const n of names) {
      this.add(n);
      if (slicer.due()) await slicer.pause();
    }
    for (const initial of byInitial.keys()) {
      this.fuseFor(initial);
      if (slicer.expired()) await slicer.pause();
    }
  }

  private fuseFor(initial: string): Fuse<string> {
    let fuse = this.fuseByInitial.get(initial);
    if (!fuse) {
      fuse = new Fuse(this.byInitial!.get(initial) ?? [], { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
      this.fuseByInitial.set(initial, fuse);
    }
    return fuse;
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
      for (const n of this.bySkeleton!.get(nameSkeleton(term)) ?? []) if (n !== term && n[0] === term[0] && transliteration(term, n)) out.add(n);
      for (const r of known ? [] : this.fuseFor(term[0]!).search(term, { limit: 5 })) {
        const n = r.item;
        if (n !== term && n[0] === term[0] && (r.score ?? 1) <= 0.25 && lookAlike(term, n)) out.add(n);
      }
      found = [...out];
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }
}
