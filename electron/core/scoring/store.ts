/** Self-scores against the rubric (with their change log) and the user's rubric profiles. */
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../../shared/api/envelope';
import type { Profile, Score, scoringCalls } from '../../../shared/api/scoring';
import {
  DEFAULT_PROFILE,
  DIMENSION_IDS,
  profileProblems,
  verdict,
  weightedScore,
  type Levels,
  type Weights,
} from '../../../shared/domain/rubric';

type In<K extends keyof typeof scoringCalls> = z.output<(typeof scoringCalls)[K]['input']>;

const DEFAULT_PROFILE_KEY = 'rubric.defaultProfileId';

interface ScoreRecord {
  session_id: string;
  provenance: 'self' | 'ai';
  profile_id: string;
  profile_name: string;
  weights_json: string;
  requirements: number;
  design: number;
  depth: number;
  tradeoffs: number;
  communication: number;
  evidence_json: string;
  checklist_json: string;
  weighted: number;
  verdict: Score['verdict'];
  created_at_ms: number;
  updated_at_ms: number;
}

export class ScoringStore {
  private readonly stmt: Record<string, Statement>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.stmt = {
      profiles: db.prepare('SELECT id, name, weights_json FROM rubric_profiles ORDER BY created_at_ms'),
      profile: db.prepare('SELECT id, name, weights_json FROM rubric_profiles WHERE id = ?'),
      upsertProfile: db.prepare(
        `INSERT INTO rubric_profiles (id, name, weights_json, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, weights_json = excluded.weights_json, updated_at_ms = excluded.updated_at_ms`,
      ),
      deleteProfile: db.prepare('DELETE FROM rubric_profiles WHERE id = ?'),
      getSetting: db.prepare('SELECT value_json FROM settings WHERE key = ?'),
      setSetting: db.prepare(
        `INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms`,
      ),
      session: db.prepare('SELECT id, status, problem_id FROM sessions WHERE id = ?'),
      score: db.prepare('SELECT * FROM scores WHERE session_id = ?'),
      insertScore: db.prepare(
        `INSERT INTO scores (session_id, provenance, profile_id, profile_name, weights_json, requirements, design, depth,
           tradeoffs, communication, evidence_json, checklist_json, weighted, verdict, created_at_ms, updated_at_ms)
         VALUES (@session_id, 'self', @profile_id, @profile_name, @weights_json, @requirements, @design, @depth,
           @tradeoffs, @communication, @evidence_json, @checklist_json, @weighted, @verdict, @now, @now)`,
      ),
      updateScore: db.prepare(
        `UPDATE scores SET profile_id = @profile_id, profile_name = @profile_name, weights_json = @weights_json,
           requirements = @requirements, design = @design, depth = @depth, tradeoffs = @tradeoffs,
           communication = @communication, evidence_json = @evidence_json, checklist_json = @checklist_json,
           weighted = @weighted, verdict = @verdict, updated_at_ms = @now
         WHERE session_id = @session_id`,
      ),
      insertChange: db.prepare(
        'INSERT INTO score_changes (session_id, at_ms, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
      ),
      changes: db.prepare(
        'SELECT at_ms AS atMs, field, old_value AS oldValue, new_value AS newValue FROM score_changes WHERE session_id = ? ORDER BY id',
      ),
    };
  }

  // ---- profiles ----

  profiles(): { profiles: Profile[]; defaultId: string } {
    const stored = (this.stmt.profiles!.all() as { id: string; name: string; weights_json: string }[]).map(
      (r) => ({
        id: r.id,
        name: r.name,
        weights: JSON.parse(r.weights_json) as Weights,
        builtin: false,
      }),
    );
    const all: Profile[] = [{ ...DEFAULT_PROFILE, builtin: true }, ...stored];
    const setting = this.stmt.getSetting!.get(DEFAULT_PROFILE_KEY) as { value_json: string } | undefined;
    const wanted = setting ? (JSON.parse(setting.value_json) as string) : DEFAULT_PROFILE.id;
    return { profiles: all, defaultId: all.some((p) => p.id === wanted) ? wanted : DEFAULT_PROFILE.id };
  }

  private profile(id: string): Profile {
    const p = this.profiles().profiles.find((x) => x.id === id);
    if (!p) throw new AppError('NOT_FOUND', 'That rubric profile no longer exists.');
    return p;
  }

  saveProfile(input: In<'rubric.saveProfile'>): Profile {
    const problems = profileProblems(input.weights as Weights);
    if (problems.length > 0) throw new AppError('BAD_INPUT', problems.join(' '), problems);
    if (input.id === DEFAULT_PROFILE.id)
      throw new AppError('CONFLICT', 'The balanced profile is built in; save yours under a new name.');
    const id = input.id ?? `p-${this.now().toString(36)}`;
    const now = this.now();
    this.stmt.upsertProfile!.run(id, input.name, JSON.stringify(input.weights), now, now);
    return { id, name: input.name, weights: input.weights as Weights, builtin: false };
  }

  deleteProfile(id: string): boolean {
    if (id === DEFAULT_PROFILE.id)
      throw new AppError('CONFLICT', 'The balanced profile is built in and cannot be deleted.');
    const deleted = this.stmt.deleteProfile!.run(id).changes > 0;
    if (deleted && this.profiles().defaultId === DEFAULT_PROFILE.id) this.setDefault(DEFAULT_PROFILE.id);
    return deleted;
  }

  setDefault(id: string): string {
    this.profile(id);
    this.stmt.setSetting!.run(DEFAULT_PROFILE_KEY, JSON.stringify(id), this.now());
    return id;
  }

  // ---- scores ----

  get(sessionId: string): Score | null {
    const r = this.stmt.score!.get(sessionId) as ScoreRecord | undefined;
    if (!r) return null;
    return {
      sessionId: r.session_id,
      provenance: r.provenance,
      profileId: r.profile_id,
      profileName: r.profile_name,
      weights: JSON.parse(r.weights_json) as Weights,
      levels: {
        requirements: r.requirements,
        design: r.design,
        depth: r.depth,
        tradeoffs: r.tradeoffs,
        communication: r.communication,
      } as Levels,
      evidence: JSON.parse(r.evidence_json) as Score['evidence'],
      checklist: JSON.parse(r.checklist_json) as number[],
      weighted: r.weighted,
      verdict: r.verdict,
      createdAtMs: r.created_at_ms,
      updatedAtMs: r.updated_at_ms,
      changes: this.stmt.changes!.all(sessionId) as Score['changes'],
    };
  }

  save(input: In<'score.save'>): Score {
    const session = this.stmt.session!.get(input.sessionId) as { id: string; status: string } | undefined;
    if (!session || session.status === 'discarded')
      throw new AppError('NOT_FOUND', 'That interview session no longer exists.');
    if (session.status !== 'ended') throw new AppError('CONFLICT', 'End the interview before scoring it.');
    const profile = this.profile(input.profileId);
    const levels = input.levels as Levels;
    const now = this.now();
    const row = {
      session_id: input.sessionId,
      profile_id: profile.id,
      profile_name: profile.name,
      weights_json: JSON.stringify(profile.weights),
      ...levels,
      evidence_json: JSON.stringify(input.evidence),
      checklist_json: JSON.stringify([...new Set(input.checklist)].sort((a, b) => a - b)),
      weighted: weightedScore(levels, profile.weights),
      verdict: verdict(levels, profile.weights),
      now,
    };
    this.db.transaction(() => {
      const before = this.get(input.sessionId);
      if (!before) {
        this.stmt.insertScore!.run(row);
        return;
      }
      // Record what changed, field by field, before overwriting.
      const record = (field: string, oldValue: unknown, newValue: unknown) => {
        const o = typeof oldValue === 'string' ? oldValue : JSON.stringify(oldValue);
        const n = typeof newValue === 'string' ? newValue : JSON.stringify(newValue);
        if (o !== n) this.stmt.insertChange!.run(input.sessionId, now, field, o, n);
      };
      for (const id of DIMENSION_IDS) record(`level.${id}`, before.levels[id], levels[id]);
      for (const id of DIMENSION_IDS) record(`evidence.${id}`, before.evidence[id], input.evidence[id]);
      record('checklist', before.checklist, JSON.parse(row.checklist_json));
      record('profile', before.profileName, profile.name);
      record('weighted', before.weighted.toFixed(2), row.weighted.toFixed(2));
      this.stmt.updateScore!.run(row);
    })();
    return this.get(input.sessionId)!;
  }
}
