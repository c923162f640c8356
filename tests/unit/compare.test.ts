import { describe, expect, it } from 'vitest';
import { classify, compareEstimates } from '../../shared/domain/compare';

describe('estimate comparison', () => {
  it('classifies free-text and scratchpad units', () => {
    expect(classify('TB')).toEqual({ dimension: 'bytes', scale: 1e12 });
    expect(classify('GB')).toEqual({ dimension: 'bytes', scale: 1e9 });
    expect(classify('writes/s')).toMatchObject({ dimension: 'per-second' });
    expect(classify('/s')).toMatchObject({ dimension: 'per-second' });
    expect(classify('URLs/day')).toMatchObject({ dimension: 'per-day' });
    expect(classify('keys')).toMatchObject({ dimension: 'count' });
    expect(classify('billion/day')).toEqual({ dimension: 'per-day', scale: 1e9 });
    expect(classify('trillion keys')).toEqual({ dimension: 'count', scale: 1e12 });
  });

  it('pairs each reference figure with the closest figure of the same kind', () => {
    const out = compareEstimates(
      [
        { label: 'Writes per second', value: 1160, unit: 'writes/s' },
        { label: 'Storage over 5 years', value: 110, unit: 'TB' },
        { label: 'Cache size', value: 12, unit: 'GB' },
      ],
      [
        { line: 1, label: '100M / day to 1/s', value: 1157.4, unit: '/s' },
        { line: 2, label: '182.5e9 * 600 B to TB', value: 109.5, unit: 'TB' },
        { line: 3, label: 'cache', value: 40, unit: 'GB' },
      ],
    );
    expect(out[0]).toMatchObject({ verdict: 'close', yours: { line: 1 } });
    expect(out[1]).toMatchObject({ verdict: 'close', yours: { line: 2 } });
    expect(out[2]).toMatchObject({ verdict: 'off', yours: { line: 3 } });
    expect(out[2]!.ratio).toBeCloseTo(40 / 12);
  });

  it('compares bytes across scales and reports what is missing', () => {
    const out = compareEstimates(
      [
        { label: 'Storage', value: 0.11, unit: 'PB' },
        { label: 'Reads per second', value: 116000, unit: 'reads/s' },
      ],
      [{ line: 4, label: 'x', value: 110, unit: 'TB' }],
    );
    expect(out[0]).toMatchObject({ verdict: 'close' });
    expect(out[1]).toMatchObject({ verdict: 'missing', yours: null });
  });
});
