import { describe, expect, it } from 'vitest';
import { lab } from '../../shared/labs/rate-limiters/index';
import * as impl from '../../shared/labs/rate-limiters/impl';
import { claim, runExperiment } from '../helpers/labs';

describe('rate-limiters lab', () => {
  it('measures the window-edge burst, the exact log, the bucket bound and memory per user', () => {
    const result = runExperiment(lab, 'same-traffic');
    const edge = claim(result, 'twice the limit');
    expect(edge.measuredValue).toBe(200);
    expect(edge.verdict).toBe('holds');
    expect(claim(result, 'sliding log never').measuredValue).toBe(100);
    expect(claim(result, 'sliding log never').verdict).toBe('holds');
    const bucket = claim(result, 'burst of its capacity, then');
    expect(bucket.measuredValue).toBeLessThanOrEqual(100 + (100 / 60) * 2);
    expect(bucket.verdict).toBe('holds');
    const memory = claim(result, 'memory');
    expect(memory.measuredValue).toBeCloseTo(100 / 3, 5);
    expect(result.frames?.length).toBeGreaterThan(0);
  });

  it('reproduces the sliding-counter worked example and shows its adversarial worst case', () => {
    const result = runExperiment(lab, 'sliding-counter');
    const worked = claim(result, 'worked example');
    expect(worked.measuredValue).toBeCloseTo(99, 9);
    expect(worked.verdict).toBe('holds');
    const worst = claim(result, 'never lets more than the limit through in a sliding window');
    expect(worst.measuredValue).toBeGreaterThan(190);
    expect(worst.verdict).toBe('does-not-hold');
    expect(claim(result, 'ordinary traffic').measuredValue).toBeLessThan(0.01);
  });

  it('shows token-bucket bursts and refill', () => {
    const result = runExperiment(lab, 'token-bucket');
    expect(claim(result, 'full token bucket').measuredValue).toBe(100);
    expect(claim(result, '23 tokens').measuredValue).toBeCloseTo(22, 9);
    expect(claim(result, 'refill rate').verdict).toBe('holds');
  });

  it('moves the measured value when a parameter changes', () => {
    const small = claim(runExperiment(lab, 'same-traffic', { limit: 40 }), 'twice the limit');
    expect(small.measuredValue).toBe(80);
    const slower = claim(
      runExperiment(lab, 'sliding-counter', { attackerStepMs: 5000 }),
      'in a sliding window',
    );
    const faster = claim(
      runExperiment(lab, 'sliding-counter', { attackerStepMs: 50 }),
      'in a sliding window',
    );
    expect(slower.measuredValue).toBeLessThan(faster.measuredValue);
  });

  it('keeps every property on the reference implementation', () => {
    for (const property of lab.properties) {
      const outcome = property.check(impl, { seed: 7, numRuns: 100 });
      expect(outcome, property.id).toMatchObject({ ok: true });
    }
  });

  it('catches a fixed window that lets one extra request through per window', () => {
    class LeakyWindow extends impl.FixedWindow {
      private readonly extraUsed = new Set<number>();
      override tryAcquire(nowMs: number): boolean {
        if (super.tryAcquire(nowMs)) return true;
        const window = Math.floor(nowMs / this.windowMs);
        if (this.extraUsed.has(window)) return false;
        this.extraUsed.add(window);
        return true;
      }
    }
    const broken = { ...impl, FixedWindow: LeakyWindow };
    const outcome = lab.properties
      .find((p) => p.id === 'fixed-window-per-window')!
      .check(broken, {
        seed: 7,
        numRuns: 100,
      });
    expect(outcome.ok).toBe(false);
    expect(outcome.counterexample).toBeTruthy();
    expect(outcome.message).toMatch(/let through in the window/);
  });
});
