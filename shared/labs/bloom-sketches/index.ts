/**
 * Lab 2 — Bloom filters and sketches: the false-positive formula against measured rates, the optimal
 * number of hashes, memory per item, no false negatives, counting Bloom deletes, HyperLogLog's error
 * and Count-Min's one-sided error.
 */
import { z } from 'zod';
import fc from 'fast-check';
import type * as Impl from './impl';
import * as reference from './impl';
import { judge, type ClaimRow, type Experiment, type LabDefinition, type Rng } from '../framework';
import { checkProperty, expectThat } from '../check';
import { num, pct } from '../format';

type Module = typeof Impl;

const BLOOM = { kind: 'concept' as const, id: 'bloom-filters', label: 'Bloom filters (concept)' };
const NOTES = { kind: 'notes' as const, label: 'The notes on probabilistic data structures' };

/** One step of the bit array filling, for the visual (a small filter with the same bits per item and k). */
export interface BitsFrame {
  kind: 'bits';
  bits: number;
  hashes: number;
  inserted: number;
  /** Indexes of the bits set so far. */
  set: number[];
  /** The bits the last inserted item touched. */
  last: number[];
  lastItem: string;
  fill: number;
  expectedFill: number;
}

const VISUAL_BITS = 1024;

export const falsePositiveParams = z.object({
  bitsPerItem: z.number().min(1).max(24).default(9.6).describe('Bits per item (m/n)'),
  hashes: z.number().int().min(1).max(16).default(7).describe('Hash functions (k)'),
  items: z.number().int().min(1000).max(100000).default(20000).describe('Items inserted (n)'),
  probes: z.number().int().min(10000).max(200000).default(50000).describe('Lookups of absent items'),
});

export const sketchParams = z.object({
  precision: z.number().int().min(4).max(16).default(14).describe('HyperLogLog precision (p)'),
  distinct: z.number().int().min(10000).max(300000).default(100000).describe('Distinct items per count'),
  trials: z.number().int().min(4).max(40).default(12).describe('HyperLogLog trials'),
  width: z.number().int().min(50).max(20000).default(2000).describe('Count-Min width (w)'),
  depth: z.number().int().min(1).max(8).default(4).describe('Count-Min depth (d)'),
});

function measureFpr(
  impl: Module,
  bits: number,
  hashes: number,
  items: readonly string[],
  probes: readonly string[],
): { fpr: number; falseNegatives: number; filter: Impl.BloomFilter } {
  const filter = new impl.BloomFilter(bits, hashes);
  for (const item of items) filter.add(item);
  let falseNegatives = 0;
  for (const item of items) if (!filter.has(item)) falseNegatives++;
  let hits = 0;
  for (const probe of probes) if (filter.has(probe)) hits++;
  return { fpr: hits / probes.length, falseNegatives, filter };
}

function randomKeys(rng: Rng, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}:${rng.int(0, 2_000_000_000)}`);
}

/** Bits per item where the measured curve crosses `rate` (log-linear interpolation between sweep points). */
function bitsForMeasuredRate(curve: readonly { x: number; y: number }[], rate: number): number {
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (a.y >= rate && b.y <= rate && a.y > 0 && b.y > 0) {
      const t = (Math.log(a.y) - Math.log(rate)) / (Math.log(a.y) - Math.log(b.y));
      return a.x + t * (b.x - a.x);
    }
  }
  return Number.NaN;
}

function bitFrames(impl: Module, bitsPerItem: number, hashes: number, rng: Rng): BitsFrame[] {
  const items = Math.max(1, Math.round(VISUAL_BITS / bitsPerItem));
  const filter = new impl.BloomFilter(VISUAL_BITS, hashes);
  const keys = randomKeys(rng, 'shown:', items);
  const frames: BitsFrame[] = [];
  const step = Math.max(1, Math.ceil(items / 30));
  keys.forEach((key, i) => {
    filter.add(key);
    if ((i + 1) % step !== 0 && i + 1 !== items) return;
    const set: number[] = [];
    for (let p = 0; p < VISUAL_BITS; p++) if (filter.isSet(p)) set.push(p);
    frames.push({
      kind: 'bits',
      bits: VISUAL_BITS,
      hashes,
      inserted: i + 1,
      set,
      last: filter.positions(key),
      lastItem: key,
      fill: set.length / VISUAL_BITS,
      expectedFill: 1 - Math.exp((-hashes * (i + 1)) / VISUAL_BITS),
    });
  });
  return frames;
}

const falsePositives: Experiment<Module, typeof falsePositiveParams> = {
  id: 'false-positives',
  title: 'False positives and memory',
  description:
    'Fills a Bloom filter with n items, looks up items that were never added and counts the false positives, against (1 − e^(−kn/m))^k; then sweeps bits per item and the number of hashes.',
  params: falsePositiveParams,
  run(impl, p, ctx) {
    const n = p.items;
    const m = Math.max(1, Math.round(p.bitsPerItem * n));
    const k = p.hashes;
    const items = randomKeys(ctx.rng, 'in:', n);
    const probes = randomKeys(ctx.rng, 'out:', p.probes);
    const main = measureFpr(impl, m, k, items, probes);
    const formula = impl.expectedFalsePositiveRate(m, n, k);
    ctx.progress(0.15);

    // Sweep bits per item at the optimal k, on a smaller set.
    const sweepItems = items.slice(0, Math.min(n, 5000));
    const sweepProbes = probes.slice(0, Math.min(p.probes, 20000));
    const bitsSweep: { x: number; y: number; formula: number }[] = [];
    for (let bpi = 2; bpi <= 16; bpi++) {
      if (ctx.shouldStop()) break;
      const bits = bpi * sweepItems.length;
      const kOpt = Math.max(1, Math.round(impl.optimalHashes(bits, sweepItems.length)));
      const fpr = measureFpr(impl, bits, kOpt, sweepItems, sweepProbes).fpr;
      bitsSweep.push({
        x: bpi,
        y: fpr,
        formula: impl.expectedFalsePositiveRate(bits, sweepItems.length, kOpt),
      });
      ctx.progress(0.15 + (0.4 * (bpi - 1)) / 15);
    }

    // Sweep k at the chosen bits per item.
    const sweepBits = Math.max(1, Math.round(p.bitsPerItem * sweepItems.length));
    const hashSweep: { x: number; y: number; formula: number }[] = [];
    for (let h = 1; h <= 14; h++) {
      if (ctx.shouldStop()) break;
      const fpr = measureFpr(impl, sweepBits, h, sweepItems, sweepProbes).fpr;
      hashSweep.push({
        x: h,
        y: fpr,
        formula: impl.expectedFalsePositiveRate(sweepBits, sweepItems.length, h),
      });
      ctx.progress(0.55 + (0.4 * h) / 14);
    }
    // The best k measured; ties (equal counts) go to the smaller k, the cheaper filter.
    const bestK = hashSweep.reduce(
      (best, s) => (s.y < best.y ? s : best),
      hashSweep[0] ?? { x: NaN, y: NaN },
    ).x;
    const kOptFormula = impl.optimalHashes(m, n);

    const bitsAt10 = bitsForMeasuredRate(bitsSweep, 0.1);
    const bitsAt1 = bitsForMeasuredRate(bitsSweep, 0.01);
    const memoryRatio = bitsAt1 / bitsAt10;

    const claims: ClaimRow[] = [
      {
        claim: 'The false-positive rate is (1 − e^(−kn/m))^k',
        source: BLOOM,
        expected: pct(formula, 2),
        measured: `${pct(main.fpr, 2)} (${num(Math.round(main.fpr * p.probes))} of ${num(p.probes)} lookups)`,
        expectedValue: formula,
        measuredValue: main.fpr,
        verdict: judge(main.fpr, formula, { closeRel: 0.15, roughRel: 0.4 }),
        explanation: `m = ${num(m)} bits, n = ${num(n)}, k = ${k}. The formula assumes independent hash positions; double hashing (h1 + i·h2) comes within sampling noise of it.`,
      },
      {
        claim: '9.59 bits per item give a 1% false-positive rate',
        source: NOTES,
        expected: '1.00%',
        measured: `${pct(main.fpr, 2)} at ${p.bitsPerItem} bits/item, k = ${k}`,
        expectedValue: 0.01,
        measuredValue: main.fpr,
        verdict: judge(main.fpr, 0.01, { closeRel: 0.15, roughRel: 0.4 }),
        explanation:
          'Measured at your bits per item and k: at about 9.6 bits and k = 7 it holds; with fewer bits per item the rate climbs fast (at 4.8 bits it is about 10%).',
      },
      {
        claim: 'The best number of hashes is k = (m/n)·ln 2',
        source: BLOOM,
        expected: `k ≈ ${kOptFormula.toFixed(2)}`,
        measured: `k = ${bestK} (lowest measured rate)`,
        expectedValue: kOptFormula,
        measuredValue: bestK,
        verdict: judge(bestK, kOptFormula, { closeRel: 0.15, roughRel: 0.35 }),
        explanation:
          'k must be a whole number, and near the optimum the curve is flat: k one either side of it costs only a little.',
      },
      {
        claim: 'Going from 10% to 1% costs about 2× the memory, not 10×',
        source: NOTES,
        expected: `${(impl.bitsPerItemFor(0.01) / impl.bitsPerItemFor(0.1)).toFixed(2)}×`,
        measured: `${memoryRatio.toFixed(2)}× (${bitsAt10.toFixed(2)} → ${bitsAt1.toFixed(2)} bits/item)`,
        expectedValue: impl.bitsPerItemFor(0.01) / impl.bitsPerItemFor(0.1),
        measuredValue: memoryRatio,
        verdict: judge(memoryRatio, impl.bitsPerItemFor(0.01) / impl.bitsPerItemFor(0.1)),
        explanation:
          'Bits per item grow with −ln p: each tenfold drop in the rate adds the same ~4.8 bits per item. Measured where the swept curve (optimal k) crosses 10% and 1%.',
      },
      {
        claim: 'A Bloom filter has no false negatives',
        source: BLOOM,
        expected: '0',
        measured: num(main.falseNegatives),
        expectedValue: 0,
        measuredValue: main.falseNegatives,
        verdict: judge(main.falseNegatives, 0),
        explanation: `Every one of the ${num(n)} inserted items was looked up again. Adding only ever sets bits, so an added item's bits stay set.`,
      },
    ];

    const frames = bitFrames(impl, p.bitsPerItem, k, ctx.rng.fork());
    ctx.progress(1);
    return {
      series: [
        {
          id: 'fpr-by-bits',
          title: 'False-positive rate against bits per item (optimal k)',
          kind: 'line',
          x: { label: 'Bits per item' },
          y: { label: 'False-positive rate', unit: '%', log: true },
          lines: [
            {
              name: 'Measured',
              points: bitsSweep.filter((s) => s.y > 0).map((s) => ({ x: s.x, y: s.y * 100 })),
            },
            { name: '(1 − e^(−kn/m))^k', points: bitsSweep.map((s) => ({ x: s.x, y: s.formula * 100 })) },
          ],
        },
        {
          id: 'fpr-by-k',
          title: `False-positive rate against k at ${p.bitsPerItem} bits per item`,
          kind: 'line',
          x: { label: 'Hash functions (k)' },
          y: { label: 'False-positive rate', unit: '%', log: true },
          lines: [
            {
              name: 'Measured',
              points: hashSweep.filter((s) => s.y > 0).map((s) => ({ x: s.x, y: s.y * 100 })),
            },
            { name: 'Formula', points: hashSweep.map((s) => ({ x: s.x, y: s.formula * 100 })) },
          ],
        },
      ],
      claims,
      frames,
      summary: [
        `${num(n)} items in ${num(m)} bits (${(m / 8 / 1024).toFixed(1)} KiB), k = ${k}`,
        `${num(Math.round(main.fpr * p.probes))} false positives in ${num(p.probes)} lookups of absent items`,
      ],
    };
  },
};

/** Zipf-distributed ranks 0 … size−1 (exponent 1), drawn by inverse CDF. */
function zipfSampler(size: number, rng: Rng): () => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cdf[i] = total += 1 / (i + 1);
  return () => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const sketches: Experiment<Module, typeof sketchParams> = {
  id: 'sketches',
  title: 'HyperLogLog, Count-Min and counting Bloom',
  description:
    'Counts distinct items with HyperLogLog over several trials, counts frequencies on a Zipf stream with Count-Min, and deletes half the items from a counting Bloom filter.',
  params: sketchParams,
  run(impl, p, ctx) {
    // HyperLogLog: relative error over independent trials.
    const errors: number[] = [];
    let registers = 0;
    for (let t = 0; t < p.trials; t++) {
      if (ctx.shouldStop()) break;
      const hll = new impl.HyperLogLog(p.precision);
      const salt = ctx.rng.int(0, 2_000_000_000);
      for (let i = 0; i < p.distinct; i++) hll.add(`u${salt}:${i}`);
      errors.push((hll.count() - p.distinct) / p.distinct);
      registers = hll.registers.length;
      ctx.progress((0.6 * (t + 1)) / p.trials);
    }
    const rmsError = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / Math.max(1, errors.length));
    const expectedError = 1.04 / Math.sqrt(2 ** p.precision);
    const hllKb = (registers * 6) / 8 / 1024;

    // Count-Min on a Zipf stream.
    const keySpace = 20000;
    const events = 200000;
    const draw = zipfSampler(keySpace, ctx.rng);
    const truth = new Uint32Array(keySpace);
    const cms = new impl.CountMinSketch(p.width, p.depth);
    for (let i = 0; i < events; i++) {
      const r = draw();
      truth[r]!++;
      cms.add(`key:${r}`);
    }
    ctx.progress(0.8);
    let under = 0;
    let withinBound = 0;
    let seen = 0;
    const bound = (Math.E / p.width) * events;
    const errorBuckets = new Map<number, number>();
    const bucketSize = Math.max(1, Math.ceil(bound / 10));
    for (let r = 0; r < keySpace; r++) {
      if (truth[r] === 0) continue;
      seen++;
      const over = cms.estimate(`key:${r}`) - truth[r]!;
      if (over < 0) under++;
      if (over <= bound) withinBound++;
      const bucket = Math.min(20, Math.floor(Math.max(0, over) / bucketSize));
      errorBuckets.set(bucket, (errorBuckets.get(bucket) ?? 0) + 1);
    }
    const withinShare = withinBound / Math.max(1, seen);
    const promisedShare = 1 - Math.exp(-p.depth);

    // Counting Bloom: add 10,000, remove half, check both halves (10 counters per kept item).
    const cbItems = randomKeys(ctx.rng, 'cb:', 10000);
    const size = 5 * cbItems.length;
    const cbK = 7;
    const cb = new impl.CountingBloomFilter(size, cbK);
    for (const item of cbItems) cb.add(item);
    const removed = cbItems.slice(0, cbItems.length / 2);
    const kept = cbItems.slice(cbItems.length / 2);
    for (const item of removed) cb.remove(item);
    const keptMissing = kept.filter((item) => !cb.has(item)).length;
    const removedStillThere = removed.filter((item) => cb.has(item)).length / removed.length;
    const cbFormula = impl.expectedFalsePositiveRate(size, kept.length, cbK);
    ctx.progress(1);

    const claims: ClaimRow[] = [
      {
        claim: `HyperLogLog's standard error is 1.04/√m (0.81% at p = 14)`,
        source: NOTES,
        expected: pct(expectedError, 2),
        measured: `${pct(rmsError, 2)} (RMS over ${errors.length} trials)`,
        expectedValue: expectedError,
        measuredValue: rmsError,
        verdict: judge(rmsError, expectedError, { closeRel: 0.3, roughRel: 0.6 }),
        explanation: `m = 2^${p.precision} = ${num(2 ** p.precision)} registers counting ${num(p.distinct)} distinct items. With ${errors.length} trials the measured spread itself is uncertain by about ±${Math.round(100 / Math.sqrt(2 * Math.max(1, errors.length)))}%.`,
      },
      {
        claim: 'A HyperLogLog at p = 14 takes about 12 KB',
        source: NOTES,
        expected: `${((2 ** p.precision * 6) / 8 / 1024).toFixed(1)} KiB`,
        measured: `${hllKb.toFixed(1)} KiB (${num(registers)} registers × 6 bits)`,
        expectedValue: (2 ** p.precision * 6) / 8 / 1024,
        measuredValue: hllKb,
        verdict: judge(hllKb, (2 ** p.precision * 6) / 8 / 1024),
        explanation:
          'Each register holds a run length up to 32 − p + 1, which fits in 6 bits; this implementation stores a byte per register (16 KiB at p = 14) for simplicity, so the 12 KB is for packed registers.',
      },
      {
        claim: 'Count-Min only overestimates',
        source: NOTES,
        expected: '0 keys under their true count',
        measured: `${num(under)} of ${num(seen)} keys`,
        expectedValue: 0,
        measuredValue: under,
        verdict: judge(under, 0),
        explanation:
          'Every counter an item touches was incremented by each of its occurrences, and collisions can only add; the minimum over rows is the least inflated.',
      },
      {
        claim: 'Count-Min overshoots by at most (e/w)·N with probability 1 − e^(−d)',
        source: NOTES,
        expected: `≥ ${pct(promisedShare)} of keys within ${num(bound, 1)}`,
        measured: pct(withinShare, 2),
        expectedValue: promisedShare,
        measuredValue: withinShare,
        verdict: judge(withinShare, promisedShare, { bound: 'at-least', roughRel: 0.05 }),
        explanation: `w = ${p.width}, d = ${p.depth}, N = ${num(events)} events over ${num(keySpace)} keys drawn from a Zipf distribution. The bound is loose: on skewed traffic most keys are far inside it.`,
      },
      {
        claim: 'A counting Bloom filter can delete: the remaining items are all still found',
        source: BLOOM,
        expected: '0 remaining items missing',
        measured: `${num(keptMissing)} of ${num(kept.length)}`,
        expectedValue: 0,
        measuredValue: keptMissing,
        verdict: judge(keptMissing, 0),
        explanation: `${num(size)} counters, k = ${cbK}: ${num(removed.length)} items added and removed again, ${num(kept.length)} kept.`,
      },
      {
        claim: 'Deleted items then read as absent, apart from the usual false positives',
        source: BLOOM,
        expected: pct(cbFormula, 2),
        measured: pct(removedStillThere, 2),
        expectedValue: cbFormula,
        measuredValue: removedStillThere,
        verdict: judge(removedStillThere, cbFormula, { closeRel: 0.35, roughRel: 0.8 }),
        explanation:
          'After the deletes the filter holds only the kept half, so a deleted item is reported present at the false-positive rate of that half. Counters cost 4–8× the memory of bits.',
      },
    ];

    return {
      series: [
        {
          id: 'hll-errors',
          title: 'HyperLogLog relative error per trial',
          kind: 'bar',
          x: { label: 'Trial' },
          y: { label: 'Relative error', unit: '%' },
          lines: [
            { name: 'Error', points: errors.map((e, i) => ({ x: i + 1, y: e * 100 })) },
            { name: '+1.04/√m', points: errors.map((_, i) => ({ x: i + 1, y: expectedError * 100 })) },
          ],
        },
        {
          id: 'cms-overshoot',
          title: 'Count-Min overshoot per key',
          kind: 'bar',
          x: { label: `Overshoot (buckets of ${num(bucketSize)})` },
          y: { label: 'Keys' },
          lines: [
            {
              name: 'Keys',
              points: [...errorBuckets.entries()]
                .sort((a, b) => a[0] - b[0])
                .map(([x, y]) => ({ x: x * bucketSize, y })),
            },
          ],
        },
      ],
      claims,
      summary: [
        `HyperLogLog: ${errors.length} counts of ${num(p.distinct)} distinct items with ${num(2 ** p.precision)} registers`,
        `Count-Min: ${num(events)} events, ${p.depth} rows × ${num(p.width)} counters`,
      ],
    };
  },
};

const itemsArb = fc.uniqueArray(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 60 });

export const lab: LabDefinition<Module> = {
  id: 'bloom-sketches',
  intro: `A **Bloom filter** answers "have I seen this?" with *no* or *probably*: k hash positions per item in an array of m bits. It never says no to an item it holds, and says yes to a stranger at a rate of about **(1 − e^(−kn/m))^k** — 1% costs **9.6 bits per item** with k = 7, and each tenfold improvement adds only ~4.8 bits. **HyperLogLog** counts distinct items in 12 KB with about 0.81% error; **Count-Min** counts frequencies and can only overestimate.

Lower the bits per item or change k and watch the bit array fill and the false-positive rate move.`,
  implementationFile: 'impl.ts',
  reference,
  experiments: [falsePositives as Experiment<Module>, sketches as Experiment<Module>],
  properties: [
    {
      id: 'no-false-negatives',
      title: 'A Bloom filter never forgets an added item',
      check: (impl, opts) =>
        checkProperty(
          fc.record({
            items: itemsArb,
            bits: fc.integer({ min: 1, max: 400 }),
            hashes: fc.integer({ min: 1, max: 8 }),
          }),
          ({ items, bits, hashes }) => {
            const filter = new impl.BloomFilter(bits, hashes);
            for (const item of items) filter.add(item);
            for (const item of items)
              expectThat(filter.has(item), `has(${JSON.stringify(item)}) is false after add`);
          },
          opts,
        ),
    },
    {
      id: 'counting-delete',
      title: 'A counting Bloom filter still finds every item that was not deleted',
      check: (impl, opts) =>
        checkProperty(
          fc.record({
            items: itemsArb,
            split: fc.nat(),
            size: fc.integer({ min: 8, max: 400 }),
            hashes: fc.integer({ min: 1, max: 6 }),
          }),
          ({ items, split, size, hashes }) => {
            const cut = split % (items.length + 1);
            const filter = new impl.CountingBloomFilter(size, hashes);
            for (const item of items) filter.add(item);
            for (const item of items.slice(0, cut)) filter.remove(item);
            for (const item of items.slice(cut)) {
              expectThat(
                filter.has(item),
                `has(${JSON.stringify(item)}) is false though only others were removed`,
              );
            }
          },
          opts,
        ),
    },
    {
      id: 'count-min-overestimates',
      title: 'Count-Min never reports less than the true count',
      check: (impl, opts) =>
        checkProperty(
          fc.record({
            stream: fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 120 }),
            width: fc.integer({ min: 1, max: 64 }),
            depth: fc.integer({ min: 1, max: 5 }),
          }),
          ({ stream, width, depth }) => {
            const sketch = new impl.CountMinSketch(width, depth);
            const truth = new Map<string, number>();
            for (const item of stream) {
              sketch.add(item);
              truth.set(item, (truth.get(item) ?? 0) + 1);
            }
            for (const [item, count] of truth) {
              const estimate = sketch.estimate(item);
              expectThat(
                estimate >= count,
                `estimate(${JSON.stringify(item)}) = ${estimate}, true count ${count}`,
              );
            }
          },
          opts,
        ),
    },
    {
      id: 'hll-small-exact-ish',
      title: 'HyperLogLog counts a small set within 10%',
      check: (impl, opts) =>
        checkProperty(
          fc.integer({ min: 50, max: 2000 }),
          (distinct) => {
            const hll = new impl.HyperLogLog(12);
            for (let i = 0; i < distinct; i++) hll.add(`item-${i}`);
            const estimate = hll.count();
            expectThat(
              Math.abs(estimate - distinct) <= distinct * 0.1,
              `count() = ${estimate.toFixed(1)} for ${distinct} distinct items`,
            );
          },
          opts,
        ),
    },
  ],
  notes: [
    'Positions come from two 32-bit MurmurHash3 values combined as h1 + i·h2 (double hashing).',
    'HyperLogLog uses linear counting below 2.5·m, as in the original paper; registers are one byte each.',
  ],
};
