/**
 * After scoring: which checklist items and key decisions the candidate's own words seem to touch.
 * A hint for reflection, never a score, so it must be explainable: an item is touched when the
 * candidate wrote one of its phrases ("bloom filter", "cache-aside", "existence checks") or one of
 * its distinctive terms (an acronym such as TTL, a name such as Kafka, a figure such as 302), with
 * words compared by stem. Counting common words ("cache", "database") would tick everything.
 */

/** Words that carry no subject: the checklist's own verbs about the candidate, and English glue. */
const STOP = new Set(
  (
    'a an and any are as at be been before being below between both but by can could did do does doing during each either every few for from had has have having he her here him his how i if in into is it its itself just me more most much must my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours whether without within across along above after again against also because about per via ' +
    'mention mentioned mentions ask asked discussed explained explain compared compare named name used use considered covered stated described raised kept chose chosen justified sized produced tied said wrote showed least'
  ).split(/\s+/),
);

/**
 * A light English stemmer: plurals and verb endings only, so "checks" meets "check", "caching" meets
 * "cache" and "filters" meets "filter". The same function runs on both sides, so a crude stem is fine.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (/\d/.test(w)) return w.replace(/,/g, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // "access", "status", "analysis": not plurals
  } else if (/(ches|shes|xes|zes|sses)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // "cache" / "cach(ing)", "store" / "stor(ed)": drop a final e so both meet.
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // "shipped" → "shipp" → "ship"
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|ll|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

interface Token {
  /** As written, for showing what matched. */
  word: string;
  stem: string;
  /** An acronym, a name, a hyphenated compound or a figure: specific enough to count alone. */
  distinctive: boolean;
}

/**
 * Clauses (split at punctuation and line breaks) of content words. Words joined by a hyphen stay
 * neighbours, so "cache-aside" is the phrase "cache aside"; a slash or a comma separates terms.
 */
function clauses(text: string): Token[][] {
  const out: Token[][] = [];
  let clause: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9'’]*(?:[.,][0-9]+)*/g)) {
    const word = m[0];
    const at = m.index;
    const gap = text.slice(prevEnd, at);
    prevEnd = at + word.length;
    if (/[.;:!?()[\]{}"“”,/\n—–=]/.test(gap) && clause.length) {
      out.push(clause);
      clause = [];
    }
    const lower = word.toLowerCase();
    if (STOP.has(lower)) continue;
    const sentenceStart =
      at === 0 || /[.!?\n:]\s*$/.test(text.slice(0, at)) || /^\s*$/.test(text.slice(0, at));
    const distinctive =
      (/\d/.test(word) && word.replace(/\D/g, '').length >= 3) ||
      /^[A-Z0-9]{2,}s?$/.test(word) || // TTL, KGS, CDN, LRU
      /[a-z][A-Z]/.test(word) || // HyperLogLog, DynamoDB
      (/^[A-Z][a-z]/.test(word) && !sentenceStart); // Kafka, Redis mid-sentence
    if (!distinctive && (lower.length < 3 || /^\d+$/.test(lower))) continue;
    clause.push({ word, stem: stem(word), distinctive });
  }
  if (clause.length) out.push(clause);
  return out;
}

/** The stems of a text's content words (kept for callers that only need a bag of words). */
export function keywords(text: string): string[] {
  return [...new Set(clauses(text).flatMap((c) => c.map((t) => t.stem)))];
}

export interface Mention {
  text: string;
  /** The item's phrases and terms the candidate's words matched, as the item spells them. */
  matched: string[];
  mentioned: boolean;
}

/** Reads the candidate's text once; each item is then checked against it. */
export function mentionMatcher(yourText: string): (item: string) => Mention {
  const mine = clauses(yourText);
  const stems = new Set(mine.flatMap((c) => c.map((t) => t.stem)));
  const pairs = new Set<string>();
  for (const c of mine) for (let i = 1; i < c.length; i++) pairs.add(`${c[i - 1]!.stem} ${c[i]!.stem}`);
  return (text) => {
    const matched: string[] = [];
    const covered = new Set<Token>();
    for (const c of clauses(text)) {
      // Phrases: two neighbouring words of the item, neighbours in what you wrote too.
      for (let i = 1; i < c.length; i++) {
        const [a, b] = [c[i - 1]!, c[i]!];
        // Two figures side by side ("301 or 302") are two terms, not a phrase.
        if (/\d/.test(a.word) && /\d/.test(b.word)) continue;
        if (a.stem === b.stem || !pairs.has(`${a.stem} ${b.stem}`)) continue;
        const last = matched.length - 1;
        // Extend "key generation" + "generation service" into "key generation service".
        if (covered.has(a) && last >= 0 && matched[last]!.endsWith(a.word)) matched[last] += ` ${b.word}`;
        else matched.push(`${a.word} ${b.word}`);
        covered.add(a).add(b);
      }
      for (const t of c) {
        if (t.distinctive && !covered.has(t) && stems.has(t.stem)) {
          matched.push(t.word);
          covered.add(t);
        }
      }
    }
    return { text, matched: [...new Set(matched)], mentioned: matched.length > 0 };
  };
}

export function findMentions(items: readonly string[], yourText: string): Mention[] {
  const match = mentionMatcher(yourText);
  return items.map(match);
}

/** The words on an Excalidraw scene (labels and text boxes). */
export function sceneText(sceneJson: string | null | undefined): string {
  if (!sceneJson) return '';
  try {
    const parsed = JSON.parse(sceneJson) as { elements?: { type?: string; text?: string }[] };
    return (parsed.elements ?? [])
      .filter((e) => e.type === 'text' && e.text)
      .map((e) => e.text)
      .join('\n');
  } catch {
    return '';
  }
}
