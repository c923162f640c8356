/**
 * Lab 7: the database as a queue, on real SQLite. Per-endpoint queues against one FIFO (head-of-line
 * blocking measured), endpoints with failure profiles and an outage, exponential backoff, and
 * retiring a JobDB generation with DROP TABLE against DELETE, timed.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type {
  ClaimRow,
  ClaimSource,
  Experiment,
  LabDefinition,
  LabProperty,
  PropertyOutcome,
  RunContext,
  Series,
  SqlDriver,
} from '../framework';
import { judge } from '../framework';
import { checkFcProperty, expectThat } from '../check';
import { fmt } from '../format';
import * as impl from './impl';

type Impl = typeof impl;

const NOTES: ClaimSource = { kind: 'notes', label: 'The notes on Centrifuge (architecture notes)' };
const PROBLEM: ClaimSource = {
  kind: 'problem',
  id: 'event-pipeline',
  label: 'Exactly-once event pipeline to 1,000 external APIs (problem)',
};
const SCHEDULER: ClaimSource = {
  kind: 'problem',
  id: 'task-scheduler',
  label: 'Distributed task scheduler (problem)',
};

const HOUR_MS = 3_600_000;

/** Job counts per endpoint at one moment, for the visualisation. */
export interface QueueFrame {
  tSec: number;
  scheduling: impl.Scheduling;
  endpoints: Record<
    string,
    {
      queued: number;
      executing: number;
      awaitingRetry: number;
      succeeded: number;
      discarded: number;
      archived: number;
      down: boolean;
    }
  >;
}

function needSql(ctx: RunContext): SqlDriver {
  if (!ctx.sql) throw new Error('This lab runs on SQLite, and this runner did not provide a SQLite driver.');
  return ctx.sql();
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function makeEndpoints(p: {
  timeoutMs: number;
  outageFromSec: number;
  outageSec: number;
  workers: number;
}): impl.Endpoint[] {
  const per = Math.max(1, Math.floor(p.workers / 4));
  return [
    {
      name: 'fast',
      latencyMs: 50,
      serverErrorRate: 0.01,
      clientErrorRate: 0.005,
      timeoutMs: p.timeoutMs,
      outages: [],
      concurrency: per,
    },
    {
      name: 'slow',
      latencyMs: 300,
      serverErrorRate: 0.02,
      clientErrorRate: 0.005,
      timeoutMs: p.timeoutMs,
      outages: [],
      concurrency: per,
    },
    {
      name: 'flaky',
      latencyMs: 120,
      serverErrorRate: 0.3,
      clientErrorRate: 0.01,
      timeoutMs: p.timeoutMs,
      outages: [],
      concurrency: per,
    },
    {
      name: 'down',
      latencyMs: 80,
      serverErrorRate: 0.01,
      clientErrorRate: 0.005,
      timeoutMs: p.timeoutMs,
      outages:
        p.outageSec > 0
          ? [{ fromMs: p.outageFromSec * 1000, toMs: (p.outageFromSec + p.outageSec) * 1000 }]
          : [],
      concurrency: per,
    },
  ];
}

/** Poisson arrivals per endpoint, merged and sorted; KSUID-like ids that sort by time. */
function makeArrivals(
  ctx: RunContext,
  endpoints: readonly impl.Endpoint[],
  perSec: number,
  durationMs: number,
  payloadBytes: number,
): impl.Job[] {
  const jobs: impl.Job[] = [];
  const payload = 'x'.repeat(payloadBytes);
  for (const e of endpoints) {
    let t = 0;
    for (;;) {
      t += (-Math.log(1 - ctx.rng.next()) / perSec) * 1000;
      if (t >= durationMs) break;
      const at = Math.floor(t);
      jobs.push({ id: '', endpoint: e.name, createdAtMs: at, expiresAtMs: at + 4 * HOUR_MS, payload });
    }
  }
  jobs.sort((a, b) => a.createdAtMs - b.createdAtMs || a.endpoint.localeCompare(b.endpoint));
  jobs.forEach((j, i) => (j.id = `${String(j.createdAtMs).padStart(10, '0')}-${String(i).padStart(6, '0')}`));
  return jobs;
}

interface DeliveryStats {
  delays: Record<string, number[]>;
  unfinished: number;
  states: Record<string, Record<string, number>>;
  /** For the endpoint with the outage: when its last job created before the outage ended succeeded. */
  lastOutageJobDoneMs: number;
}

/** Reads the outcome back from SQLite: delivery delay per endpoint, final states, unfinished jobs. */
function readStats(sql: SqlDriver, store: impl.JobStore, outageEndMs: number): DeliveryStats {
  const final = sql.all<{ endpoint: string; to_state: string; created_at: number; at: number }>(
    `SELECT j.endpoint, t.to_state, j.created_at, t.at
       FROM ${store.jobsTable} j
       JOIN ${store.transitionsTable} t ON t.seq = (SELECT MAX(seq) FROM ${store.transitionsTable} WHERE job_id = j.id)`,
  );
  const delays: Record<string, number[]> = {};
  const states: Record<string, Record<string, number>> = {};
  let unfinished = 0;
  let lastOutageJobDoneMs = 0;
  for (const row of final) {
    (states[row.endpoint] ??= {})[row.to_state] = (states[row.endpoint]![row.to_state] ?? 0) + 1;
    if (!(impl.TERMINAL_STATES as readonly string[]).includes(row.to_state)) unfinished += 1;
    if (row.to_state === 'succeeded') (delays[row.endpoint] ??= []).push(row.at - row.created_at);
    if (row.endpoint === 'down' && row.created_at < outageEndMs && row.to_state === 'succeeded')
      lastOutageJobDoneMs = Math.max(lastOutageJobDoneMs, row.at);
  }
  for (const list of Object.values(delays)) list.sort((a, b) => a - b);
  return { delays, unfinished, states, lastOutageJobDoneMs };
}

// ---------------------------------------------------------------------------------------------------
// Experiment 1: per-endpoint queues vs one FIFO, with failing endpoints and an outage.

const isolationParams = z.object({
  jobsPerSec: z.number().min(0.5).max(20).default(2.5).describe('New jobs per second, per endpoint'),
  durationSec: z.number().int().min(30).max(600).default(90).describe('Seconds of incoming jobs'),
  outageFromSec: z.number().int().min(0).max(300).default(20).describe('The “down” endpoint fails from (s)'),
  outageSec: z.number().int().min(0).max(300).default(45).describe('Outage length (s)'),
  timeoutMs: z.number().int().min(500).max(30000).default(5000).describe('Call timeout (ms)'),
  workers: z
    .number()
    .int()
    .min(4)
    .max(64)
    .default(8)
    .describe('Calls in flight at once (split evenly per endpoint)'),
});

const isolation: Experiment<Impl, typeof isolationParams> = {
  id: 'isolation',
  title: 'Per-endpoint queues vs one FIFO',
  description:
    'Four endpoints: fast, slow, flaky (30% server errors) and one that goes down for a while. The same jobs through one shared FIFO queue and through a queue per endpoint, both on SQLite.',
  params: isolationParams,
  run(m, p, ctx) {
    const endpoints = makeEndpoints(p);
    const arrivals = makeArrivals(ctx, endpoints, p.jobsPerSec, p.durationSec * 1000, 200);
    const outageEndMs = (p.outageFromSec + p.outageSec) * 1000;
    const backoff: impl.BackoffPolicy = { baseMs: 1000, factor: 2, capMs: Infinity };
    const frames: QueueFrame[] = [];
    const frameEveryMs = Math.max(1000, Math.round((p.durationSec * 1000) / 60 / 1000) * 1000);
    const results = {} as Record<impl.Scheduling, DeliveryStats>;
    const schedulings: impl.Scheduling[] = ['single-fifo', 'per-endpoint'];
    schedulings.forEach((scheduling, index) => {
      const sql = needSql(ctx);
      try {
        const store = new m.JobStore(sql);
        store.createSchema();
        const random = ctx.rng.fork();
        const finished: Record<string, { succeeded: number; discarded: number; archived: number }> = {};
        let nextFrameMs = 0;
        let steps = 0;
        let lastSeq = 0;
        m.runDelivery(
          store,
          endpoints,
          arrivals,
          { scheduling, workers: p.workers, backoff },
          () => random.next(),
          undefined,
          (d) => {
            steps += 1;
            if ((steps & 255) === 0)
              ctx.progress((index + Math.min(1, d.nowMs / (p.durationSec * 2000))) / 2);
            while (d.nowMs >= nextFrameMs && nextFrameMs <= p.durationSec * 3000) {
              // Terminal counts come from the database (only the rows added since the last frame),
              // the live ones from the Director's memory.
              for (const row of sql.all<{
                seq: number;
                endpoint: string;
                to_state: 'succeeded' | 'discarded' | 'archived';
              }>(
                `SELECT t.seq, j.endpoint, t.to_state FROM ${store.transitionsTable} t
                   JOIN ${store.jobsTable} j ON j.id = t.job_id
                  WHERE t.seq > ? AND t.to_state IN ('succeeded', 'discarded', 'archived')`,
                [lastSeq],
              )) {
                (finished[row.endpoint] ??= { succeeded: 0, discarded: 0, archived: 0 })[row.to_state] += 1;
                lastSeq = Math.max(lastSeq, row.seq);
              }
              const live = d.snapshot();
              frames.push({
                tSec: nextFrameMs / 1000,
                scheduling,
                endpoints: Object.fromEntries(
                  endpoints.map((e) => [
                    e.name,
                    {
                      ...live[e.name]!,
                      ...(finished[e.name] ?? { succeeded: 0, discarded: 0, archived: 0 }),
                      down: e.outages.some((o) => nextFrameMs >= o.fromMs && nextFrameMs < o.toMs),
                    },
                  ]),
                ),
              });
              nextFrameMs += frameEveryMs;
            }
          },
        );
        results[scheduling] = readStats(sql, store, outageEndMs);
      } finally {
        sql.close();
      }
    });
    ctx.progress(1);

    const fifo = results['single-fifo'];
    const iso = results['per-endpoint'];
    const p99 = (r: DeliveryStats, e: string) => percentile(r.delays[e] ?? [], 0.99);
    const p50 = (r: DeliveryStats, e: string) => percentile(r.delays[e] ?? [], 0.5);
    const fastFifo = p99(fifo, 'fast');
    const fastIso = p99(iso, 'fast');
    const flushMs = Math.max(0, iso.lastOutageJobDoneMs - outageEndMs);
    const hasOutage = p.outageSec > 0;
    const fastLatencyMs = endpoints[0]!.latencyMs;
    const fastBound = 2 * fastLatencyMs + backoff.baseMs;
    const claims: ClaimRow[] = [
      {
        claim: 'One shared queue causes head-of-line blocking: a dead endpoint delays everyone',
        source: NOTES,
        expected: 'healthy endpoints wait much longer behind a dead one in one FIFO',
        measured: `fast endpoint p99 ${fmt(fastFifo / 1000, 1)} s in one FIFO vs ${fmt(fastIso / 1000, 2)} s with per-endpoint queues (${fmt(fastFifo / fastIso, 0)}×)`,
        expectedValue: 10,
        measuredValue: fastFifo / fastIso,
        verdict: hasOutage
          ? judge(fastFifo / fastIso, 10, { bound: 'at-least' })
          : judge(fastFifo / fastIso, 1),
        explanation: hasOutage
          ? `Every call to the dead endpoint holds one of the ${fmt(p.workers)} shared workers for the full ${fmt(p.timeoutMs / 1000, 1)} s timeout, so the workers fill up with calls that cannot succeed and the fast endpoint's jobs queue behind them.`
          : 'Without an outage there is nothing to block on: both layouts deliver about as fast.',
      },
      {
        claim: 'Per-endpoint queues keep a healthy endpoint at its own latency',
        source: PROBLEM,
        expected: `fast endpoint p99 ≤ ${fmt(fastBound)} ms (a 50 ms call, or a failed one + 1 s backoff + a retry)`,
        measured: `p50 ${fmt(p50(iso, 'fast'))} ms, p99 ${fmt(fastIso)} ms`,
        expectedValue: fastBound,
        measuredValue: fastIso,
        verdict: judge(fastIso, fastBound, { bound: 'at-most' }),
        explanation: 'The dead endpoint can only use its own slots; nobody else waits for them.',
      },
      {
        claim: 'No job is lost: every job ends succeeded, discarded (4xx) or archived',
        source: NOTES,
        expected: '0 unfinished',
        measured: `${fmt(fifo.unfinished + iso.unfinished)} unfinished of ${fmt(arrivals.length * 2)} (both runs)`,
        expectedValue: 0,
        measuredValue: fifo.unfinished + iso.unfinished,
        verdict: judge(fifo.unfinished + iso.unfinished, 0),
        explanation:
          'A job is a row before it is queued, and its history only grows, so it is never silently dropped.',
      },
    ];
    if (hasOutage) {
      claims.push({
        claim:
          'An outage is absorbed and flushed: a 90-minute outage drained within 30 minutes, nothing lost',
        source: NOTES,
        expected: 'drained within ⅓ of the outage (30 of 90 min), 0 lost',
        measured: `${fmt(flushMs / 1000, 1)} s to deliver everything after a ${fmt(p.outageSec)} s outage (${fmt(flushMs / (p.outageSec * 1000), 2)} of it); ${fmt(iso.states['down']?.['archived'] ?? 0)} archived, ${fmt(iso.unfinished)} unfinished`,
        expectedValue: 1 / 3,
        measuredValue: flushMs / (p.outageSec * 1000),
        verdict:
          iso.unfinished > 0
            ? 'does-not-hold'
            : judge(flushMs / (p.outageSec * 1000), 1 / 3, { bound: 'at-most' }),
        explanation:
          'The backlog waits in the database as awaiting_retry rows, so nothing is lost. After recovery each job is retried at its next backoff time, and the jobs that failed longest wait longest: with plain doubling the oldest job’s next wait is about as long as it has already been failing. Capacity is ample here, so the backoff schedule sets the drain time; in the notes 85M events also had to fit through the endpoint.',
      });
    }

    const endpointsNames = endpoints.map((e) => e.name);
    const series: Series[] = [
      {
        id: 'p99',
        title: 'Delivery delay, 99th percentile',
        kind: 'bar',
        x: { label: endpointsNames.map((n, i) => `${i + 1} = ${n}`).join(', ') },
        y: { label: 'Seconds', log: true },
        lines: schedulings.map((s) => ({
          name: s === 'single-fifo' ? 'One FIFO queue' : 'Per-endpoint queues',
          points: endpointsNames.map((n, i) => ({ x: i + 1, y: Math.max(0.01, p99(results[s], n) / 1000) })),
        })),
      },
      {
        id: 'backlog',
        title: 'Unfinished jobs over time',
        kind: 'line',
        x: { label: 'Time', unit: 's' },
        y: { label: 'Jobs' },
        lines: schedulings.flatMap((s) =>
          ['fast', 'down'].map((n) => ({
            name: `${n} — ${s === 'single-fifo' ? 'one FIFO' : 'per endpoint'}`,
            points: frames
              .filter((f) => f.scheduling === s)
              .map((f) => ({
                x: f.tSec,
                y: f.endpoints[n]!.queued + f.endpoints[n]!.executing + f.endpoints[n]!.awaitingRetry,
              })),
          })),
        ),
      },
    ];
    return {
      series,
      claims,
      frames,
      summary: [
        `${fmt(arrivals.length)} jobs over ${fmt(p.durationSec)} s to 4 endpoints; ${fmt(p.workers)} calls in flight at once`,
        hasOutage
          ? `“down” times out (${fmt(p.timeoutMs)} ms) from ${fmt(p.outageFromSec)} s to ${fmt(p.outageFromSec + p.outageSec)} s`
          : 'No outage',
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Experiment 2: backoff within four hours.

const backoffParams = z.object({
  baseSec: z.number().min(0.1).max(60).default(1).describe('First wait (s)'),
  factor: z.number().min(1.1).max(4).default(2).describe('Multiplier per retry'),
  capMin: z.number().min(1).max(240).default(10).describe('Longest single wait, capped variant (min)'),
  maxAgeHours: z.number().min(0.5).max(24).default(4).describe('Give up after (hours)'),
});

const backoff: Experiment<Impl, typeof backoffParams> = {
  id: 'backoff',
  title: 'Exponential backoff within 4 hours',
  description:
    'How many retries fit before a job expires, with plain doubling and with a cap on the longest wait.',
  params: backoffParams,
  run(m, p, ctx) {
    const maxAgeMs = p.maxAgeHours * HOUR_MS;
    const plain: impl.BackoffPolicy = { baseMs: p.baseSec * 1000, factor: p.factor, capMs: Infinity };
    const capped: impl.BackoffPolicy = { ...plain, capMs: p.capMin * 60_000 };
    const plainRetries = m.retriesWithin(maxAgeMs, plain);
    const cappedRetries = m.retriesWithin(maxAgeMs, capped);
    const cumulative = (policy: impl.BackoffPolicy, count: number) => {
      const points = [{ x: 0, y: 0 }];
      let total = 0;
      for (let r = 0; r < count; r++) {
        total += m.backoffDelayMs(r, policy);
        points.push({ x: r + 1, y: total / HOUR_MS });
      }
      return points;
    };
    // The closed form for plain doubling from the base: 2^n − 1 bases fit, n = ⌊log2(maxAge/base + 1)⌋.
    const closedForm = p.factor === 2 ? Math.floor(Math.log2(maxAgeMs / plain.baseMs + 1)) : null;
    ctx.progress(1);
    return {
      series: [
        {
          id: 'cumulative-wait',
          title: 'Time spent waiting before each retry',
          kind: 'line',
          x: { label: 'Retry number' },
          y: { label: 'Hours since the first failure' },
          lines: [
            { name: 'Plain exponential', points: cumulative(plain, plainRetries + 1) },
            {
              name: `Capped at ${fmt(p.capMin)} min`,
              points: cumulative(capped, Math.min(cappedRetries + 1, 200)),
            },
            {
              name: `${fmt(p.maxAgeHours, 1)} h limit`,
              points: [
                { x: 0, y: p.maxAgeHours },
                { x: Math.min(cappedRetries + 1, 200), y: p.maxAgeHours },
              ],
            },
          ],
        },
      ],
      claims: [
        {
          claim: 'Plain doubling from 1 s fits only about 13 retries in 4 hours',
          source: NOTES,
          expected:
            closedForm !== null
              ? `${fmt(closedForm)} retries (2^n − 1 ≤ ${fmt(maxAgeMs / plain.baseMs)})`
              : '13 retries',
          measured: `${fmt(plainRetries)} retries`,
          expectedValue: closedForm ?? 13,
          measuredValue: plainRetries,
          verdict: judge(plainRetries, closedForm ?? 13, { closeRel: 0.001 }),
          explanation: `The waits double, so the last one is as long as all before it together: after ${fmt(plainRetries)} retries the next wait alone would be ${fmt(m.backoffDelayMs(plainRetries, plain) / 60_000, 0)} minutes.`,
        },
        {
          claim: 'Capping the longest wait keeps retrying through the whole window',
          source: SCHEDULER,
          expected: `more retries than plain doubling`,
          measured: `${fmt(cappedRetries)} retries with waits capped at ${fmt(p.capMin)} min`,
          expectedValue: plainRetries,
          measuredValue: cappedRetries,
          verdict: judge(cappedRetries, plainRetries + 1, { bound: 'at-least' }),
          explanation:
            'After the cap, retries come every few minutes, so an endpoint that recovers late in the window still gets its jobs soon after.',
        },
      ],
      summary: [
        `Base ${fmt(p.baseSec, 1)} s, ×${fmt(p.factor, 2)} per retry, give up after ${fmt(p.maxAgeHours, 1)} h`,
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Experiment 3: retiring a JobDB generation, DROP vs DELETE, timed.

const rotationParams = z.object({
  jobs: z.number().int().min(1000).max(100000).default(4000).describe('Jobs in the drained generation'),
  payloadBytes: z.number().int().min(10).max(5000).default(500).describe('Payload per job (bytes)'),
});

const rotation: Experiment<Impl, typeof rotationParams> = {
  id: 'rotation',
  title: 'Table rotation: DROP vs DELETE',
  description:
    'A drained generation of jobs and transitions, retired by dropping its two tables or by deleting its rows, timed on SQLite. The notes rotate JobDBs every ~30 minutes and DROP the empty ones.',
  params: rotationParams,
  run(m, p, ctx) {
    const timings: { jobs: number; dropMs: number; deleteMs: number; rowsDeleted: number }[] = [];
    const sizes = [Math.max(1000, Math.round(p.jobs / 4)), p.jobs];
    const fill = (sql: SqlDriver, jobs: number) => {
      const store = new m.JobStore(sql, 1);
      store.createSchema();
      sql.exec('BEGIN');
      const payload = 'x'.repeat(p.payloadBytes);
      for (let j = 0; j < jobs; j++) {
        const id = String(j).padStart(10, '0');
        store.insertJob({
          id,
          endpoint: `e${j % 16}`,
          createdAtMs: j,
          expiresAtMs: j + 4 * HOUR_MS,
          payload,
        });
        store.transition(id, 'awaiting_scheduling', 'executing', j + 1, 0);
        store.transition(id, 'executing', 'succeeded', j + 2, 0);
      }
      sql.exec('COMMIT');
      return store;
    };
    // Two rounds per size, keeping the faster of each: a shared machine adds noise to single timings.
    const rounds = 2;
    sizes.forEach((jobs, i) => {
      const best = { jobs, dropMs: Infinity, deleteMs: Infinity, rowsDeleted: 0 };
      for (let round = 0; round < rounds; round++) {
        const a = needSql(ctx);
        const b = needSql(ctx);
        try {
          const forDrop = fill(a, jobs);
          const forDelete = fill(b, jobs);
          let t0 = performance.now();
          m.retireByDrop(forDrop);
          best.dropMs = Math.min(best.dropMs, performance.now() - t0);
          t0 = performance.now();
          best.rowsDeleted = m.retireByDelete(forDelete, Number.MAX_SAFE_INTEGER);
          best.deleteMs = Math.min(best.deleteMs, performance.now() - t0);
        } finally {
          a.close();
          b.close();
        }
        ctx.progress((i * rounds + round + 1) / (sizes.length * rounds));
      }
      timings.push(best);
    });
    const small = timings[0]!;
    const big = timings[timings.length - 1]!;
    const ratio = big.deleteMs / Math.max(1e-3, big.dropMs);
    const growth = big.jobs / small.jobs;
    const dropGrowth = big.dropMs / Math.max(1e-3, small.dropMs);
    const deleteGrowth = big.deleteMs / Math.max(1e-3, small.deleteMs);
    return {
      series: [
        {
          id: 'rotation-time',
          title: 'Time to retire a drained generation',
          kind: 'bar',
          x: { label: 'Jobs in the generation' },
          y: { label: 'Milliseconds', log: true },
          lines: [
            { name: 'DROP TABLE', points: timings.map((t) => ({ x: t.jobs, y: Math.max(0.001, t.dropMs) })) },
            {
              name: 'DELETE rows',
              points: timings.map((t) => ({ x: t.jobs, y: Math.max(0.001, t.deleteMs) })),
            },
          ],
        },
      ],
      claims: [
        {
          claim: 'Dropping a drained generation’s tables is far cheaper than deleting its rows',
          source: NOTES,
          expected: 'DROP ≪ DELETE (O(1) metadata vs O(n) rows)',
          measured: `DROP ${fmt(big.dropMs, 2)} ms vs DELETE ${fmt(big.deleteMs, 1)} ms for ${fmt(big.jobs)} jobs (${fmt(big.rowsDeleted)} rows): ${fmt(ratio, 0)}×`,
          expectedValue: 10,
          measuredValue: ratio,
          verdict: judge(ratio, 10, { bound: 'at-least' }),
          explanation:
            'DELETE visits every row and every index entry and records each change; DROP frees whole pages and does no per-row work. In MySQL, DELETE also leaves fragmentation and purge work behind, which this in-memory SQLite run does not show.',
        },
        {
          claim: 'DROP is O(1): its cost does not grow with the rows',
          source: NOTES,
          expected: `≈ 1× for ${fmt(growth, 0)}× the jobs`,
          measured: `DROP ${fmt(dropGrowth, 1)}× (${fmt(small.dropMs, 2)} → ${fmt(big.dropMs, 2)} ms); DELETE ${fmt(deleteGrowth, 1)}× (${fmt(small.deleteMs, 1)} → ${fmt(big.deleteMs, 1)} ms)`,
          expectedValue: 1,
          measuredValue: dropGrowth,
          verdict: judge(dropGrowth, 1, { roughRel: 0.5 }),
          explanation:
            'In MySQL with a file per table, DROP TABLE removes a file. SQLite keeps every table in one file and walks the dropped table’s pages to put them on its free list, so DROP grows with the table’s size too — without DELETE’s per-row and per-index work. Wall-clock timings on a shared machine are noisy; run it twice to see how much.',
        },
      ],
      summary: [
        `${fmt(p.jobs)} jobs with 3 transitions each, ${fmt(p.payloadBytes)} B payloads, timed on this machine`,
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------------
// Property: no job lost, none run twice at once, across failures, outages and a Director crash.

const scenarioArb = fc.record({
  endpoints: fc.array(
    fc.record({
      serverErrorRate: fc.double({ min: 0, max: 0.9, noNaN: true }),
      clientErrorRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
      outage: fc.option(
        fc.record({
          fromMs: fc.integer({ min: 0, max: 20_000 }),
          lengthMs: fc.integer({ min: 1, max: 30_000 }),
        }),
        { nil: undefined },
      ),
      concurrency: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  arrivals: fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.nat()), {
    minLength: 1,
    maxLength: 25,
  }),
  scheduling: fc.constantFrom<impl.Scheduling>('per-endpoint', 'single-fifo'),
  workers: fc.integer({ min: 1, max: 4 }),
  crash: fc.option(
    fc.record({ atMs: fc.integer({ min: 0, max: 30_000 }), lockTtlMs: fc.integer({ min: 0, max: 5_000 }) }),
    { nil: undefined },
  ),
  seed: fc.integer(),
});

/**
 * The property needs a SQLite driver: the runner passes the same factory it gives experiments
 * (`opts.sql`).
 */
function checkNoLossNoOverlap(
  m: Impl,
  opts: { seed: number; numRuns: number; sql?: () => SqlDriver },
): PropertyOutcome {
  const makeSql = opts.sql;
  if (!makeSql)
    return {
      ok: false,
      numRuns: 0,
      message: 'This property runs on SQLite, and this runner did not provide a SQLite driver.',
    };
  return checkFcProperty(
    fc.property(scenarioArb, (s) => {
      const endpoints: impl.Endpoint[] = s.endpoints.map((e, i) => ({
        name: `e${i}`,
        latencyMs: 50 + 100 * i,
        serverErrorRate: e.serverErrorRate,
        clientErrorRate: e.clientErrorRate,
        timeoutMs: 2000,
        outages: e.outage ? [{ fromMs: e.outage.fromMs, toMs: e.outage.fromMs + e.outage.lengthMs }] : [],
        concurrency: e.concurrency,
      }));
      const arrivals: impl.Job[] = s.arrivals
        .map(([at, pick], i) => ({
          id: `job-${String(i).padStart(3, '0')}`,
          endpoint: endpoints[pick % endpoints.length]!.name,
          createdAtMs: at,
          expiresAtMs: at + 60_000,
          payload: '{}',
        }))
        .sort((a, b) => a.createdAtMs - b.createdAtMs);
      const sql = makeSql();
      try {
        const store = new m.JobStore(sql);
        store.createSchema();
        let x = s.seed >>> 0 || 1;
        const random = () => {
          // xorshift32: a tiny seeded source for which calls fail, fixed by the scenario.
          x ^= x << 13;
          x >>>= 0;
          x ^= x >>> 17;
          x ^= x << 5;
          x >>>= 0;
          return x / 4294967296;
        };
        m.runDelivery(
          store,
          endpoints,
          arrivals,
          {
            scheduling: s.scheduling,
            workers: s.workers,
            backoff: { baseMs: 500, factor: 2, capMs: Infinity },
          },
          random,
          s.crash,
        );
        const rows = sql.all<{ job_id: string; from_state: string | null; to_state: string }>(
          `SELECT job_id, from_state, to_state FROM ${store.transitionsTable} ORDER BY seq`,
        );
        const last = new Map<string, string | null>();
        for (const r of rows) {
          const previous = last.has(r.job_id) ? last.get(r.job_id)! : null;
          expectThat(
            r.from_state === previous,
            () =>
              `${r.job_id}: recorded ${r.from_state ?? 'nothing'} → ${r.to_state} while it was ${previous ?? 'new'}`,
          );
          expectThat(
            !(previous === 'executing' && r.to_state === 'executing'),
            () => `${r.job_id}: started again while still executing (run twice at once)`,
          );
          last.set(r.job_id, r.to_state);
        }
        for (const job of arrivals) {
          const final = last.get(job.id);
          expectThat(final !== undefined, () => `${job.id} was never stored (lost)`);
          expectThat(
            (impl.TERMINAL_STATES as readonly string[]).includes(final!),
            () => `${job.id} ended in ${final} (lost: never delivered, discarded or archived)`,
          );
        }
      } finally {
        sql.close();
      }
    }),
    opts,
  );
}

const properties: LabProperty<Impl>[] = [
  {
    id: 'no-loss-no-overlap',
    title: 'No job is lost or run twice at once, across failures, outages and a Director crash',
    check: checkNoLossNoOverlap,
  },
];

export const lab: LabDefinition<Impl> = {
  id: 'db-queue',
  intro: `Delivering events to hundreds of outside endpoints, some of them always failing, is a queueing problem with a twist: one queue lets a dead endpoint block everyone, and a queue per customer-and-endpoint pair means tens of thousands of queues. A well-tested answer is a **database used as a queue**: jobs are immutable rows, every state change is a new row in an append-only table, and a Director keeps the runnable jobs in memory.

This lab runs that design on real SQLite:

- the same jobs through **one FIFO queue** and through **a queue per endpoint**, with one endpoint going down: head-of-line blocking, measured;
- endpoints that fail in different ways (slow, flaky, 4xx, down), **exponential backoff**, and an outage absorbed by the database and flushed afterwards;
- how many retries **doubling from 1 s** fits in 4 hours;
- retiring a drained generation of tables with **DROP TABLE vs DELETE**, timed.

In an interview this is the "why not Kafka?" follow-up: per-endpoint isolation, fair retries and cheap cleanup.`,
  implementationFile: 'impl.ts',
  reference: impl,
  experiments: [isolation, backoff, rotation] as unknown as readonly Experiment<Impl>[],
  properties,
  needsSql: true,
  notes: [
    'SQLite runs in both places: better-sqlite3 in Node (tests and the claims command) and sql.js (SQLite compiled to WebAssembly) inside the app’s Worker, through the same small driver. The implementation takes the driver as a parameter.',
    'Time is simulated: calls, timeouts and backoff waits move a clock from event to event, so hours of retries take milliseconds. Only the DROP vs DELETE experiment measures wall-clock time.',
    'A crashed Director’s in-flight calls count as failed attempts when the next Director takes the database over (after the lock’s TTL).',
  ],
};
