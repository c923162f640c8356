/**
 * Our token bucket (shared/labs/rate-limiters/impl.ts) against rate-limiter-flexible's
 * RateLimiterMemory on the same workload in the same run: one limiter per user, 100 requests per
 * 60 s each, requests from many users in a seeded random order. Each side reads the clock per
 * request (the peer does it inside consume). The peer's consume is async, so its time runs until
 * every promise has settled; a refusal is a rejected promise there and `false` here.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { seededRng } from '../../../shared/labs/framework';
import { TokenBucket } from '../../../shared/labs/rate-limiters/impl';

const USERS = 10_000;
const REQUESTS = 200_000;
const LIMIT = 100;
const WINDOW_SEC = 60;
const ROUNDS = 3;

function workload(): string[] {
  const rng = seededRng(11);
  return Array.from({ length: REQUESTS }, () => `user-${rng.int(0, USERS - 1)}`);
}

function oursOnce(keys: readonly string[]): { ms: number; allowed: number } {
  const buckets = new Map<string, TokenBucket>();
  let allowed = 0;
  const started = performance.now();
  for (const key of keys) {
    const now = Date.now();
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(LIMIT, LIMIT / WINDOW_SEC, now);
      buckets.set(key, bucket);
    }
    if (bucket.tryAcquire(now)) allowed += 1;
  }
  return { ms: performance.now() - started, allowed };
}

async function peerOnce(keys: readonly string[]): Promise<{ ms: number; allowed: number }> {
  const limiter = new RateLimiterMemory({ points: LIMIT, duration: WINDOW_SEC });
  let allowed = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (const key of keys) {
    pending.push(
      limiter.consume(key).then(
        () => {
          allowed += 1;
        },
        () => {},
      ),
    );
  }
  await Promise.all(pending);
  return { ms: performance.now() - started, allowed };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Async because the peer's API is: the figure for the peer includes its promises settling. */
export async function rateLimitersPeer(): Promise<{
  workload: string;
  oursOpsPerSec: number;
  peer: string;
  peerOpsPerSec: number;
  ratio: number;
}> {
  const keys = workload();
  // One small warm-up each, so neither side pays for the JIT in the timed rounds.
  oursOnce(keys.slice(0, 20_000));
  await peerOnce(keys.slice(0, 20_000));
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = oursOnce(keys);
    const b = await peerOnce(keys);
    ours.push(REQUESTS / (a.ms / 1000));
    peer.push(REQUESTS / (b.ms / 1000));
  }
  const oursOpsPerSec = Math.round(median(ours));
  const peerOpsPerSec = Math.round(median(peer));
  return {
    workload: `${REQUESTS.toLocaleString('en-US')} requests from ${USERS.toLocaleString('en-US')} users, ${LIMIT} per ${WINDOW_SEC} s each (token bucket vs fixed-window points)`,
    oursOpsPerSec,
    peer: 'rate-limiter-flexible RateLimiterMemory.consume',
    peerOpsPerSec,
    ratio: Math.round((oursOpsPerSec / peerOpsPerSec) * 100) / 100,
  };
}
