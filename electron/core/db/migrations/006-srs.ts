import type { Migration } from './index';

/**
 * Spaced repetition. `srs_reviews` is the log (every rating, and every reset), the truth a card's
 * schedule can be recomputed from; `srs_cards` holds each card's current FSRS state so the due
 * queue is one indexed read. A card without a row is new. Suspending is a flag on the card, not a
 * scheduling event.
 */
export const m006Srs: Migration = {
  version: 6,
  name: 'spaced repetition cards and review log',
  up(db) {
    db.exec(`
      CREATE TABLE srs_cards (
        card_id TEXT PRIMARY KEY,
        state INTEGER NOT NULL,
        due_ms INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        learning_steps INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        last_review_ms INTEGER,
        suspended INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX srs_cards_due ON srs_cards (suspended, due_ms);

      CREATE TABLE srs_reviews (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rate', 'reset')),
        rating INTEGER,
        reviewed_at_ms INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        -- The desired retention the review was scheduled with, so a recompute uses the same one.
        retention REAL NOT NULL,
        points_covered_json TEXT NOT NULL DEFAULT '[]',
        points_total INTEGER NOT NULL DEFAULT 0,
        state_before INTEGER NOT NULL,
        state_after INTEGER NOT NULL,
        due_after_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX srs_reviews_card ON srs_reviews (card_id, id);
      CREATE INDEX srs_reviews_time ON srs_reviews (reviewed_at_ms);
    `);
  },
};
