import type { Migration } from './index';

/** Self-scores against the rubric, their edit history, rubric profiles, and per-session timing totals. */
export const m003Scores: Migration = {
  version: 3,
  name: 'scores, rubric profiles and session totals',
  up(db) {
    db.exec(`
      CREATE TABLE rubric_profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        weights_json TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE scores (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        provenance TEXT NOT NULL CHECK (provenance IN ('self', 'ai')),
        profile_id TEXT NOT NULL,
        profile_name TEXT NOT NULL,
        weights_json TEXT NOT NULL,
        requirements INTEGER NOT NULL CHECK (requirements BETWEEN 1 AND 4),
        design INTEGER NOT NULL CHECK (design BETWEEN 1 AND 4),
        depth INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 4),
        tradeoffs INTEGER NOT NULL CHECK (tradeoffs BETWEEN 1 AND 4),
        communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 4),
        evidence_json TEXT NOT NULL,
        checklist_json TEXT NOT NULL,
        weighted REAL NOT NULL,
        verdict TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      -- Every change to a saved score: when, which field, old → new. Scores are never silently rewritten.
      CREATE TABLE score_changes (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT NOT NULL,
        new_value TEXT NOT NULL
      ) STRICT;
      CREATE INDEX score_changes_by_session ON score_changes (session_id, at_ms);

      -- Totals written when a session ends, so history and trends never replay event timelines.
      ALTER TABLE sessions ADD COLUMN active_ms INTEGER;
      ALTER TABLE sessions ADD COLUMN phase_spent_json TEXT;
      CREATE INDEX sessions_history ON sessions (status, created_at_ms);
    `);
  },
};
