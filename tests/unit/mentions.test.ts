import { describe, expect, it } from 'vitest';
import { findMentions, keywords, sceneText } from '../../shared/domain/mentions';

describe('mentions', () => {
  it('finds checklist items the notes touch, and not the others', () => {
    const notes =
      'Asked whether redirects should be 301 or 302 — 302 keeps analytics. Bloom filter before the DB lookup.';
    const out = findMentions(
      [
        'Asked 301 vs 302 redirects',
        'Mentioned bloom filters for existence checks',
        'Compared three key-generation approaches',
      ],
      notes,
    );
    expect(out.map((m) => m.mentioned)).toEqual([true, true, false]);
    expect(out[0]!.matched).toEqual(expect.arrayContaining(['301', '302']));
  });

  it('reads text from a whiteboard scene and ignores junk', () => {
    expect(
      sceneText(JSON.stringify({ elements: [{ type: 'text', text: 'Cache' }, { type: 'rectangle' }] })),
    ).toBe('Cache');
    expect(sceneText('not json')).toBe('');
    expect(keywords('The cache is warm')).toEqual(['cache', 'warm']);
  });
});
