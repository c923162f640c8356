/**
 * Spaced repetition: every question and warm-up drill in the library is a card scheduled with FSRS
 * (ts-fsrs); the Today screen gathers due cards per deck and the skills to bring back.
 */
import { z } from 'zod';
import { FollowUp } from '../content/schema';

export const CardState = z.enum(['new', 'learning', 'review', 'relearning']);
export type CardState = z.infer<typeof CardState>;

export const SrsSettings = z.object({
  /** The probability of recalling a card when it comes due (FSRS's request_retention). */
  desiredRetention: z.number().min(0.7).max(0.97),
  newPerDay: z.number().int().min(0).max(500),
  maxReviewsPerDay: z.number().int().min(1).max(5000),
});
export type SrsSettings = z.infer<typeof SrsSettings>;

export const Deck = z.object({
  /** `kind:<deck kind>` or `topic:<topic>`. */
  id: z.string(),
  title: z.string(),
  total: z.number(),
  /** Due now (learning and review cards), within today's review limit. */
  due: z.number(),
  /** New cards that today's new-card limit still allows. */
  fresh: z.number(),
});
export type Deck = z.infer<typeof Deck>;

export const Suggestion = z.object({
  reason: z.enum(['weak-score', 'weak-dimension', 'stale']),
  title: z.string(),
  why: z.string(),
  link: z.object({ kind: z.enum(['problem', 'drill']), id: z.string(), title: z.string() }),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Today = z.object({
  decks: z.array(Deck),
  topics: z.array(Deck),
  dueTotal: z.number(),
  freshTotal: z.number(),
  reviewedToday: z.number(),
  streakDays: z.number(),
  suggestions: z.array(Suggestion),
  /** A short line: what happened since the last day you reviewed. */
  changed: z.string(),
  settings: SrsSettings,
});
export type Today = z.infer<typeof Today>;

export const CardView = z.object({
  id: z.string(),
  deckId: z.string(),
  deckTitle: z.string(),
  topic: z.string(),
  prompt: z.string(),
  /** The points a strong answer covers: the user ticks those they covered. */
  points: z.array(z.string()),
  followUps: z.array(FollowUp),
  /** How long the answer is timed for: 2 minutes, or a drill's time box. */
  minutes: z.number(),
  source: z.object({ kind: z.enum(['concept', 'question', 'drill']), id: z.string(), title: z.string() }),
  state: CardState,
  suspended: z.boolean(),
  dueAtMs: z.number().nullable(),
  reps: z.number(),
  lapses: z.number(),
  /** When each rating would bring the card back, in words ("10 min", "3 days"). */
  intervals: z.object({ again: z.string(), hard: z.string(), good: z.string(), easy: z.string() }),
});
export type CardView = z.infer<typeof CardView>;

export const SrsStats = z.object({
  /** Reviews per local day for the last 365 days, oldest first. */
  perDay: z.array(z.object({ day: z.string(), count: z.number() })),
  retention: z.object({
    desired: z.number(),
    /** Share of reviews of mature cards (in review state) not rated Again, last 30 days. */
    measured: z.number().nullable(),
    sample: z.number(),
  }),
  byState: z.object({
    new: z.number(),
    learning: z.number(),
    review: z.number(),
    relearning: z.number(),
    suspended: z.number(),
  }),
  /** Cards coming due on each of the next 30 days (day 0 includes everything overdue). */
  forecast: z.array(z.object({ day: z.string(), due: z.number() })),
  timeSpentMs: z.object({ today: z.number(), last7Days: z.number(), total: z.number() }),
  totalReviews: z.number(),
});
export type SrsStats = z.infer<typeof SrsStats>;

const CardId = z.string().min(3).max(420);
const DeckId = z
  .string()
  .max(200)
  .regex(/^(kind|topic):/, 'is not a deck (kind:… or topic:…)');

export const srsCalls = {
  'srs.today': { input: z.object({}).strict(), output: Today },
  /** The first card of the queue (all decks, or one), or null when nothing is due. */
  'srs.next': {
    input: z.object({ deck: DeckId.optional() }).strict(),
    output: CardView.nullable(),
  },
  'srs.card': { input: z.object({ cardId: CardId }).strict(), output: CardView },
  'srs.review': {
    input: z
      .object({
        cardId: CardId,
        rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
        /** Indexes into the card's points that the user covered. */
        pointsCovered: z.array(z.number().int().min(0).max(100)).max(100),
        durationMs: z.number().int().min(0).max(86_400_000),
      })
      .strict(),
    output: CardView,
  },
  'srs.suspend': {
    input: z.object({ cardId: CardId, suspended: z.boolean() }).strict(),
    output: CardView,
  },
  /** Forgets a card's schedule (it becomes new again); its past reviews stay in the log. */
  'srs.reset': { input: z.object({ cardId: CardId }).strict(), output: CardView },
  'srs.suspended': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), title: z.string(), deckTitle: z.string() })),
  },
  'srs.settings': { input: z.object({}).strict(), output: SrsSettings },
  'srs.saveSettings': { input: SrsSettings.strict(), output: SrsSettings },
  'srs.stats': { input: z.object({}).strict(), output: SrsStats },
} as const;
