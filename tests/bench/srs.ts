/**
 * Spaced-repetition figures: Today's due counts and the first card of the queue over 10,000 cards
 * and 100,000 review-log rows (dueQueueMs), and the web shell's start to Today's counts on screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/core/db/index';
import type { Catalog, CardContent } from '../../electron/core/srs/cards';
import { DECK_TITLES, indexCatalog } from '../../electron/core/srs/cards';
import { SrsStore } from '../../electron/core/srs/store';
import { launchBrowser, newPage, startShell, tempDataDir } from '../e2e/harness';

const DAY_MS = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** 10,000 cards over the seven decks and 60 topics, as a big library of packs would give. */
function syntheticCatalog(count: number): Catalog {
  const deckKeys = Object.keys(DECK_TITLES);
  const cards: CardContent[] = Array.from({ length: count }, (_, i) => {
    const deck = deckKeys[i % deckKeys.length]!;
    return {
      id: `question:bench-${i}`,
      deckId: `kind:${deck}`,
      deckTitle: DECK_TITLES[deck]!,
      topic: `Topic ${i % 60}`,
      prompt: `Question ${i}: how would you handle it?`,
      points: ['First point', 'Second point', 'Third point'],
      followUps: [],
      minutes: 2,
      source: { kind: 'question', id: `bench-${i}`, title: `Question ${i}` },
      order: i,
    };
  });
  const decks = new Map(deckKeys.map((k) => [`kind:${k}`, DECK_TITLES[k]!]));
  const topics = new Map(Array.from({ length: 60 }, (_, i) => [`topic:Topic ${i}`, `Topic ${i}`]));
  return {
    cards,
    byId: new Map(cards.map((c) => [c.id, c])),
    decks,
    topics,
    ...indexCatalog(cards, decks, topics),
  };
}

/**
 * Dues counted per deck and topic within the daily limits, then the first card of the queue (with
 * its interval preview), on a database holding 8,000 scheduled cards (2,000 still new) and 100,000
 * log rows spread over a year. Median of 25 after a warm-up.
 */
export function dueQueueFigures(): { dueQueueMs: number; cards: number; logRows: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-bench-srs-'));
  try {
    const { db } = openDatabase(dir);
    const now = Date.UTC(2026, 5, 1, 12);
    const catalog = syntheticCatalog(10_000);
    const store = new SrsStore(
      db,
      () => catalog,
      () => now,
    );
    const insertCard = db.prepare(
      `INSERT INTO srs_cards (card_id, state, due_ms, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, last_review_ms, suspended) VALUES (?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, 0)`,
    );
    const insertLog = db.prepare(
      `INSERT INTO srs_reviews (card_id, kind, rating, reviewed_at_ms, duration_ms, retention,
         points_covered_json, points_total, state_before, state_after, due_after_ms)
       VALUES (?, 'rate', ?, ?, 60000, 0.9, '[0,1]', 3, ?, 2, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 8_000; i++) {
        // Due dates from 30 days overdue to 90 days ahead: about a quarter are due now.
        const due = now + Math.round(((i * 7919) % 120) - 30) * DAY_MS;
        const state = i % 20 === 0 ? 1 : i % 33 === 0 ? 3 : 2;
        insertCard.run(
          `question:bench-${i}`,
          state,
          due,
          10 + (i % 50),
          5,
          10,
          5 + (i % 9),
          i % 3,
          now - DAY_MS,
        );
      }
      for (let r = 0; r < 100_000; r++) {
        // All before today, so today's limits are untouched and the queue is full.
        const at = now - DAY_MS - Math.floor((r * 104729) % (364 * DAY_MS));
        insertLog.run(`question:bench-${r % 8_000}`, 1 + (r % 4), at, r % 5 === 0 ? 0 : 2, at + 5 * DAY_MS);
      }
    })();
    const times: number[] = [];
    for (let run = 0; run < 26; run++) {
      const started = performance.now();
      const counts = store.counts(now);
      const first = store.next(undefined, now);
      const ms = performance.now() - started;
      if (counts.dueTotal === 0 || !first)
        throw new Error('the bench queue has nothing due: the seed is wrong');
      if (run > 0) times.push(ms);
    }
    db.close();
    return { dueQueueMs: median(times), cards: catalog.cards.length, logRows: 100_000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Server spawn → Today's due counts on screen in Chromium (the landing page), median of 5, with
 * the back end's code cache in `codeCache` (see webShellStartToLibraryMs in run.ts).
 */
export async function webShellStartToTodayMs(codeCache: string): Promise<number> {
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const dir = tempDataDir('bench-today');
      const { context, page } = await newPage(browser, { root: 'today' });
      const started = performance.now();
      const shell = await startShell(dir, { TRADEOFF_CACHE_DIR: codeCache });
      await page.goto(shell.url);
      await page.locator('[data-testid="deck"]').first().waitFor();
      times.push(performance.now() - started);
      await context.close();
      await shell.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return median(times);
}
