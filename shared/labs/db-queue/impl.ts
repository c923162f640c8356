/**
 * A delivery system that uses a database as its queue, after the notes' "Centrifuge": jobs are
 * immutable rows, every change of state is a new row in an append-only transitions table, and a
 * Director process holds the runnable jobs in memory, calls the endpoints, and records what happened.
 *
 * It runs on real SQLite through a small synchronous driver (better-sqlite3 in Node, sql.js in the
 * browser). Time is simulated (`nowMs` moves from event to event), so four hours of retries take
 * milliseconds; the SQL work is real.
 */

/** The SQL surface the queue needs; positional `?` parameters. */
export interface Sql {
  exec(sql: string): void;
  run(sql: string, params?: readonly (string | number | null)[]): { changes: number };
  all<Row = Record<string, unknown>>(sql: string, params?: readonly (string | number | null)[]): Row[];
}

export type JobState =
  | 'awaiting_scheduling'
  | 'executing'
  | 'awaiting_retry'
  | 'succeeded'
  | 'discarded'
  | 'archiving'
  | 'archived';

/** States a job never leaves. */
export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'discarded', 'archived'];

export interface Job {
  id: string;
  endpoint: string;
  createdAtMs: number;
  /** Retries stop here and the job is archived (4 hours in the notes). */
  expiresAtMs: number;
  payload: string;
}

// ---------------------------------------------------------------------------------------------------
// Storage: immutable jobs, append-only transitions.

export class JobStore {
  constructor(
    readonly sql: Sql,
    /** Suffix for table rotation: each JobDB generation gets its own pair of tables. */
    readonly generation = 0,
  ) {}

  get jobsTable(): string {
    return `jobs_${this.generation}`;
  }

  get transitionsTable(): string {
    return `job_state_transitions_${this.generation}`;
  }

  createSchema(): void {
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS ${this.jobsTable} (
        id TEXT PRIMARY KEY,
        endpoint TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${this.transitionsTable} (
        seq INTEGER PRIMARY KEY, -- rows are never deleted, so rowids only grow
        job_id TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        at INTEGER NOT NULL,
        retry_count INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${this.transitionsTable}_job ON ${this.transitionsTable} (job_id, seq);
    `);
  }

  insertJob(job: Job): void {
    this.sql.run(
      `INSERT INTO ${this.jobsTable} (id, endpoint, payload, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
      [job.id, job.endpoint, job.payload, job.createdAtMs, job.expiresAtMs],
    );
    this.transition(job.id, null, 'awaiting_scheduling', job.createdAtMs, 0);
  }

  /** Never an UPDATE: the history is the state, so there are no row locks to fight over. */
  transition(jobId: string, from: JobState | null, to: JobState, atMs: number, retryCount: number): void {
    this.sql.run(
      `INSERT INTO ${this.transitionsTable} (job_id, from_state, to_state, at, retry_count) VALUES (?, ?, ?, ?, ?)`,
      [jobId, from, to, atMs, retryCount],
    );
  }

  /** Each unfinished job with its current state (the latest transition), as a restarting Director loads them. */
  unfinished(): { job: Job; state: JobState; retryCount: number; atMs: number }[] {
    const rows = this.sql.all<{
      id: string;
      endpoint: string;
      payload: string;
      created_at: number;
      expires_at: number;
      to_state: JobState;
      retry_count: number;
      at: number;
    }>(
      `SELECT j.id, j.endpoint, j.payload, j.created_at, j.expires_at, t.to_state, t.retry_count, t.at
         FROM ${this.jobsTable} j
         JOIN ${this.transitionsTable} t
           ON t.seq = (SELECT MAX(seq) FROM ${this.transitionsTable} WHERE job_id = j.id)
        WHERE t.to_state NOT IN ('succeeded', 'discarded', 'archived')
        ORDER BY j.created_at, j.id`,
    );
    return rows.map((r) => ({
      job: {
        id: r.id,
        endpoint: r.endpoint,
        payload: r.payload,
        createdAtMs: r.created_at,
        expiresAtMs: r.expires_at,
      },
      state: r.to_state,
      retryCount: r.retry_count,
      atMs: r.at,
    }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Backoff

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  /** No single wait longer than this (Infinity = plain doubling). */
  capMs: number;
}

/** How long to wait before retry number `retry` (0 = the first retry). */
export function backoffDelayMs(retry: number, policy: BackoffPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * Math.pow(policy.factor, retry));
}

/** How many retries fit before a job is `maxAgeMs` old (ignoring the time the attempts themselves take). */
export function retriesWithin(maxAgeMs: number, policy: BackoffPolicy): number {
  let elapsed = 0;
  let retries = 0;
  while (elapsed + backoffDelayMs(retries, policy) <= maxAgeMs) {
    elapsed += backoffDelayMs(retries, policy);
    retries += 1;
  }
  return retries;
}

// ---------------------------------------------------------------------------------------------------
// Endpoints and the Director

export interface Endpoint {
  name: string;
  latencyMs: number;
  /** Share of calls answered 5xx (retried). */
  serverErrorRate: number;
  /** Share of calls answered 4xx (the payload is wrong: discarded, never retried). */
  clientErrorRate: number;
  /** How long a call to a dead endpoint hangs before it times out. */
  timeoutMs: number;
  /** Periods when every call times out. */
  outages: readonly { fromMs: number; toMs: number }[];
  /** Calls in flight at once to this endpoint, when each endpoint has its own queue. */
  concurrency: number;
}

export type Scheduling = 'per-endpoint' | 'single-fifo';

export interface DirectorOptions {
  scheduling: Scheduling;
  /** Calls in flight at once in total, for the single FIFO queue. */
  workers: number;
  backoff: BackoffPolicy;
}

type Outcome = 'succeeded' | 'retry' | 'discarded';

interface InFlight {
  job: Job;
  retryCount: number;
  doneAtMs: number;
  outcome: Outcome;
}

interface Ready {
  job: Job;
  retryCount: number;
  readyAtMs: number;
  state: 'awaiting_scheduling' | 'awaiting_retry';
}

/**
 * The Director: holds runnable jobs in memory, hands them to endpoints, records every transition.
 * With per-endpoint queues each endpoint gets its own slots, so a dead endpoint only blocks itself;
 * with one FIFO queue a job for a dead endpoint occupies a shared worker until it times out.
 */
export class Director {
  nowMs = 0;
  private readonly queues = new Map<string, Ready[]>();
  private readonly inFlight: InFlight[] = [];
  /** Jobs waiting for their retry time, kept sorted by that time. */
  private readonly waiting: Ready[] = [];

  constructor(
    readonly store: JobStore,
    readonly endpoints: readonly Endpoint[],
    readonly opts: DirectorOptions,
    /** Uniform [0, 1): decides which calls fail (seeded by the caller). */
    private readonly random: () => number,
  ) {
    for (const e of endpoints) this.queues.set(this.queueKey(e.name), []);
  }

  private queueKey(endpoint: string): string {
    return this.opts.scheduling === 'per-endpoint' ? endpoint : '*';
  }

  /** Loads the unfinished jobs of a JobDB, as a Director does when it takes the DB's lock. */
  static takeOver(
    store: JobStore,
    endpoints: readonly Endpoint[],
    opts: DirectorOptions,
    random: () => number,
    nowMs: number,
  ): Director {
    const director = new Director(store, endpoints, opts, random);
    director.nowMs = nowMs;
    for (const row of store.unfinished()) {
      if (row.state === 'executing') {
        // The previous Director died mid-call: the outcome is unknown, so it counts as a failed attempt.
        store.transition(row.job.id, 'executing', 'awaiting_retry', nowMs, row.retryCount + 1);
        director.enqueue({
          job: row.job,
          retryCount: row.retryCount + 1,
          readyAtMs: nowMs,
          state: 'awaiting_retry',
        });
      } else if (row.state === 'archiving') {
        store.transition(row.job.id, 'archiving', 'archived', nowMs, row.retryCount);
      } else {
        director.enqueue({
          job: row.job,
          retryCount: row.retryCount,
          readyAtMs: Math.max(nowMs, row.atMs),
          state: row.state as Ready['state'],
        });
      }
    }
    return director;
  }

  /** A new job arrives (by RPC in the notes): stored first, then queued. */
  accept(job: Job): void {
    this.store.insertJob(job);
    this.enqueue({ job, retryCount: 0, readyAtMs: job.createdAtMs, state: 'awaiting_scheduling' });
  }

  private enqueue(ready: Ready): void {
    if (ready.readyAtMs > this.nowMs) {
      // Binary insert keeps `waiting` sorted by retry time.
      let lo = 0;
      let hi = this.waiting.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.waiting[mid]!.readyAtMs <= ready.readyAtMs) lo = mid + 1;
        else hi = mid;
      }
      this.waiting.splice(lo, 0, ready);
    } else {
      this.queues.get(this.queueKey(ready.job.endpoint))!.push(ready);
    }
  }

  /** The next time something happens on its own (a call finishing, a retry coming due). */
  nextEventMs(): number {
    let next = Infinity;
    for (const f of this.inFlight) next = Math.min(next, f.doneAtMs);
    if (this.waiting.length > 0) next = Math.min(next, this.waiting[0]!.readyAtMs);
    return next;
  }

  /** Where each endpoint's unfinished jobs are right now. */
  snapshot(): Record<string, { queued: number; executing: number; awaitingRetry: number }> {
    const out: Record<string, { queued: number; executing: number; awaitingRetry: number }> = {};
    for (const e of this.endpoints) out[e.name] = { queued: 0, executing: 0, awaitingRetry: 0 };
    for (const q of this.queues.values()) for (const r of q) out[r.job.endpoint]!.queued += 1;
    for (const f of this.inFlight) out[f.job.endpoint]!.executing += 1;
    for (const w of this.waiting) out[w.job.endpoint]!.awaitingRetry += 1;
    return out;
  }

  /** Moves time to `nowMs`: finishes calls, wakes retries, starts calls on free slots. */
  advance(nowMs: number): void {
    this.nowMs = Math.max(this.nowMs, nowMs);
    this.finishCalls();
    while (this.waiting.length > 0 && this.waiting[0]!.readyAtMs <= this.nowMs) {
      const ready = this.waiting.shift()!;
      this.queues.get(this.queueKey(ready.job.endpoint))!.push(ready);
    }
    this.startCalls();
  }

  private finishCalls(): void {
    for (let i = 0; i < this.inFlight.length;) {
      const call = this.inFlight[i]!;
      if (call.doneAtMs > this.nowMs) {
        i += 1;
        continue;
      }
      this.inFlight.splice(i, 1);
      const at = call.doneAtMs;
      if (call.outcome === 'succeeded' || call.outcome === 'discarded') {
        this.store.transition(call.job.id, 'executing', call.outcome, at, call.retryCount);
        continue;
      }
      const retryAt = at + backoffDelayMs(call.retryCount, this.opts.backoff);
      if (retryAt > call.job.expiresAtMs) {
        // Out of time: hand the job to the archive (object storage in the notes).
        this.store.transition(call.job.id, 'executing', 'archiving', at, call.retryCount);
        this.store.transition(call.job.id, 'archiving', 'archived', at, call.retryCount);
        continue;
      }
      this.store.transition(call.job.id, 'executing', 'awaiting_retry', at, call.retryCount + 1);
      this.enqueue({
        job: call.job,
        retryCount: call.retryCount + 1,
        readyAtMs: retryAt,
        state: 'awaiting_retry',
      });
    }
  }

  private startCalls(): void {
    if (this.opts.scheduling === 'single-fifo') {
      const fifo = this.queues.get('*')!;
      while (fifo.length > 0 && this.inFlight.length < this.opts.workers) this.start(fifo.shift()!);
      return;
    }
    for (const endpoint of this.endpoints) {
      const queue = this.queues.get(endpoint.name)!;
      let busy = this.inFlight.filter((f) => f.job.endpoint === endpoint.name).length;
      while (queue.length > 0 && busy < endpoint.concurrency) {
        this.start(queue.shift()!);
        busy += 1;
      }
    }
  }

  private start(ready: Ready): void {
    const endpoint = this.endpoints.find((e) => e.name === ready.job.endpoint)!;
    this.store.transition(ready.job.id, ready.state, 'executing', this.nowMs, ready.retryCount);
    const down = endpoint.outages.some((o) => this.nowMs >= o.fromMs && this.nowMs < o.toMs);
    const roll = this.random();
    let outcome: Outcome = 'succeeded';
    let tookMs = endpoint.latencyMs;
    if (down) {
      outcome = 'retry';
      tookMs = endpoint.timeoutMs;
    } else if (roll < endpoint.clientErrorRate) {
      outcome = 'discarded';
    } else if (roll < endpoint.clientErrorRate + endpoint.serverErrorRate) {
      outcome = 'retry';
    }
    this.inFlight.push({
      job: ready.job,
      retryCount: ready.retryCount,
      doneAtMs: this.nowMs + tookMs,
      outcome,
    });
  }
}

/**
 * Feeds `arrivals` (sorted by creation time) to a Director and runs until every job is finished.
 * `crashAtMs` kills the Director once; another takes the DB over after `lockTtlMs`.
 */
export function runDelivery(
  store: JobStore,
  endpoints: readonly Endpoint[],
  arrivals: readonly Job[],
  opts: DirectorOptions,
  random: () => number,
  crash?: { atMs: number; lockTtlMs: number },
  onStep?: (director: Director) => void,
): Director {
  let director = new Director(store, endpoints, opts, random);
  let crashed = false;
  let next = 0;
  // Writes are batched into one transaction per simulated second, as a Director batches its
  // writes; a batch is committed before anything that could lose it (a crash, the end).
  let openBatch: number | null = null;
  const commit = () => {
    if (openBatch !== null) store.sql.exec('COMMIT');
    openBatch = null;
  };
  for (;;) {
    const arrivalAt = next < arrivals.length ? arrivals[next]!.createdAtMs : Infinity;
    let at = Math.min(arrivalAt, director.nextEventMs());
    let takeOver = false;
    if (crash && !crashed && crash.atMs <= at) {
      // The process dies: everything in memory is gone. The DB keeps jobs and transitions; new jobs
      // queue upstream until the lock expires and another Director takes over.
      crashed = true;
      takeOver = true;
      at = crash.atMs + crash.lockTtlMs;
      commit();
    }
    if (at === Infinity) {
      commit();
      return director;
    }
    const batch = Math.floor(at / 1000);
    if (openBatch !== batch) {
      commit();
      store.sql.exec('BEGIN');
      openBatch = batch;
    }
    if (takeOver) director = Director.takeOver(store, endpoints, opts, random, at);
    director.advance(at);
    while (next < arrivals.length && arrivals[next]!.createdAtMs <= at) director.accept(arrivals[next++]!);
    director.advance(at);
    onStep?.(director);
  }
}

// ---------------------------------------------------------------------------------------------------
// Table rotation

/** Retire a drained JobDB generation the notes' way: drop both tables (no per-row work). */
export function retireByDrop(store: JobStore): void {
  store.sql.exec(`DROP TABLE ${store.transitionsTable}; DROP TABLE ${store.jobsTable};`);
}

/** The alternative: delete the finished rows (every row and index entry is visited and freed). */
export function retireByDelete(store: JobStore, beforeMs: number): number {
  const t = store.sql.run(
    `DELETE FROM ${store.transitionsTable} WHERE job_id IN (SELECT id FROM ${store.jobsTable} WHERE created_at < ?)`,
    [beforeMs],
  ).changes;
  return t + store.sql.run(`DELETE FROM ${store.jobsTable} WHERE created_at < ?`, [beforeMs]).changes;
}
