import type { Migration } from './index';

export const m001Initial: Migration = {
  version: 1,
  name: 'settings and content packs',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      -- User-imported content packs, stored whole: the pack is validated before the insert, and the
      -- insert is one statement, so a pack is either fully installed or absent.
      CREATE TABLE content_packs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        pack_json TEXT NOT NULL,
        imported_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
