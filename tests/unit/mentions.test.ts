import { describe, expect, it } from 'vitest';
import { findMentions, keywords, sceneText, stem } from '../../shared/domain/mentions';
import { builtin } from '../helpers/backend';

function urlShortener() {
  const p = builtin().problems.find((x) => x.id === 'url-shortener')!;
  return {
    checklist: p.strongAnswerChecklist,
    decisions: p.keyDecisions.map((k) => `${k.decision}: ${k.choice}`),
  };
}
const ticked = (items: readonly string[], text: string) =>
  findMentions(items, text)
    .filter((m) => m.mentioned)
    .map((m) => ({ item: m.text.slice(0, 30), matched: m.matched }));

describe('mentions', () => {
  it('ticks the Bloom-filter item for "Bloom filter before the DB", and says which words matched', () => {
    const { checklist } = urlShortener();
    const out = findMentions(checklist, 'Bloom filter before the DB');
    const bloom = out.find((m) => /bloom filter/i.test(m.text))!;
    expect(bloom).toMatchObject({ mentioned: true, matched: ['bloom filter'] });
    expect(out.filter((m) => m.mentioned)).toHaveLength(1);
  });

  it('matches phrases by stem and across hyphens: "existence check", "cache aside"', () => {
    const items = ['Chose cache-aside with a TTL', 'Mentioned a bloom filter for existence checks'];
    expect(ticked(items, 'we do an existence check first')).toEqual([
      { item: items[1]!.slice(0, 30), matched: ['existence checks'] },
    ]);
    expect(findMentions(items, 'Cache aside in front of the store')[0]).toMatchObject({
      mentioned: true,
      matched: ['cache aside'],
    });
  });

  it('counts a distinctive term alone: an acronym, a name, a status code', () => {
    const { checklist, decisions } = urlShortener();
    const text = 'Clicks go to Kafka. 302, not 301. Entries expire via TTL.';
    const hits = findMentions([...checklist, ...decisions], text).filter((m) => m.mentioned);
    const matched = hits.flatMap((m) => m.matched);
    expect(matched).toEqual(expect.arrayContaining(['Kafka', '301', '302', 'TTL']));
    expect(hits.find((m) => m.text.startsWith('Kept click analytics'))?.matched).toEqual(['Kafka']);
  });

  it('does not tick an item for common words shared with half a sentence', () => {
    const { checklist, decisions } = urlShortener();
    // The old rule ticked items for "database", "cache", "key", "redirects" scattered in a sentence.
    const text = 'The database keeps each key; redirects read the cache and the database.';
    expect(ticked([...checklist, ...decisions], text)).toEqual([]);
    expect(ticked(['Compared three key-generation approaches'], 'three approaches compared')).toEqual([]);
  });

  it('stems plurals and verb forms the same way on both sides', () => {
    expect(['checks', 'check', 'checking'].map(stem)).toEqual(['check', 'check', 'check']);
    expect(stem('caching')).toBe(stem('cache'));
    expect(stem('filters')).toBe(stem('filter'));
    expect(stem('batches')).toBe(stem('batch'));
    expect(stem('analysis')).toBe('analysis');
    expect(stem('1,000')).toBe('1000');
  });

  it('reads text from a whiteboard scene and ignores junk', () => {
    expect(
      sceneText(JSON.stringify({ elements: [{ type: 'text', text: 'Cache' }, { type: 'rectangle' }] })),
    ).toBe('Cache');
    expect(sceneText('not json')).toBe('');
    expect(keywords('The cache is warm')).toEqual([stem('cache'), 'warm']);
  });
});
