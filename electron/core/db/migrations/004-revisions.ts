import type { Migration } from './index';

/**
 * Save revisions, so an out-of-date window cannot overwrite newer work, and the drafts that keep
 * what such a window had typed.
 */
export const m004Revisions: Migration = {
  version: 4,
  name: 'session revisions and kept drafts',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE session_drafts (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at_ms INTEGER NOT NULL,
        base_revision INTEGER NOT NULL,
        notes_json TEXT NOT NULL,
        scratchpad_text TEXT,
        scene_json TEXT,
        scene_element_count INTEGER
      ) STRICT;
      CREATE INDEX session_drafts_by_session ON session_drafts (session_id, created_at_ms);
    `);
  },
};
