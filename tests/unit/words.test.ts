import { describe, expect, it } from 'vitest';
import { article, count, inSentence, plural, withArticle } from '../../renderer/src/components/words';

describe('plurals (Intl.PluralRules)', () => {
  it('uses the singular for one and the plural for everything else', () => {
    expect(count(1, 'question')).toBe('1 question');
    expect(count(0, 'question')).toBe('0 questions');
    expect(count(2, 'interview')).toBe('2 interviews');
    expect(count(1.5, 'minute')).toBe('1.5 minutes');
    expect(count(3, 'match', 'matches')).toBe('3 matches');
    expect(count(12_500, 'element')).toBe('12,500 elements');
    expect(plural(1, 'child', 'children')).toBe('child');
    expect(plural(-1, 'degree')).toBe('degree');
  });
});

describe('articles by sound', () => {
  it.each([
    ['API gateway', 'an'],
    ['CDN', 'a'],
    ['LRU cache', 'an'],
    ['SLA', 'an'],
    ['HTTP call', 'an'],
    ['URL shortener', 'a'],
    ['load balancer', 'a'],
    ['object store', 'an'],
    ['event log (Kafka)', 'an'],
    ['unique key', 'a'],
    ['hour', 'an'],
    ['one-off job', 'a'],
    ['8-node cluster', 'an'],
    ['110-byte key', 'a'],
    ['read replica', 'a'],
  ])('%s takes "%s"', (phrase, expected) => {
    expect(article(phrase)).toBe(expected);
  });

  it('writes labels mid-sentence with their article', () => {
    expect(withArticle(inSentence('API gateway'))).toBe('an API gateway');
    expect(withArticle(inSentence('Load balancer'))).toBe('a load balancer');
    expect(withArticle(inSentence('Object store'))).toBe('an object store');
    expect(withArticle(inSentence('Pub/Sub'))).toBe('a Pub/Sub');
  });
});
