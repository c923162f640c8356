import type { Migration } from './index';

/**
 * The optional AI features. Endpoint settings (never the key: that lives in the OS keychain-backed
 * store on the desktop, or in memory in the web shell), which sessions use the AI interviewer, the
 * model and prompt version behind each AI transcript entry, every call's token usage, AI-drafted
 * scores and the levels adopted from them (provenance).
 */
export const m008Ai: Migration = {
  version: 8,
  name: 'AI interviewer, drafted scores and usage',
  up(db) {
    db.exec(`
      CREATE TABLE ai_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        preset TEXT NOT NULL CHECK (preset IN ('openai', 'ollama', 'lmstudio', 'custom')),
        base_url TEXT NOT NULL,
        model TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE ai_sessions (
        session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        interviewer INTEGER NOT NULL CHECK (interviewer IN (0, 1)),
        updated_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE ai_messages (
        entry_id INTEGER PRIMARY KEY REFERENCES transcript (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        incomplete INTEGER NOT NULL CHECK (incomplete IN (0, 1))
      ) STRICT;
      CREATE INDEX ai_messages_by_session ON ai_messages (session_id);

      CREATE TABLE ai_calls (
        id INTEGER PRIMARY KEY,
        session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        purpose TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        outcome TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ai_calls_by_session ON ai_calls (session_id, at_ms);

      CREATE TABLE ai_drafts (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at_ms INTEGER NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'not-enough', 'failed')),
        message TEXT,
        dimensions_json TEXT NOT NULL,
        dropped_quotes INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ai_drafts_by_session ON ai_drafts (session_id, created_at_ms);

      CREATE TABLE ai_adoptions (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        dimension TEXT NOT NULL,
        draft_id INTEGER NOT NULL REFERENCES ai_drafts (id) ON DELETE CASCADE,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        self_level INTEGER NOT NULL CHECK (self_level BETWEEN 1 AND 4),
        adopted_at_ms INTEGER NOT NULL,
        PRIMARY KEY (session_id, dimension)
      ) STRICT;
    `);
  },
};
