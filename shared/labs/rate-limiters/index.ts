/**
 * Lab 3: rate limiters. Four algorithms on the same traffic, the window-edge burst, the sliding
 * counter's worked example and its adversarial case, memory per user, and token-bucket bursts.
 * Experiments and properties reach the algorithms only through the implementation module, so a
 * user's edited version is judged by the same code.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type {
  ClaimRow,
  ClaimSource,
  Experiment,
  LabDefinition,
  LabProperty,
  RunContext,
  Series,
} from '../framework';
import { judge } from '../framework';
import { checkFcProperty, expectThat } from '../check';
import { fmt, pct } from '../format';
import * as impl from './impl';

type Impl = typeof impl;

/** One time bucket of the visualisation: what each algorithm let through and the bucket's tokens. */
export interface RateFrame {
  /** Start of the bucket, in seconds from the start of the run. */
  tSec: number;
  offered: number;
  accepted: Record<string, number>;
  refused: Record<string, number>;
  /** Tokens in the token bucket at the end of the bucket (when the run has one). */
  tokens?: number;
  /** The instant this bucket contains a window edge (shown as a marker). */
  edge?: boolean;
}

const PROBLEM: ClaimSource = {
  kind: 'problem',
  id: 'rate-limiter',
  label: 'Distributed rate limiter (problem)',
};
const CACHE_CONCEPT: ClaimSource = {
  kind: 'concept',
  id: 'cache-failure-modes',
  label: 'Cache failure modes (concept)',
};

const KIND_NAMES: Record<string, string> = {
  'fixed-window': 'Fixed window',
  'sliding-log': 'Sliding log',
  'sliding-counter': 'Sliding counter',
  'token-bucket': 'Token bucket',
};

/** The most accepted requests inside any span (t − spanMs, t]; `times` sorted ascending. */
export function maxInSpan(times: readonly number[], spanMs: number): number {
  let best = 0;
  let i = 0;
  for (let j = 0; j < times.length; j++) {
    while (times[i]! <= times[j]! - spanMs) i += 1;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Poisson arrivals at `perSec` between fromMs and toMs, from the seeded source. */
function poisson(ctx: RunContext, perSec: number, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  if (perSec <= 0) return out;
  let t = fromMs;
  for (;;) {
    t += (-Math.log(1 - ctx.rng.next()) / perSec) * 1000;
    if (t >= toMs) return out;
    out.push(Math.floor(t));
  }
}

/** `count` requests spread evenly over [fromMs, toMs). */
function spread(count: number, fromMs: number, toMs: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(fromMs + ((toMs - fromMs) * i) / count));
}

interface Replay {
  acceptedTimes: number[];
  decisions: boolean[];
  peakStored: number;
}

/** Feeds sorted request times through one limiter and records what it decided. */
function replay(limiter: impl.Limiter, times: readonly number[], ctx: RunContext): Replay {
  const acceptedTimes: number[] = [];
  const decisions: boolean[] = [];
  let peakStored = 0;
  for (let i = 0; i < times.length; i++) {
    const ok = limiter.tryAcquire(times[i]!);
    decisions.push(ok);
    if (ok) acceptedTimes.push(times[i]!);
    peakStored = Math.max(peakStored, limiter.storedNumbers());
    if ((i & 1023) === 0 && ctx.shouldStop()) break;
  }
  return { acceptedTimes, decisions, peakStored };
}

function buildFrames(
  times: readonly number[],
  decisions: Record<string, boolean[]>,
  bucketMs: number,
  durationMs: number,
  tokensAt?: (ms: number) => number,
  edgesMs: readonly number[] = [],
): RateFrame[] {
  const count = Math.ceil(durationMs / bucketMs);
  const frames: RateFrame[] = Array.from({ length: count }, (_, b) => ({
    tSec: (b * bucketMs) / 1000,
    offered: 0,
    accepted: Object.fromEntries(Object.keys(decisions).map((k) => [k, 0])),
    refused: Object.fromEntries(Object.keys(decisions).map((k) => [k, 0])),
    edge: edgesMs.some((e) => e >= b * bucketMs && e < (b + 1) * bucketMs) || undefined,
  }));
  times.forEach((t, i) => {
    const frame = frames[Math.min(count - 1, Math.floor(t / bucketMs))]!;
    frame.offered += 1;
    for (const [kind, list] of Object.entries(decisions)) {
      if (list[i] === undefined) continue;
      if (list[i]) frame.accepted[kind]! += 1;
      else frame.refused[kind]! += 1;
    }
  });
  if (tokensAt) frames.forEach((f, b) => (f.tokens = tokensAt(Math.min(durationMs, (b + 1) * bucketMs))));
  return frames;
}

// ---------------------------------------------------------------------------------------------------
// Experiment 1: the same traffic through all four, with a burst straddling a window edge.

const sameTrafficParams = z.object({
  limit: z.number().int().min(10).max(1000).default(100).describe('Requests allowed per window'),
  windowSec: z.number().int().min(5).max(600).default(60).describe('Window length (s)'),
  windows: z.number().int().min(2).max(10).default(3).describe('Windows of traffic'),
  backgroundPerSec: z.number().min(0).max(20).default(0.1).describe('Ordinary traffic (requests/s)'),
  edgeBurst: z
    .boolean()
    .default(true)
    .describe('A client sends the limit just before and just after a window edge'),
});

const sameTraffic: Experiment<Impl, typeof sameTrafficParams> = {
  id: 'same-traffic',
  title: 'Same traffic, four algorithms',
  description:
    'Ordinary traffic plus a client that sends the whole limit in the last second of a window and again in the first second of the next. How many requests does each algorithm let through in any 2 s, and in any window?',
  params: sameTrafficParams,
  run(m, p, ctx) {
    const windowMs = p.windowSec * 1000;
    const durationMs = windowMs * p.windows;
    const edgeMs = windowMs; // the first window edge
    const times = poisson(ctx, p.backgroundPerSec, 0, durationMs);
    if (p.edgeBurst) {
      // The notes: 100 at 12:00:59 and 100 at 12:01:00–01, i.e. the limit on each side of the edge.
      times.push(...spread(p.limit, edgeMs - 1000, edgeMs), ...spread(p.limit, edgeMs, edgeMs + 1000));
    }
    times.sort((a, b) => a - b);
    ctx.progress(0.1);

    const results: Record<string, Replay> = {};
    m.LIMITER_KINDS.forEach((kind, i) => {
      results[kind] = replay(m.createLimiter(kind, p.limit, windowMs), times, ctx);
      ctx.progress(0.1 + 0.2 * (i + 1));
    });
    // Replay the token bucket once more, reading its level at each bucket end, for the visualisation.
    const bucketMs = Math.max(1000, Math.ceil(durationMs / 240 / 1000) * 1000);
    const tokenLevels = new Map<number, number>();
    {
      const tb = new m.TokenBucket(p.limit, (p.limit * 1000) / windowMs, 0);
      let next = bucketMs;
      for (const t of times) {
        for (; t >= next; next += bucketMs) tokenLevels.set(next, tb.level(next));
        tb.tryAcquire(t);
      }
      for (; next <= durationMs; next += bucketMs) tokenLevels.set(next, tb.level(next));
    }

    const stats = Object.fromEntries(
      Object.entries(results).map(([kind, r]) => [
        kind,
        {
          accepted: r.acceptedTimes.length,
          max2s: maxInSpan(r.acceptedTimes, 2000),
          maxWindow: maxInSpan(r.acceptedTimes, windowMs),
          memoryBytes: r.peakStored * m.BYTES_PER_NUMBER,
        },
      ]),
    );
    const fixed = stats['fixed-window']!;
    const log = stats['sliding-log']!;
    const counter = stats['sliding-counter']!;
    const bucket = stats['token-bucket']!;
    const refillPerSec = p.limit / p.windowSec;
    const bucketBound2s = p.limit + refillPerSec * 2;
    const memoryRatio = log.memoryBytes / Math.max(1, counter.memoryBytes);

    const claims: ClaimRow[] = [];
    if (p.edgeBurst) {
      claims.push({
        claim: 'A fixed window lets twice the limit through in 2 s at a window edge',
        source: PROBLEM,
        expected: `${fmt(2 * p.limit)} in 2 s (100 at 12:00:59 + 100 at 12:01:01 = 200)`,
        measured: `${fmt(fixed.max2s)} in 2 s`,
        expectedValue: 2 * p.limit,
        measuredValue: fixed.max2s,
        verdict: judge(fixed.max2s, 2 * p.limit),
        explanation:
          'The counter resets at the edge, so the burst before it and the burst after it are each "within the limit". Any ordinary traffic earlier in the window uses up part of the first burst, which is why it can come out a little under 2×.',
      });
    }
    claims.push({
      claim: 'A sliding log never lets more than the limit through in any window',
      source: PROBLEM,
      expected: `≤ ${fmt(p.limit)} in any ${p.windowSec} s`,
      measured: `${fmt(log.maxWindow)} in the busiest ${p.windowSec} s`,
      expectedValue: p.limit,
      measuredValue: log.maxWindow,
      verdict: judge(log.maxWindow, p.limit, { bound: 'at-most' }),
      explanation:
        'It keeps every accepted time in the window, so it counts the real sliding window exactly.',
    });
    if (p.edgeBurst) {
      claims.push({
        claim: 'A sliding-window counter stops the edge burst',
        source: CACHE_CONCEPT,
        expected: `≤ ${fmt(p.limit)} in 2 s`,
        measured: `${fmt(counter.max2s)} in 2 s`,
        expectedValue: p.limit,
        measuredValue: counter.max2s,
        verdict: judge(counter.max2s, p.limit, { bound: 'at-most' }),
        explanation:
          'Just after the edge the previous window still weighs almost fully, so the second burst is refused. A request or two over the limit can slip through because the weight falls a little every millisecond. (Its real weak spot is a different pattern: see the sliding-counter experiment.)',
      });
      claims.push({
        claim: 'A token bucket allows a burst of its capacity, then only its refill rate',
        source: PROBLEM,
        expected: `≤ capacity + rate × 2 s = ${fmt(bucketBound2s, 1)} in 2 s`,
        measured: `${fmt(bucket.max2s)} in 2 s`,
        expectedValue: bucketBound2s,
        measuredValue: bucket.max2s,
        verdict: judge(bucket.max2s, bucketBound2s, { bound: 'at-most' }),
        explanation:
          'The full bucket pays for the first burst; the second burst finds it empty and gets only what refilled in the meantime.',
      });
    }
    claims.push({
      claim: 'A sliding log costs about 32× the memory of a sliding counter per user',
      source: PROBLEM,
      expected: '≈ 32× (~3,200 B vs ~100 B per user)',
      measured: `${fmt(memoryRatio, 1)}× (${fmt(log.memoryBytes)} B vs ${fmt(counter.memoryBytes)} B at ${fmt(m.BYTES_PER_NUMBER)} B per number)`,
      expectedValue: 32,
      measuredValue: memoryRatio,
      verdict: judge(memoryRatio, 32),
      explanation: `The log keeps one timestamp per accepted request (up to the limit, ${fmt(p.limit)}); the counter keeps three numbers whatever the limit. The notes' bytes assume Redis, where a sorted-set entry costs ~32 B; the ratio is what scales, and it grows with the limit.`,
    });

    const kinds = Object.keys(stats);
    const series: Series[] = [
      {
        id: 'busiest-span',
        title: 'Most requests let through in any span',
        kind: 'bar',
        x: { label: 'Span', unit: 's' },
        y: { label: 'Requests' },
        lines: kinds.map((k) => ({
          name: KIND_NAMES[k] ?? k,
          points: [
            { x: 2, y: stats[k]!.max2s },
            { x: p.windowSec, y: stats[k]!.maxWindow },
          ],
        })),
      },
      {
        id: 'accepted-over-time',
        title: 'Requests let through, per second',
        kind: 'line',
        x: { label: 'Time', unit: 's' },
        y: { label: 'Requests per second' },
        lines: kinds.map((k) => ({
          name: KIND_NAMES[k] ?? k,
          points: perSecond(results[k]!.acceptedTimes, durationMs),
        })),
      },
    ];
    const frames = buildFrames(
      times,
      Object.fromEntries(kinds.map((k) => [k, results[k]!.decisions])),
      bucketMs,
      durationMs,
      (ms) => tokenLevels.get(ms) ?? p.limit,
      [edgeMs],
    );
    ctx.progress(1);
    return {
      series,
      claims,
      frames,
      summary: [
        `${fmt(times.length)} requests over ${fmt(durationMs / 1000)} s; limit ${fmt(p.limit)} per ${p.windowSec} s`,
        `Accepted: ${kinds.map((k) => `${KIND_NAMES[k]} ${fmt(stats[k]!.accepted)}`).join(', ')}`,
      ],
    };
  },
};

/** Accepted requests per second, only for the seconds that had any (keeps charts light). */
function perSecond(times: readonly number[], durationMs: number): { x: number; y: number }[] {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  const points: { x: number; y: number }[] = [];
  for (let s = 0; s < Math.ceil(durationMs / 1000); s++) {
    const y = counts.get(s) ?? 0;
    // Keep zeros next to non-zeros so lines drop to 0 instead of interpolating across gaps.
    if (y > 0 || counts.has(s - 1) || counts.has(s + 1)) points.push({ x: s, y });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------
// Experiment 2: the sliding counter, worked example and adversarial traffic.

const counterParams = z.object({
  limit: z.number().int().min(10).max(1000).default(100).describe('Requests allowed per window'),
  windowSec: z.number().int().min(5).max(600).default(60).describe('Window length (s)'),
  attackerStepMs: z.number().int().min(10).max(5000).default(250).describe('The attacker retries every (ms)'),
  ordinaryLoad: z
    .number()
    .min(0.5)
    .max(5)
    .default(1.5)
    .describe('Ordinary traffic, as a multiple of the limit'),
});

const slidingCounter: Experiment<Impl, typeof counterParams> = {
  id: 'sliding-counter',
  title: 'Sliding counter: worked example and worst case',
  description:
    "The notes' worked example (84 × 0.75 + 36 = 99 → allow), ordinary traffic compared with an exact sliding log, and a client that sends its requests at the end of one window and then keeps retrying.",
  params: counterParams,
  run(m, p, ctx) {
    const windowMs = p.windowSec * 1000;
    const claims: ClaimRow[] = [];

    // Worked example, scaled to the chosen limit: 84% of it in the previous window, 36% so far in
    // the current one, a quarter of the way in.
    const prevCount = Math.round(0.84 * p.limit);
    const curCount = Math.round(0.36 * p.limit);
    const worked = new m.SlidingCounter(p.limit, windowMs);
    for (const t of spread(prevCount, 0, windowMs)) worked.tryAcquire(t);
    let curAccepted = 0;
    // Just before the quarter mark the estimate is still below the limit for all of them.
    for (let i = 0; i < curCount; i++) if (worked.tryAcquire(windowMs + windowMs * 0.24)) curAccepted += 1;
    const estimate = worked.estimate(windowMs * 1.25);
    const allowed = worked.tryAcquire(windowMs * 1.25);
    const expectedEstimate = prevCount * 0.75 + curCount;
    claims.push({
      claim: 'Sliding counter worked example: previous 84, current 36, 25% into the window → 99 → allow',
      source: PROBLEM,
      expected: `${fmt(prevCount)} × 0.75 + ${fmt(curCount)} = ${fmt(expectedEstimate, 2)} → allow`,
      measured: `${fmt(estimate, 2)} → ${allowed ? 'allowed' : 'refused'} (current window had ${fmt(curAccepted)})`,
      expectedValue: expectedEstimate,
      measuredValue: estimate,
      verdict: allowed ? judge(estimate, expectedEstimate, { closeRel: 0.001 }) : 'does-not-hold',
      explanation: `The previous window still covers three quarters of the sliding window, so it counts for 75% of its ${fmt(prevCount)}. The request after this one makes the estimate reach the limit and is refused.`,
    });
    ctx.progress(0.2);

    // Ordinary traffic: Poisson at a multiple of the limit, compared with the exact sliding log.
    const durationMs = windowMs * 10;
    const ordinary = poisson(ctx, (p.ordinaryLoad * p.limit) / p.windowSec, 0, durationMs);
    const exact = replay(new m.SlidingLog(p.limit, windowMs), ordinary, ctx).acceptedTimes.length;
    const approx = replay(new m.SlidingCounter(p.limit, windowMs), ordinary, ctx).acceptedTimes.length;
    const error = Math.abs(approx - exact) / Math.max(1, exact);
    claims.push({
      claim: 'On ordinary traffic the sliding counter is within 1% of an exact limiter',
      source: PROBLEM,
      expected: '< 1% error',
      measured: `${pct(error, 2)} (${fmt(approx)} vs ${fmt(exact)} let through over ${fmt(durationMs / 1000)} s)`,
      expectedValue: 0.01,
      measuredValue: error,
      verdict: judge(error, 0.01, { bound: 'at-most' }),
      explanation:
        'With requests arriving at random, the previous window really is spread evenly, which is what the weighting assumes.',
    });
    ctx.progress(0.5);

    // Adversarial: the whole limit at the very end of window 1, then a retry every attackerStepMs.
    const attack = [
      ...spread(p.limit, windowMs - 500, windowMs),
      ...Array.from(
        { length: Math.floor(windowMs / p.attackerStepMs) },
        (_, i) => windowMs + i * p.attackerStepMs,
      ),
    ].sort((a, b) => a - b);
    const counterRun = replay(new m.SlidingCounter(p.limit, windowMs), attack, ctx);
    const logRun = replay(new m.SlidingLog(p.limit, windowMs), attack, ctx);
    const worst = maxInSpan(counterRun.acceptedTimes, windowMs);
    claims.push({
      claim: 'The sliding counter never lets more than the limit through in a sliding window',
      source: PROBLEM,
      expected: `≤ ${fmt(p.limit)} per ${p.windowSec} s (the notes: "error < 1%")`,
      measured: `${fmt(worst)} in one ${p.windowSec} s window (${fmt(worst / p.limit, 2)}× the limit)`,
      expectedValue: p.limit,
      measuredValue: worst,
      verdict: judge(worst, p.limit, { bound: 'at-most' }),
      explanation:
        'The notes\' "< 1%" is for ordinary traffic. The estimate assumes the previous window\'s requests were spread evenly; when they all came at its end, it discounts them as time passes although they are still inside the real window, and the client can get close to twice the limit through. A sliding log would have let through exactly the limit.',
    });
    ctx.progress(0.8);

    const series: Series[] = [
      {
        id: 'attack-window-count',
        title: `Requests let through in the last ${p.windowSec} s, adversarial client`,
        kind: 'line',
        x: { label: 'Time', unit: 's' },
        y: { label: 'Requests in the sliding window' },
        lines: [
          { name: 'Sliding counter', points: windowCounts(counterRun.acceptedTimes, windowMs, windowMs * 2) },
          { name: 'Sliding log', points: windowCounts(logRun.acceptedTimes, windowMs, windowMs * 2) },
          {
            name: 'Limit',
            points: [
              { x: 0, y: p.limit },
              { x: (windowMs * 2) / 1000, y: p.limit },
            ],
          },
        ],
      },
    ];
    const frames = buildFrames(
      attack,
      { 'sliding-counter': counterRun.decisions, 'sliding-log': logRun.decisions },
      Math.max(1000, Math.ceil((windowMs * 2) / 120 / 1000) * 1000),
      windowMs * 2,
      undefined,
      [windowMs],
    );
    ctx.progress(1);
    return {
      series,
      claims,
      frames,
      summary: [
        `Limit ${fmt(p.limit)} per ${p.windowSec} s`,
        `Adversarial client: ${fmt(p.limit)} requests in the last 0.5 s of window 1, then one every ${fmt(p.attackerStepMs)} ms`,
      ],
    };
  },
};

/** Requests inside (t − windowMs, t] sampled every 1/60 of the run. */
function windowCounts(
  times: readonly number[],
  windowMs: number,
  durationMs: number,
): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  const step = Math.max(1, Math.floor(durationMs / 120));
  for (let t = 0; t <= durationMs; t += step) {
    let n = 0;
    for (const a of times) if (a > t - windowMs && a <= t) n += 1;
    points.push({ x: t / 1000, y: n });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------
// Experiment 3: token bucket bursts and refill.

const bucketParams = z.object({
  capacity: z.number().int().min(1).max(1000).default(100).describe('Bucket capacity (tokens)'),
  refillPerMin: z.number().int().min(1).max(6000).default(100).describe('Refill (tokens per minute)'),
  demandPerSec: z
    .number()
    .min(0.1)
    .max(100)
    .default(5)
    .describe('Steady demand after the burst (requests/s)'),
  durationSec: z.number().int().min(10).max(600).default(120).describe('Length of the run (s)'),
});

const tokenBucket: Experiment<Impl, typeof bucketParams> = {
  id: 'token-bucket',
  title: 'Token bucket: bursts and refill',
  description:
    'A full bucket meets a burst of twice its capacity, then steady demand above the refill rate: the burst gets the capacity, after that the refill rate is all there is.',
  params: bucketParams,
  run(m, p, ctx) {
    const refillPerSec = p.refillPerMin / 60;
    const durationMs = p.durationSec * 1000;
    const bucket = new m.TokenBucket(p.capacity, refillPerSec, 0);
    const burst = Array.from({ length: p.capacity * 2 }, () => 0);
    const steady = spread(Math.floor(p.demandPerSec * p.durationSec), 1000, durationMs);
    const times = [...burst, ...steady];
    const decisions: boolean[] = [];
    const levels: { x: number; y: number }[] = [];
    let burstAccepted = 0;
    let steadyAccepted = 0;
    let nextSample = 0;
    const sampleMs = Math.max(100, Math.floor(durationMs / 240));
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      while (nextSample <= t) {
        levels.push({ x: nextSample / 1000, y: bucket.level(nextSample) });
        nextSample += sampleMs;
      }
      const ok = bucket.tryAcquire(t);
      decisions.push(ok);
      if (ok && i < burst.length) burstAccepted += 1;
      else if (ok) steadyAccepted += 1;
    }
    for (; nextSample <= durationMs; nextSample += sampleMs)
      levels.push({ x: nextSample / 1000, y: bucket.level(nextSample) });
    ctx.progress(0.7);

    const steadySec = (durationMs - 1000) / 1000;
    const expectedSteady = Math.min(p.demandPerSec, refillPerSec) * steadySec;
    // The notes' example: a bucket holding 23 tokens lets the request through and keeps 22.
    const example = new m.TokenBucket(p.capacity, refillPerSec, 0, 23);
    const exampleAllowed = example.tryAcquire(0);
    const exampleLeft = example.level(0);

    const claims: ClaimRow[] = [
      {
        claim: 'A full token bucket lets a burst of its capacity through at once',
        source: PROBLEM,
        expected: `${fmt(p.capacity)} of the ${fmt(burst.length)}-request burst`,
        measured: `${fmt(burstAccepted)}`,
        expectedValue: p.capacity,
        measuredValue: burstAccepted,
        verdict: judge(burstAccepted, p.capacity, { closeRel: 0.001 }),
        explanation:
          'Bursts are the point of a token bucket: idle time is saved up as tokens, up to the capacity.',
      },
      {
        claim: 'After the burst it lets through the refill rate, no more',
        source: PROBLEM,
        expected: `min(demand, refill) × ${fmt(steadySec)} s = ${fmt(expectedSteady, 1)}`,
        measured: `${fmt(steadyAccepted)}`,
        expectedValue: expectedSteady,
        measuredValue: steadyAccepted,
        verdict: judge(steadyAccepted, expectedSteady, { closeRel: 0.05 }),
        explanation:
          'With demand above the refill rate the bucket never fills again, so each request waits for the next token.',
      },
      {
        claim: 'Worked example: 23 tokens → allow → 22 left',
        source: PROBLEM,
        expected: '22 tokens',
        measured: `${exampleAllowed ? 'allowed' : 'refused'}, ${fmt(exampleLeft, 2)} tokens`,
        expectedValue: 22,
        measuredValue: exampleLeft,
        verdict: exampleAllowed ? judge(exampleLeft, 22, { closeRel: 0.001 }) : 'does-not-hold',
        explanation:
          'Each request takes one token; weighted limits take more than one (cost 10 for an expensive call).',
      },
    ];
    const frames = buildFrames(
      times,
      { 'token-bucket': decisions },
      Math.max(1000, Math.ceil(durationMs / 120 / 1000) * 1000),
      durationMs,
      (ms) => {
        const lvl = levels.find((l) => l.x * 1000 >= ms);
        return lvl ? lvl.y : levels[levels.length - 1]!.y;
      },
    );
    ctx.progress(1);
    return {
      series: [
        {
          id: 'token-level',
          title: 'Tokens in the bucket',
          kind: 'line',
          x: { label: 'Time', unit: 's' },
          y: { label: 'Tokens' },
          lines: [{ name: 'Tokens', points: levels }],
        },
        {
          id: 'bucket-accepted',
          title: 'Requests let through, per second',
          kind: 'bar',
          x: { label: 'Time', unit: 's' },
          y: { label: 'Requests' },
          lines: [
            {
              name: 'Let through',
              points: perSecond(
                times.filter((_, i) => decisions[i]),
                durationMs,
              ),
            },
          ],
        },
      ],
      claims,
      frames,
      summary: [
        `Capacity ${fmt(p.capacity)}, refill ${fmt(p.refillPerMin)} per minute, demand ${fmt(p.demandPerSec, 1)}/s`,
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Properties: each algorithm keeps the promise it actually makes.

const trafficArb = fc
  .array(fc.integer({ min: 0, max: 5000 }), { maxLength: 250 })
  .map((a) => a.sort((x, y) => x - y));
const limitArb = fc.integer({ min: 1, max: 12 });
const windowArb = fc.integer({ min: 10, max: 1000 });

function acceptedOf(limiter: impl.Limiter, times: readonly number[]): number[] {
  return times.filter((t) => limiter.tryAcquire(t));
}

function perAlignedWindowMax(
  accepted: readonly number[],
  windowMs: number,
): { windowStartMs: number; count: number } {
  const counts = new Map<number, number>();
  for (const t of accepted) {
    const w = Math.floor(t / windowMs) * windowMs;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best = { windowStartMs: 0, count: 0 };
  for (const [w, c] of counts) if (c > best.count) best = { windowStartMs: w, count: c };
  return best;
}

const properties: LabProperty<Impl>[] = [
  {
    id: 'fixed-window-per-window',
    title: 'Fixed window: never more than the limit in one aligned window',
    check: (m, opts) =>
      checkFcProperty(
        fc.property(limitArb, windowArb, trafficArb, (limit, windowMs, times) => {
          const worst = perAlignedWindowMax(acceptedOf(new m.FixedWindow(limit, windowMs), times), windowMs);
          expectThat(
            worst.count <= limit,
            () =>
              `${worst.count} let through in the window starting at ${worst.windowStartMs} ms (limit ${limit})`,
          );
        }),
        opts,
      ),
  },
  {
    id: 'sliding-log-any-window',
    title: 'Sliding log: never more than the limit in any sliding window',
    check: (m, opts) =>
      checkFcProperty(
        fc.property(limitArb, windowArb, trafficArb, (limit, windowMs, times) => {
          const worst = maxInSpan(acceptedOf(new m.SlidingLog(limit, windowMs), times), windowMs);
          expectThat(worst <= limit, () => `${worst} let through within ${windowMs} ms (limit ${limit})`);
        }),
        opts,
      ),
  },
  {
    id: 'sliding-counter-per-window',
    title: 'Sliding counter: never more than the limit in one aligned window',
    check: (m, opts) =>
      checkFcProperty(
        fc.property(limitArb, windowArb, trafficArb, (limit, windowMs, times) => {
          const worst = perAlignedWindowMax(
            acceptedOf(new m.SlidingCounter(limit, windowMs), times),
            windowMs,
          );
          expectThat(
            worst.count <= limit,
            () =>
              `${worst.count} let through in the window starting at ${worst.windowStartMs} ms (limit ${limit})`,
          );
        }),
        opts,
      ),
  },
  {
    id: 'token-bucket-burst-rate',
    title: 'Token bucket: at most capacity + rate × t in any interval of t',
    check: (m, opts) =>
      checkFcProperty(
        fc.property(
          fc.integer({ min: 1, max: 20 }),
          fc.integer({ min: 1, max: 200 }),
          trafficArb,
          (capacity, refillPerSec, times) => {
            const accepted = acceptedOf(new m.TokenBucket(capacity, refillPerSec, 0), times);
            for (let i = 0; i < accepted.length; i++) {
              for (let j = i; j < accepted.length; j++) {
                const allowed = capacity + (refillPerSec * (accepted[j]! - accepted[i]!)) / 1000;
                const count = j - i + 1;
                expectThat(
                  count <= allowed + 1e-9,
                  () =>
                    `${count} let through between ${accepted[i]} ms and ${accepted[j]} ms; the bucket allows ${allowed.toFixed(2)}`,
                );
              }
            }
          },
        ),
        opts,
      ),
  },
];

export const lab: LabDefinition<Impl> = {
  id: 'rate-limiters',
  intro: `Four ways to say "100 requests per minute", run on the same traffic.

- **Fixed window** counts per aligned minute. It is the cheapest, and it lets **twice the limit** through in two seconds when a client sends the limit just before and just after the minute changes.
- **Sliding log** keeps the time of every accepted request. It is exact for every window, and its memory grows with the limit.
- **Sliding-window counter** keeps two counts and weights the previous one. It is what most teams pick (three numbers per user, close to exact), and the lab shows the traffic that fools it.
- **Token bucket** saves idle time as tokens: bursts up to the capacity, then the refill rate.

In an interview, the choice is a trade between memory, precision at the edges, and whether bursts are a feature. Run the experiments to see each number you would quote come out of the code, then change the limit or the traffic and watch them move.`,
  implementationFile: 'impl.ts',
  reference: impl,
  experiments: [sameTraffic, slidingCounter, tokenBucket] as unknown as readonly Experiment<Impl>[],
  properties,
  notes: [
    'Time is passed in as a number of milliseconds, so the same traffic replays exactly through each algorithm.',
    'Memory is counted as stored numbers × 8 bytes; the notes quote Redis bytes, so the lab compares ratios.',
    "The token bucket is configured as capacity = limit, refill = limit per window, as in the notes' example.",
  ],
};
