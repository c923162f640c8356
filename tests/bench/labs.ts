/**
 * Lab figures: each lab's reference against a well-kept npm package doing the same job, on the same
 * workload in the same process (labPeers); how long each lab's default experiments take
 * (labRunDefaultMs); and the JavaScript the Labs screen loads on top of the library (labsChunkGzipKb).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import type { BloomFilter as PeerBloomFilter } from 'bloom-filters';
import { runLabDefaults } from '../../electron/core/labs/claims';
import { LAB_REGISTRY } from '../../shared/labs/registry';
import * as bloom from '../../shared/labs/bloom-sketches/impl';
import * as ring from '../../shared/labs/consistent-hashing/impl';
import { ROOT, launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';
import { rateLimitersPeer } from './labs/rate-limiters-peer';

const require = createRequire(import.meta.url);

export interface PeerFigure {
  workload: string;
  oursOpsPerSec: number;
  peer: string;
  peerOpsPerSec: number;
  /** ours / peer: above 1 means ours is faster. */
  ratio: number;
}

/** One lab against its peer: `ours` and `peer` each run the whole workload once and return its operation count. */
export interface PeerBench {
  labId: string;
  workload: string;
  peer: string;
  ours: () => number;
  theirs: () => number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Operations per second, median of `runs` after one warm-up; ours and the peer alternate so drift hits both. */
function opsPerSec(bench: PeerBench, runs = 5): { ours: number; theirs: number } {
  bench.ours();
  bench.theirs();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    let ops = bench.ours();
    ours.push(ops / ((performance.now() - t) / 1000));
    t = performance.now();
    ops = bench.theirs();
    theirs.push(ops / ((performance.now() - t) / 1000));
  }
  return { ours: median(ours), theirs: median(theirs) };
}

const KEYS = Array.from({ length: 100_000 }, (_, i) => `user:${(i * 2654435761) >>> 0}`);
const ABSENT = Array.from({ length: 100_000 }, (_, i) => `absent:${(i * 40503) >>> 0}:${i}`);

function bloomBench(): PeerBench {
  const { BloomFilter: PeerBloom } = require('bloom-filters') as { BloomFilter: typeof PeerBloomFilter };
  const bits = Math.ceil(bloom.bitsPerItemFor(0.01) * KEYS.length);
  const hashes = 7;
  return {
    labId: 'bloom-sketches',
    workload: `add ${KEYS.length.toLocaleString('en')} keys, then look up ${KEYS.length.toLocaleString('en')} present and ${ABSENT.length.toLocaleString('en')} absent keys; m = ${bits.toLocaleString('en')} bits (1%), k = ${hashes}`,
    peer: 'bloom-filters (BloomFilter)',
    ours: () => {
      const f = new bloom.BloomFilter(bits, hashes);
      for (const k of KEYS) f.add(k);
      let hits = 0;
      for (const k of KEYS) if (f.has(k)) hits++;
      for (const k of ABSENT) if (f.has(k)) hits++;
      return KEYS.length * 2 + ABSENT.length + (hits & 0);
    },
    theirs: () => {
      const f = new PeerBloom(bits, hashes);
      for (const k of KEYS) f.add(k);
      let hits = 0;
      for (const k of KEYS) if (f.has(k)) hits++;
      for (const k of ABSENT) if (f.has(k)) hits++;
      return KEYS.length * 2 + ABSENT.length + (hits & 0);
    },
  };
}

function ringBench(): PeerBench {
  const HashRingPeer = require('hashring') as new (servers: string[]) => { get(key: string): string };
  const servers = Array.from({ length: 10 }, (_, i) => `10.0.0.${i + 1}:11211`);
  // hashring places 40 hashes × 4 replicas = 160 points per server (ketama); ours gets 160 virtual nodes.
  const ours = new ring.HashRing(160);
  for (const s of servers) ours.addNode(s);
  const theirs = new HashRingPeer(servers);
  return {
    labId: 'consistent-hashing',
    workload: `look up ${KEYS.length.toLocaleString('en')} distinct keys on 10 servers × 160 ring points`,
    peer: 'hashring (get; md5 and its LRU cache, its defaults)',
    ours: () => {
      let n = 0;
      for (const k of KEYS) n += ours.owner(k).length;
      return KEYS.length + (n & 0);
    },
    theirs: () => {
      let n = 0;
      for (const k of KEYS) n += theirs.get(k).length;
      return KEYS.length + (n & 0);
    },
  };
}

/** The peer benches whose both sides are synchronous, one per lab that has a peer. */
export const PEER_BENCHES: (() => PeerBench)[] = [bloomBench, ringBench];
/** Peers whose work finishes in promises (timed until they settle), keyed by lab id. */
export const ASYNC_PEER_BENCHES: Record<string, () => Promise<PeerFigure>> = {
  'rate-limiters': rateLimitersPeer,
};

export async function labPeers(
  benches: readonly (() => PeerBench)[] = PEER_BENCHES,
  asyncBenches: Record<string, () => Promise<PeerFigure>> = ASYNC_PEER_BENCHES,
): Promise<Record<string, PeerFigure>> {
  const out: Record<string, PeerFigure> = {};
  for (const [labId, measure] of Object.entries(asyncBenches)) out[labId] = await measure();
  for (const make of benches) {
    const bench = make();
    const { ours, theirs } = opsPerSec(bench);
    out[bench.labId] = {
      workload: bench.workload,
      oursOpsPerSec: Math.round(ours),
      peer: bench.peer,
      peerOpsPerSec: Math.round(theirs),
      ratio: round(ours / theirs, 2),
    };
  }
  return out;
}

/** Every registered lab's default experiments, one after another, in Node: median of 3 (ms). */
export function labRunDefaultMs(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of Object.keys(LAB_REGISTRY)) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      times.push(runLabDefaults([id]).reduce((sum, run) => sum + run.ms, 0));
    }
    out[id] = round(median(times), 0);
  }
  return out;
}

/**
 * The JavaScript (gzip -9) a browser loads when it goes from the library to a lab page and the lab's
 * code opens: the Labs screen, the labs, Monaco and its workers, the sandbox Worker — everything
 * beyond what the library had already loaded.
 */
export async function labsChunkGzipKb(): Promise<{ gzipKb: number; rawKb: number; files: number }> {
  const browser = await launchBrowser();
  const dir = tempDataDir('bench-labs');
  const shell = await startShell(dir);
  try {
    const { context, page } = await newPage(browser);
    const loaded = new Set<string>();
    context.on('response', (res) => {
      const p = new URL(res.url()).pathname;
      if (p.endsWith('.js')) loaded.add(p);
    });
    await page.goto(shell.url);
    await page.locator('[data-testid="library-item"]').first().waitFor();
    const library = new Set(loaded);
    await page.goto(`${shell.url}/#/labs/consistent-hashing`);
    await page.getByTestId('claims-table').waitFor({ timeout: 60_000 });
    await page.locator('.lab-editor .view-lines').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run my version' }).click();
    await page.getByTestId('property-results').waitFor({ timeout: 60_000 });
    let raw = 0;
    let gzip = 0;
    let files = 0;
    for (const p of loaded) {
      if (library.has(p)) continue;
      const bytes = fs.readFileSync(path.join(ROOT, 'dist', 'renderer', p));
      raw += bytes.length;
      gzip += zlib.gzipSync(bytes, { level: 9 }).length;
      files++;
    }
    await context.close();
    return { gzipKb: round(gzip / 1024, 1), rawKb: round(raw / 1024, 1), files };
  } finally {
    await shell.stop();
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
