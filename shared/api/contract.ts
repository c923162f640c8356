/**
 * The API contract: every call's name with its input and output schema. Both transports (Electron
 * IPC and the web shell's HTTP) bind exactly these calls to the handlers in electron/core, and the
 * renderer's client is typed from this object, so a call cannot drift between the three.
 */
import { z } from 'zod';
import { aiCalls, aiEvents } from './ai';
import { labCalls } from './labs';
import { scoringCalls } from './scoring';
import { boardCalls } from './board';
import { sessionCalls } from './sessions';
import { srsCalls } from './srs';
import { voiceCalls } from './voice';
import {
  Concept,
  ContentPack,
  Difficulty,
  Drill,
  PackManifest,
  PhaseBudgets,
  Problem,
  Question,
} from '../content/schema';

export const DbProblem = z.object({
  /**
   * Only `corrupt` (SQLite says the file is damaged) offers "move aside and start fresh". The others
   * leave the file alone and offer to try again once the cause is fixed.
   */
  kind: z.enum(['corrupt', 'future-version', 'unreadable', 'locked', 'read-only', 'disk-full', 'io-error']),
  file: z.string(),
  message: z.string(),
  /** For a future-version file: the schema version in the file and the newest this app knows. */
  fileVersion: z.number().optional(),
  appVersion: z.number().optional(),
});
export type DbProblem = z.infer<typeof DbProblem>;

export const AppStatus = z.object({
  appVersion: z.string(),
  dataDir: z.string(),
  dbFile: z.string(),
  transport: z.enum(['ipc', 'http']),
  /** Rows that could not be read at start-up and were skipped (never fatal), said plainly. */
  skipped: z.array(z.string()),
  db: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ready'), schemaVersion: z.number() }),
    z.object({ state: z.literal('error'), problem: DbProblem }),
  ]),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const ItemKind = z.enum(['problem', 'concept', 'question', 'drill']);
export type ItemKind = z.infer<typeof ItemKind>;

/** One row of the library: enough to list, search and filter without loading whole items. */
export const LibraryItem = z.object({
  kind: ItemKind,
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  /** Problems: easy…hard; questions: intermediate…distinguished; others: null. */
  difficulty: z.string().nullable(),
  topics: z.array(z.string()),
  timeTargetMin: z.number().nullable(),
  /** Sub-kind: question kind, drill kind, concept category. */
  group: z.string().nullable(),
  packId: z.string(),
  /** Problems only: when you last finished an interview on it, and its weighted score (if scored). */
  lastPractisedAtMs: z.number().nullable(),
  lastScore: z.number().nullable(),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const LibraryQuery = z.object({
  text: z.string().max(200).optional(),
  kinds: z.array(ItemKind).optional(),
  difficulty: z.string().max(40).optional(),
  topic: z.string().max(80).optional(),
  maxTimeMin: z.number().int().positive().optional(),
  /** Problems by your own record: never practised, practised, or last scored below Lean hire. */
  practice: z.enum(['never', 'practised', 'weak']).optional(),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

export const LinkRef = z.object({
  kind: z.enum(['problem', 'concept', 'lab']),
  id: z.string(),
  title: z.string(),
});
export type LinkRef = z.infer<typeof LinkRef>;
export const ItemRef = z.object({ kind: ItemKind, id: z.string(), title: z.string() });
export type ItemRef = z.infer<typeof ItemRef>;

export const ProblemDetail = z.object({
  problem: Problem,
  packId: z.string(),
  concepts: z.array(LinkRef),
  labs: z.array(LinkRef),
  /** Items elsewhere in the library that link to this problem. */
  linkedFrom: z.array(ItemRef),
});
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const ConceptDetail = z.object({
  concept: Concept,
  packId: z.string(),
  problems: z.array(LinkRef),
  labs: z.array(LinkRef),
  linkedFrom: z.array(ItemRef),
});
export type ConceptDetail = z.infer<typeof ConceptDetail>;

export const QuestionDetail = z.object({
  question: Question,
  packId: z.string(),
  concepts: z.array(LinkRef),
  problems: z.array(LinkRef),
});
export const DrillDetail = z.object({
  drill: Drill,
  packId: z.string(),
  concepts: z.array(LinkRef),
  problems: z.array(LinkRef),
});

export const InstalledPack = z.object({
  manifest: PackManifest,
  builtin: z.boolean(),
  importedAt: z.number().nullable(),
  counts: z.object({ problems: z.number(), concepts: z.number(), questions: z.number(), drills: z.number() }),
});
export type InstalledPack = z.infer<typeof InstalledPack>;

export const ContentIssueSchema = z.object({
  file: z.string().optional(),
  path: z.string(),
  message: z.string(),
});

export const Welcome = z.object({
  show: z.boolean(),
  /** The first problem to try, with the plan it starts on; null when the library lacks it. */
  start: z
    .object({ problemId: z.string(), title: z.string(), minutes: z.number(), budgetsMin: PhaseBudgets })
    .nullable(),
});
export type Welcome = z.infer<typeof Welcome>;

const Empty = z.object({}).strict();
const ById = z.object({ id: z.string().min(1).max(200) }).strict();

/** The calls. Add one here and the type checker walks you to every place that must handle it. */
export const contract = {
  'app.status': { input: Empty, output: AppStatus },
  /** Moves a corrupt database aside (renamed, never deleted) and starts with a fresh one. */
  'app.resetDatabase': { input: Empty, output: z.object({ movedTo: z.string(), status: AppStatus }) },
  /** Tries to open the data file again (after it was locked, read-only, or the disk was full). */
  'app.retryOpen': { input: Empty, output: AppStatus },
  'library.list': { input: LibraryQuery, output: z.array(LibraryItem) },
  'library.facets': {
    input: Empty,
    output: z.object({
      topics: z.array(z.string()),
      difficulties: z.array(z.string()),
      timeTargets: z.array(z.number()),
    }),
  },
  /**
   * First run: whether to show the welcome above the library (no interview was ever started and it
   * was not dismissed), and which problem it starts. Dismissing it is remembered in the data file.
   */
  'welcome.get': { input: Empty, output: Welcome },
  'welcome.dismiss': { input: Empty, output: Welcome },
  'problem.get': { input: ById, output: ProblemDetail },
  'concept.get': { input: ById, output: ConceptDetail },
  'question.get': { input: ById, output: QuestionDetail },
  'drill.get': { input: ById, output: DrillDetail },
  'packs.list': { input: Empty, output: z.array(InstalledPack) },
  /** Imports a pack given as parsed JSON text. Nothing is stored unless the whole pack is valid. */
  'packs.import': {
    input: z.object({ fileName: z.string().max(300), text: z.string().max(20_000_000) }).strict(),
    output: InstalledPack,
  },
  'packs.export': { input: ById, output: z.object({ fileName: z.string(), text: z.string() }) },
  'packs.remove': { input: ById, output: z.object({ removed: z.boolean() }) },
  ...sessionCalls,
  ...scoringCalls,
  ...srsCalls,
  ...boardCalls,
  ...voiceCalls,
  ...aiCalls,
  ...labCalls,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the back end to the renderer (IPC `webContents.send`, or server-sent events). */
export const events = {
  'content.changed': z.object({ packId: z.string(), change: z.enum(['imported', 'removed']) }),
  ...aiEvents,
} as const satisfies Record<string, z.ZodType>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export { IPC_INVOKE_CHANNEL, IPC_EVENT_CHANNEL, HTTP_API_PREFIX, HTTP_EVENTS_PATH } from './bridge';

export { ContentPack };
export { Difficulty };
