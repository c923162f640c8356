/**
 * A dedup worker between two logs, as in the notes' analytics pipeline:
 *
 *   input log ──► worker (Bloom filter + key store) ──► output log
 *
 * For each message the worker (1) reads it, looks its id up, and if new (2) writes the id to the key
 * store, (3) publishes it to the output log and (4) commits its input offset. A crash can happen
 * before or after any step; on restart the worker resumes from the last committed offset.
 *
 * What survives a crash: the input log, the output log and the committed offset (they live in the
 * log brokers). The key store lives on the worker's disk; recovery either rebuilds it from the output
 * log (the notes' principle: the output log is the commit point) or reattaches the old disk as it was
 * (the trap). Time is the input offset: message n arrives at time n, so windows and retention are
 * counted in messages.
 */

export interface Message {
  id: string;
  /** Position in the input log (also the arrival time). */
  offset: number;
}

export interface Published {
  id: string;
  /** The input offset it was read from (its time, for retention and the dedup window). */
  offset: number;
}

export type Step = 'store' | 'publish' | 'commit';

/** The usual order: write the id, publish, then commit the offset. */
export const RECOMMENDED_ORDER: readonly Step[] = ['store', 'publish', 'commit'];

export type Recovery = 'rebuild-from-output' | 'reattach-store';

/** The notes' recovery: the key store is derived state, rebuilt from the output log. */
export const RECOMMENDED_RECOVERY: Recovery = 'rebuild-from-output';

export interface CrashPoint {
  /** The input offset being processed when the worker dies. */
  offset: number;
  step: Step;
  when: 'before' | 'after';
}

/** Thrown to simulate the process dying: everything in memory is gone. */
export class Crash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`crashed ${point.when} ${point.step} at offset ${point.offset}`);
  }
}

/** 32-bit FNV-1a; the second hash for double hashing reuses it with a different seed. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final mix so that ids differing only in their last characters spread over all bits.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * A Bloom filter in front of the key store: "no" is certain (skip the disk read), "maybe" costs a
 * read. Double hashing: position i = h1 + i × h2.
 */
export class BloomFilter {
  private readonly bits: Uint8Array;

  constructor(
    readonly sizeBits: number,
    readonly hashes: number,
  ) {
    this.bits = new Uint8Array(Math.ceil(sizeBits / 8));
  }

  private positions(key: string): number[] {
    const h1 = fnv1a(key, 0);
    // Odd step, kept unsigned: `| 1` alone would make it a negative 32-bit integer half the time.
    const h2 = (fnv1a(key, 0x9e3779b9) | 1) >>> 0;
    return Array.from({ length: this.hashes }, (_, i) => (h1 + i * h2) % this.sizeBits);
  }

  add(key: string): void {
    for (const p of this.positions(key)) this.bits[p >> 3]! |= 1 << (p & 7);
  }

  mightContain(key: string): boolean {
    return this.positions(key).every((p) => (this.bits[p >> 3]! & (1 << (p & 7))) !== 0);
  }
}

export interface LookupStats {
  lookups: number;
  /** Lookups the Bloom filter answered "definitely new" without touching the store. */
  bloomSkips: number;
  /** Store reads that found nothing: the Bloom filter's false positives. */
  falsePositives: number;
}

/** The key store (RocksDB in the notes): id → offset it was first seen at, kept for the dedup window. */
export class KeyStore {
  private readonly ids = new Map<string, number>();
  private bloom: BloomFilter;
  readonly stats: LookupStats = { lookups: 0, bloomSkips: 0, falsePositives: 0 };

  constructor(
    readonly windowMessages: number,
    private readonly bloomBits: number,
    private readonly bloomHashes: number,
  ) {
    this.bloom = new BloomFilter(bloomBits, bloomHashes);
  }

  /** True if `id` was seen within the dedup window before `nowOffset`. */
  has(id: string, nowOffset: number): boolean {
    this.stats.lookups += 1;
    if (!this.bloom.mightContain(id)) {
      this.stats.bloomSkips += 1;
      return false;
    }
    const seenAt = this.ids.get(id);
    if (seenAt === undefined) {
      this.stats.falsePositives += 1;
      return false;
    }
    // Older than the window: forgotten on purpose (the store keeps four weeks, not forever).
    return nowOffset - seenAt <= this.windowMessages;
  }

  put(id: string, offset: number): void {
    this.ids.set(id, offset);
    this.bloom.add(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** A copy of what is on disk, as a reattached volume would have it (the Bloom filter is rebuilt). */
  snapshot(): KeyStore {
    const copy = new KeyStore(this.windowMessages, this.bloomBits, this.bloomHashes);
    for (const [id, offset] of this.ids) copy.put(id, offset);
    return copy;
  }
}

export interface PipelineOptions {
  order: readonly Step[];
  /** How long the store remembers an id, in messages (four weeks in the notes). */
  dedupWindow: number;
  /** How long the output log keeps messages, in messages (seven days in the notes). */
  outputRetention: number;
  bloomBits: number;
  bloomHashes: number;
}

/** The durable parts (logs, offset) and the worker's store. */
export interface PipelineState {
  input: readonly Message[];
  output: Published[];
  /** The next input offset to read after a restart. */
  committedOffset: number;
  store: KeyStore;
  /** Messages dropped as duplicates, by input offset. */
  dropped: number[];
}

export function createPipeline(input: readonly Message[], opts: PipelineOptions): PipelineState {
  return {
    input,
    output: [],
    committedOffset: 0,
    store: new KeyStore(opts.dedupWindow, opts.bloomBits, opts.bloomHashes),
    dropped: [],
  };
}

/**
 * Runs the worker from the committed offset to the end of the input, or until the crash point.
 * Returns 'crashed' if it died on the way.
 */
export function processMessages(
  state: PipelineState,
  opts: PipelineOptions,
  crash?: CrashPoint,
): 'done' | 'crashed' {
  try {
    for (let offset = state.committedOffset; offset < state.input.length; offset++) {
      const message = state.input[offset]!;
      const duplicate = state.store.has(message.id, offset);
      // A duplicate only needs its offset committed; a new message goes through every step.
      const steps: readonly Step[] = duplicate ? ['commit'] : opts.order;
      for (const step of steps) {
        if (crash && crash.offset === offset && crash.step === step && crash.when === 'before')
          throw new Crash(crash);
        if (step === 'store') state.store.put(message.id, offset);
        if (step === 'publish') state.output.push({ id: message.id, offset });
        if (step === 'commit') state.committedOffset = offset + 1;
        if (crash && crash.offset === offset && crash.step === step && crash.when === 'after')
          throw new Crash(crash);
      }
      if (duplicate) state.dropped.push(offset);
    }
    return 'done';
  } catch (error) {
    if (error instanceof Crash) return 'crashed';
    throw error;
  }
}

/**
 * Brings the worker back after a crash. Rebuilding replays the output log's retained messages into
 * a fresh store, so the store says exactly "published" and nothing else. Reattaching keeps whatever
 * the old store had on disk, including an id written just before the crash that never got published.
 */
export function recover(state: PipelineState, opts: PipelineOptions, mode: Recovery): void {
  if (mode === 'reattach-store') {
    state.store = state.store.snapshot();
    return;
  }
  const store = new KeyStore(opts.dedupWindow, opts.bloomBits, opts.bloomHashes);
  const now = state.committedOffset;
  for (const published of state.output) {
    // Messages older than the output log's retention are gone from it, so the rebuild cannot see them.
    if (now - published.offset <= opts.outputRetention) store.put(published.id, published.offset);
  }
  state.store = store;
}

/** Input → output with at most one crash and the given recovery; returns the final state. */
export function runPipeline(
  input: readonly Message[],
  opts: PipelineOptions,
  crash?: CrashPoint,
  recovery: Recovery = RECOMMENDED_RECOVERY,
): PipelineState {
  const state = createPipeline(input, opts);
  if (processMessages(state, opts, crash) === 'crashed') {
    recover(state, opts, recovery);
    processMessages(state, opts);
  }
  return state;
}
