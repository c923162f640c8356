/**
 * The catalogue of labs (runnable reference implementations). Content links to labs by these ids;
 * the validator refuses a link to an id that is not here.
 */
export interface LabInfo {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}

export const LABS: readonly LabInfo[] = [
  {
    id: 'consistent-hashing',
    title: 'Consistent hashing',
    summary:
      'A hash ring with virtual nodes and replicas: how many keys move when a node joins, and how even the load is.',
  },
  {
    id: 'bloom-sketches',
    title: 'Bloom filters and sketches',
    summary:
      'Bloom, counting Bloom, HyperLogLog and Count-Min: false-positive rates, memory per item and error bounds.',
  },
  {
    id: 'rate-limiters',
    title: 'Rate limiters',
    summary:
      'Fixed window, sliding log, sliding counter and token bucket side by side, including the window-edge burst.',
  },
  {
    id: 'lsm-btree',
    title: 'LSM tree vs B-tree',
    summary: 'Write, read and space amplification of an LSM tree against a B+tree of adjustable order.',
  },
  {
    id: 'partitioned-log',
    title: 'Partitioned log',
    summary: 'A Kafka-style log: partitions, consumer groups, offsets, idempotent producers and compaction.',
  },
  {
    id: 'dedup-pipeline',
    title: 'Dedup pipeline',
    summary:
      'Input log to dedup worker to output log, with crashes injected at every step and recovery from the output.',
  },
  {
    id: 'db-queue',
    title: 'Database as a queue',
    summary:
      'Immutable jobs and append-only transitions on SQLite, per-endpoint isolation, backoff and table rotation.',
  },
  {
    id: 'cache-failures',
    title: 'Cache failure modes',
    summary: 'Stampede, avalanche and penetration, and the fixes for each, on a Zipf workload.',
  },
  {
    id: 'load-balancing',
    title: 'Load balancing',
    summary: 'Round robin, least connections, power of two choices and more over servers of uneven speed.',
  },
  {
    id: 'replication-quorums',
    title: 'Replication and quorums',
    summary: 'Leader/follower lag and leaderless N/W/R quorums, with stale reads measured.',
  },
  {
    id: 'mvcc-isolation',
    title: 'MVCC and isolation',
    summary:
      'A snapshot store at read committed, snapshot isolation and serializable, with write skew shown.',
  },
  {
    id: 'locks-deadlocks',
    title: 'Locks and deadlocks',
    summary: 'A lock manager with a wait-for graph, and lease locks with fencing tokens.',
  },
  {
    id: 'circuit-breaker',
    title: 'Circuit breaker and retries',
    summary: 'Retry amplification across layers, and how a breaker cuts load on a failing dependency.',
  },
  {
    id: 'search-index',
    title: 'Search',
    summary: 'An inverted index with positions and BM25 scoring, with index size and shard arithmetic.',
  },
  {
    id: 'slo-budgets',
    title: 'SLO error budgets',
    summary: 'An error-budget ledger and multi-window burn-rate alerts.',
  },
  {
    id: 'sagas-outbox',
    title: 'Sagas and outbox',
    summary: 'Dual writes against the outbox pattern under injected crashes.',
  },
  {
    id: 'realtime-presence',
    title: 'Real-time and presence',
    summary: 'Heartbeat presence, per-conversation sequence numbers and a sequence CRDT.',
  },
  {
    id: 'object-storage',
    title: 'Object storage',
    summary: 'Multipart upload, Reed-Solomon erasure coding and chunk-level dedup.',
  },
  {
    id: 'feed-fanout',
    title: 'Feed fan-out',
    summary: 'Push, pull and hybrid fan-out over a power-law follower graph.',
  },
  {
    id: 'task-scheduler',
    title: 'Task scheduler',
    summary: 'Leases, zombie detection, fencing by attempt, backoff and a dead-letter queue on SQLite.',
  },
  {
    id: 'notification-pipeline',
    title: 'Notification pipeline',
    summary: 'Priorities, a dedup window, aggregation, quiet hours and per-channel limits.',
  },
  {
    id: 'cell-router',
    title: 'Cell router',
    summary: 'Cache, mapping table and least-loaded assignment with a conditional put, including the race.',
  },
  {
    id: 'clocks-ordering',
    title: 'Clocks and ordering',
    summary: 'Lamport clocks, vector clocks and hybrid logical clocks against skewed wall clocks.',
  },
  {
    id: 'url-keys',
    title: 'URL shortener keys',
    summary: 'Base62 encoding, a key-generation service with batches, and hash truncation with collisions.',
  },
  {
    id: 'db-selection',
    title: 'Database selection',
    summary: 'The database decision tree as data, with the reason behind each branch.',
  },
];

export const LAB_IDS: ReadonlySet<string> = new Set(LABS.map((lab) => lab.id));
