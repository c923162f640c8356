/**
 * What every capability's handlers can reach: the current library, the stores on the open database,
 * events and the clock. Each capability folder exports `xxxHandlers(core)`, a slice of the contract;
 * backend.ts combines the slices and the type checker makes sure every call is handled exactly once.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type {
  AppStatus,
  CallName,
  CallOutput,
  Contract,
  EventName,
  EventPayload,
} from '../../shared/api/contract';
import type { ContentPack } from '../../shared/content/schema';
import type { AiStore } from './ai/store';
import type { KeyVault } from './ai/keys';
import type { OpenOptions } from './db/index';
import type { SessionStore } from './interview/store';
import type { Library } from './library/library';
import type { PackStore } from './library/packs';
import type { Reports } from './review/reports';
import type { ReviewStore } from './review/store';
import type { ScoringStore } from './scoring/store';
import type { SrsStore } from './srs/store';
import type { VoiceStore } from './voice/store';
import type { LabEditStore } from './labs/store';

export interface BackendOptions {
  dataDir: string;
  /** Folder holding `content/builtin` and other bundled assets. */
  assetsDir: string;
  /**
   * The built-in pack as one JSON file, validated at build time (scripts/build-node.mjs), so start-up
   * only parses it. Without it (tests, tsx) the pack folder is loaded and validated.
   */
  builtinPackFile?: string;
  /** The built-in pack itself, already validated (tests load the folder once for all). */
  builtin?: ContentPack;
  transport: 'ipc' | 'http';
  appVersion: string;
  db?: OpenOptions;
  log?: (message: string) => void;
  /** The clock (epoch ms); replaceable so benchmarks and tests can run time forward. */
  now?: () => number;
  /** Skip the data-folder lock (only for tests that open one folder twice on purpose). */
  noLock?: boolean;
  /** Where the AI endpoint's key is held (desktop: persisted with safeStorage); default: memory. */
  aiKeys?: KeyVault;
  /** How long AI calls wait for the endpoint (default 60 s). */
  aiTimeoutMs?: number;
}

export interface Stores {
  db: Database;
  packs: PackStore;
  sessions: SessionStore;
  scoring: ScoringStore;
  review: ReviewStore;
  reports: Reports;
  srs: SrsStore;
  voice: VoiceStore;
  ai: AiStore;
  labEdits: LabEditStore;
}

export interface Core {
  readonly options: BackendOptions;
  readonly dbFile: string;
  readonly builtin: ContentPack;
  library(): Library;
  /** The stores, or DB_UNAVAILABLE when the data file could not be opened. */
  stores(): Stores;
  /** The stores when the data file is open (reads that work without it, e.g. the library). */
  openStores(): Stores | null;
  rebuildLibrary(): void;
  status(): AppStatus;
  /** Closes and opens the data file again; the status says whether it opened. */
  reopen(): void;
  /** Closes the data file (the data folder stays locked: restore reopens it). */
  closeDb(): void;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  clock(): number;
  log(message: string): void;
}

export type HandlerFn<K extends CallName> = (
  input: z.output<Contract[K]['input']>,
) => CallOutput<K> | Promise<CallOutput<K>>;
export type Handlers = { [K in CallName]: HandlerFn<K> };
/** A capability's part of the contract. */
export type HandlerSlice<K extends CallName> = { [P in K]: HandlerFn<P> };
