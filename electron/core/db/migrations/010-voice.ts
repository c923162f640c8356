import type { Migration } from './index';

/**
 * Voice recordings and their transcripts. The audio lives in this database as chunks (BLOBs), so
 * the one-file backup (VACUUM INTO) carries it and restore brings it back byte for byte.
 *
 * A recording is made of segments: one per run of the browser's MediaRecorder (it restarts after a
 * pause or a reopened interview), each a stream of its own with its own header. A segment's chunks
 * are numbered in the order the recorder made them; they may arrive out of order or not at all.
 */
export const m010Voice: Migration = {
  version: 10,
  name: 'voice recordings and transcripts',
  up(db) {
    db.exec(`
      CREATE TABLE voice_recordings (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        -- The candidate chose to record this interview (on the start panel).
        planned INTEGER NOT NULL CHECK (planned IN (0, 1)),
        created_at_ms INTEGER NOT NULL,
        -- Why the last transcription failed (shown on the session page until a retry succeeds).
        transcribe_error TEXT
      ) STRICT;
      CREATE TABLE voice_segments (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        segment INTEGER NOT NULL,
        mime_type TEXT NOT NULL,
        -- When the segment's first sound was recorded, on the back end's clock (the replay's axis).
        started_at_ms INTEGER NOT NULL,
        PRIMARY KEY (session_id, segment)
      ) STRICT;
      CREATE TABLE voice_chunks (
        session_id TEXT NOT NULL,
        segment INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        -- When the chunk's last sound was recorded (back end's clock).
        ended_at_ms INTEGER NOT NULL,
        size_bytes INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (session_id, segment, seq),
        FOREIGN KEY (session_id, segment) REFERENCES voice_segments (session_id, segment) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE voice_transcripts (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        segments_json TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
