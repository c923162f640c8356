import { describe, expect, it } from 'vitest';
import { evaluateScratchpad, normalise } from '../../shared/domain/scratchpad';

const one = (line: string) => evaluateScratchpad(line)[0]!;

describe('estimation scratchpad', () => {
  it('evaluates the examples from the product brief', () => {
    expect(one('100M / day to 1/s')).toMatchObject({ output: '1,157 /s', unit: '/s' });
    expect(one('100M / day to 1/s').value).toBeCloseTo(1157.407, 2);
    expect(one('182.5e9 * 600 B to TB')).toMatchObject({ output: '109.5 TB', value: 109.5 });
  });

  it('reads interview shorthand: suffixes glued to numbers, bytes with a space', () => {
    expect(normalise('100M')).toBe('100e6');
    expect(normalise('5B / day')).toBe('5e9 / day');
    expect(one('600 B to KB').value).toBeCloseTo(0.6);
    expect(one('10KB * 3 to KB').value).toBeCloseTo(30);
    expect(one('1,000,000 / 86400').value).toBeCloseTo(11.574, 2);
  });

  it('carries named results to later lines', () => {
    const r = evaluateScratchpad('writes = 100M / day\nwrites * 100 to per s');
    expect(r[0]!.name).toBe('writes');
    expect(r[1]!.value).toBeCloseTo(115_740.7, 0);
  });

  it('explains mistakes instead of throwing, line by line', () => {
    const r = evaluateScratchpad('foo * 2\n5 GB to s\n# a comment\n\n2 + 2');
    expect(r[0]!.error).toMatch(/not a unit or a name/);
    expect(r[1]!.error).toMatch(/units/i);
    expect(r[2]!.output).toBeUndefined();
    expect(r[4]!.output).toBe('4');
  });

  it('converts durations, including minutes', () => {
    expect(one('10 GB / (100 MB/s) to min')).toMatchObject({ unit: 'min' });
    expect(one('10 GB / (100 MB/s) to min').value).toBeCloseTo(1.667, 2);
  });
});
