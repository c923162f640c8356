/**
 * The optional AI features over any OpenAI-compatible endpoint: settings (the key goes in, never
 * out: the renderer only learns `hasKey`), the conversational interviewer (replies stream as
 * `ai.delta` events), AI-drafted scores with quotes checked against the candidate's own material,
 * an order-of-magnitude check of the estimates, and the tokens each call used.
 */
import { z } from 'zod';
import { DimensionIdSchema, LevelSchema, ScoreSchema } from './scoring';
import { TranscriptEntry } from './sessions';

export const AiPreset = z.enum(['openai', 'ollama', 'lmstudio', 'custom']);
export type AiPreset = z.infer<typeof AiPreset>;

export { AI_PRESET_URLS } from '../domain/aiPresets';

/**
 * Where the key lives: encrypted by the OS (desktop safeStorage), stored but only obfuscated (the
 * OS offers no keyring), or held in memory until the app quits (web shell, or no storage at all).
 */
export const AiKeyStorage = z.enum(['encrypted', 'plain-text', 'memory']);
export type AiKeyStorage = z.infer<typeof AiKeyStorage>;

export const AiSettings = z.object({
  preset: AiPreset,
  baseURL: z.string(),
  model: z.string(),
  /** Whether a key is set. The key itself never leaves the back end. */
  hasKey: z.boolean(),
  keyStorage: AiKeyStorage,
  /** Base URL and model are set, so AI features can be switched on. */
  configured: z.boolean(),
});
export type AiSettings = z.infer<typeof AiSettings>;

/** What went wrong with a call to the endpoint, in a category and a sentence for the candidate. */
export const AiFailureKind = z.enum([
  'not-configured',
  'no-key',
  'dns',
  'refused',
  'tls',
  'unreachable',
  'auth',
  'forbidden',
  'model-not-found',
  'not-found',
  'rate-limited',
  'server',
  'timeout',
  'stream-cut',
  'bad-json',
  'bad-request',
  'unknown',
]);
export type AiFailureKind = z.infer<typeof AiFailureKind>;
export const AiFailure = z.object({ kind: AiFailureKind, message: z.string() });
export type AiFailure = z.infer<typeof AiFailure>;

export const AiUsage = z.object({
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
});

export const AiCallPurpose = z.enum(['test', 'models', 'interview', 'probe', 'draft', 'estimates']);
export const AiCallRecord = AiUsage.extend({
  id: z.number(),
  atMs: z.number(),
  purpose: AiCallPurpose,
  model: z.string(),
  promptVersion: z.string().nullable(),
  /** 'ok', or the failure kind. */
  outcome: z.string(),
});
export type AiCallRecord = z.infer<typeof AiCallRecord>;

export const AiMessageMeta = z.object({
  entryId: z.number(),
  model: z.string(),
  promptVersion: z.string(),
  /** The stream stopped before the reply finished: what arrived is kept. */
  incomplete: z.boolean(),
});
export type AiMessageMeta = z.infer<typeof AiMessageMeta>;

export const AiQuoteSource = z.enum(['notes', 'transcript', 'board']);
export const AiDraftDimension = z.object({
  dimension: DimensionIdSchema,
  /** Null when no quote for this dimension was found in the material: no level without evidence. */
  level: LevelSchema.nullable(),
  why: z.string(),
  quotes: z.array(z.object({ text: z.string(), source: AiQuoteSource })),
  droppedQuotes: z.number().int(),
});
export type AiDraftDimension = z.infer<typeof AiDraftDimension>;

export const AiDraft = z.object({
  id: z.number(),
  sessionId: z.string(),
  createdAtMs: z.number(),
  model: z.string(),
  promptVersion: z.string(),
  /**
   * `draft`: levels with quotes; `not-enough`: too little material to score; `failed`: the model's
   * answer could not be used (the message says why).
   */
  status: z.enum(['draft', 'not-enough', 'failed']),
  message: z.string().nullable(),
  dimensions: z.array(AiDraftDimension),
  /** Quotes the model gave that are not in the notes, transcript or board text: dropped, counted. */
  droppedQuotes: z.number().int(),
});
export type AiDraft = z.infer<typeof AiDraft>;

export const AiAdoption = z.object({
  dimension: DimensionIdSchema,
  draftId: z.number(),
  model: z.string(),
  draftCreatedAtMs: z.number(),
  level: LevelSchema,
  selfLevel: LevelSchema,
  adoptedAtMs: z.number(),
});
export type AiAdoption = z.infer<typeof AiAdoption>;

export const AiSessionInfo = z.object({
  interviewer: z.boolean(),
  messages: z.array(AiMessageMeta),
  calls: z.array(AiCallRecord),
  totals: z.object({ promptTokens: z.number(), completionTokens: z.number(), calls: z.number() }),
  draft: AiDraft.nullable(),
  adoptions: z.array(AiAdoption),
});
export type AiSessionInfo = z.infer<typeof AiSessionInfo>;

export const AiEstimateLine = z.object({
  line: z.number(),
  input: z.string(),
  verdict: z.enum(['plausible', 'too-high', 'too-low', 'unclear']),
  note: z.string(),
});
export type AiEstimateLine = z.infer<typeof AiEstimateLine>;

export const AiCalibration = z.object({
  points: z.array(
    z.object({
      sessionId: z.string(),
      atMs: z.number(),
      problemTitle: z.string(),
      /** Self level minus AI level, per dimension the draft scored. Positive: you scored higher. */
      gaps: z.array(z.object({ dimension: DimensionIdSchema, gap: z.number() })),
      meanGap: z.number(),
    }),
  ),
});
export type AiCalibration = z.infer<typeof AiCalibration>;

const SessionId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a session id');
const RequestId = z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'is not a request id');
const Empty = z.object({}).strict();

export const aiCalls = {
  'ai.settings': { input: Empty, output: AiSettings },
  /**
   * Saves base URL and model (SQLite) and, when given, the key (desktop: OS-encrypted beside the
   * data file; web shell: memory only). `apiKey: ''` with `clearKey` removes it.
   */
  'ai.saveSettings': {
    input: z
      .object({
        preset: AiPreset,
        baseURL: z.string().trim().max(500),
        model: z.string().trim().max(200),
        apiKey: z.string().max(500).optional(),
        clearKey: z.boolean().optional(),
      })
      .strict(),
    output: AiSettings,
  },
  /** The endpoint's /models (at `baseURL` when given, else the saved one), with the saved key. */
  'ai.models': {
    input: z.object({ baseURL: z.string().trim().max(500).optional() }).strict(),
    output: z.union([
      z.object({ ok: z.literal(true), models: z.array(z.string()) }),
      z.object({ ok: z.literal(false), failure: AiFailure }),
    ]),
  },
  /** A real, tiny chat completion with the saved settings: says exactly what failed. */
  'ai.test': {
    input: Empty,
    output: z.union([
      z.object({ ok: z.literal(true), model: z.string(), reply: z.string() }),
      z.object({ ok: z.literal(false), failure: AiFailure }),
    ]),
  },
  'ai.session': { input: z.object({ sessionId: SessionId }).strict(), output: AiSessionInfo },
  'ai.setInterviewer': {
    input: z.object({ sessionId: SessionId, on: z.boolean() }).strict(),
    output: z.object({ interviewer: z.boolean() }),
  },
  /**
   * The candidate's question joins the transcript at once; the reply streams as `ai.delta` events
   * and ends with `ai.done` (with the offline interviewer's answer if the model failed).
   */
  'ai.ask': {
    input: z
      .object({ sessionId: SessionId, requestId: RequestId, question: z.string().trim().min(1).max(2000) })
      .strict(),
    output: z.object({ question: TranscriptEntry }),
  },
  /** At a phase change: the AI interviewer probes what is on the board and in the notes (streamed). */
  'ai.probe': {
    input: z.object({ sessionId: SessionId, requestId: RequestId }).strict(),
    output: z.object({ started: z.boolean() }),
  },
  'ai.draftScore': { input: z.object({ sessionId: SessionId }).strict(), output: AiDraft },
  /** Takes the AI draft's level for one dimension into the self-score, recording where it came from. */
  'ai.adopt': {
    input: z.object({ sessionId: SessionId, dimension: DimensionIdSchema }).strict(),
    output: z.object({ score: ScoreSchema, adoption: AiAdoption }),
  },
  'ai.checkEstimates': {
    input: z.object({ sessionId: SessionId }).strict(),
    output: z.union([
      z.object({ ok: z.literal(true), lines: z.array(AiEstimateLine), model: z.string() }),
      z.object({ ok: z.literal(false), failure: AiFailure }),
    ]),
  },
  'ai.calibration': { input: Empty, output: AiCalibration },
} as const;

export const aiEvents = {
  'ai.delta': z.object({ sessionId: z.string(), requestId: z.string(), text: z.string() }),
  'ai.done': z.object({
    sessionId: z.string(),
    requestId: z.string(),
    /** The AI reply's transcript entry (also when incomplete), or null when nothing arrived. */
    entryId: z.number().nullable(),
    incomplete: z.boolean(),
    failure: AiFailure.nullable(),
    /** When the model failed on a question: the offline interviewer's answer took over. */
    fallbackEntryId: z.number().nullable(),
    /** The transcript entry added (the AI reply or the offline answer), to show without a refetch. */
    entry: TranscriptEntry.nullable(),
  }),
} as const;
