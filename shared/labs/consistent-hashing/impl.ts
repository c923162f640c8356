/**
 * Consistent hashing: a hash ring with virtual nodes and replicas, next to plain modulo hashing.
 *
 * Each physical node is placed on a 32-bit ring at `vnodesPerNode` points (its virtual nodes). A key
 * belongs to the first point clockwise from the key's hash; its replicas go to the next points that
 * belong to other physical nodes, so a key's RF owners are always distinct machines.
 *
 * This file is self-contained (no imports) so the app can run your edited copy in a sandbox.
 */

/** FNV-1a over the string's UTF-16 code units, then murmur3's finaliser so close strings spread out. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface RingPoint {
  /** Position on the ring, 0 … 2^32 − 1. */
  hash: number;
  node: string;
}

export class HashRing {
  private points: RingPoint[] = [];
  private members = new Set<string>();
  /** Binary-search probes made by the last lookup (the "O(log N·V)" in the claims). */
  lastProbes = 0;

  constructor(readonly vnodesPerNode: number) {}

  addNode(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    for (let v = 0; v < this.vnodesPerNode; v++) {
      this.points.push({ hash: hash32(`${node}#${v}`), node });
    }
    // Ties are broken by node name so every ring built from the same nodes is identical.
    this.points.sort((a, b) => a.hash - b.hash || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  removeNode(node: string): void {
    if (!this.members.delete(node)) return;
    this.points = this.points.filter((p) => p.node !== node);
  }

  nodes(): string[] {
    return [...this.members];
  }

  ringPoints(): readonly RingPoint[] {
    return this.points;
  }

  /** Index of the first point at or after `hash` (wrapping to 0 past the end). */
  private firstAtOrAfter(hash: number): number {
    let lo = 0;
    let hi = this.points.length;
    let probes = 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      probes++;
      if (this.points[mid]!.hash < hash) lo = mid + 1;
      else hi = mid;
    }
    this.lastProbes = probes;
    return lo === this.points.length ? 0 : lo;
  }

  /** The node that owns `key` (its first replica). */
  owner(key: string): string {
    if (this.points.length === 0) throw new Error('The ring has no nodes');
    return this.points[this.firstAtOrAfter(hash32(key))]!.node;
  }

  /**
   * The `replicas` distinct nodes that hold `key`, walking clockwise from its hash and skipping
   * virtual nodes of machines already chosen. Fewer if the ring has fewer machines.
   */
  owners(key: string, replicas: number): string[] {
    if (this.points.length === 0) throw new Error('The ring has no nodes');
    const wanted = Math.min(replicas, this.members.size);
    const chosen: string[] = [];
    let i = this.firstAtOrAfter(hash32(key));
    for (let walked = 0; chosen.length < wanted && walked < this.points.length; walked++) {
      const node = this.points[i]!.node;
      if (!chosen.includes(node)) chosen.push(node);
      i = i + 1 === this.points.length ? 0 : i + 1;
    }
    return chosen;
  }
}

/** The naive scheme: node = hash(key) mod N. Changing N remaps almost every key. */
export function moduloOwner(key: string, nodes: readonly string[]): string {
  if (nodes.length === 0) throw new Error('No nodes');
  return nodes[hash32(key) % nodes.length]!;
}
