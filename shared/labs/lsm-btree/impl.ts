/**
 * Two storage engines behind the same put/get: a B+tree that updates pages in place, and an LSM tree
 * (memtable + write-ahead log + sorted tables in levels, leveled compaction, a Bloom filter per table).
 *
 * Nothing touches a real disk: each engine counts what it would read and write (pages for the B+tree,
 * tables and entries for the LSM tree), which is what write, read and space amplification are made of.
 * Keys and values are integers; `entryBytes` turns entry counts into bytes.
 */

export interface IoCounters {
  /** Bytes the engine wrote to disk (WAL, flushes, compactions for the LSM; whole pages for the B+tree). */
  bytesWritten: number;
  /** Pages or tables read from disk by lookups. */
  reads: number;
  /** Lookups answered. */
  lookups: number;
}

// ---------------------------------------------------------------------------------------------------
// B+tree

interface BNode {
  leaf: boolean;
  keys: number[];
  /** Leaves: one value per key. */
  values: number[];
  /** Internal nodes: keys.length + 1 children. */
  children: BNode[];
}

/**
 * A B+tree where every node holds at most `fanout` entries (leaves) or children (internal nodes).
 * Each insert rewrites the leaf page it lands in (no buffer pool to absorb repeated writes), and each
 * split writes the new sibling and the parent: that is where a B+tree's write amplification comes from.
 */
export class BPlusTree {
  private root: BNode = { leaf: true, keys: [], values: [], children: [] };
  private entries = 0;
  private pages = 1;
  readonly io: IoCounters = { bytesWritten: 0, reads: 0, lookups: 0 };

  constructor(
    readonly fanout: number,
    readonly entryBytes = 100,
  ) {
    if (fanout < 3) throw new Error('A B+tree needs a fan-out of at least 3');
  }

  private get pageBytes(): number {
    return this.fanout * this.entryBytes;
  }

  put(key: number, value: number): void {
    const split = this.insert(this.root, key, value);
    if (split) {
      // The root split: the tree grows one level taller, at the top (that is why it stays balanced).
      this.root = { leaf: false, keys: [split.key], values: [], children: [this.root, split.right] };
      this.pages += 1;
      this.io.bytesWritten += this.pageBytes;
    }
  }

  private insert(node: BNode, key: number, value: number): { key: number; right: BNode } | null {
    const i = upperBound(node.keys, key);
    if (node.leaf) {
      if (i > 0 && node.keys[i - 1] === key) {
        node.values[i - 1] = value; // an update rewrites the page too
      } else {
        node.keys.splice(i, 0, key);
        node.values.splice(i, 0, value);
        this.entries += 1;
      }
      this.io.bytesWritten += this.pageBytes;
      if (node.keys.length <= this.fanout) return null;
      const mid = node.keys.length >> 1;
      const right: BNode = {
        leaf: true,
        keys: node.keys.splice(mid),
        values: node.values.splice(mid),
        children: [],
      };
      this.pages += 1;
      this.io.bytesWritten += this.pageBytes;
      return { key: right.keys[0]!, right };
    }
    const split = this.insert(node.children[i]!, key, value);
    if (!split) return null;
    node.keys.splice(i, 0, split.key);
    node.children.splice(i + 1, 0, split.right);
    this.io.bytesWritten += this.pageBytes;
    if (node.children.length <= this.fanout) return null;
    const mid = node.keys.length >> 1;
    const up = node.keys[mid]!;
    const right: BNode = {
      leaf: false,
      keys: node.keys.splice(mid + 1),
      values: [],
      children: node.children.splice(mid + 1),
    };
    node.keys.pop(); // `up` moves to the parent
    this.pages += 1;
    this.io.bytesWritten += this.pageBytes;
    return { key: up, right };
  }

  /** One page read per level, root to leaf. */
  get(key: number): number | undefined {
    this.io.lookups += 1;
    let node = this.root;
    this.io.reads += 1;
    while (!node.leaf) {
      node = node.children[upperBound(node.keys, key)]!;
      this.io.reads += 1;
    }
    const i = upperBound(node.keys, key) - 1;
    return i >= 0 && node.keys[i] === key ? node.values[i] : undefined;
  }

  height(): number {
    let h = 1;
    for (let node = this.root; !node.leaf; node = node.children[0]!) h += 1;
    return h;
  }

  /** Pages on each level, root first. */
  pagesPerLevel(): number[] {
    const out: number[] = [];
    let level: BNode[] = [this.root];
    while (level.length > 0) {
      out.push(level.length);
      level = level.flatMap((n) => n.children);
    }
    return out;
  }

  /** How full the leaves are on average (random inserts settle near ln 2 ≈ 69%). */
  leafFill(): number {
    const leaves = this.pagesPerLevel().at(-1) ?? 1;
    return this.entries / (leaves * this.fanout);
  }

  size(): number {
    return this.entries;
  }

  /** Bytes on disk: every page, full or not. */
  diskBytes(): number {
    return this.pages * this.pageBytes;
  }
}

/** First index whose key is greater than `key` (keys sorted ascending). */
function upperBound(keys: readonly number[], key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The fan-out calculator: the fewest levels a B+tree with `fanout` children per node needs to hold
 * `rows` rows in full pages, i.e. the smallest h with fanout^h ≥ rows.
 */
export function heightForRows(rows: number, fanout: number): number {
  let height = 1;
  for (let capacity = fanout; capacity < rows; capacity *= fanout) height += 1;
  return height;
}

// ---------------------------------------------------------------------------------------------------
// LSM tree

/** MurmurHash3's finaliser: every input bit affects every output bit (plain multiplication would not). */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A Bloom filter per table: a "no" skips reading the table. */
export class BloomFilter {
  private readonly bits: Uint8Array;

  constructor(
    readonly sizeBits: number,
    readonly hashes: number,
  ) {
    this.bits = new Uint8Array(Math.ceil(Math.max(8, sizeBits) / 8));
  }

  private position(key: number, i: number): number {
    // Double hashing over two well-mixed 32-bit hashes; `>>> 0` keeps them unsigned.
    const h1 = mix32(key);
    const h2 = (mix32(key ^ 0x9e3779b9) | 1) >>> 0;
    return (h1 + i * h2) % Math.max(8, this.sizeBits);
  }

  add(key: number): void {
    for (let i = 0; i < this.hashes; i++) {
      const p = this.position(key, i);
      this.bits[p >> 3]! |= 1 << (p & 7);
    }
  }

  mightContain(key: number): boolean {
    for (let i = 0; i < this.hashes; i++) {
      const p = this.position(key, i);
      if ((this.bits[p >> 3]! & (1 << (p & 7))) === 0) return false;
    }
    return true;
  }
}

/** An immutable sorted table on disk (an SSTable). */
export interface Table {
  keys: number[];
  values: number[];
  minKey: number;
  maxKey: number;
  bloom: BloomFilter | null;
}

export interface LsmOptions {
  /** Entries the memtable holds before it is flushed to a level-0 table. */
  memtableEntries: number;
  /** Entries per table below level 0. */
  tableEntries: number;
  /** Level-0 tables (which overlap) before they are merged into level 1. */
  level0Tables: number;
  /** Each level holds this many times more than the one above (10 in RocksDB and LevelDB). */
  levelFanout: number;
  /** Bloom filter bits per key; 0 turns the filters off. */
  bloomBitsPerKey: number;
  /** False turns compaction off: tables pile up in level 0. */
  compaction: boolean;
  entryBytes: number;
}

export interface LsmEvent {
  kind: 'flush' | 'compaction';
  fromLevel: number;
  toLevel: number;
  entriesWritten: number;
}

export class LsmTree {
  private memtable = new Map<number, number>();
  /** levels[0] newest table first (tables overlap); deeper levels sorted by key, no overlap. */
  readonly levels: Table[][] = [[]];
  readonly io: IoCounters = { bytesWritten: 0, reads: 0, lookups: 0 };
  /** Table reads the Bloom filters avoided. */
  bloomSkips = 0;
  readonly events: LsmEvent[] = [];
  private nextCompaction: number[] = [];

  constructor(readonly opts: LsmOptions) {}

  put(key: number, value: number): void {
    // The write-ahead log: one sequential append per write, so a crash loses nothing in memory.
    this.io.bytesWritten += this.opts.entryBytes;
    this.memtable.set(key, value);
    if (this.memtable.size >= this.opts.memtableEntries) this.flush();
  }

  flush(): void {
    if (this.memtable.size === 0) return;
    const keys = [...this.memtable.keys()].sort((a, b) => a - b);
    const table = this.makeTable(
      keys,
      keys.map((k) => this.memtable.get(k)!),
    );
    this.memtable = new Map();
    this.levels[0]!.unshift(table);
    this.io.bytesWritten += keys.length * this.opts.entryBytes;
    this.events.push({ kind: 'flush', fromLevel: -1, toLevel: 0, entriesWritten: keys.length });
    if (this.opts.compaction) this.compact();
  }

  private makeTable(keys: number[], values: number[]): Table {
    let bloom: BloomFilter | null = null;
    if (this.opts.bloomBitsPerKey > 0) {
      bloom = new BloomFilter(
        Math.ceil(keys.length * this.opts.bloomBitsPerKey),
        Math.max(1, Math.round(this.opts.bloomBitsPerKey * Math.LN2)),
      );
      for (const k of keys) bloom.add(k);
    }
    return { keys, values, minKey: keys[0]!, maxKey: keys[keys.length - 1]!, bloom };
  }

  /** Entries a level may hold before it spills into the next one. */
  private levelLimit(level: number): number {
    // Level 1 holds as much as a full level 0 (as RocksDB's defaults do); each level below, fanout× more.
    return this.opts.level0Tables * this.opts.memtableEntries * Math.pow(this.opts.levelFanout, level - 1);
  }

  private compact(): void {
    if (this.levels[0]!.length >= this.opts.level0Tables) {
      // Level 0 tables overlap each other, so all of them merge into level 1 at once.
      this.mergeInto(1, this.levels[0]!.splice(0));
    }
    for (let level = 1; level < this.levels.length; level++) {
      const tables = this.levels[level]!;
      if (entriesIn(tables) <= this.levelLimit(level)) continue;
      // Leveled compaction: push one table down (round robin over the key space), merging it with
      // the tables it overlaps in the next level. Rewriting those overlaps is the write amplification.
      const pick = (this.nextCompaction[level] ?? 0) % tables.length;
      this.nextCompaction[level] = pick + 1;
      this.mergeInto(level + 1, tables.splice(pick, 1));
      level -= 1; // the same level may still be over its limit
    }
  }

  /** Merges `incoming` (newest first) with the overlapping tables of `level`. */
  private mergeInto(level: number, incoming: Table[]): void {
    while (this.levels.length <= level) this.levels.push([]);
    const target = this.levels[level]!;
    const minKey = Math.min(...incoming.map((t) => t.minKey));
    const maxKey = Math.max(...incoming.map((t) => t.maxKey));
    const overlapping = target.filter((t) => t.maxKey >= minKey && t.minKey <= maxKey);
    const kept = target.filter((t) => !overlapping.includes(t));
    // Newer tables win: apply oldest first so newer values overwrite.
    const merged = new Map<number, number>();
    for (const table of [...overlapping, ...[...incoming].reverse()]) {
      table.keys.forEach((k, i) => merged.set(k, table.values[i]!));
    }
    const keys = [...merged.keys()].sort((a, b) => a - b);
    const out: Table[] = [];
    for (let i = 0; i < keys.length; i += this.opts.tableEntries) {
      const slice = keys.slice(i, i + this.opts.tableEntries);
      out.push(
        this.makeTable(
          slice,
          slice.map((k) => merged.get(k)!),
        ),
      );
    }
    this.io.bytesWritten += keys.length * this.opts.entryBytes;
    this.events.push({
      kind: 'compaction',
      fromLevel: level - 1,
      toLevel: level,
      entriesWritten: keys.length,
    });
    this.levels[level] = [...kept, ...out].sort((a, b) => a.minKey - b.minKey);
  }

  get(key: number): number | undefined {
    this.io.lookups += 1;
    const fromMemory = this.memtable.get(key);
    if (fromMemory !== undefined) return fromMemory;
    for (let level = 0; level < this.levels.length; level++) {
      // Level 0 may have several tables covering the key (newest first); deeper levels at most one.
      for (const table of this.levels[level]!) {
        if (key < table.minKey || key > table.maxKey) continue;
        if (table.bloom && !table.bloom.mightContain(key)) {
          this.bloomSkips += 1;
          continue;
        }
        this.io.reads += 1;
        const i = upperBound(table.keys, key) - 1;
        if (i >= 0 && table.keys[i] === key) return table.values[i];
      }
    }
    return undefined;
  }

  /** Entries on disk, counting every stale version still waiting for compaction. */
  diskEntries(): number {
    return this.levels.reduce((sum, tables) => sum + entriesIn(tables), 0);
  }

  diskBytes(): number {
    return this.diskEntries() * this.opts.entryBytes;
  }
}

function entriesIn(tables: readonly Table[]): number {
  return tables.reduce((sum, t) => sum + t.keys.length, 0);
}
