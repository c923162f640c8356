/**
 * Checking an AI's evidence: a quote counts only if the candidate's own material (notes, transcript,
 * board text) contains it. Matching ignores case, spacing, curly-versus-straight quotes, dashes and
 * a trailing ellipsis or full stop, because models retype those; it never ignores words.
 */
export type QuoteSource = 'notes' | 'transcript' | 'board';

export interface Material {
  notes: string;
  transcript: string;
  board: string;
}

/** Shorter than this (after normalising) is too little to be evidence of anything. */
export const MIN_QUOTE_CHARS = 8;

export function normaliseForQuotes(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

function trimQuote(q: string): string {
  return normaliseForQuotes(q)
    .replace(/^["'\s.…-]+/, '')
    .replace(/["'\s.…]+$/, '');
}

/** Where a quote is found in the material (the first source that has it), or null. */
export function findQuote(quote: string, material: Material): QuoteSource | null {
  const q = trimQuote(quote);
  if (q.length < MIN_QUOTE_CHARS) return null;
  for (const source of ['notes', 'transcript', 'board'] as const) {
    if (normaliseForQuotes(material[source]).includes(q)) return source;
  }
  return null;
}

/** Keeps the quotes found in the material (with their source) and counts the ones dropped. */
export function checkQuotes(
  quotes: readonly string[],
  material: Material,
): { kept: { text: string; source: QuoteSource }[]; dropped: number } {
  const kept: { text: string; source: QuoteSource }[] = [];
  let dropped = 0;
  const seen = new Set<string>();
  for (const quote of quotes) {
    const source = findQuote(quote, material);
    if (!source) {
      dropped++;
      continue;
    }
    const key = trimQuote(quote);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ text: quote.trim(), source });
  }
  return { kept, dropped };
}

/** How many words of their own the candidate produced: too few and a score would be a guess. */
export function materialWords(material: Material): number {
  const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words(material.notes) + words(material.transcript) + words(material.board);
}

/** Below this many words of the candidate's own, the draft says "not enough to score". */
export const MIN_MATERIAL_WORDS = 40;
