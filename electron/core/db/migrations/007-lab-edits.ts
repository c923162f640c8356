import type { Migration } from './index';

/** The user's edited version of a lab's implementation file, one per lab ("Reset to reference" deletes it). */
export const m007LabEdits: Migration = {
  version: 7,
  name: 'lab edits',
  up(db) {
    db.exec(`
      CREATE TABLE lab_edits (
        lab_id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
