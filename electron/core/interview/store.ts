/**
 * Interview sessions in SQLite. Every write is small and prepared once; the autosave path
 * (`save`) is one transaction of at most a few upserts, plus a compressed snapshot now and then.
 */
import zlib from 'node:zlib';
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../../shared/api/envelope';
import type {
  SessionDraft,
  SessionRow,
  SessionState,
  TranscriptEntry,
  sessionCalls,
} from '../../../shared/api/sessions';
import { type Problem } from '../../../shared/content/schema';
import { PHASE_IDS, type PhaseId } from '../../../shared/domain/phases';
import { DEFAULT_REPLY, matchQuestion, phaseEntryLines } from '../../../shared/domain/interviewer';
import {
  awayEvents,
  awayMsOf,
  computeTimer,
  nextPhase,
  type BudgetsMin,
  type SessionEvent,
} from '../../../shared/domain/timer';

type In<K extends keyof typeof sessionCalls> = z.output<(typeof sessionCalls)[K]['input']>;

/** A snapshot at most this often while drawing, and always at a phase change. */
export const SNAPSHOT_MIN_INTERVAL_MS = 15_000;
/** Per session; beyond it older snapshots are thinned (every other one dropped), never the first. */
export const MAX_SNAPSHOTS_PER_SESSION = 300;
/** A single compressed snapshot larger than this is skipped (the latest scene is still saved). */
export const MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024;

interface SessionRecord {
  id: string;
  problem_id: string;
  problem_title: string;
  pack_id: string;
  status: 'active' | 'ended' | 'discarded';
  time_target_min: number;
  budgets_json: string;
  mutation_enabled: number;
  mutation_index: number | null;
  created_at_ms: number;
  ended_at_ms: number | null;
  updated_at_ms: number;
  revision: number;
}

interface DraftRecord {
  id: number;
  created_at_ms: number;
  base_revision: number;
  notes_json: string;
  scratchpad_text: string | null;
  scene_element_count: number | null;
}

interface TranscriptRecord {
  id: number;
  at_ms: number;
  phase: PhaseId | null;
  role: 'candidate' | 'interviewer';
  kind: TranscriptEntry['kind'];
  text: string;
  matched_index: number | null;
  match_score: number | null;
  reply_to: number | null;
  addressed_at_ms: number | null;
}

function transcriptEntry(t: TranscriptRecord): TranscriptEntry {
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
}

/** What the interviewer asks that the candidate can answer after the interview. */
const ANSWERABLE: ReadonlySet<TranscriptEntry['kind']> = new Set(['follow-up', 'mutation']);

const TRANSCRIPT_COLUMNS =
  'id, at_ms, phase, role, kind, text, matched_index, match_score, reply_to, addressed_at_ms';

/**
 * node:crypto, loaded when an interview first needs it: loading it costs the back end's thread
 * about 4 ms, and nothing before the first screen uses it. (process.getBuiltinModule: Node 20.16+,
 * hence package.json's engines.)
 */
const crypto = () => process.getBuiltinModule('node:crypto');

/** A stable pseudo-random order per session, so follow-ups vary between sessions but not on reload. */
function seededOrder(seed: string, n: number): number[] {
  const hash = crypto().createHash('sha256').update(seed).digest();
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = hash[i % hash.length]! % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export class SessionStore {
  private readonly stmt: Record<string, Statement>;
  private readonly lastSnapshot = new Map<string, { atMs: number; version: number }>();

  constructor(
    private readonly db: Database,
    private readonly findProblem: (id: string) => { problem: Problem; packId: string } | null,
    private readonly now: () => number = Date.now,
    /** Where unreadable rows are reported (they are skipped, never fatal). */
    private readonly report?: (message: string) => void,
  ) {
    this.stmt = {
      insertSession: db.prepare(
        `INSERT INTO sessions (id, problem_id, problem_title, pack_id, status, time_target_min, budgets_json,
           mutation_enabled, mutation_index, created_at_ms, updated_at_ms)
         VALUES (@id, @problem_id, @problem_title, @pack_id, 'active', @time_target_min, @budgets_json,
           @mutation_enabled, @mutation_index, @now, @now)`,
      ),
      getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      touch: db.prepare('UPDATE sessions SET updated_at_ms = ? WHERE id = ?'),
      endSession: db.prepare(
        "UPDATE sessions SET status = 'ended', ended_at_ms = ?, updated_at_ms = ?, active_ms = ?, phase_spent_json = ? WHERE id = ?",
      ),
      discard: db.prepare(
        "UPDATE sessions SET status = 'discarded', updated_at_ms = ? WHERE id = ? AND status = 'active'",
      ),
      insertEvent: db.prepare(
        'INSERT INTO session_events (session_id, at_ms, kind, phase) VALUES (?, ?, ?, ?)',
      ),
      events: db.prepare(
        'SELECT kind, at_ms AS atMs, phase FROM session_events WHERE session_id = ? ORDER BY at_ms, id',
      ),
      upsertNote: db.prepare(
        `INSERT INTO session_notes (session_id, phase, text, updated_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id, phase) DO UPDATE SET text = excluded.text, updated_at_ms = excluded.updated_at_ms`,
      ),
      notes: db.prepare('SELECT phase, text FROM session_notes WHERE session_id = ?'),
      upsertScene: db.prepare(
        `INSERT INTO session_scene (session_id, scene_json, element_count, updated_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET scene_json = excluded.scene_json,
           element_count = excluded.element_count, updated_at_ms = excluded.updated_at_ms`,
      ),
      scene: db.prepare(
        'SELECT scene_json, element_count, updated_at_ms FROM session_scene WHERE session_id = ?',
      ),
      upsertScratch: db.prepare(
        `INSERT INTO session_scratchpad (session_id, text, results_json, updated_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET text = excluded.text, results_json = excluded.results_json,
           updated_at_ms = excluded.updated_at_ms`,
      ),
      scratch: db.prepare(
        'SELECT text, results_json, updated_at_ms FROM session_scratchpad WHERE session_id = ?',
      ),
      insertSnapshot: db.prepare(
        'INSERT INTO scene_snapshots (session_id, at_ms, phase, element_count, scene_deflated) VALUES (?, ?, ?, ?, ?)',
      ),
      snapshotCount: db.prepare('SELECT count(*) AS n FROM scene_snapshots WHERE session_id = ?'),
      lastSnapshotAt: db.prepare('SELECT max(at_ms) AS at FROM scene_snapshots WHERE session_id = ?'),
      snapshotIds: db.prepare('SELECT id FROM scene_snapshots WHERE session_id = ? ORDER BY at_ms, id'),
      deleteSnapshot: db.prepare('DELETE FROM scene_snapshots WHERE id = ?'),
      snapshots: db.prepare(
        'SELECT id, at_ms AS atMs, phase, element_count AS elementCount FROM scene_snapshots WHERE session_id = ? ORDER BY at_ms, id',
      ),
      snapshot: db.prepare(
        'SELECT at_ms, scene_deflated FROM scene_snapshots WHERE session_id = ? AND id = ?',
      ),
      insertTranscript: db.prepare(
        `INSERT INTO transcript (session_id, at_ms, phase, role, kind, text, matched_index, match_score)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // An answer given after the interview is listed right after the question it answers.
      transcript: db.prepare(
        `SELECT ${TRANSCRIPT_COLUMNS} FROM transcript WHERE session_id = ? ORDER BY coalesce(reply_to, id), id`,
      ),
      transcriptEntry: db.prepare(
        `SELECT ${TRANSCRIPT_COLUMNS} FROM transcript WHERE session_id = ? AND id = ?`,
      ),
      answerTo: db.prepare('SELECT id FROM transcript WHERE reply_to = ?'),
      insertAnswer: db.prepare(
        `INSERT INTO transcript (session_id, at_ms, phase, role, kind, text, reply_to)
         VALUES (?, ?, ?, 'candidate', 'answer', ?, ?)`,
      ),
      updateAnswer: db.prepare('UPDATE transcript SET text = ?, at_ms = ? WHERE id = ?'),
      markAddressed: db.prepare('UPDATE transcript SET addressed_at_ms = ? WHERE id = ?'),
      followUpsAsked: db.prepare(
        "SELECT count(*) AS n FROM transcript WHERE session_id = ? AND kind = 'follow-up'",
      ),
      bumpRevision: db.prepare('UPDATE sessions SET revision = revision + 1 WHERE id = ? RETURNING revision'),
      insertDraft: db.prepare(
        `INSERT INTO session_drafts (session_id, created_at_ms, base_revision, notes_json, scratchpad_text, scene_json,
           scene_element_count) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      drafts: db.prepare(
        `SELECT id, created_at_ms, base_revision, notes_json, scratchpad_text, scene_element_count
         FROM session_drafts WHERE session_id = ? ORDER BY created_at_ms DESC, id DESC`,
      ),
      deleteDraft: db.prepare('DELETE FROM session_drafts WHERE session_id = ? AND id = ?'),
      unfinished: db.prepare("SELECT * FROM sessions WHERE status = 'active' ORDER BY updated_at_ms DESC"),
    };
  }

  private record(id: string): SessionRecord {
    const row = this.stmt.getSession!.get(id) as SessionRecord | undefined;
    if (!row || row.status === 'discarded')
      throw new AppError('NOT_FOUND', 'That interview session no longer exists.');
    return row;
  }

  /** A session's phase budgets; a row whose JSON cannot be read is reported as damaged, not thrown raw. */
  private budgets(r: SessionRecord): BudgetsMin {
    try {
      return JSON.parse(r.budgets_json) as BudgetsMin;
    } catch {
      this.report?.(
        `The timing of your “${r.problem_title}” interview (${r.id}) could not be read, so it can’t be resumed.`,
      );
      throw new AppError(
        'CORRUPT',
        `The saved timing of your “${r.problem_title}” interview can’t be read, so it can’t be opened. Your other interviews are fine.`,
      );
    }
  }

  private events(id: string): SessionEvent[] {
    return (
      this.stmt.events!.all(id) as { kind: SessionEvent['kind']; atMs: number; phase: PhaseId | null }[]
    ).map((e) => ({ kind: e.kind, atMs: e.atMs, phase: e.phase }));
  }

  /**
   * A sign of life from an open interview. If the clock ran through a long silence (the app was
   * closed, crashed or asleep), the rule's pause and resume are recorded first, so that stretch never
   * counts. Call it inside the write's transaction, before the write bumps `updated_at_ms`.
   */
  private catchUp(r: SessionRecord, now: number): number {
    if (r.status !== 'active') return 0;
    const added = awayEvents(this.events(r.id), r.updated_at_ms, now);
    for (const e of added) this.stmt.insertEvent!.run(r.id, e.atMs, e.kind, e.phase ?? null);
    return awayMsOf(added);
  }

  /** The interview is open in a window (on opening and every ALIVE_EVERY_MS): see `catchUp`. */
  alive(id: string): { events: SessionState['events']; awayMs: number; serverNowMs: number } {
    const now = this.now();
    const awayMs = this.db
      .transaction(() => {
        const r = this.record(id);
        if (r.status !== 'active') return 0;
        const away = this.catchUp(r, now);
        this.stmt.touch!.run(now, r.id);
        return away;
      })
      .immediate();
    return {
      events: this.events(id).map((e) => ({ kind: e.kind, atMs: e.atMs, phase: e.phase ?? null })),
      awayMs,
      serverNowMs: now,
    };
  }

  private addTranscript(
    id: string,
    at: number,
    phase: PhaseId | null,
    role: 'candidate' | 'interviewer',
    kind: TranscriptEntry['kind'],
    text: string,
    matchedIndex: number | null = null,
    score: number | null = null,
  ): TranscriptEntry {
    const info = this.stmt.insertTranscript!.run(id, at, phase, role, kind, text, matchedIndex, score);
    return {
      id: Number(info.lastInsertRowid),
      atMs: at,
      phase,
      role,
      kind,
      text,
      matchedIndex,
      matchScore: score,
      replyTo: null,
      addressedAtMs: null,
    };
  }

  start(input: In<'session.start'>): SessionState {
    const found = this.findProblem(input.problemId);
    if (!found)
      throw new AppError('NOT_FOUND', `There is no problem called "${input.problemId}" in your library.`);
    const { problem, packId } = found;
    const total = PHASE_IDS.reduce((acc, p) => acc + input.budgetsMin[p], 0);
    if (total > 240) throw new AppError('BAD_INPUT', 'An interview can be at most 4 hours long.');
    const id = crypto().randomUUID();
    const now = this.now();
    const mutationIndex = input.mutation
      ? (seededOrder(id, problem.constraintMutations.length)[0] ?? null)
      : null;
    this.db.transaction(() => {
      this.stmt.insertSession!.run({
        id,
        problem_id: problem.id,
        problem_title: problem.title,
        pack_id: packId,
        time_target_min: total,
        budgets_json: JSON.stringify(input.budgetsMin),
        mutation_enabled: input.mutation ? 1 : 0,
        mutation_index: mutationIndex,
        now,
      });
      this.stmt.insertEvent!.run(id, now, 'start', PHASE_IDS[0]);
      this.addTranscript(id, now, PHASE_IDS[0], 'interviewer', 'opening', problem.openingPrompt);
    })();
    return this.get(id);
  }

  get(id: string): SessionState {
    const r = this.record(id);
    const notes = Object.fromEntries(PHASE_IDS.map((p) => [p, ''])) as Record<PhaseId, string>;
    for (const n of this.stmt.notes!.all(id) as { phase: PhaseId; text: string }[]) notes[n.phase] = n.text;
    const scene = this.stmt.scene!.get(id) as
      { scene_json: string; element_count: number; updated_at_ms: number } | undefined;
    const scratch = this.stmt.scratch!.get(id) as
      { text: string; results_json: string; updated_at_ms: number } | undefined;
    return {
      id: r.id,
      problemId: r.problem_id,
      problemTitle: r.problem_title,
      packId: r.pack_id,
      status: r.status,
      timeTargetMin: r.time_target_min,
      budgetsMin: this.budgets(r),
      mutationEnabled: r.mutation_enabled === 1,
      createdAtMs: r.created_at_ms,
      endedAtMs: r.ended_at_ms,
      updatedAtMs: r.updated_at_ms,
      events: this.events(id).map((e) => ({ kind: e.kind, atMs: e.atMs, phase: e.phase ?? null })),
      notes,
      scene: scene
        ? { json: scene.scene_json, elementCount: scene.element_count, updatedAtMs: scene.updated_at_ms }
        : null,
      scratchpad: scratch
        ? {
            text: scratch.text,
            results: JSON.parse(scratch.results_json) as [],
            updatedAtMs: scratch.updated_at_ms,
          }
        : null,
      transcript: (this.stmt.transcript!.all(id) as TranscriptRecord[]).map(transcriptEntry),
      snapshotCount: (this.stmt.snapshotCount!.get(id) as { n: number }).n,
      revision: r.revision,
      drafts: this.drafts(id),
      serverNowMs: this.now(),
    };
  }

  /** Drafts whose JSON cannot be read are skipped (and reported), never fatal for the session. */
  private drafts(id: string): SessionDraft[] {
    const out: SessionDraft[] = [];
    for (const d of this.stmt.drafts!.all(id) as DraftRecord[]) {
      try {
        out.push({
          id: d.id,
          createdAtMs: d.created_at_ms,
          baseRevision: d.base_revision,
          notes: JSON.parse(d.notes_json) as SessionDraft['notes'],
          scratchpadText: d.scratchpad_text,
          sceneElementCount: d.scene_element_count,
        });
      } catch {
        this.report?.(`draft ${d.id} of session ${id} is unreadable and was skipped`);
      }
    }
    return out;
  }

  dismissDraft(id: string, draftId: number): boolean {
    this.record(id);
    return this.stmt.deleteDraft!.run(id, draftId).changes > 0;
  }

  unfinished(): SessionRow[] {
    const now = this.now();
    return (this.stmt.unfinished!.all() as SessionRecord[]).flatMap((r) => {
      let budgets: BudgetsMin;
      try {
        budgets = this.budgets(r);
      } catch {
        return []; // skipped and reported: one damaged row must not hide the others
      }
      // As it will be on resuming: the time it has been closed does not count.
      const events = this.events(r.id);
      const away = awayEvents(events, r.updated_at_ms, now);
      const timer = computeTimer([...events, ...away], budgets, now);
      return [
        {
          id: r.id,
          problemId: r.problem_id,
          problemTitle: r.problem_title,
          status: r.status,
          createdAtMs: r.created_at_ms,
          updatedAtMs: r.updated_at_ms,
          endedAtMs: r.ended_at_ms,
          elapsedMs: timer.elapsedMs,
          phase: timer.phase,
          paused: timer.paused,
          awayMs: awayMsOf(away),
        },
      ];
    });
  }

  control(input: In<'session.control'>): SessionState {
    const r = this.record(input.id);
    if (r.status !== 'active') throw new AppError('CONFLICT', 'This interview has already ended.');
    const now = this.now();
    const budgets = this.budgets(r);
    this.db.transaction(() => {
      this.catchUp(r, now);
      const timer = computeTimer(this.events(r.id), budgets, now);
      switch (input.action) {
        case 'pause':
          if (!timer.paused) this.stmt.insertEvent!.run(r.id, now, 'pause', timer.phase);
          break;
        case 'resume':
          if (timer.paused) this.stmt.insertEvent!.run(r.id, now, 'resume', timer.phase);
          break;
        case 'next': {
          const next = nextPhase(timer.phase);
          if (!next)
            throw new AppError('CONFLICT', 'This is the last phase: end the interview when you are done.');
          if (timer.paused) this.stmt.insertEvent!.run(r.id, now, 'resume', timer.phase);
          this.stmt.insertEvent!.run(r.id, now, 'phase', next);
          this.onPhaseEntered(r, next, now);
          this.snapshotAtPhaseChange(r.id, next, now);
          break;
        }
        case 'end':
          this.stmt.insertEvent!.run(r.id, now, 'end', timer.phase);
          {
            const final = computeTimer(this.events(r.id), budgets, now);
            const spent = Object.fromEntries(final.phases.map((p) => [p.phase, p.spentMs]));
            this.stmt.endSession!.run(now, now, final.elapsedMs, JSON.stringify(spent), r.id);
          }
          this.snapshotAtPhaseChange(r.id, timer.phase, now);
          break;
      }
      this.stmt.touch!.run(now, r.id);
    })();
    return this.get(r.id);
  }

  /** What the interviewer says as a phase begins: the rule decides, the store records it. */
  private onPhaseEntered(r: SessionRecord, phase: PhaseId, now: number): void {
    const found = this.findProblem(r.problem_id);
    const lines = phaseEntryLines({
      phase,
      problem: found?.problem ?? null,
      followUpsAsked: (this.stmt.followUpsAsked!.get(r.id) as { n: number }).n,
      followUpOrder: seededOrder(`${r.id}:follow-ups`, found?.problem.followUps.length ?? 0),
      mutationIndex: r.mutation_enabled === 1 ? r.mutation_index : null,
    });
    for (const line of lines) this.addTranscript(r.id, now, phase, 'interviewer', line.kind, line.text);
  }

  ask(input: In<'session.ask'>): TranscriptEntry[] {
    const r = this.record(input.id);
    if (r.status !== 'active') throw new AppError('CONFLICT', 'This interview has already ended.');
    const found = this.findProblem(r.problem_id);
    const now = this.now();
    const budgets = this.budgets(r);
    return this.db.transaction(() => {
      this.catchUp(r, now);
      const phase = computeTimer(this.events(r.id), budgets, now).phase;
      const asked = this.addTranscript(r.id, now, phase, 'candidate', 'question', input.question);
      const questions = found?.problem.clarifyingQuestions ?? [];
      const match = matchQuestion(input.question, questions);
      const answerText =
        match.index !== null
          ? questions[match.index]!.answer
          : (found?.problem.defaultReply ?? DEFAULT_REPLY);
      const answer = this.addTranscript(
        r.id,
        now,
        phase,
        'interviewer',
        'answer',
        answerText,
        match.index,
        match.score,
      );
      this.stmt.touch!.run(now, r.id);
      return [asked, answer];
    })();
  }

  /** A follow-up (or constraint change) the interviewer asked in this session. */
  private followUp(sessionId: string, entryId: number): TranscriptRecord {
    const t = this.stmt.transcriptEntry!.get(sessionId, entryId) as TranscriptRecord | undefined;
    if (!t) throw new AppError('NOT_FOUND', 'That question is no longer in this interview’s transcript.');
    if (t.role !== 'interviewer' || !ANSWERABLE.has(t.kind))
      throw new AppError('BAD_INPUT', 'Only the interviewer’s follow-up questions can be answered here.');
    return t;
  }

  answerFollowUp(input: In<'session.answerFollowUp'>): {
    followUp: TranscriptEntry;
    answer: TranscriptEntry;
  } {
    const r = this.record(input.id);
    const now = this.now();
    return this.db.transaction(() => {
      const question = this.followUp(r.id, input.entryId);
      const existing = this.stmt.answerTo!.get(question.id) as { id: number } | undefined;
      let answerId: number;
      if (existing) {
        this.stmt.updateAnswer!.run(input.text, now, existing.id);
        answerId = existing.id;
      } else {
        const info = this.stmt.insertAnswer!.run(r.id, now, question.phase, input.text, question.id);
        answerId = Number(info.lastInsertRowid);
      }
      if (question.addressed_at_ms === null) this.stmt.markAddressed!.run(now, question.id);
      this.stmt.touch!.run(now, r.id);
      const read = (id: number) =>
        transcriptEntry(this.stmt.transcriptEntry!.get(r.id, id) as TranscriptRecord);
      return { followUp: read(question.id), answer: read(answerId) };
    })();
  }

  markFollowUp(input: In<'session.markFollowUp'>): TranscriptEntry {
    const r = this.record(input.id);
    const now = this.now();
    return this.db.transaction(() => {
      const question = this.followUp(r.id, input.entryId);
      const addressedAt = input.addressed ? (question.addressed_at_ms ?? now) : null;
      this.stmt.markAddressed!.run(addressedAt, question.id);
      this.stmt.touch!.run(now, r.id);
      return { ...transcriptEntry(question), addressedAtMs: addressedAt };
    })();
  }

  save(input: In<'session.save'>): { savedAtMs: number; snapshotTaken: boolean; revision: number } {
    const now = this.now();
    let snapshotTaken = false;
    // Read, compare and write in one IMMEDIATE transaction: a save from another window cannot slip
    // in between the revision check and the write.
    const outcome = this.db
      .transaction(() => {
        const r = this.record(input.id);
        if (r.status !== 'active')
          throw new AppError('CONFLICT', 'This interview has ended; its work is kept as it was.');
        if (input.baseRevision !== r.revision) {
          // Another window saved since this one loaded: keep what this one sent, refuse the overwrite.
          const draft = this.stmt.insertDraft!.run(
            r.id,
            now,
            input.baseRevision,
            JSON.stringify(input.notes ?? []),
            input.scratchpad?.text ?? null,
            input.scene?.json ?? null,
            input.scene?.elementCount ?? null,
          );
          return { conflict: { revision: r.revision, draftId: Number(draft.lastInsertRowid) } };
        }
        this.catchUp(r, now);
        for (const note of input.notes ?? []) this.stmt.upsertNote!.run(r.id, note.phase, note.text, now);
        if (input.scratchpad) {
          this.stmt.upsertScratch!.run(
            r.id,
            input.scratchpad.text,
            JSON.stringify(input.scratchpad.results),
            now,
          );
        }
        if (input.scene) {
          this.stmt.upsertScene!.run(r.id, input.scene.json, input.scene.elementCount, now);
          snapshotTaken = this.maybeSnapshot(r, input.scene, now);
        }
        this.stmt.touch!.run(now, r.id);
        const bumped = this.stmt.bumpRevision!.get(r.id) as { revision: number };
        return { revision: bumped.revision };
      })
      .immediate();
    if ('conflict' in outcome) {
      throw new AppError(
        'CONFLICT',
        'This interview was changed in another window since this one loaded it. What you typed here was kept as a draft.',
        outcome.conflict,
      );
    }
    return { savedAtMs: now, snapshotTaken, revision: outcome.revision };
  }

  private maybeSnapshot(
    r: SessionRecord,
    scene: { json: string; elementCount: number; version: number },
    now: number,
  ): boolean {
    let last = this.lastSnapshot.get(r.id);
    if (!last) {
      const at = (this.stmt.lastSnapshotAt!.get(r.id) as { at: number | null }).at;
      last = { atMs: at ?? 0, version: Number.NaN };
    }
    if (
      now - last.atMs < SNAPSHOT_MIN_INTERVAL_MS ||
      scene.version === last.version ||
      scene.elementCount === 0
    ) {
      return false;
    }
    const phase = computeTimer(this.events(r.id), this.budgets(r), now).phase;
    this.lastSnapshot.set(r.id, { atMs: now, version: scene.version });
    // Compress on libuv's thread pool, off the autosave path: the latest scene is already stored
    // synchronously; a snapshot is only for replay, so it may land a few milliseconds later.
    zlib.deflateRaw(Buffer.from(scene.json, 'utf8'), { level: 1 }, (error, deflated) => {
      if (error || !this.db.open) return;
      try {
        this.insertSnapshot(r.id, deflated, scene.elementCount, phase, now);
      } catch {
        // The session may have been removed meanwhile; a missing replay frame is harmless.
      }
    });
    return true;
  }

  private snapshotAtPhaseChange(id: string, phase: PhaseId | null, now: number): void {
    const scene = this.stmt.scene!.get(id) as { scene_json: string; element_count: number } | undefined;
    if (!scene || scene.element_count === 0) return;
    if (this.writeSnapshot(id, scene.scene_json, scene.element_count, phase, now)) {
      this.lastSnapshot.set(id, { atMs: now, version: this.lastSnapshot.get(id)?.version ?? Number.NaN });
    }
  }

  private writeSnapshot(
    id: string,
    json: string,
    elementCount: number,
    phase: PhaseId | null,
    now: number,
  ): boolean {
    const deflated = zlib.deflateRawSync(Buffer.from(json, 'utf8'), { level: 1 });
    return this.insertSnapshot(id, deflated, elementCount, phase, now);
  }

  private insertSnapshot(
    id: string,
    deflated: Buffer,
    elementCount: number,
    phase: PhaseId | null,
    now: number,
  ): boolean {
    if (deflated.length > MAX_SNAPSHOT_BYTES) return false;
    this.db.transaction(() => {
      this.stmt.insertSnapshot!.run(id, now, phase, elementCount, deflated);
      if ((this.stmt.snapshotCount!.get(id) as { n: number }).n > MAX_SNAPSHOTS_PER_SESSION) {
        // Thin the older half: drop every other snapshot there, keeping the first and the recent ones.
        const ids = (this.stmt.snapshotIds!.all(id) as { id: number }[]).map((s) => s.id);
        const olderHalf = ids.slice(1, Math.floor(ids.length / 2));
        olderHalf.filter((_, i) => i % 2 === 0).forEach((sid) => this.stmt.deleteSnapshot!.run(sid));
      }
    })();
    return true;
  }

  snapshots(id: string) {
    this.record(id);
    return this.stmt.snapshots!.all(id) as {
      id: number;
      atMs: number;
      phase: PhaseId | null;
      elementCount: number;
    }[];
  }

  snapshot(id: string, snapshotId: number): { json: string; atMs: number } {
    const row = this.stmt.snapshot!.get(id, snapshotId) as
      { at_ms: number; scene_deflated: Buffer } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That whiteboard snapshot does not exist.');
    return { json: zlib.inflateRawSync(row.scene_deflated).toString('utf8'), atMs: row.at_ms };
  }

  discard(id: string): boolean {
    return this.stmt.discard!.run(this.now(), id).changes > 0;
  }
}
