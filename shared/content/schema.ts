/**
 * The content-pack schema: problems, concepts, questions and drills.
 *
 * Every text field that the app renders is Markdown (rendered sanitised). Ids are kebab-case and
 * unique within their kind across all installed packs; links between items are by id and are
 * checked by `validatePack` (see ./validate.ts), so a broken link is a content error, not a 404.
 */
import { z } from 'zod';
import { PHASE_IDS } from '../domain/phases';
import { KIND_IDS } from '../board/kinds';

export const CONTENT_SCHEMA_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single dashes');
const text = z.string().trim().min(1, 'must not be empty');
const texts = z.array(text).min(1, 'needs at least one entry');

export const Difficulty = z.enum(['easy', 'medium', 'medium-hard', 'hard']);
export type Difficulty = z.infer<typeof Difficulty>;

/** The interview phases, in order. Budgets are keyed by these ids. */
export { PHASE_IDS };
export const PhaseId = z.enum(PHASE_IDS);
export type PhaseId = z.infer<typeof PhaseId>;

export const PhaseBudgets = z.object({
  clarify: z.number().int().positive(),
  estimate: z.number().int().positive(),
  design: z.number().int().positive(),
  'deep-dive': z.number().int().positive(),
  tradeoffs: z.number().int().positive(),
});

export const ClarifyingQuestion = z.object({
  /** Several phrasings of the same question, so a typed question can be matched against them. */
  phrasings: texts,
  /** What the interviewer says back. */
  answer: text,
  /** Optional: why a strong candidate asks this. Shown after the session. */
  why: text.optional(),
});

export const Assumption = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'must be an identifier usable in a formula'),
  label: text,
  value: z.number().finite(),
  unit: text,
});

export const DerivedFigure = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'must be an identifier usable in a formula'),
  label: text,
  /** A mathjs expression over assumption ids and earlier derived ids, giving the value in `unit`. */
  formula: text,
  /** The figure as stated in the content, in `unit`. */
  value: z.number().finite(),
  unit: text,
  /** The stated figure equals the formula's result rounded to this many significant digits. */
  sigDigits: z.number().int().min(1).max(6),
  /** How the candidate might say it out loud, e.g. "about 1,160 writes/s". */
  note: text.optional(),
});

export const Estimates = z.object({
  assumptions: z.array(Assumption).min(1),
  derived: z.array(DerivedFigure).min(1),
});

export const Component = z.object({
  name: text,
  responsibility: text,
  /** Technologies a candidate might name, with the reason they fit. */
  tech: text.optional(),
});

export const ApiEndpoint = z.object({
  signature: text, // e.g. "POST /api/v1/urls"
  request: text.optional(),
  response: text,
  notes: text.optional(),
});

export const DataEntity = z.object({
  name: text,
  fields: text, // Markdown or code block describing columns / keys
  store: text, // which store and why
  partitioning: text.optional(),
});

export const ReferenceDesign = z.object({
  overview: text,
  components: z.array(Component).min(3),
  dataFlow: texts, // numbered steps of the main paths
  api: z.array(ApiEndpoint).min(1),
  dataModel: z.array(DataEntity).min(1),
});

export const DeepDive = z.object({
  title: text,
  body: text,
  /** Options compared in this deep dive, when there are several. */
  options: z.array(z.object({ name: text, pros: text, cons: text })).optional(),
});

export const KeyDecision = z.object({
  decision: text,
  choice: text,
  alternatives: texts,
  why: text,
  revisitWhen: text,
});

export const FailureScenario = z.object({
  scenario: text,
  impact: text,
  mitigation: text,
});

/** How many expected points a follow-up carries: enough to check an answer, few enough to recall. */
export const FOLLOW_UP_POINTS = { min: 2, max: 5 } as const;

/**
 * A follow-up question with the points a strong answer hits, so a drill can reveal them. A bare
 * string (the old shape) is refused with a message that says what to write instead.
 */
export const FollowUp = z.object(
  {
    question: text,
    expectedPoints: z
      .array(text)
      .min(FOLLOW_UP_POINTS.min, `needs ${FOLLOW_UP_POINTS.min}–${FOLLOW_UP_POINTS.max} expected points`)
      .max(FOLLOW_UP_POINTS.max, `needs ${FOLLOW_UP_POINTS.min}–${FOLLOW_UP_POINTS.max} expected points`),
  },
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? `is a follow-up without expected points: write it as { "question": "…", "expectedPoints": [ … ] } with ${FOLLOW_UP_POINTS.min}–${FOLLOW_UP_POINTS.max} points`
        : undefined,
  },
);
export type FollowUp = z.infer<typeof FollowUp>;

export const ConstraintMutation = z.object({
  /** What the interviewer says mid-design. */
  prompt: text,
  /** What a strong answer changes in the design. */
  expectedChanges: texts,
});

export const RealWorldReference = z.object({
  system: text,
  detail: text,
});

export const Gotcha = z.object({
  claim: text, // the tempting or commonly quoted claim
  correction: text, // what is actually right, with the arithmetic
});

/** A concept or lab that explains a board finding: "concept:<id>" or "lab:<id>". */
export const LearnLink = z
  .string()
  .regex(/^(concept|lab):[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be "concept:<id>" or "lab:<id>"');

export const BoardKind = z.enum(KIND_IDS);

/** A component the reference design draws, as the board check looks for it. */
export const BoardComponent = z.object({
  /** Used by `flows` and `antiPatterns`. */
  id,
  /** The kind(s) of shape that can stand for it (shared/board/kinds.ts). */
  kind: z.union([BoardKind, z.array(BoardKind).min(1)]),
  /** The reference design's component it stands for (its `name`); clients and providers may omit it. */
  ref: text.optional(),
  /** Its absence is not reported. */
  optional: z.boolean().optional(),
  /** Word starts that pick it out among shapes of its kind ("redirect" for the redirect service). */
  words: z.array(text).optional(),
  /** What explains it, when not the kind's usual concept. */
  learn: LearnLink.optional(),
});

export const BoardFlow = z.object({
  name: text,
  /** Component ids in order; extra hops between them are fine. */
  path: z.array(id).min(2),
  learn: LearnLink.optional(),
});

/** An arrow drawn straight from one component to another that the design should not have. */
export const BoardAntiPattern = z.object({
  from: id,
  to: id,
  reason: text,
  learn: LearnLink,
});

/**
 * What a board drawn for this problem should show. Optional so packs written before it still load;
 * without it, Check my board runs only the checks that need no reference (single points of failure,
 * unlabelled shapes, loose arrows).
 */
export const BoardExpectations = z.object({
  components: z.array(BoardComponent).min(2),
  flows: z.array(BoardFlow),
  antiPatterns: z.array(BoardAntiPattern),
});
export type BoardExpectations = z.infer<typeof BoardExpectations>;

export const Problem = z.object({
  id,
  title: text,
  difficulty: Difficulty,
  topics: texts,
  timeTargetMin: z.number().int().min(10).max(120),
  phaseBudgetsMin: PhaseBudgets,
  summary: text,
  openingPrompt: text,
  clarifyingQuestions: z.array(ClarifyingQuestion).min(5),
  /** Reply when no authored answer matches a typed question. */
  defaultReply: text.optional(),
  functionalRequirements: texts,
  nonFunctionalRequirements: texts,
  estimates: Estimates,
  referenceDesign: ReferenceDesign,
  deepDives: z.array(DeepDive).min(2),
  keyDecisions: z.array(KeyDecision).min(3),
  failureScenarios: z.array(FailureScenario).min(3),
  strongAnswerChecklist: z.array(text).min(4),
  followUps: z.array(FollowUp).min(3),
  impressiveDetail: text,
  constraintMutations: z.array(ConstraintMutation).min(2),
  realWorld: z.array(RealWorldReference).min(1),
  staffSignals: texts,
  gotchas: z.array(Gotcha).min(1),
  relatedConcepts: z.array(id),
  relatedLabs: z.array(id),
  board: BoardExpectations.optional(),
});
export type Problem = z.infer<typeof Problem>;

export const KeyFigure = z.object({ label: text, value: text, meaning: text });

export const ConceptQuestion = z.object({
  id,
  question: text,
  /** The 2-minute answer as points to hit. */
  answerPoints: texts,
  deepDive: text,
  followUps: z.array(FollowUp).min(1, 'needs at least one entry'),
  staffSignal: text,
});

export const Concept = z.object({
  id,
  number: z.number().int().min(1),
  title: text,
  category: text,
  summary: text,
  tip: text,
  keyFigures: z.array(KeyFigure).min(3),
  questions: z.array(ConceptQuestion).min(1),
  corrections: z.array(Gotcha),
  relatedLabs: z.array(id),
  relatedProblems: z.array(id),
});
export type Concept = z.infer<typeof Concept>;

export const QuestionKind = z.enum(['architecture', 'distributed', 'behavioural', 'deep-dive', 'scenario']);
export const QuestionDifficulty = z.enum(['intermediate', 'advanced', 'distinguished']);

export const Star = z.object({
  situation: text,
  task: text,
  action: text,
  result: text,
  reflection: text,
});

export const Question = z.object({
  id,
  kind: QuestionKind,
  topic: text,
  prompt: text,
  difficulty: QuestionDifficulty,
  /** The points a strong 2-minute answer hits. */
  answerPoints: texts,
  followUps: z.array(FollowUp).min(1, 'needs at least one entry'),
  /** Optional: answers that sound right but lose marks, each with the reason. Shown after the answer points. */
  commonMistakes: texts.optional(),
  /** Behavioural only: STAR guidance and what the interviewer is assessing. */
  star: Star.optional(),
  assesses: texts.optional(),
  relatedConcepts: z.array(id),
  relatedProblems: z.array(id),
});
export type Question = z.infer<typeof Question>;

export const DrillKind = z.enum(['estimation', 'tradeoff', 'failure-mode']);

export const Drill = z.object({
  id,
  kind: DrillKind,
  title: text,
  timeBoxMin: z.number().int().min(1).max(30),
  prompt: text,
  /** What the candidate should produce, step by step. */
  steps: texts,
  referencePoints: texts,
  /** Estimation drills carry their own checkable figures. */
  estimates: Estimates.optional(),
  relatedConcepts: z.array(id),
  relatedProblems: z.array(id),
});
export type Drill = z.infer<typeof Drill>;

export const PackManifest = z.object({
  schemaVersion: z.literal(CONTENT_SCHEMA_VERSION),
  id,
  name: text,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
  description: text,
  author: text.optional(),
});

/** A whole pack as one object: the shape of an importable `.json` pack file. */
export const ContentPack = z.object({
  manifest: PackManifest,
  problems: z.array(Problem).default([]),
  concepts: z.array(Concept).default([]),
  questions: z.array(Question).default([]),
  drills: z.array(Drill).default([]),
});
export type ContentPack = z.infer<typeof ContentPack>;
export type ContentPackInput = z.input<typeof ContentPack>;
