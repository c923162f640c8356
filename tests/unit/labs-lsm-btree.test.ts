import { describe, expect, it } from 'vitest';
import { lab } from '../../shared/labs/lsm-btree/index';
import * as impl from '../../shared/labs/lsm-btree/impl';
import { claim, runExperiment } from '../helpers/labs';

describe('lsm-btree lab', () => {
  it('measures write, read and space amplification of both engines on the same workload', () => {
    const result = runExperiment(lab, 'amplification');
    const write = claim(result, 'writes less per byte');
    expect(write.measuredValue).toBeGreaterThan(1);
    expect(write.verdict).toBe('holds');
    expect(claim(result, 'one page per level').verdict).toBe('holds');
    expect(claim(result, 'about one table').measuredValue).toBeLessThan(1.15);
    const bloom = claim(result, 'skip the table reads');
    expect(bloom.measuredValue).toBeGreaterThan(0.98);
    expect(bloom.verdict).toBe('holds');
    expect(claim(result, 'space amplification').verdict).toBe('holds');
    expect(result.frames?.length).toBeGreaterThan(10);
  });

  it('shows what compaction and Bloom filters each buy', () => {
    const result = runExperiment(lab, 'compaction');
    expect(claim(result, 'read of every table').verdict).toBe('holds');
    expect(claim(result, 'cuts the tables').measuredValue).toBeGreaterThan(5);
    expect(claim(result, 'costs extra writes').measuredValue).toBeCloseTo(2, 1);
    expect(claim(result, 'reclaims the space').verdict).toBe('holds');
  });

  it('computes B+tree heights 5/4/3 for 10^9 rows at fan-out 100/180/1000', () => {
    const result = runExperiment(lab, 'btree-height');
    expect(claim(result, 'fan-out 100 ').measuredValue).toBe(5);
    expect(claim(result, 'fan-out 180 ').measuredValue).toBe(4);
    expect(claim(result, 'fan-out 1,000 ').measuredValue).toBe(3);
    expect(result.claims.every((c) => c.verdict === 'holds')).toBe(true);
  });

  it('moves the measured value when a parameter changes', () => {
    const fewBits = claim(
      runExperiment(lab, 'amplification', { bloomBitsPerKey: 4 }),
      'skip the table reads',
    );
    const manyBits = claim(
      runExperiment(lab, 'amplification', { bloomBitsPerKey: 14 }),
      'skip the table reads',
    );
    expect(fewBits.measuredValue).toBeLessThan(manyBits.measuredValue);
    const smallPages = claim(
      runExperiment(lab, 'amplification', { btreeFanout: 16 }),
      'writes less per byte',
    );
    const bigPages = claim(runExperiment(lab, 'amplification', { btreeFanout: 256 }), 'writes less per byte');
    expect(bigPages.measuredValue).toBeGreaterThan(smallPages.measuredValue);
  });

  it('keeps every property on the reference implementation', () => {
    for (const property of lab.properties) {
      expect(property.check(impl, { seed: 7, numRuns: 60 }), property.id).toMatchObject({ ok: true });
    }
  });

  it('catches an LSM tree that searches the oldest level first', () => {
    class OldestFirst extends impl.LsmTree {
      override get(key: number): number | undefined {
        for (let level = this.levels.length - 1; level >= 0; level--) {
          for (const table of [...this.levels[level]!].reverse()) {
            const i = table.keys.indexOf(key);
            if (i >= 0) return table.values[i];
          }
        }
        return super.get(key);
      }
    }
    const broken = { ...impl, LsmTree: OldestFirst };
    const outcome = lab.properties
      .find((p) => p.id === 'lsm-last-write-wins')!
      .check(broken, { seed: 7, numRuns: 100 });
    expect(outcome.ok).toBe(false);
    expect(outcome.counterexample).toBeTruthy();
    expect(outcome.message).toMatch(/last written/);
  });
});
