/**
 * Scores, rubric profiles, history and trends. History and trends read from two indexed tables
 * (sessions + scores) with totals written at session end, so they stay fast with thousands of rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/api/envelope';
import type { HistoryRow, Profile, Score, Trends, scoringCalls } from '../../shared/api/scoring';
import { PHASE_IDS, type Problem, type Drill } from '../../shared/content/schema';
import {
  DEFAULT_PROFILE,
  DIMENSIONS,
  DIMENSION_IDS,
  profileProblems,
  verdict,
  weightedScore,
  type DimensionId,
  type Levels,
  type Weights,
} from '../../shared/domain/rubric';

type In<K extends keyof typeof scoringCalls> = z.output<(typeof scoringCalls)[K]['input']>;

const DEFAULT_PROFILE_KEY = 'rubric.defaultProfileId';
/** How many recent scored sessions the trend chart and habits cover. */
export const TREND_WINDOW = 250;

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

export interface ContentLookup {
  problems: () => Problem[];
  drills: () => Drill[];
}

export class ScoringStore {
  private readonly stmt: Record<string, Statement>;
  private readonly historyStatements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly content: ContentLookup,
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
      // The chart and the habits use the most recent sessions: they describe how you practise now.
      trendRows: db.prepare(
        `SELECT s.id, s.created_at_ms, s.problem_id, s.problem_title,
                sc.weighted, sc.requirements, sc.design, sc.depth, sc.tradeoffs, sc.communication
         FROM sessions s JOIN scores sc ON sc.session_id = s.id
         WHERE s.status = 'ended' ORDER BY s.created_at_ms DESC LIMIT ${TREND_WINDOW}`,
      ),
      scoredCount: db.prepare(
        "SELECT count(*) AS n FROM sessions s JOIN scores sc ON sc.session_id = s.id WHERE s.status = 'ended'",
      ),
      // SQLite returns the other columns from the row that has the max(): the latest interview.
      lastByProblem: db.prepare(
        `SELECT s.problem_id AS problemId, max(s.created_at_ms) AS atMs, sc.weighted AS weighted
         FROM sessions s LEFT JOIN scores sc ON sc.session_id = s.id WHERE s.status = 'ended' GROUP BY s.problem_id`,
      ),
      perProblem: db.prepare(
        `SELECT s.problem_id AS problemId, min(sc.weighted) AS weighted, max(s.created_at_ms) AS atMs
         FROM sessions s JOIN scores sc ON sc.session_id = s.id WHERE s.status = 'ended' GROUP BY s.problem_id`,
      ),
      // Phase habits aggregated inside SQLite (its JSON functions are far cheaper than parsing rows here).
      phaseHabits: db.prepare(
        `SELECT count(*) AS n, ${PHASE_IDS.map(
          (p, i) =>
            `avg(json_extract(s.phase_spent_json, '$."${p}"')) / 60000.0 AS spent${i}, avg(json_extract(s.budgets_json, '$."${p}"')) AS plan${i}`,
        ).join(', ')}
         FROM (SELECT s.phase_spent_json, s.budgets_json FROM sessions s JOIN scores sc ON sc.session_id = s.id
               WHERE s.status = 'ended' AND s.phase_spent_json IS NOT NULL
               ORDER BY s.created_at_ms DESC LIMIT ${TREND_WINDOW}) AS s`,
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

  lastByProblem(): Map<string, { atMs: number; weighted: number | null }> {
    const rows = this.stmt.lastByProblem!.all() as {
      problemId: string;
      atMs: number;
      weighted: number | null;
    }[];
    return new Map(rows.map((r) => [r.problemId, { atMs: r.atMs, weighted: r.weighted }]));
  }

  // ---- history ----

  history(q: In<'history.list'>): HistoryRow[] {
    // Filters and order run inside SQLite. Column names come from this whitelist, never from input.
    const column = { date: 's.created_at_ms', score: 'sc.weighted', duration: 's.active_ms' }[q.sort];
    const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
    const where = ["s.status = 'ended'"];
    const params: (string | number)[] = [];
    if (q.problemId) {
      where.push('s.problem_id = ?');
      params.push(q.problemId);
    }
    if (q.verdict === 'unscored') where.push('sc.session_id IS NULL');
    else if (q.verdict) {
      where.push('sc.verdict = ?');
      params.push(q.verdict);
    }
    if (q.text) {
      where.push("s.problem_title LIKE ? ESCAPE '\\'");
      params.push(`%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const key = `${column}|${dir}|${where.join('&')}`;
    let stmt = this.historyStatements.get(key);
    if (!stmt) {
      // Rows without a value (unscored) always sort last; ties go newest first.
      stmt = this.db.prepare(
        `SELECT s.id, s.problem_id AS problemId, s.problem_title AS problemTitle, s.created_at_ms AS createdAtMs,
                s.active_ms AS activeMs, s.time_target_min AS timeTargetMin, sc.weighted, sc.verdict
         FROM sessions s LEFT JOIN scores sc ON sc.session_id = s.id
         WHERE ${where.join(' AND ')}
         ORDER BY ${column} IS NULL, ${column} ${dir}, s.created_at_ms DESC`,
      );
      this.historyStatements.set(key, stmt);
    }
    return stmt.all(...params) as HistoryRow[];
  }

  // ---- trends ----

  trends(): Trends {
    const rows = this.stmt.trendRows!.all() as {
      id: string;
      created_at_ms: number;
      problem_id: string;
      problem_title: string;
      weighted: number;
      requirements: number;
      design: number;
      depth: number;
      tradeoffs: number;
      communication: number;
    }[];
    rows.reverse(); // oldest first for the chart
    const points = rows.map((r) => ({
      sessionId: r.id,
      atMs: r.created_at_ms,
      problemTitle: r.problem_title,
      weighted: r.weighted,
      requirements: r.requirements,
      design: r.design,
      depth: r.depth,
      tradeoffs: r.tradeoffs,
      communication: r.communication,
    }));
    const habits = this.stmt.phaseHabits!.get() as Record<string, number | null>;
    const phaseHabits = PHASE_IDS.map((phase, i) => ({
      phase,
      avgSpentMin: Math.round((habits[`spent${i}`] ?? 0) * 10) / 10,
      avgPlanMin: Math.round((habits[`plan${i}`] ?? 0) * 10) / 10,
    }));
    // Weakness is judged on recent sessions: the last five show the current habit, not last month's.
    const recent = points.slice(-5);
    const averages = Object.fromEntries(
      DIMENSION_IDS.map((id) => [
        id,
        recent.length ? Math.round((recent.reduce((a, p) => a + p[id], 0) / recent.length) * 100) / 100 : 0,
      ]),
    ) as Record<DimensionId, number>;
    const weakest = recent.length
      ? [...DIMENSION_IDS].sort(
          (a, b) => averages[a] - averages[b] || DIMENSION_IDS.indexOf(a) - DIMENSION_IDS.indexOf(b),
        )[0]!
      : null;
    return {
      scored: (this.stmt.scoredCount!.get() as { n: number }).n,
      points,
      phaseHabits,
      averages,
      weakest,
      recommendation: this.recommend(
        weakest,
        this.stmt.perProblem!.all() as { problemId: string; weighted: number; atMs: number }[],
      ),
    };
  }

  private recommend(
    weakest: DimensionId | null,
    done: { problemId: string; weighted: number; atMs: number }[],
  ): Trends['recommendation'] {
    const problems = this.content.problems();
    const drills = this.content.drills();
    const practised = new Set(done.map((d) => d.problemId));
    const fresh = problems.filter((p) => !practised.has(p.id));
    if (!weakest) {
      const first = problems.find((p) => p.difficulty === 'easy') ?? problems[0];
      return first
        ? {
            title: `Start with ${first.title}`,
            why: 'Score a first session to see your trends; an easier problem sets a baseline.',
            link: { kind: 'problem', id: first.id, title: first.title },
          }
        : null;
    }
    const dim = DIMENSIONS.find((d) => d.id === weakest)!;
    const drillKind =
      weakest === 'tradeoffs'
        ? 'tradeoff'
        : weakest === 'depth'
          ? 'failure-mode'
          : weakest === 'requirements'
            ? 'estimation'
            : null;
    const drill = drillKind ? drills.find((d) => d.kind === drillKind) : undefined;
    if (drill && (weakest === 'tradeoffs' || weakest === 'depth')) {
      return {
        title: `Do the “${drill.title}” drill`,
        why: `${dim.short} is your weakest dimension over your last sessions. This ${drill.timeBoxMin}-minute drill trains exactly that before your next full interview.`,
        link: { kind: 'drill', id: drill.id, title: drill.title },
      };
    }
    // Otherwise: the problem that most rewards the weak dimension — one not yet practised, else the lowest-scored.
    const lowest = [...done].sort((a, b) => a.weighted - b.weighted)[0];
    const target =
      fresh.sort((a, b) => b.clarifyingQuestions.length - a.clarifyingQuestions.length)[0] ??
      problems.find((p) => p.id === lowest?.problemId);
    if (!target) return null;
    return {
      title: `Practise ${target.title} next`,
      why: practised.has(target.id)
        ? `${dim.short} is your weakest dimension, and this is your lowest-scored problem. Go again and keep asking yourself: “${dim.prompt}”`
        : `${dim.short} is your weakest dimension. A problem you haven’t tried yet forces fresh ${dim.short.toLowerCase()} work — keep asking yourself: “${dim.prompt}”`,
      link: { kind: 'problem', id: target.id, title: target.title },
    };
  }
}
