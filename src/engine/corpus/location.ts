import type { PassageLocation } from '../types';

/** "00:14:03" from "00:14:03.200": a reader seeks to the second, not the millisecond. */
function toSecond(time: string): string {
  return time.replace(/\.\d+$/, '');
}

/**
 * Where a passage is, as a reader finds it in the original: "p. 12", "00:14:03", "¶ 7",
 * "message 3" — or undefined for plain text, where the line says it.
 */
export function locationLabel(location: PassageLocation | undefined): string | undefined {
  if (!location) return undefined;
  if (location.page !== undefined) return `p. ${location.page}`;
  if (location.time !== undefined) return toSecond(location.time);
  if (location.paragraph !== undefined) return `¶ ${location.paragraph}`;
  if (location.message !== undefined) return `message ${location.message}`;
  return undefined;
}

/** "report.pdf p. 12", "interview.vtt 00:14:03", or the compiler-style "notes.txt:15". */
export function sourceAt(source: string, line: number, location?: PassageLocation): string {
  const label = locationLabel(location);
  return label ? `${source} ${label}` : `${source}:${line}`;
}
