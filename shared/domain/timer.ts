/**
 * Interview time, computed only from stored events and "now". A reload, a restart or a crash never
 * changes it: the same events and the same clock give the same answer. Paused time counts for
 * nothing; overtime is reported, never hidden.
 */
import { PHASE_IDS, type PhaseId } from '../domain/phases';

export type SessionEventKind = 'start' | 'phase' | 'pause' | 'resume' | 'end';

export interface SessionEvent {
  kind: SessionEventKind;
  atMs: number;
  /** For 'start' and 'phase': the phase entered. */
  phase?: PhaseId | null;
}

export type BudgetsMin = Record<PhaseId, number>;

export interface PhaseTiming {
  phase: PhaseId;
  budgetMs: number;
  spentMs: number;
  /** budget − spent; negative means overtime. */
  remainingMs: number;
  /** When the phase was first entered (epoch ms), or null if never. */
  enteredAtMs: number | null;
}

export interface TimerState {
  started: boolean;
  ended: boolean;
  paused: boolean;
  phase: PhaseId | null;
  phaseIndex: number;
  /** Active (unpaused) time since the start. */
  elapsedMs: number;
  totalBudgetMs: number;
  /** totalBudget − elapsed; negative means the interview is over time. */
  totalRemainingMs: number;
  phases: PhaseTiming[];
  /** The phase's own budget has run out. */
  phaseOvertime: boolean;
}

export const MINUTE_MS = 60_000;

export function computeTimer(
  events: readonly SessionEvent[],
  budgets: BudgetsMin,
  nowMs: number,
): TimerState {
  const spent = new Map<PhaseId, number>(PHASE_IDS.map((p) => [p, 0]));
  const entered = new Map<PhaseId, number>();
  let phase: PhaseId | null = null;
  let started = false;
  let ended = false;
  let paused = false;
  let runningSince: number | null = null; // epoch ms when the current unpaused stretch began
  let elapsedMs = 0;

  const stopClock = (at: number) => {
    if (runningSince !== null && phase) {
      const delta = Math.max(0, at - runningSince);
      spent.set(phase, (spent.get(phase) ?? 0) + delta);
      elapsedMs += delta;
    }
    runningSince = null;
  };

  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  for (const e of sorted) {
    if (ended) break;
    switch (e.kind) {
      case 'start':
        if (started) break;
        started = true;
        phase = e.phase ?? PHASE_IDS[0];
        entered.set(phase, e.atMs);
        runningSince = e.atMs;
        break;
      case 'phase':
        if (!started || !e.phase) break;
        stopClock(e.atMs);
        phase = e.phase;
        if (!entered.has(phase)) entered.set(phase, e.atMs);
        if (!paused) runningSince = e.atMs;
        break;
      case 'pause':
        if (!started || paused) break;
        stopClock(e.atMs);
        paused = true;
        break;
      case 'resume':
        if (!started || !paused) break;
        paused = false;
        runningSince = e.atMs;
        break;
      case 'end':
        stopClock(e.atMs);
        ended = true;
        paused = false;
        break;
    }
  }
  if (!ended && runningSince !== null) {
    // Credit the running stretch up to now without mutating the stored totals.
    const delta = Math.max(0, nowMs - runningSince);
    if (phase) spent.set(phase, (spent.get(phase) ?? 0) + delta);
    elapsedMs += delta;
  }

  const phases: PhaseTiming[] = PHASE_IDS.map((p) => {
    const budgetMs = budgets[p] * MINUTE_MS;
    const spentMs = spent.get(p) ?? 0;
    return {
      phase: p,
      budgetMs,
      spentMs,
      remainingMs: budgetMs - spentMs,
      enteredAtMs: entered.get(p) ?? null,
    };
  });
  const totalBudgetMs = PHASE_IDS.reduce((acc, p) => acc + budgets[p] * MINUTE_MS, 0);
  const current = phase ? phases[PHASE_IDS.indexOf(phase)] : undefined;
  return {
    started,
    ended,
    paused,
    phase,
    phaseIndex: phase ? PHASE_IDS.indexOf(phase) : -1,
    elapsedMs,
    totalBudgetMs,
    totalRemainingMs: totalBudgetMs - elapsedMs,
    phases,
    phaseOvertime: !!current && current.remainingMs < 0,
  };
}

/**
 * Time counts only while the interview is open. An open interview shows a sign of life at least every
 * ALIVE_EVERY_MS (its autosaves and a heartbeat, stored as the session's `updated_at_ms`); a silence
 * longer than AWAY_AFTER_MS while the clock was running means the app was closed, crashed or asleep.
 * The heartbeat is far under the limit because a hidden window's timers may run only once a minute.
 */
export const ALIVE_EVERY_MS = 20_000;
export const AWAY_AFTER_MS = 2 * MINUTE_MS;

const NO_BUDGETS = Object.fromEntries(PHASE_IDS.map((p) => [p, 0])) as BudgetsMin;

/**
 * The events that take a closed stretch off the clock: a pause at the last sign of life and a resume
 * now, so the interview resumes from the last saved moment. None when the clock was not running
 * (not started, paused or ended) or the silence is short. The store records what this returns.
 */
export function awayEvents(
  events: readonly SessionEvent[],
  lastAliveMs: number,
  nowMs: number,
  awayAfterMs: number = AWAY_AFTER_MS,
): SessionEvent[] {
  const state = computeTimer(events, NO_BUDGETS, nowMs);
  if (!state.started || state.ended || state.paused) return [];
  // Never before an event already stored: the pause must come after everything it follows.
  const lastEventMs = events.reduce((max, e) => Math.max(max, e.atMs), Number.NEGATIVE_INFINITY);
  const pauseAtMs = Math.max(lastAliveMs, lastEventMs);
  if (nowMs - pauseAtMs <= awayAfterMs) return [];
  return [
    { kind: 'pause', atMs: pauseAtMs, phase: state.phase },
    { kind: 'resume', atMs: nowMs, phase: state.phase },
  ];
}

/** How long an away stretch (as returned by awayEvents) kept off the clock. */
export function awayMsOf(added: readonly SessionEvent[]): number {
  const [pause, resume] = added;
  return pause && resume ? resume.atMs - pause.atMs : 0;
}

export function nextPhase(phase: PhaseId | null): PhaseId | null {
  if (!phase) return PHASE_IDS[0];
  const i = PHASE_IDS.indexOf(phase);
  return i >= 0 && i < PHASE_IDS.length - 1 ? PHASE_IDS[i + 1]! : null;
}

/** "4:07", "-1:30" (overtime), "1:02:05" for an hour or more. */
export function formatClock(ms: number): string {
  const negative = ms < 0;
  const totalSec = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  const body =
    h > 0
      ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
      : `${m}:${String(s).padStart(2, '0')}`;
  return negative ? `+${body}` : body;
}
