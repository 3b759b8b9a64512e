/** Seeded randomness and made-up names for the generated corpora: the same seed gives the same bytes everywhere. */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for picking text. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for item `i` of stream `stream`, so every document is generated independently of the others. */
export function seedFor(stream: string, i: number): number {
  let h = 2166136261 ^ i;
  for (let k = 0; k < stream.length; k++) h = Math.imul(h ^ stream.charCodeAt(k), 16777619);
  return Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
}

export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const chance = (r: Rng, p: number): boolean => r() < p;

const HEADS = ['Ka', 'Lo', 'Mer', 'Tan', 'Vel', 'Dra', 'Or', 'Sel', 'Bri', 'Cor', 'Hal', 'Pen', 'Zu', 'Ra', 'Mi', 'Fen', 'Gar', 'Ys', 'Bel', 'Tor'];
const MIDDLES = ['ri', 'va', 'no', 'len', 'dor', 'sa', 'mi', 'ta', 'ko', 'ber'];
const SURNAME_ENDS = ['son', 'ski', 'ova', 'ez', 'ani', 'elli', 'berg', 'ton', 'ard', 'ing'];
const GIVEN_ENDS = ['a', 'o', 'en', 'ia', 'us', 'el'];

function combine(ends: readonly string[]): string[] {
  const out: string[] = [];
  for (const h of HEADS) for (const m of MIDDLES) for (const e of ends) out.push(h + m + e);
  return out;
}

/** 2,000 made-up surnames and 1,200 given names: names the corpus uses, never real people. */
export const SURNAMES: readonly string[] = combine(SURNAME_ENDS);
export const GIVEN_NAMES: readonly string[] = combine(GIVEN_ENDS);

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
