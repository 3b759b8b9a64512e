/**
 * Stretches of the number line. A stated quantity or date is an interval of the values it allows
 * ("more than 40" allows anything above 40, "in 2024" any day of that year), so a source agrees
 * with a claim when everything the source allows the claim allows too (containment), and the two
 * contradict each other only when nothing satisfies both (an empty intersection).
 */
export interface Interval {
  lo: number;
  hi: number;
  /** The end itself is excluded: "more than 40" does not allow 40. */
  loOpen: boolean;
  hiOpen: boolean;
}

export function interval(lo: number, hi: number, loOpen = false, hiOpen = false): Interval {
  return { lo, hi, loOpen, hiOpen };
}

export const point = (v: number): Interval => interval(v, v);

/** Every value of `inner` is a value of `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

/** No value satisfies both. Intervals that only touch at an end one of them excludes are disjoint. */
export function disjoint(a: Interval, b: Interval): boolean {
  const [first, second] = a.lo < b.lo || (a.lo === b.lo && !a.loOpen) ? [a, b] : [b, a];
  if (first.hi < second.lo) return true;
  if (first.hi > second.lo) return false;
  return first.hiOpen || second.loOpen;
}

/** Moves the finite ends outward by `by` (a tolerance for numbers rounded or converted). */
export function widen(i: Interval, by: number): Interval {
  if (by <= 0) return i;
  return interval(i.lo - by, i.hi + by, i.loOpen, i.hiOpen);
}

export function scale(i: Interval, factor: number): Interval {
  return factor >= 0 ? interval(i.lo * factor, i.hi * factor, i.loOpen, i.hiOpen) : interval(i.hi * factor, i.lo * factor, i.hiOpen, i.loOpen);
}
