/**
 * Words built from numbers and names, in one place so no screen writes "1 question(s)" or
 * "a API gateway". Plural forms come from `Intl.PluralRules` (the platform's CLDR data), so the
 * category for a count is the language's, not an `n === 1` guess; the app's text is English, so
 * the rules are English ones.
 */
// Made on first use: creating it loads the locale's data (a few ms), which a screen that shows no
// count should not pay while it opens.
let pluralRules: Intl.PluralRules | null = null;

/** The word for `n` things: `plural(1, 'question') === 'question'`, `plural(0, 'question') === 'questions'`. */
export function plural(n: number, one: string, other = `${one}s`): string {
  pluralRules ??= new Intl.PluralRules('en');
  return pluralRules.select(n) === 'one' ? one : other;
}

let clock: Intl.DateTimeFormat | null = null;

/** A moment's clock time in the user's locale and time zone ("3:21:35 PM", "15:21:35"). */
export function clockTime(ms: number): string {
  clock ??= new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  return clock.format(ms);
}

/** A count and its noun: `count(1, 'question') === '1 question'`, `count(12, 'match', 'matches')`. */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en')} ${plural(n, one, other)}`;
}

// Letters whose spoken name starts with a vowel sound: "an API", "an SLA", "an HTTP call".
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');
// Words spelled with a vowel that start with a consonant sound ("a unique id", "a one-off").
const CONSONANT_SOUND = /^(uni|use|usa|usu|ute|uti|euro?|eu|one\b|once\b|ubiq|uran|ure)/i;
// Words spelled with a consonant that start with a vowel sound ("an hour", "an honest answer").
const VOWEL_SOUND = /^(hour|honest|honou?r|heir)/i;

/**
 * "a" or "an" before `phrase`, by how its first word sounds: "an API gateway", "a CDN", "an LRU
 * cache", "a unique key", "an hour". Initialisms (two or more capitals) are read letter by letter.
 */
export function article(phrase: string): 'a' | 'an' {
  const word = phrase.trim().split(/[\s-]/)[0] ?? '';
  if (!word) return 'a';
  if (/^[A-Z]{2,}s?$/.test(word) || /^[A-Z]$/.test(word))
    return VOWEL_SOUND_LETTERS.has(word[0]!) ? 'an' : 'a';
  if (/^\d/.test(word)) return /^(8|11(?!\d)|18(?!\d))/.test(word) ? 'an' : 'a';
  if (VOWEL_SOUND.test(word)) return 'an';
  if (CONSONANT_SOUND.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** The phrase with its article: `withArticle('API gateway') === 'an API gateway'`. */
export function withArticle(phrase: string): string {
  return `${article(phrase)} ${phrase}`;
}

/**
 * A capitalised label as it reads mid-sentence: "Load balancer" → "load balancer", while "API
 * gateway" and "Pub/Sub" keep their capitals.
 */
export function inSentence(label: string): string {
  const first = label.split(' ')[0] ?? '';
  return /^[A-Z][a-z]*$/.test(first) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
