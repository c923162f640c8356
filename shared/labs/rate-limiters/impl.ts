/**
 * Four rate limiters for one user (or one API key), each deciding requests as they arrive.
 *
 * Time is passed in (`nowMs`) instead of read from a clock, so the lab can replay the same traffic
 * through every algorithm and a test can put requests exactly on a window's edge. Times never go
 * backwards. Each limiter also says how many numbers it keeps per user (`storedNumbers`), which is the
 * memory a limiter costs at 10 million users.
 */

export interface Limiter {
  /** True if the request arriving at `nowMs` is let through (and counted), false if refused. */
  tryAcquire(nowMs: number): boolean;
  /** How many numbers this limiter holds for its user right now. */
  storedNumbers(): number;
}

export type LimiterKind = 'fixed-window' | 'sliding-log' | 'sliding-counter' | 'token-bucket';

export const LIMITER_KINDS: readonly LimiterKind[] = [
  'fixed-window',
  'sliding-log',
  'sliding-counter',
  'token-bucket',
];

/** Bytes per stored number when a limiter keeps plain 64-bit numbers (timestamps or counts). */
export const BYTES_PER_NUMBER = 8;

/**
 * Fixed window: one counter per aligned window (12:00:00–12:00:59, 12:01:00–…). Cheap and simple,
 * but the promise is only "at most `limit` per aligned window": 100 requests at 12:00:59 and 100 at
 * 12:01:00 are in different windows, so 200 get through within two seconds.
 */
export class FixedWindow implements Limiter {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  tryAcquire(nowMs: number): boolean {
    const startMs = Math.floor(nowMs / this.windowMs) * this.windowMs;
    if (startMs !== this.windowStartMs) {
      // A new window forgets everything before it: this is exactly where the edge burst comes from.
      this.windowStartMs = startMs;
      this.count = 0;
    }
    if (this.count < this.limit) {
      this.count += 1;
      return true;
    }
    return false;
  }

  storedNumbers(): number {
    return 2; // window start and count
  }
}

/**
 * Sliding log: remember the time of every accepted request in the last window and refuse while
 * `limit` of them are still inside it. Exact for every window (t − windowMs, t], at the price of one
 * stored timestamp per accepted request: memory grows with the limit.
 */
export class SlidingLog implements Limiter {
  private readonly times: number[] = [];
  // Index of the oldest timestamp still in the window; we shift lazily to keep acquire O(1) amortised.
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  tryAcquire(nowMs: number): boolean {
    while (this.head < this.times.length && this.times[this.head]! <= nowMs - this.windowMs) {
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    if (this.times.length - this.head < this.limit) {
      this.times.push(nowMs);
      return true;
    }
    return false;
  }

  storedNumbers(): number {
    return this.times.length - this.head;
  }
}

/**
 * Sliding-window counter: keep the previous and the current aligned window's counts and estimate the
 * last full window as previous × (share of the previous window still covered) + current. Three numbers
 * per user, and close to exact when requests are spread evenly. The estimate assumes that spread: if
 * the previous window's requests all came at its very end, they are under-counted and more than
 * `limit` can get through within one sliding window (the lab's adversarial experiment shows how much).
 */
export class SlidingCounter implements Limiter {
  private currentStartMs = Number.NEGATIVE_INFINITY;
  private current = 0;
  private previous = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private roll(nowMs: number): void {
    const startMs = Math.floor(nowMs / this.windowMs) * this.windowMs;
    if (startMs === this.currentStartMs) return;
    // Only the window right before the current one still overlaps the sliding window.
    this.previous = startMs - this.currentStartMs === this.windowMs ? this.current : 0;
    this.current = 0;
    this.currentStartMs = startMs;
  }

  /** The estimated number of requests in the window ending at `nowMs`. */
  estimate(nowMs: number): number {
    this.roll(nowMs);
    const elapsedShare = (nowMs - this.currentStartMs) / this.windowMs;
    return this.previous * (1 - elapsedShare) + this.current;
  }

  tryAcquire(nowMs: number): boolean {
    // Allow while the estimate is below the limit (the notes: 84 × 0.75 + 36 = 99 < 100 → allow).
    if (this.estimate(nowMs) < this.limit) {
      this.current += 1;
      return true;
    }
    return false;
  }

  storedNumbers(): number {
    return 3; // current window start, current count, previous count
  }
}

/**
 * Token bucket: a bucket holds up to `capacity` tokens and refills continuously at `refillPerSec`;
 * each request takes one token. A full bucket allows a burst of `capacity` at once; after that the
 * rate is the refill rate. The promise: in any interval of t seconds, at most capacity + rate × t.
 */
export class TokenBucket implements Limiter {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSec: number,
    startMs = 0,
    startTokens = capacity,
  ) {
    this.tokens = Math.min(capacity, startTokens);
    this.lastMs = startMs;
  }

  private refill(nowMs: number): void {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.lastMs) / 1000) * this.refillPerSec);
      this.lastMs = nowMs;
    }
  }

  /** Tokens in the bucket at `nowMs` (after refilling). */
  level(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  tryAcquire(nowMs: number, cost = 1): boolean {
    this.refill(nowMs);
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }

  storedNumbers(): number {
    return 2; // tokens and the time of the last refill
  }
}

/**
 * One limiter of each kind with the same headline limit: `limit` requests per `windowMs`. The token
 * bucket gets capacity = limit and refills `limit` tokens per window, which is how it is usually
 * configured to "mean the same thing" (the notes: capacity 100, refill 100/min).
 */
export function createLimiter(kind: LimiterKind, limit: number, windowMs: number): Limiter {
  switch (kind) {
    case 'fixed-window':
      return new FixedWindow(limit, windowMs);
    case 'sliding-log':
      return new SlidingLog(limit, windowMs);
    case 'sliding-counter':
      return new SlidingCounter(limit, windowMs);
    case 'token-bucket':
      return new TokenBucket(limit, (limit * 1000) / windowMs);
  }
}
