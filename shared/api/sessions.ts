/** Schemas for interview sessions, shared by the contract, the store and the renderer. */
import { z } from 'zod';
import { PhaseBudgets, PhaseId } from '../content/schema';

export const SessionStatus = z.enum(['active', 'ended', 'discarded']);
export const SessionEventKind = z.enum(['start', 'phase', 'pause', 'resume', 'end']);

export const SessionEventSchema = z.object({
  kind: SessionEventKind,
  atMs: z.number(),
  phase: PhaseId.nullable(),
});

export const TranscriptEntry = z.object({
  id: z.number(),
  atMs: z.number(),
  phase: PhaseId.nullable(),
  role: z.enum(['candidate', 'interviewer']),
  kind: z.enum(['opening', 'question', 'answer', 'follow-up', 'mutation', 'nudge']),
  text: z.string(),
  matchedIndex: z.number().nullable(),
  matchScore: z.number().nullable(),
  /** A candidate's answer to a follow-up given after the interview: the follow-up's entry id. */
  replyTo: z.number().nullable(),
  /** Follow-ups and constraint changes: when the candidate marked it addressed (null: not yet). */
  addressedAtMs: z.number().nullable(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

export const ScratchLine = z.object({
  line: z.number(),
  input: z.string(),
  output: z.string().optional(),
  value: z.number().optional(),
  unit: z.string().optional(),
  error: z.string().optional(),
  name: z.string().optional(),
});
export type ScratchLine = z.infer<typeof ScratchLine>;

export const NotesByPhase = z.object({
  clarify: z.string(),
  estimate: z.string(),
  design: z.string(),
  'deep-dive': z.string(),
  tradeoffs: z.string(),
});
export type NotesByPhase = z.infer<typeof NotesByPhase>;

/** A save refused as out of date, kept whole so the candidate can copy its text back. */
export const SessionDraft = z.object({
  id: z.number(),
  createdAtMs: z.number(),
  baseRevision: z.number(),
  notes: z.array(z.object({ phase: PhaseId, text: z.string() })),
  scratchpadText: z.string().nullable(),
  /** Elements on the refused whiteboard (the scene itself is kept in the draft row). */
  sceneElementCount: z.number().nullable(),
});
export type SessionDraft = z.infer<typeof SessionDraft>;

export const SessionState = z.object({
  id: z.string(),
  problemId: z.string(),
  problemTitle: z.string(),
  packId: z.string(),
  status: SessionStatus,
  timeTargetMin: z.number(),
  budgetsMin: PhaseBudgets,
  mutationEnabled: z.boolean(),
  createdAtMs: z.number(),
  endedAtMs: z.number().nullable(),
  updatedAtMs: z.number(),
  events: z.array(SessionEventSchema),
  notes: NotesByPhase,
  scene: z.object({ json: z.string(), elementCount: z.number(), updatedAtMs: z.number() }).nullable(),
  scratchpad: z
    .object({ text: z.string(), results: z.array(ScratchLine), updatedAtMs: z.number() })
    .nullable(),
  transcript: z.array(TranscriptEntry),
  snapshotCount: z.number(),
  /**
   * Bumped by every accepted save. A save names the revision it was based on; one based on an older
   * revision (another window saved since) is refused with CONFLICT instead of overwriting newer work.
   */
  revision: z.number().int(),
  /** Edits refused as out of date, kept so nothing typed is lost (newest first). */
  drafts: z.array(SessionDraft),
  /** The back end's clock when this was read, so the renderer can correct for skew. */
  serverNowMs: z.number(),
});
export type SessionState = z.infer<typeof SessionState>;

export const SessionRow = z.object({
  id: z.string(),
  problemId: z.string(),
  problemTitle: z.string(),
  status: SessionStatus,
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  endedAtMs: z.number().nullable(),
  elapsedMs: z.number(),
  phase: PhaseId.nullable(),
  paused: z.boolean(),
  /**
   * For an unfinished interview: how long it has been closed while its clock was running. Resuming
   * takes this off the clock (elapsedMs already excludes it), so it restarts from the last saved moment.
   */
  awayMs: z.number().min(0),
});
export type SessionRow = z.infer<typeof SessionRow>;

export const SessionId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a session id');

/** At most ~8 MB of scene JSON per save: Excalidraw scenes with images are refused upstream. */
export const MAX_SCENE_CHARS = 8_000_000;

export const sessionCalls = {
  'session.start': {
    input: z
      .object({ problemId: z.string().min(1).max(200), budgetsMin: PhaseBudgets, mutation: z.boolean() })
      .strict(),
    output: SessionState,
  },
  'session.get': { input: z.object({ id: SessionId }).strict(), output: SessionState },
  /** Sessions started and never ended or discarded: offered for resume. */
  'session.unfinished': { input: z.object({}).strict(), output: z.array(SessionRow) },
  'session.control': {
    input: z.object({ id: SessionId, action: z.enum(['next', 'pause', 'resume', 'end']) }).strict(),
    output: SessionState,
  },
  /**
   * The interview is open in a window: sent on opening and every ALIVE_EVERY_MS while it is. A silence
   * longer than AWAY_AFTER_MS with the clock running (the app closed, crashed or asleep) is taken off
   * the clock first; the events returned are the clock's new truth.
   */
  'session.alive': {
    input: z.object({ id: SessionId }).strict(),
    output: z.object({
      events: z.array(SessionEventSchema),
      /** The closed stretch just taken off the clock, or 0. */
      awayMs: z.number().min(0),
      serverNowMs: z.number(),
    }),
  },
  'session.save': {
    input: z
      .object({
        id: SessionId,
        /** The session revision this window last loaded or saved; see SessionState.revision. */
        baseRevision: z.number().int().min(0),
        notes: z
          .array(z.object({ phase: PhaseId, text: z.string().max(1_000_000) }))
          .max(5)
          .optional(),
        scene: z
          .object({
            json: z.string().max(MAX_SCENE_CHARS),
            elementCount: z.number().int().min(0),
            version: z.number(),
          })
          .optional(),
        scratchpad: z
          .object({ text: z.string().max(200_000), results: z.array(ScratchLine).max(2000) })
          .optional(),
      })
      .strict(),
    output: z.object({ savedAtMs: z.number(), snapshotTaken: z.boolean(), revision: z.number().int() }),
  },
  'session.ask': {
    input: z.object({ id: SessionId, question: z.string().trim().min(1).max(2000) }).strict(),
    output: z.array(TranscriptEntry),
  },
  /**
   * Answers a follow-up question (or constraint change) after the interview, from the scoring view.
   * The answer joins the transcript right after the question and marks it addressed; answering
   * again replaces the earlier answer.
   */
  'session.answerFollowUp': {
    input: z
      .object({ id: SessionId, entryId: z.number().int(), text: z.string().trim().min(1).max(5000) })
      .strict(),
    output: z.object({ followUp: TranscriptEntry, answer: TranscriptEntry }),
  },
  /** Marks a follow-up addressed (covered in the interview) or not, with or without an answer. */
  'session.markFollowUp': {
    input: z.object({ id: SessionId, entryId: z.number().int(), addressed: z.boolean() }).strict(),
    output: TranscriptEntry,
  },
  'session.discard': {
    input: z.object({ id: SessionId }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  /** Removes a kept draft once the candidate has taken what they need from it. */
  'session.dismissDraft': {
    input: z.object({ id: SessionId, draftId: z.number().int() }).strict(),
    output: z.object({ dismissed: z.boolean() }),
  },
  'session.snapshots': {
    input: z.object({ id: SessionId }).strict(),
    output: z.array(
      z.object({ id: z.number(), atMs: z.number(), phase: PhaseId.nullable(), elementCount: z.number() }),
    ),
  },
  'session.snapshot': {
    input: z.object({ id: SessionId, snapshotId: z.number().int() }).strict(),
    output: z.object({ json: z.string(), atMs: z.number() }),
  },
} as const;
