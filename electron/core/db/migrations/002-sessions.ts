import type { Migration } from './index';

/**
 * Interview sessions. Time is never stored as a running counter: the timeline of events (start,
 * phase changes, pauses, end) is the source of truth and the clock is recomputed from it.
 */
export const m002Sessions: Migration = {
  version: 2,
  name: 'interview sessions',
  up(db) {
    db.exec(`
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        problem_id TEXT NOT NULL,
        problem_title TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'discarded')),
        time_target_min INTEGER NOT NULL,
        budgets_json TEXT NOT NULL,
        mutation_enabled INTEGER NOT NULL CHECK (mutation_enabled IN (0, 1)),
        -- Which authored constraint change this session drew (chosen at start, applied later).
        mutation_index INTEGER,
        created_at_ms INTEGER NOT NULL,
        ended_at_ms INTEGER,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_status ON sessions (status, updated_at_ms);
      CREATE INDEX sessions_by_created ON sessions (created_at_ms);

      CREATE TABLE session_events (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('start', 'phase', 'pause', 'resume', 'end')),
        phase TEXT
      ) STRICT;
      CREATE INDEX session_events_by_session ON session_events (session_id, at_ms);

      CREATE TABLE session_notes (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        phase TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (session_id, phase)
      ) STRICT;

      -- The latest whiteboard scene, overwritten on every autosave (cheap: one row).
      CREATE TABLE session_scene (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        scene_json TEXT NOT NULL,
        element_count INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      -- Compressed snapshots over time, for replay. Bounded per session by the store.
      CREATE TABLE scene_snapshots (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        phase TEXT,
        element_count INTEGER NOT NULL,
        scene_deflated BLOB NOT NULL
      ) STRICT;
      CREATE INDEX scene_snapshots_by_session ON scene_snapshots (session_id, at_ms);

      CREATE TABLE session_scratchpad (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        results_json TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE transcript (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        phase TEXT,
        role TEXT NOT NULL CHECK (role IN ('candidate', 'interviewer')),
        kind TEXT NOT NULL CHECK (kind IN ('opening', 'question', 'answer', 'follow-up', 'mutation', 'nudge')),
        text TEXT NOT NULL,
        -- For answers: which authored clarifying question matched, and how well (0..1).
        matched_index INTEGER,
        match_score REAL
      ) STRICT;
      CREATE INDEX transcript_by_session ON transcript (session_id, id);
    `);
  },
};
