/**
 * Spaced repetition on SQLite, scheduled by ts-fsrs (never by rules of our own). Each rating runs
 * FSRS on the card's stored state and writes the new state and a log row in one transaction; the
 * log alone is enough to recompute every card (`recompute`), which a test checks.
 *
 * Days are the machine's local days (midnight to midnight): "today's" limits, the streak and the
 * heatmap follow the calendar the user lives in.
 */
import type { Database, Statement } from 'better-sqlite3';
import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { CardState, CardView, Deck, SrsSettings, SrsStats } from '../../../shared/api/srs';
import { AppError } from '../../../shared/api/envelope';
import { inDeck, type Catalog, type CardContent } from './cards';

export const DEFAULT_SETTINGS: SrsSettings = { desiredRetention: 0.9, newPerDay: 10, maxReviewsPerDay: 200 };
const SETTINGS_KEY = 'srs.settings';
const DAY_MS = 86_400_000;
/** When nothing else is due, learning cards due within this window are shown (as Anki does). */
export const LEARN_AHEAD_MS = 20 * 60_000;

const STATE_NAMES: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

interface CardRow {
  card_id: string;
  state: number;
  due_ms: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review_ms: number | null;
  suspended: number;
}

export interface LogRow {
  id: number;
  card_id: string;
  kind: 'rate' | 'reset';
  rating: number | null;
  reviewed_at_ms: number;
  retention: number;
}

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The local start of the day `days` after the one holding `ms` (DST-safe: by calendar, not by 24 h). */
function dayStart(ms: number, days: number): number {
  const d = new Date(startOfDay(ms));
  d.setDate(d.getDate() + days);
  return d.getTime();
}

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An interval in words, as on Anki's buttons: "1 min", "10 min", "3 h", "4 days", "2 mo". */
export function intervalWords(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h`;
  const days = Math.round(ms / DAY_MS);
  if (days < 31) return `${days} ${days === 1 ? 'day' : 'days'}`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${(days / 365).toFixed(1)} yr`;
}

const schedulers = new Map<number, FSRS>();
/** ts-fsrs with its defaults (FSRS-6 weights, short-term learning steps, no fuzz) at a retention. */
export function scheduler(retention: number): FSRS {
  let f = schedulers.get(retention);
  if (!f) {
    f = fsrs({ request_retention: retention });
    schedulers.set(retention, f);
  }
  return f;
}

function toCard(row: CardRow): Card {
  return {
    due: new Date(row.due_ms),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    last_review: row.last_review_ms === null ? undefined : new Date(row.last_review_ms),
  };
}

/** Replays a card's log (oldest first) through ts-fsrs: the state the log says the card is in. */
export function replay(log: readonly LogRow[]): Card | null {
  let card: Card | null = null;
  for (const entry of log) {
    const at = new Date(entry.reviewed_at_ms);
    if (entry.kind === 'reset') {
      card = createEmptyCard(at);
      continue;
    }
    card = scheduler(entry.retention).next(card ?? createEmptyCard(at), at, entry.rating as Grade).card;
  }
  return card;
}

export class SrsStore {
  private readonly stmt: Record<string, Statement>;
  /**
   * The cards that are not new (scheduled, or set aside), read once and then kept up to date by
   * `write`, the only place that changes srs_cards on this connection: Today counts new cards
   * without reading every card row again.
   */
  private seenIds: Set<string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly catalog: () => Catalog,
    private readonly now: () => number,
  ) {
    this.stmt = {
      card: db.prepare('SELECT * FROM srs_cards WHERE card_id = ?'),
      upsert: db.prepare(
        `INSERT INTO srs_cards (card_id, state, due_ms, stability, difficulty, elapsed_days, scheduled_days,
           learning_steps, reps, lapses, last_review_ms, suspended)
         VALUES (@card_id, @state, @due_ms, @stability, @difficulty, @elapsed_days, @scheduled_days,
           @learning_steps, @reps, @lapses, @last_review_ms, @suspended)
         ON CONFLICT (card_id) DO UPDATE SET state = excluded.state, due_ms = excluded.due_ms,
           stability = excluded.stability, difficulty = excluded.difficulty,
           elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
           learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
           last_review_ms = excluded.last_review_ms, suspended = excluded.suspended`,
      ),
      log: db.prepare(
        `INSERT INTO srs_reviews (card_id, kind, rating, reviewed_at_ms, duration_ms, retention,
           points_covered_json, points_total, state_before, state_after, due_after_ms)
         VALUES (@card_id, @kind, @rating, @reviewed_at_ms, @duration_ms, @retention,
           @points_covered_json, @points_total, @state_before, @state_after, @due_after_ms)`,
      ),
      // Learning, review and relearning cards due by a time, earliest first.
      dueIdsByTime: db
        .prepare(
          'SELECT card_id FROM srs_cards WHERE suspended = 0 AND state != 0 AND due_ms <= ? ORDER BY due_ms',
        )
        .pluck(),
      // Cards that are not new to the queue (scheduled, or set aside).
      seen: db.prepare('SELECT card_id FROM srs_cards WHERE state != 0 OR suspended = 1').pluck(),
      dueIds: db
        .prepare('SELECT card_id FROM srs_cards WHERE suspended = 0 AND state != 0 AND due_ms <= ?')
        .pluck(),
      doneSince: db.prepare(
        `SELECT sum(state_before = 0) AS fresh, sum(state_before != 0) AS reviews
         FROM srs_reviews WHERE kind = 'rate' AND reviewed_at_ms >= ?`,
      ),
      anyBetween: db.prepare(
        "SELECT EXISTS (SELECT 1 FROM srs_reviews WHERE kind = 'rate' AND reviewed_at_ms >= ? AND reviewed_at_ms < ?) AS hit",
      ),
      lastBefore: db.prepare(
        "SELECT max(reviewed_at_ms) AS at FROM srs_reviews WHERE kind = 'rate' AND reviewed_at_ms < ?",
      ),
      cameDue: db.prepare(
        'SELECT count(*) AS n FROM srs_cards WHERE suspended = 0 AND state != 0 AND due_ms > ? AND due_ms <= ?',
      ),
      settings: db.prepare('SELECT value_json FROM settings WHERE key = ?'),
      saveSettings: db.prepare(
        `INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms`,
      ),
      cardLog: db.prepare(
        'SELECT id, card_id, kind, rating, reviewed_at_ms, retention FROM srs_reviews WHERE card_id = ? ORDER BY id',
      ),
    };
  }

  // ---- settings ----

  settings(): SrsSettings {
    const row = this.stmt.settings!.get(SETTINGS_KEY) as { value_json: string } | undefined;
    if (!row) return { ...DEFAULT_SETTINGS };
    try {
      return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value_json) as Partial<SrsSettings>) };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  saveSettings(settings: SrsSettings): SrsSettings {
    this.stmt.saveSettings!.run(SETTINGS_KEY, JSON.stringify(settings), this.now());
    return settings;
  }

  // ---- the queue ----

  private seen(): Set<string> {
    this.seenIds ??= new Set(this.stmt.seen!.all() as string[]);
    return this.seenIds;
  }

  private row(cardId: string): CardRow | undefined {
    return this.stmt.card!.get(cardId) as CardRow | undefined;
  }

  /** How many reviews and new cards today's limits still allow. */
  remaining(nowMs = this.now()): { reviews: number; fresh: number; doneReviews: number; doneFresh: number } {
    const s = this.settings();
    const done = this.stmt.doneSince!.get(startOfDay(nowMs)) as {
      fresh: number | null;
      reviews: number | null;
    };
    const doneFresh = done.fresh ?? 0;
    const doneReviews = done.reviews ?? 0;
    return {
      reviews: Math.max(0, s.maxReviewsPerDay - doneReviews),
      fresh: Math.max(0, s.newPerDay - doneFresh),
      doneReviews,
      doneFresh,
    };
  }

  /** Due and new cards, per kind deck and per topic, within today's limits. */
  counts(nowMs = this.now()) {
    const catalog = this.catalog();
    const left = this.remaining(nowMs);
    const slots = catalog.cardSlots;
    // Start from every card being new, then take away the ones already scheduled or set aside.
    const fresh = catalog.totals.slice();
    const due = new Int32Array(fresh.length);
    let freshTotal = catalog.cards.length;
    let dueTotal = 0;
    for (const id of this.seen()) {
      const c = catalog.byId.get(id);
      if (!c) continue; // its pack was removed; the history stays for when it returns
      fresh[slots[2 * c.order]!]!--;
      fresh[slots[2 * c.order + 1]!]!--;
      freshTotal--;
    }
    for (const id of this.stmt.dueIds!.all(nowMs) as string[]) {
      const c = catalog.byId.get(id);
      if (!c) continue;
      due[slots[2 * c.order]!]!++;
      due[slots[2 * c.order + 1]!]!++;
      dueTotal++;
    }
    const deck = (slot: number, title: string): Deck => ({
      id: catalog.slotIds[slot]!,
      title,
      total: catalog.totals[slot]!,
      due: Math.min(due[slot]!, left.reviews),
      fresh: Math.min(fresh[slot]!, left.fresh),
    });
    const kinds = [...catalog.decks.values()];
    return {
      decks: kinds.map((title, i) => deck(i, title)),
      topics: [...catalog.topics.values()].map((title, i) => deck(kinds.length + i, title)),
      dueTotal: Math.min(dueTotal, left.reviews),
      freshTotal: Math.min(freshTotal, left.fresh),
      reviewedToday: left.doneReviews + left.doneFresh,
    };
  }

  /**
   * The next card: due reviews first (earliest due), then new cards in library order, each within
   * today's limit; when neither is left, a learning card due in the next few minutes.
   */
  next(deck?: string, nowMs = this.now()): CardView | null {
    const catalog = this.catalog();
    const left = this.remaining(nowMs);
    // Walks the due cards earliest first and stops at the first one in the deck.
    const pick = (byMs: number): string | null => {
      for (const id of this.stmt.dueIdsByTime!.iterate(byMs) as Iterable<string>) {
        const c = catalog.byId.get(id);
        if (c && inDeck(c, deck)) return id;
      }
      return null;
    };
    if (left.reviews > 0) {
      const hit = pick(nowMs);
      if (hit) return this.view(hit, nowMs);
    }
    if (left.fresh > 0) {
      const seen = this.seen();
      const fresh = catalog.cards.find((c) => !seen.has(c.id) && inDeck(c, deck));
      if (fresh) return this.view(fresh.id, nowMs);
    }
    if (left.reviews > 0) {
      const soon = pick(nowMs + LEARN_AHEAD_MS);
      if (soon) return this.view(soon, nowMs);
    }
    return null;
  }

  content(cardId: string): CardContent {
    const c = this.catalog().byId.get(cardId);
    if (!c) throw new AppError('NOT_FOUND', 'That card is not in your library (was its pack removed?).');
    return c;
  }

  view(cardId: string, nowMs = this.now()): CardView {
    const c = this.content(cardId);
    const row = this.row(cardId);
    const card = row ? toCard(row) : createEmptyCard(new Date(nowMs));
    const preview = scheduler(this.settings().desiredRetention).repeat(card, new Date(nowMs));
    const words = (g: Grade) => intervalWords(preview[g].card.due.getTime() - nowMs);
    const { order: _order, ...content } = c;
    return {
      ...content,
      state: STATE_NAMES[card.state],
      suspended: row?.suspended === 1,
      dueAtMs: row && row.state !== State.New ? row.due_ms : null,
      reps: card.reps,
      lapses: card.lapses,
      intervals: {
        again: words(Rating.Again),
        hard: words(Rating.Hard),
        good: words(Rating.Good),
        easy: words(Rating.Easy),
      },
    };
  }

  // ---- changes ----

  private write(cardId: string, card: Card, suspended: boolean): void {
    this.stmt.upsert!.run({
      card_id: cardId,
      state: card.state,
      due_ms: card.due.getTime(),
      stability: card.stability,
      difficulty: card.difficulty,
      elapsed_days: card.elapsed_days,
      scheduled_days: card.scheduled_days,
      learning_steps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      last_review_ms: card.last_review ? card.last_review.getTime() : null,
      suspended: suspended ? 1 : 0,
    });
    if (this.seenIds) {
      if (card.state !== State.New || suspended) this.seenIds.add(cardId);
      else this.seenIds.delete(cardId);
    }
  }

  review(input: { cardId: string; rating: Grade; pointsCovered: number[]; durationMs: number }): CardView {
    const content = this.content(input.cardId);
    const nowMs = this.now();
    const at = new Date(nowMs);
    const retention = this.settings().desiredRetention;
    const covered = [...new Set(input.pointsCovered)]
      .filter((i) => i < content.points.length)
      .sort((a, b) => a - b);
    this.db.transaction(() => {
      const row = this.row(input.cardId);
      const before = row ? toCard(row) : createEmptyCard(at);
      const after = scheduler(retention).next(before, at, input.rating).card;
      this.write(input.cardId, after, row?.suspended === 1);
      this.stmt.log!.run({
        card_id: input.cardId,
        kind: 'rate',
        rating: input.rating,
        reviewed_at_ms: nowMs,
        duration_ms: input.durationMs,
        retention,
        points_covered_json: JSON.stringify(covered),
        points_total: content.points.length,
        state_before: before.state,
        state_after: after.state,
        due_after_ms: after.due.getTime(),
      });
    })();
    return this.view(input.cardId, nowMs);
  }

  suspend(cardId: string, suspended: boolean): CardView {
    this.content(cardId);
    const nowMs = this.now();
    const row = this.row(cardId);
    this.write(cardId, row ? toCard(row) : createEmptyCard(new Date(nowMs)), suspended);
    return this.view(cardId, nowMs);
  }

  /** The card becomes new again (its past reviews stay in the log, with the reset after them). */
  reset(cardId: string): CardView {
    this.content(cardId);
    const nowMs = this.now();
    const at = new Date(nowMs);
    this.db.transaction(() => {
      const row = this.row(cardId);
      const fresh = createEmptyCard(at);
      this.write(cardId, fresh, row?.suspended === 1);
      this.stmt.log!.run({
        card_id: cardId,
        kind: 'reset',
        rating: null,
        reviewed_at_ms: nowMs,
        duration_ms: 0,
        retention: this.settings().desiredRetention,
        points_covered_json: '[]',
        points_total: 0,
        state_before: row?.state ?? State.New,
        state_after: State.New,
        due_after_ms: nowMs,
      });
    })();
    return this.view(cardId, nowMs);
  }

  suspendedCards(): { id: string; title: string; deckTitle: string }[] {
    const rows = this.db
      .prepare('SELECT card_id FROM srs_cards WHERE suspended = 1 ORDER BY card_id')
      .all() as {
      card_id: string;
    }[];
    const catalog = this.catalog();
    return rows.flatMap((r) => {
      const c = catalog.byId.get(r.card_id);
      return c ? [{ id: c.id, title: c.prompt, deckTitle: c.deckTitle }] : [];
    });
  }

  /** Every card's state as the log alone says it is (oldest review first). */
  recompute(): Map<string, Card> {
    const out = new Map<string, Card>();
    const all = this.db
      .prepare(
        'SELECT id, card_id, kind, rating, reviewed_at_ms, retention FROM srs_reviews ORDER BY card_id, id',
      )
      .all() as LogRow[];
    let i = 0;
    while (i < all.length) {
      let j = i;
      while (j < all.length && all[j]!.card_id === all[i]!.card_id) j++;
      const card = replay(all.slice(i, j));
      if (card) out.set(all[i]!.card_id, card);
      i = j;
    }
    return out;
  }

  /** The stored state of a card (null when never reviewed, suspended or reset). */
  stored(cardId: string): Card | null {
    const row = this.row(cardId);
    return row ? toCard(row) : null;
  }

  cardLog(cardId: string): LogRow[] {
    return this.stmt.cardLog!.all(cardId) as LogRow[];
  }

  // ---- Today's extras ----

  /** Consecutive days with at least one review, up to today (or yesterday, if today is still open). */
  streakDays(nowMs = this.now()): number {
    const hit = (from: number, to: number) =>
      (this.stmt.anyBetween!.get(from, to) as { hit: number }).hit === 1;
    let day = startOfDay(nowMs);
    let streak = 0;
    if (!hit(day, dayStart(day, 1))) day = dayStart(day, -1);
    while (streak < 3660 && hit(day, dayStart(day, 1))) {
      streak++;
      day = dayStart(day, -1);
    }
    return streak;
  }

  /** The last review before today, and how many cards came due since then. */
  sinceLastDay(nowMs = this.now()): { lastAtMs: number | null; cameDue: number } {
    const last = (this.stmt.lastBefore!.get(startOfDay(nowMs)) as { at: number | null }).at;
    if (last === null) return { lastAtMs: null, cameDue: 0 };
    return { lastAtMs: last, cameDue: (this.stmt.cameDue!.get(last, nowMs) as { n: number }).n };
  }

  // ---- stats ----

  stats(nowMs = this.now()): SrsStats {
    const catalog = this.catalog();
    const settings = this.settings();
    const today = startOfDay(nowMs);
    const yearStart = dayStart(today, -364);
    const perDayMap = new Map<string, number>();
    let spentToday = 0;
    let spentWeek = 0;
    const weekStart = dayStart(today, -6);
    for (const r of this.db
      .prepare(
        "SELECT reviewed_at_ms AS at, duration_ms AS d FROM srs_reviews WHERE kind = 'rate' AND reviewed_at_ms >= ?",
      )
      .iterate(yearStart) as Iterable<{ at: number; d: number }>) {
      const key = dayKey(r.at);
      perDayMap.set(key, (perDayMap.get(key) ?? 0) + 1);
      if (r.at >= today) spentToday += r.d;
      if (r.at >= weekStart) spentWeek += r.d;
    }
    const perDay = Array.from({ length: 365 }, (_, i) => {
      const key = dayKey(dayStart(yearStart, i));
      return { day: key, count: perDayMap.get(key) ?? 0 };
    });
    const totals = this.db
      .prepare(
        "SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS spent FROM srs_reviews WHERE kind = 'rate'",
      )
      .get() as { n: number; spent: number };
    const ret = this.db
      .prepare(
        `SELECT count(*) AS n, sum(rating > 1) AS kept FROM srs_reviews
         WHERE kind = 'rate' AND state_before = 2 AND reviewed_at_ms >= ?`,
      )
      .get(dayStart(today, -29)) as { n: number; kept: number | null };
    const byState = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0 };
    const forecastCounts = new Array<number>(30).fill(0);
    const horizon = dayStart(today, 30);
    const rows = new Map(
      (this.db.prepare('SELECT card_id, state, due_ms, suspended FROM srs_cards').all() as CardRow[]).map(
        (r) => [r.card_id, r],
      ),
    );
    for (const c of catalog.cards) {
      const r = rows.get(c.id);
      if (r?.suspended === 1) {
        byState.suspended++;
        continue;
      }
      const state = r ? STATE_NAMES[r.state as State] : 'new';
      byState[state]++;
      if (r && r.state !== State.New && r.due_ms < horizon) {
        // Overdue cards count on day 0: that is when they will be asked.
        let day = 0;
        while (day < 29 && r.due_ms >= dayStart(today, day + 1)) day++;
        forecastCounts[day]!++;
      }
    }
    return {
      perDay,
      retention: {
        desired: settings.desiredRetention,
        measured: ret.n ? (ret.kept ?? 0) / ret.n : null,
        sample: ret.n,
      },
      byState,
      forecast: forecastCounts.map((due, i) => ({ day: dayKey(dayStart(today, i)), due })),
      timeSpentMs: { today: spentToday, last7Days: spentWeek, total: totals.spent },
      totalReviews: totals.n,
    };
  }
}
