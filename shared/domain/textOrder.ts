/**
 * Alphabetical order for titles and topics, case folded, without the locale's collator. The first
 * `localeCompare` in a thread loads ICU's collation data (about 7 ms here), and the back end sorts
 * the library before it can answer the first screen. Content is English, so folding case gives
 * the order a reader expects; ties fall back to the raw strings, so the order is total.
 */
export function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
