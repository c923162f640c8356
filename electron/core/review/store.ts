/**
 * History and trends. They read from two indexed tables (sessions + scores) with totals written at
 * session end, so they stay fast with thousands of rows. What to practise next is a pure rule in
 * shared/domain/recommend.ts; this store only gathers its inputs.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { HistoryRow, Trends, scoringCalls } from '../../../shared/api/scoring';
import { type Drill, type Problem } from '../../../shared/content/schema';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { recommendNext } from '../../../shared/domain/recommend';
import { DIMENSION_IDS, type DimensionId } from '../../../shared/domain/rubric';

type In<K extends keyof typeof scoringCalls> = z.output<(typeof scoringCalls)[K]['input']>;

/** How many recent scored sessions the trend chart and habits cover. */
export const TREND_WINDOW = 250;

export interface ContentLookup {
  problems: () => Problem[];
  drills: () => Drill[];
}

export class ReviewStore {
  private readonly stmt: Record<string, Statement>;
  private readonly historyStatements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly content: ContentLookup,
  ) {
    this.stmt = {
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
      recommendation: recommendNext({
        weakest,
        done: this.stmt.perProblem!.all() as { problemId: string; weighted: number; atMs: number }[],
        problems: this.content.problems(),
        drills: this.content.drills(),
      }),
    };
  }
}
