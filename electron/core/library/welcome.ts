/**
 * First run: a new user gets one obvious place to start (a classic problem at its usual length)
 * instead of a wall of cards. The welcome shows until an interview has been started or the user
 * dismisses it; both facts live in the data file, so a restore or another shell agrees.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Welcome } from '../../../shared/api/contract';
import type { Core, HandlerSlice } from '../core';

/** The problem the welcome starts: well known, self-contained, and a fair first 35 minutes. */
export const FIRST_PROBLEM_ID = 'url-shortener';
const DISMISSED_KEY = 'welcome.dismissed';

class WelcomeStore {
  private readonly anySession: Statement;
  private readonly dismissed: Statement;
  private readonly dismiss: Statement;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.anySession = db.prepare('SELECT EXISTS (SELECT 1 FROM sessions) AS started');
    this.dismissed = db.prepare('SELECT value_json FROM settings WHERE key = ?');
    this.dismiss = db.prepare(
      `INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, 'true', ?)
       ON CONFLICT (key) DO UPDATE SET value_json = 'true', updated_at_ms = excluded.updated_at_ms`,
    );
  }

  /** Any interview ever started counts, even one discarded since: the user has found the way in. */
  due(): boolean {
    const started = (this.anySession.get() as { started: number }).started === 1;
    return !started && !this.dismissed.get(DISMISSED_KEY);
  }

  markDismissed(): void {
    this.dismiss.run(DISMISSED_KEY, this.now());
  }
}

type WelcomeCalls = 'welcome.get' | 'welcome.dismiss';

export function welcomeHandlers(core: Core): HandlerSlice<WelcomeCalls> {
  // Statements belong to one open database: a restore or reopen gives a new one.
  let store: { db: Database; welcome: WelcomeStore } | null = null;
  const welcomeStore = (): WelcomeStore => {
    const { db } = core.stores();
    if (store?.db !== db) store = { db, welcome: new WelcomeStore(db, () => core.clock()) };
    return store.welcome;
  };
  const answer = (): Welcome => {
    if (!welcomeStore().due()) return { show: false, start: null };
    return { show: true, start: core.library().problemStart(FIRST_PROBLEM_ID) };
  };
  return {
    'welcome.get': answer,
    'welcome.dismiss': () => {
      welcomeStore().markDismissed();
      return answer();
    },
  };
}
