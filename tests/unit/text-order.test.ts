import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byText } from '../../shared/domain/textOrder';

describe('byText', () => {
  it('orders titles alphabetically, ignoring case', () => {
    expect(['rate limiter', 'Chat app', 'URL shortener', 'ad click aggregator'].sort(byText)).toEqual([
      'ad click aggregator',
      'Chat app',
      'rate limiter',
      'URL shortener',
    ]);
  });

  it('is a total order: antisymmetric, consistent with equality, and transitive', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        expect(Math.sign(byText(a, b)) + Math.sign(byText(b, a))).toBe(0);
        expect(byText(a, b) === 0).toBe(a === b);
        if (byText(a, b) <= 0 && byText(b, c) <= 0) expect(byText(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });
});
