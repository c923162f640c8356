/** Schemas for scores, rubric profiles, history, trends, reports and backups. */
import { z } from 'zod';
import { PhaseId } from '../content/schema';
import { DIMENSION_IDS } from '../domain/rubric';

export const DimensionIdSchema = z.enum(DIMENSION_IDS);
export const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const LevelsSchema = z.object({
  requirements: LevelSchema,
  design: LevelSchema,
  depth: LevelSchema,
  tradeoffs: LevelSchema,
  communication: LevelSchema,
});
export const WeightsSchema = z.object({
  requirements: z.number(),
  design: z.number(),
  depth: z.number(),
  tradeoffs: z.number(),
  communication: z.number(),
});
export const EvidenceSchema = z.object({
  requirements: z.string().max(5000),
  design: z.string().max(5000),
  depth: z.string().max(5000),
  tradeoffs: z.string().max(5000),
  communication: z.string().max(5000),
});
export const VerdictSchema = z.enum(['strong-hire', 'lean-hire', 'lean-no-hire', 'no-hire']);

export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  weights: WeightsSchema,
  builtin: z.boolean(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ScoreSchema = z.object({
  sessionId: z.string(),
  provenance: z.enum(['self', 'ai']),
  profileId: z.string(),
  profileName: z.string(),
  weights: WeightsSchema,
  levels: LevelsSchema,
  evidence: EvidenceSchema,
  /** Indexes of the problem's strong-answer checklist the candidate ticked. */
  checklist: z.array(z.number().int().min(0)),
  weighted: z.number(),
  verdict: VerdictSchema,
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  changes: z.array(
    z.object({ atMs: z.number(), field: z.string(), oldValue: z.string(), newValue: z.string() }),
  ),
});
export type Score = z.infer<typeof ScoreSchema>;

export const HistoryRow = z.object({
  id: z.string(),
  problemId: z.string(),
  problemTitle: z.string(),
  createdAtMs: z.number(),
  activeMs: z.number().nullable(),
  timeTargetMin: z.number(),
  weighted: z.number().nullable(),
  verdict: VerdictSchema.nullable(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const HistoryQuery = z
  .object({
    problemId: z.string().max(200).optional(),
    verdict: z.union([VerdictSchema, z.literal('unscored')]).optional(),
    text: z.string().max(200).optional(),
    sort: z.enum(['date', 'score', 'duration']).default('date'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();

export const TrendsSchema = z.object({
  scored: z.number(),
  points: z.array(
    z.object({
      sessionId: z.string(),
      atMs: z.number(),
      problemTitle: z.string(),
      weighted: z.number(),
      requirements: z.number(),
      design: z.number(),
      depth: z.number(),
      tradeoffs: z.number(),
      communication: z.number(),
    }),
  ),
  phaseHabits: z.array(z.object({ phase: PhaseId, avgSpentMin: z.number(), avgPlanMin: z.number() })),
  averages: z.object({
    requirements: z.number(),
    design: z.number(),
    depth: z.number(),
    tradeoffs: z.number(),
    communication: z.number(),
  }),
  weakest: DimensionIdSchema.nullable(),
  recommendation: z
    .object({
      title: z.string(),
      why: z.string(),
      link: z
        .object({
          kind: z.enum(['problem', 'drill', 'question', 'concept']),
          id: z.string(),
          title: z.string(),
        })
        .nullable(),
    })
    .nullable(),
});
export type Trends = z.infer<typeof TrendsSchema>;

const SessionId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a session id');
/** A PNG of the whiteboard made by the renderer (Excalidraw exports in the page), base64. */
const Png = z.string().max(30_000_000).optional();

export const scoringCalls = {
  'rubric.profiles': {
    input: z.object({}).strict(),
    output: z.object({ profiles: z.array(ProfileSchema), defaultId: z.string() }),
  },
  'rubric.saveProfile': {
    input: z
      .object({
        id: z.string().max(80).optional(),
        name: z.string().trim().min(1).max(80),
        weights: WeightsSchema,
      })
      .strict(),
    output: ProfileSchema,
  },
  'rubric.deleteProfile': {
    input: z.object({ id: z.string().max(80) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'rubric.setDefault': {
    input: z.object({ id: z.string().max(80) }).strict(),
    output: z.object({ defaultId: z.string() }),
  },
  'score.get': { input: z.object({ sessionId: SessionId }).strict(), output: ScoreSchema.nullable() },
  'score.save': {
    input: z
      .object({
        sessionId: SessionId,
        profileId: z.string().max(80),
        levels: LevelsSchema,
        evidence: EvidenceSchema,
        checklist: z.array(z.number().int().min(0).max(200)).max(200),
      })
      .strict(),
    output: ScoreSchema,
  },
  'history.list': { input: HistoryQuery, output: z.array(HistoryRow) },
  'trends.get': { input: z.object({}).strict(), output: TrendsSchema },
  'session.exportMarkdown': {
    input: z
      .object({
        id: SessionId,
        whiteboardPng: Png,
        /** The reader's locale and time zone, so the report's dates read as on screen. */
        locale: z.string().max(64).optional(),
        timeZone: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  /**
   * The PDF report is printed by the platform from the window's print view (the desktop shell's
   * printToPDF, the browser's own print in the web shell), never laid out by the back end. On the
   * desktop the main process prints the asking window and saves where the user chooses; `savedTo`
   * is null when the user closed the dialog.
   */
  'report.savePdf': {
    input: z
      .object({
        fileName: z
          .string()
          .max(120)
          .regex(/^[\w.-]+\.pdf$/, 'A plain file name ending in .pdf'),
      })
      .strict(),
    output: z.object({ savedTo: z.string().nullable() }),
  },
  /**
   * Backup and restore move whole files, so the shells carry them as files, never as JSON: the
   * desktop app asks for a path in a native dialog, the web shell streams the bytes. `cancelled`
   * means the user closed the dialog.
   */
  'data.backup': {
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), sizeBytes: z.number(), savedTo: z.string().nullable() }),
  },
  'data.restore': {
    input: z.object({}).strict(),
    output: z.discriminatedUnion('cancelled', [
      z.object({ cancelled: z.literal(true) }),
      z.object({
        cancelled: z.literal(false),
        sessions: z.number(),
        scores: z.number(),
        previousDataKeptAt: z.string(),
      }),
    ]),
  },
} as const;
