import { describe, expect, it } from 'vitest';
import { lab } from '../../shared/labs/dedup-pipeline/index';
import * as impl from '../../shared/labs/dedup-pipeline/impl';
import { claim, runExperiment } from '../helpers/labs';

describe('dedup-pipeline lab', () => {
  it('shows cases A and B, the reattach trap and the wrong orders failing', () => {
    const result = runExperiment(lab, 'crash-matrix');
    expect(claim(result, 'Case A').verdict).toBe('holds');
    expect(claim(result, 'Case B').verdict).toBe('holds');
    const all = claim(result, 'no single crash');
    expect(all.measuredValue).toBe(0);
    expect(all.verdict).toBe('holds');
    expect(claim(result, 'reattaching the old store').measuredValue).toBe(1);
    expect(claim(result, 'Committing the offset before').measuredValue).toBeGreaterThanOrEqual(1);
    expect(claim(result, 'Publishing before the store').measuredValue).toBeGreaterThanOrEqual(1);
    expect(result.frames).toHaveLength(24);
  });

  it('measures the duplicate rate, the Bloom filter’s disk reads and retention shorter than the window', () => {
    const result = runExperiment(lab, 'window-retention');
    const rate = claim(result, '2,400');
    expect(rate.measuredValue).toBeGreaterThan(2400 * 0.9);
    expect(rate.measuredValue).toBeLessThan(2400 * 1.1);
    // False positives add disk reads on top of the real duplicates, so the notes' 0.6% is too low.
    expect(claim(result, 'off the disk').measuredValue).toBeGreaterThan(rate.measuredValue / 400_000);
    const leak = claim(result, 'restores the whole dedup window');
    expect(leak.measuredValue).toBeGreaterThan(0);
    expect(leak.verdict).toBe('does-not-hold');
    expect(leak.measured).toMatch(/the data predicts (\d+)/);
    expect(leak.measured).toContain(`predicts ${leak.measuredValue}`);
    expect(claim(result, 'retention ≥ the window').measuredValue).toBe(0);
  });

  it('moves the measured value when a parameter changes', () => {
    const short = claim(
      runExperiment(lab, 'window-retention', { outputRetention: 1000 }),
      'whole dedup window',
    );
    const long = claim(
      runExperiment(lab, 'window-retention', { outputRetention: 8000 }),
      'whole dedup window',
    );
    expect(short.measuredValue).toBeGreaterThan(0);
    expect(long.measuredValue).toBe(0);
    expect(long.verdict).toBe('holds');
    const fewBits = claim(runExperiment(lab, 'window-retention', { bloomBitsPerItem: 3 }), 'off the disk');
    const manyBits = claim(runExperiment(lab, 'window-retention', { bloomBitsPerItem: 16 }), 'off the disk');
    expect(fewBits.measuredValue).toBeGreaterThan(manyBits.measuredValue);
  });

  it('keeps every property on the reference implementation', () => {
    for (const property of lab.properties) {
      expect(property.check(impl, { seed: 7, numRuns: 100 }), property.id).toMatchObject({ ok: true });
    }
  });

  it('catches a recovery that reattaches the old store instead of rebuilding it', () => {
    const broken = {
      ...impl,
      recover: (state: impl.PipelineState, opts: impl.PipelineOptions) =>
        impl.recover(state, opts, 'reattach-store'),
    };
    const outcome = lab.properties
      .find((p) => p.id === 'single-crash-exactly-once')!
      .check(broken, {
        seed: 7,
        numRuns: 200,
      });
    expect(outcome.ok).toBe(false);
    expect(outcome.counterexample).toBeTruthy();
    expect(outcome.message).toMatch(/after the store write|before publish/);
    expect(outcome.message).toMatch(/lost \[m\d+\]/);
  });
});
