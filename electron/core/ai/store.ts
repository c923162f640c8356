/**
 * The AI features' rows: endpoint settings (never the key), the interviewer switch per session, the
 * model and prompt version behind each AI transcript entry, every call's tokens, drafts and the
 * levels adopted from them. Transcript entries themselves go in the interview's own `transcript`
 * table, so the session page, reports and scoring read AI messages like the offline interviewer's.
 */
import type { Database, Statement } from 'better-sqlite3';
import type {
  AiAdoption,
  AiCallRecord,
  AiDraft,
  AiDraftDimension,
  AiMessageMeta,
  AiPreset,
} from '../../../shared/api/ai';
import type { PhaseId } from '../../../shared/content/schema';
import type { TranscriptEntry } from '../../../shared/api/sessions';
import type { DimensionId, Level } from '../../../shared/domain/rubric';

export interface StoredSettings {
  preset: AiPreset;
  baseURL: string;
  model: string;
}

interface DraftRecord {
  id: number;
  session_id: string;
  created_at_ms: number;
  model: string;
  prompt_version: string;
  status: AiDraft['status'];
  message: string | null;
  dimensions_json: string;
  dropped_quotes: number;
}

function draftOf(r: DraftRecord): AiDraft {
  return {
    id: r.id,
    sessionId: r.session_id,
    createdAtMs: r.created_at_ms,
    model: r.model,
    promptVersion: r.prompt_version,
    status: r.status,
    message: r.message,
    dimensions: JSON.parse(r.dimensions_json) as AiDraftDimension[],
    droppedQuotes: r.dropped_quotes,
  };
}

export class AiStore {
  private readonly stmt: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.stmt = {
      settings: db.prepare('SELECT preset, base_url AS baseURL, model FROM ai_settings WHERE id = 1'),
      saveSettings: db.prepare(
        `INSERT INTO ai_settings (id, preset, base_url, model, updated_at_ms) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET preset = excluded.preset, base_url = excluded.base_url,
           model = excluded.model, updated_at_ms = excluded.updated_at_ms`,
      ),
      interviewer: db.prepare('SELECT interviewer FROM ai_sessions WHERE session_id = ?'),
      setInterviewer: db.prepare(
        `INSERT INTO ai_sessions (session_id, interviewer, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET interviewer = excluded.interviewer, updated_at_ms = excluded.updated_at_ms`,
      ),
      insertTranscript: db.prepare(
        `INSERT INTO transcript (session_id, at_ms, phase, role, kind, text, matched_index, match_score)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      touchSession: db.prepare('UPDATE sessions SET updated_at_ms = ? WHERE id = ?'),
      transcriptEntry: db.prepare(
        `SELECT id, at_ms, phase, role, kind, text, matched_index, match_score, reply_to, addressed_at_ms
         FROM transcript WHERE id = ?`,
      ),
      insertMessage: db.prepare(
        'INSERT INTO ai_messages (entry_id, session_id, model, prompt_version, incomplete) VALUES (?, ?, ?, ?, ?)',
      ),
      messages: db.prepare(
        `SELECT entry_id AS entryId, model, prompt_version AS promptVersion, incomplete
         FROM ai_messages WHERE session_id = ? ORDER BY entry_id`,
      ),
      insertCall: db.prepare(
        `INSERT INTO ai_calls (session_id, at_ms, purpose, model, prompt_version, prompt_tokens, completion_tokens, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      calls: db.prepare(
        `SELECT id, at_ms AS atMs, purpose, model, prompt_version AS promptVersion, prompt_tokens AS promptTokens,
           completion_tokens AS completionTokens, outcome
         FROM ai_calls WHERE session_id = ? ORDER BY at_ms, id`,
      ),
      insertDraft: db.prepare(
        `INSERT INTO ai_drafts (session_id, created_at_ms, model, prompt_version, status, message, dimensions_json, dropped_quotes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      draft: db.prepare('SELECT * FROM ai_drafts WHERE id = ?'),
      latestDraft: db.prepare(
        'SELECT * FROM ai_drafts WHERE session_id = ? ORDER BY created_at_ms DESC, id DESC LIMIT 1',
      ),
      adopt: db.prepare(
        `INSERT INTO ai_adoptions (session_id, dimension, draft_id, level, self_level, adopted_at_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, dimension) DO UPDATE SET draft_id = excluded.draft_id, level = excluded.level,
           self_level = excluded.self_level, adopted_at_ms = excluded.adopted_at_ms`,
      ),
      adoptions: db.prepare(
        `SELECT a.dimension, a.draft_id AS draftId, d.model, d.created_at_ms AS draftCreatedAtMs, a.level,
           a.self_level AS selfLevel, a.adopted_at_ms AS adoptedAtMs
         FROM ai_adoptions a JOIN ai_drafts d ON d.id = a.draft_id WHERE a.session_id = ? ORDER BY a.adopted_at_ms`,
      ),
      calibration: db.prepare(
        `SELECT s.id AS sessionId, s.created_at_ms AS atMs, s.problem_title AS problemTitle,
           sc.requirements, sc.design, sc.depth, sc.tradeoffs, sc.communication, d.dimensions_json
         FROM ai_drafts d
         JOIN sessions s ON s.id = d.session_id
         JOIN scores sc ON sc.session_id = d.session_id
         WHERE d.status = 'draft' AND d.id = (
           SELECT id FROM ai_drafts d2 WHERE d2.session_id = d.session_id AND d2.status = 'draft'
           ORDER BY d2.created_at_ms DESC, d2.id DESC LIMIT 1)
         ORDER BY s.created_at_ms`,
      ),
    };
  }

  settings(): StoredSettings | null {
    return (this.stmt.settings!.get() as StoredSettings | undefined) ?? null;
  }

  saveSettings(s: StoredSettings): void {
    this.stmt.saveSettings!.run(s.preset, s.baseURL, s.model, this.now());
  }

  interviewer(sessionId: string): boolean {
    const row = this.stmt.interviewer!.get(sessionId) as { interviewer: number } | undefined;
    return row?.interviewer === 1;
  }

  setInterviewer(sessionId: string, on: boolean): void {
    this.stmt.setInterviewer!.run(sessionId, on ? 1 : 0, this.now());
  }

  /** Adds a transcript entry (and, for an AI message, what produced it) in one transaction. */
  addTranscript(
    sessionId: string,
    phase: PhaseId | null,
    role: TranscriptEntry['role'],
    kind: TranscriptEntry['kind'],
    text: string,
    ai: { model: string; promptVersion: string; incomplete: boolean } | null,
    match: { index: number | null; score: number | null } = { index: null, score: null },
  ): TranscriptEntry {
    return this.db.transaction(() => {
      const at = this.now();
      const id = Number(
        this.stmt.insertTranscript!.run(sessionId, at, phase, role, kind, text, match.index, match.score)
          .lastInsertRowid,
      );
      if (ai) this.stmt.insertMessage!.run(id, sessionId, ai.model, ai.promptVersion, ai.incomplete ? 1 : 0);
      this.stmt.touchSession!.run(at, sessionId);
      const t = this.stmt.transcriptEntry!.get(id) as {
        id: number;
        at_ms: number;
        phase: PhaseId | null;
        role: TranscriptEntry['role'];
        kind: TranscriptEntry['kind'];
        text: string;
        matched_index: number | null;
        match_score: number | null;
        reply_to: number | null;
        addressed_at_ms: number | null;
      };
      return {
        id: t.id,
        atMs: t.at_ms,
        phase: t.phase,
        role: t.role,
        kind: t.kind,
        text: t.text,
        matchedIndex: t.matched_index,
        matchScore: t.match_score,
        replyTo: t.reply_to,
        addressedAtMs: t.addressed_at_ms,
      };
    })();
  }

  messages(sessionId: string): AiMessageMeta[] {
    return (
      this.stmt.messages!.all(sessionId) as {
        entryId: number;
        model: string;
        promptVersion: string;
        incomplete: number;
      }[]
    ).map((m) => ({ ...m, incomplete: m.incomplete === 1 }));
  }

  recordCall(c: Omit<AiCallRecord, 'id' | 'atMs'> & { sessionId: string | null }): void {
    this.stmt.insertCall!.run(
      c.sessionId,
      this.now(),
      c.purpose,
      c.model,
      c.promptVersion,
      c.promptTokens,
      c.completionTokens,
      c.outcome,
    );
  }

  calls(sessionId: string): AiCallRecord[] {
    return this.stmt.calls!.all(sessionId) as AiCallRecord[];
  }

  saveDraft(d: Omit<AiDraft, 'id' | 'createdAtMs'>): AiDraft {
    const id = Number(
      this.stmt.insertDraft!.run(
        d.sessionId,
        this.now(),
        d.model,
        d.promptVersion,
        d.status,
        d.message,
        JSON.stringify(d.dimensions),
        d.droppedQuotes,
      ).lastInsertRowid,
    );
    return draftOf(this.stmt.draft!.get(id) as DraftRecord);
  }

  latestDraft(sessionId: string): AiDraft | null {
    const r = this.stmt.latestDraft!.get(sessionId) as DraftRecord | undefined;
    return r ? draftOf(r) : null;
  }

  recordAdoption(
    sessionId: string,
    dimension: DimensionId,
    draftId: number,
    level: Level,
    selfLevel: Level,
  ): void {
    this.stmt.adopt!.run(sessionId, dimension, draftId, level, selfLevel, this.now());
  }

  adoptions(sessionId: string): AiAdoption[] {
    return this.stmt.adoptions!.all(sessionId) as AiAdoption[];
  }

  calibrationRows(): {
    sessionId: string;
    atMs: number;
    problemTitle: string;
    levels: Record<DimensionId, number>;
    dimensions: AiDraftDimension[];
  }[] {
    return (
      this.stmt.calibration!.all() as (Record<DimensionId, number> & {
        sessionId: string;
        atMs: number;
        problemTitle: string;
        dimensions_json: string;
      })[]
    ).map((r) => ({
      sessionId: r.sessionId,
      atMs: r.atMs,
      problemTitle: r.problemTitle,
      levels: {
        requirements: r.requirements,
        design: r.design,
        depth: r.depth,
        tradeoffs: r.tradeoffs,
        communication: r.communication,
      },
      dimensions: JSON.parse(r.dimensions_json) as AiDraftDimension[],
    }));
  }
}
