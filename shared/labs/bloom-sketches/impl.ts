/**
 * Probabilistic structures that trade a little accuracy for a lot of memory: a Bloom filter (double
 * hashing), a counting Bloom filter (deletes), HyperLogLog (distinct counts) and Count-Min (frequencies).
 *
 * This file is self-contained (no imports) so the app can run your edited copy in a sandbox.
 */

/** MurmurHash3 (x86, 32-bit) of the string's UTF-16 code units, with a seed. */
export function murmur3(text: string, seed: number): number {
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let i = 0;
  for (; i + 1 < text.length; i += 2) {
    let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < text.length) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= text.length * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The expected false-positive rate of m bits, n items and k hashes: (1 − e^(−kn/m))^k. */
export function expectedFalsePositiveRate(bits: number, items: number, hashes: number): number {
  return Math.pow(1 - Math.exp((-hashes * items) / bits), hashes);
}

/** The number of hashes that minimises the false-positive rate: (m/n)·ln 2. */
export function optimalHashes(bits: number, items: number): number {
  return (bits / items) * Math.LN2;
}

/** Bits per item for a target false-positive rate p at the optimal k: −ln p / (ln 2)². */
export function bitsPerItemFor(rate: number): number {
  return -Math.log(rate) / (Math.LN2 * Math.LN2);
}

/**
 * A Bloom filter over `bits` bits with `hashes` positions per item, from two hashes combined as
 * h1 + i·h2 (Kirsch–Mitzenmacher double hashing: as good as k independent hashes, and cheaper).
 */
export class BloomFilter {
  readonly words: Uint32Array;

  constructor(
    readonly bits: number,
    readonly hashes: number,
  ) {
    this.words = new Uint32Array(Math.ceil(bits / 32));
  }

  /** The bit positions of `item`. */
  positions(item: string): number[] {
    const h1 = murmur3(item, 0x9747b28c);
    const h2 = murmur3(item, 0x5bd1e995) | 1; // odd, so the k positions never collapse into one
    const out: number[] = [];
    for (let i = 0; i < this.hashes; i++) out.push(((h1 + Math.imul(i, h2)) >>> 0) % this.bits);
    return out;
  }

  add(item: string): void {
    for (const p of this.positions(item)) this.words[p >>> 5]! |= 1 << (p & 31);
  }

  /** False means certainly absent; true means probably present. */
  has(item: string): boolean {
    for (const p of this.positions(item)) if ((this.words[p >>> 5]! & (1 << (p & 31))) === 0) return false;
    return true;
  }

  isSet(position: number): boolean {
    return (this.words[position >>> 5]! & (1 << (position & 31))) !== 0;
  }

  /** The fraction of bits set to 1. */
  fillRatio(): number {
    let set = 0;
    for (let p = 0; p < this.bits; p++) if (this.isSet(p)) set++;
    return set / this.bits;
  }
}

/** A Bloom filter with a small counter per position instead of a bit, so items can be removed. */
export class CountingBloomFilter {
  readonly counters: Uint8Array;
  private readonly shape: BloomFilter;

  constructor(
    readonly size: number,
    readonly hashes: number,
  ) {
    this.counters = new Uint8Array(size);
    this.shape = new BloomFilter(size, hashes);
  }

  add(item: string): void {
    // Counters saturate at 255 and then never go down again (a decrement could cause a false negative).
    for (const p of this.shape.positions(item)) if (this.counters[p]! < 255) this.counters[p]!++;
  }

  /** Only remove items that were added: removing a stranger can cause false negatives. */
  remove(item: string): void {
    for (const p of this.shape.positions(item)) {
      const c = this.counters[p]!;
      if (c > 0 && c < 255) this.counters[p] = c - 1;
    }
  }

  has(item: string): boolean {
    for (const p of this.shape.positions(item)) if (this.counters[p] === 0) return false;
    return true;
  }
}

/** HyperLogLog with 2^p registers: the longest run of leading zeros seen per register. */
export class HyperLogLog {
  readonly registers: Uint8Array;
  readonly m: number;

  constructor(readonly p: number) {
    this.m = 1 << p;
    this.registers = new Uint8Array(this.m);
  }

  add(item: string): void {
    const h = murmur3(item, 0x2f693b52);
    const index = h >>> (32 - this.p);
    const rest = (h << this.p) | (1 << (this.p - 1)); // a sentinel bit bounds the run
    const rank = Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** The estimate, with linear counting for small cardinalities (Flajolet et al. 2007). */
  count(): number {
    const m = this.m;
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const r = this.registers[i]!;
      sum += Math.pow(2, -r);
      if (r === 0) zeros++;
    }
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    return raw;
  }
}

/** Count-Min sketch: `depth` rows of `width` counters; an item's estimate is its smallest counter. */
export class CountMinSketch {
  readonly table: Uint32Array;

  constructor(
    readonly width: number,
    readonly depth: number,
  ) {
    this.table = new Uint32Array(width * depth);
  }

  private column(item: string, row: number): number {
    return murmur3(item, 0x01000193 + row * 0x9e3779b1) % this.width;
  }

  add(item: string, count = 1): void {
    for (let row = 0; row < this.depth; row++)
      this.table[row * this.width + this.column(item, row)]! += count;
  }

  /** Never below the true count; above it by at most (e/width)·total with probability 1 − e^(−depth). */
  estimate(item: string): number {
    let best = Infinity;
    for (let row = 0; row < this.depth; row++) {
      best = Math.min(best, this.table[row * this.width + this.column(item, row)]!);
    }
    return best;
  }
}
