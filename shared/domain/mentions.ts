/**
 * After scoring: which checklist items and key decisions the candidate's own words seem to touch.
 * A plain keyword match, shown as a hint for reflection and never as a score.
 */
const STOP = new Set(
  'mentioned mention mentions asked discussed explained compared named used considered covered stated described raised about above after again against also because before being below between both could does doing during each either every first from have having into itself just more most much must only other over same should since some such than that their them then there these they this those through under until very were what when where which while with would your yours whether without within across along'.split(
    ' ',
  ),
);

export function keywords(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z0-9][a-z0-9-]*[a-z0-9]/g) ?? []).filter(
    (w) => (w.length >= 4 || /\d/.test(w)) && !STOP.has(w),
  );
  return [...new Set(words.map((w) => w.replace(/(ing|ed|es|s)$/, '')))];
}

export interface Mention {
  text: string;
  matched: string[];
  mentioned: boolean;
}

/** An item counts as mentioned when at least half of its keywords (and at least two) appear. */
export function findMentions(items: readonly string[], yourText: string): Mention[] {
  const have = new Set(keywords(yourText));
  return items.map((text) => {
    const keys = keywords(text);
    const matched = keys.filter((k) => have.has(k));
    const needed = Math.max(2, Math.ceil(keys.length / 2));
    return { text, matched, mentioned: keys.length > 0 && matched.length >= Math.min(needed, keys.length) };
  });
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
