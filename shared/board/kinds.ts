/**
 * What a shape on the whiteboard stands for in a system design, as data: the kinds, the words that
 * name each one on a hand-drawn shape, and which kinds hold state (so drawing one alone is a single
 * point of failure). Shapes from the app's shape library carry their library id in `customData.kind`
 * (renderer/src/interview/shapes.ts); `SHAPE_KINDS` maps those ids onto these kinds.
 *
 * Words come in two strengths. A strong word names a kind outright ("Redis", "Kafka"); a weak word is
 * generic ("service", "store", "log") and names a kind only when no strong word is present, so
 * "Cache service" is a cache and "Analytics service" a service. Among equals the longest phrase
 * wins, so "Redis pub/sub" is pub/sub and not a cache.
 */

export const KIND_IDS = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'gateway',
  'api-server',
  'service',
  'worker',
  'stream-processor',
  'database',
  'replica',
  'cache',
  'object-store',
  'search-index',
  'queue',
  'event-log',
  'pubsub',
  'coordinator',
  'external',
] as const;

export type KindId = (typeof KIND_IDS)[number];

export interface KindInfo {
  id: KindId;
  /** How the kind reads in a sentence ("a load balancer", "no cache"). */
  label: string;
  /**
   * Holds data that would be lost or unavailable if its one copy failed: drawn once with no replica,
   * standby or count, it is a single point of failure. A cache holds copies (losing it costs latency,
   * not data), so it is not counted here.
   */
  stateful: boolean;
  /** Words that name this kind outright. */
  strong: readonly string[];
  /** Generic words that name it only when nothing stronger is on the label. */
  weak?: readonly string[];
  /**
   * Names of managed or clustered products that are replicated by design: "DynamoDB" drawn once is
   * not a single point of failure the way "Database" drawn once is.
   */
  replicatedByDesign?: readonly string[];
  /** Other kinds that can stand in for this one when a design needs it (an API server is a service). */
  accepts?: readonly KindId[];
}

export const KINDS: readonly KindInfo[] = [
  {
    id: 'client',
    label: 'client',
    stateful: false,
    strong: ['client', 'clients', 'browser', 'mobile app', 'web app'],
    // "User service" and "User DB" are not clients: these name one only on their own.
    weak: [
      'user',
      'users',
      'device',
      'devices',
      'app',
      'rider',
      'driver',
      'viewer',
      'uploader',
      'publisher',
      'editor',
    ],
  },
  { id: 'dns', label: 'DNS', stateful: false, strong: ['dns', 'route 53', 'geodns'] },
  {
    id: 'cdn',
    label: 'CDN',
    stateful: false,
    strong: ['cdn', 'cloudfront', 'akamai', 'fastly', 'edge cache', 'edge pop'],
  },
  {
    id: 'load-balancer',
    label: 'load balancer',
    stateful: false,
    strong: ['load balancer', 'lb', 'elb', 'alb', 'nlb', 'haproxy', 'nginx', 'envoy', 'balancer'],
  },
  {
    id: 'gateway',
    label: 'API gateway',
    stateful: false,
    strong: ['api gateway', 'gateway', 'websocket gateway', 'websocket server', 'connection server', 'bff'],
    weak: ['edge', 'websocket', 'ingress'],
  },
  {
    id: 'api-server',
    label: 'API server',
    stateful: false,
    strong: ['api server', 'web server', 'app server', 'application server', 'rest api'],
    weak: ['api', 'backend', 'server', 'servers'],
    accepts: ['service'],
  },
  {
    id: 'service',
    label: 'service',
    stateful: false,
    strong: ['microservice'],
    weak: ['service', 'services', 'svc', 'handler', 'manager', 'engine', 'matcher', 'allocator', 'limiter'],
    accepts: ['api-server'],
  },
  {
    id: 'worker',
    label: 'worker',
    stateful: false,
    strong: [
      'worker',
      'workers',
      'consumer',
      'consumers',
      'crawler',
      'fetcher',
      'fetchers',
      'indexer',
      'transcoder',
      'transcoders',
      'cron',
      'scheduler',
      'dispatcher',
      'sweeper',
      'compactor',
      'batch job',
    ],
    weak: ['job', 'jobs', 'processor', 'pipeline'],
    accepts: ['stream-processor'],
  },
  {
    id: 'stream-processor',
    label: 'stream processor',
    stateful: false,
    strong: [
      'stream processor',
      'flink',
      'spark',
      'spark streaming',
      'storm',
      'samza',
      'kafka streams',
      'aggregator',
    ],
    accepts: ['worker'],
  },
  {
    id: 'database',
    label: 'database',
    stateful: true,
    strong: [
      'database',
      'databases',
      'db',
      'postgres',
      'postgresql',
      'mysql',
      'sql',
      'rds',
      'aurora',
      'dynamodb',
      'dynamo',
      'cassandra',
      'scylla',
      'scylladb',
      'mongodb',
      'mongo',
      'spanner',
      'cockroachdb',
      'bigtable',
      'hbase',
      'key-value store',
      'kv store',
      'kv',
      'datastore',
      'time-series db',
      'tsdb',
      'influxdb',
      'clickhouse',
      'druid',
      'olap',
    ],
    weak: ['store', 'storage', 'table', 'tables', 'ledger', 'warehouse'],
    replicatedByDesign: [
      'dynamodb',
      'dynamo',
      'cassandra',
      'scylla',
      'scylladb',
      'spanner',
      'cockroachdb',
      'bigtable',
      'aurora',
    ],
  },
  {
    id: 'replica',
    label: 'replica',
    stateful: true,
    strong: [
      'replica',
      'replicas',
      'read replica',
      'read replicas',
      'standby',
      'follower',
      'followers',
      'secondary',
    ],
  },
  {
    id: 'cache',
    label: 'cache',
    stateful: false,
    strong: ['cache', 'caches', 'redis', 'memcached', 'memcache', 'elasticache', 'in-memory cache'],
  },
  {
    id: 'object-store',
    label: 'object store',
    // Object storage is a replicated service by nature (S3 and its kind keep copies across zones).
    stateful: false,
    strong: ['object store', 'object storage', 's3', 'blob store', 'blob storage', 'gcs', 'bucket', 'blobs'],
    weak: ['blob'],
    replicatedByDesign: ['s3', 'gcs'],
  },
  {
    id: 'search-index',
    label: 'search index',
    stateful: true,
    strong: [
      'search index',
      'elasticsearch',
      'opensearch',
      'solr',
      'lucene',
      'inverted index',
      'trie',
      'quadtree',
      'geohash',
      'geo index',
      'spatial index',
    ],
    // "Search service" is a service; "Search" alone is the index.
    weak: ['index', 'search'],
  },
  {
    id: 'queue',
    label: 'queue',
    stateful: true,
    strong: [
      'queue',
      'queues',
      'sqs',
      'rabbitmq',
      'task queue',
      'job queue',
      'message queue',
      'mq',
      'celery',
    ],
    replicatedByDesign: ['sqs'],
  },
  {
    id: 'event-log',
    label: 'event log',
    stateful: true,
    strong: [
      'kafka',
      'kinesis',
      'event log',
      'event stream',
      'event bus',
      'pulsar',
      'redpanda',
      'cdc',
      'commit log',
    ],
    weak: ['log', 'stream', 'events'],
    replicatedByDesign: ['kafka', 'kinesis', 'pulsar', 'redpanda'],
  },
  {
    id: 'pubsub',
    label: 'pub/sub',
    stateful: false,
    strong: ['pub/sub', 'pubsub', 'pub-sub', 'sns', 'message bus'],
    weak: ['fan-out', 'fanout'],
  },
  {
    id: 'coordinator',
    label: 'coordination service',
    stateful: true,
    strong: ['zookeeper', 'etcd', 'consul', 'chubby', 'coordination', 'lock service', 'leader election'],
    replicatedByDesign: ['zookeeper', 'etcd', 'consul', 'chubby'],
  },
  {
    id: 'external',
    label: 'external provider',
    stateful: false,
    strong: [
      'apns',
      'fcm',
      'sms provider',
      'email provider',
      'payment provider',
      'psp',
      'stripe',
      'third party',
      'third-party',
      'external',
      'bank',
      'twilio',
    ],
    weak: ['provider', 'providers'],
  },
];

/** The app's shape library ids (customData.kind) and the kind each stands for. */
export const SHAPE_KINDS: Readonly<Record<string, KindId>> = {
  client: 'client',
  dns: 'dns',
  cdn: 'cdn',
  'load-balancer': 'load-balancer',
  gateway: 'gateway',
  'api-server': 'api-server',
  service: 'service',
  worker: 'worker',
  database: 'database',
  cache: 'cache',
  replica: 'replica',
  'object-store': 'object-store',
  search: 'search-index',
  queue: 'queue',
  stream: 'event-log',
  pubsub: 'pubsub',
};

const BY_ID = new Map(KINDS.map((k) => [k.id, k]));

export function isKindId(value: string): value is KindId {
  return BY_ID.has(value as KindId);
}

export function kindInfo(id: KindId): KindInfo {
  return BY_ID.get(id)!;
}

/** True when a node of kind `drawn` meets a design's need for `wanted`. */
export function satisfies(drawn: KindId, wanted: KindId): boolean {
  return drawn === wanted || (kindInfo(wanted).accepts ?? []).includes(drawn);
}

/** Lower case, punctuation other than `/` and `-` turned to spaces, runs of space collapsed. */
export function normaliseWords(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9/\-\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

interface Phrase {
  kind: KindId;
  phrase: string;
  strong: boolean;
  order: number;
}

const PHRASES: readonly Phrase[] = KINDS.flatMap((k, order) => [
  ...k.strong.map((phrase) => ({ kind: k.id, phrase, strong: true, order })),
  ...(k.weak ?? []).map((phrase) => ({ kind: k.id, phrase, strong: false, order })),
]);

/** True when `phrase` appears in `words` (from normaliseWords) as whole words, or as a plural. */
export function hasPhrase(words: string, phrase: string): boolean {
  return words.includes(` ${phrase} `) || words.includes(` ${phrase}s `) || words.includes(` ${phrase}es `);
}

export interface LabelKind {
  kind: KindId;
  /** Named by a strong word ("Redis"), not only a generic one ("store"). */
  strong: boolean;
}

/**
 * The kind a label names, or null. Strong words beat weak ones, then the longer phrase wins, then the
 * kind listed first. Deterministic: the same label always gives the same kind.
 */
export function labelKind(label: string): LabelKind | null {
  const words = normaliseWords(label);
  if (words.trim() === '') return null;
  let best: Phrase | null = null;
  for (const p of PHRASES) {
    if (!hasPhrase(words, p.phrase)) continue;
    if (
      !best ||
      (p.strong && !best.strong) ||
      (p.strong === best.strong &&
        (p.phrase.length > best.phrase.length ||
          (p.phrase.length === best.phrase.length && p.order < best.order)))
    ) {
      best = p;
    }
  }
  return best ? { kind: best.kind, strong: best.strong } : null;
}

export function kindFromLabel(label: string): KindId | null {
  return labelKind(label)?.kind ?? null;
}

/** True when the label names a product of this kind that is replicated by design ("DynamoDB"). */
export function replicatedByDesign(kind: KindId, label: string): boolean {
  const words = normaliseWords(label);
  return (kindInfo(kind).replicatedByDesign ?? []).some((p) => hasPhrase(words, p));
}
