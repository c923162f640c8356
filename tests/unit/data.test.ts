/**
 * Backup and all-or-nothing restore: every hostile backup is refused with a reason, leaves the
 * current data untouched (also after a restart), and a good one restores exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import type { HistoryRow, Score } from '../../shared/api/scoring';
import type { SessionState } from '../../shared/api/sessions';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations/index';
import { backend, call, closeBackend, endedSession, startSession, tempDir } from '../helpers/backend';

const levels = { requirements: 4, design: 3, depth: 3, tradeoffs: 3, communication: 3 };
const evidence = { requirements: 'asked', design: 'drew', depth: 'keys', tradeoffs: '', communication: 'ok' };

async function scoredSession(b: Backend): Promise<string> {
  const id = await endedSession(b);
  await call(b, 'score.save', { sessionId: id, profileId: 'balanced', levels, evidence, checklist: [0] });
  return id;
}

async function backupFile(b: Backend, dir = tempDir('bk')): Promise<string> {
  const file = path.join(dir, 'backup.sqlite');
  const out = await b.backupTo(file);
  expect(out).toMatchObject({ ok: true, value: { savedTo: file } });
  return file;
}

/** A copy of `file` changed by `edit`, as a hostile or damaged backup would be. */
function tampered(file: string, edit: (db: Database.Database) => void): string {
  const copy = path.join(tempDir('bad'), 'tampered.sqlite');
  fs.copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    edit(db);
  } finally {
    db.close();
  }
  return copy;
}

describe('backup and restore', () => {
  it('restores a backup exactly, into an empty data folder', async () => {
    const { b } = backend();
    const id = await scoredSession(b);
    const before = {
      session: await call<SessionState>(b, 'session.get', { id }),
      score: await call<Score>(b, 'score.get', { sessionId: id }),
    };
    const file = await backupFile(b);

    const { b: fresh } = backend();
    expect(await call<HistoryRow[]>(fresh, 'history.list', {})).toEqual([]);
    const restored = await fresh.restoreFrom(file, 'backup.sqlite');
    expect(restored).toMatchObject({ ok: true, value: { cancelled: false, sessions: 1, scores: 1 } });
    const after = {
      session: await call<SessionState>(fresh, 'session.get', { id }),
      score: await call<Score>(fresh, 'score.get', { sessionId: id }),
    };
    expect({ ...after.session, serverNowMs: 0 }).toEqual({ ...before.session, serverNowMs: 0 });
    expect(after.score).toEqual(before.score);
    // The backup itself is only read, never changed or moved.
    expect(fs.existsSync(file)).toBe(true);
  });

  it('brings a backup from an older version up to date while restoring', async () => {
    // A v3 data file (before save revisions) with one interview in it.
    const oldDir = tempDir('old');
    const old = new Database(path.join(oldDir, 'v3.sqlite'));
    old.transaction(() => {
      for (const m of MIGRATIONS.filter((x) => x.version <= 3)) m.up(old);
      old.pragma('user_version = 3');
      old
        .prepare(
          `INSERT INTO sessions (id, problem_id, problem_title, pack_id, status, time_target_min, budgets_json,
             mutation_enabled, created_at_ms, updated_at_ms) VALUES ('old-session-1', 'url-shortener', 'URL shortener',
             'builtin', 'active', 35, '{"clarify":5,"estimate":5,"design":10,"deep-dive":10,"tradeoffs":5}', 0, 1, 1)`,
        )
        .run();
    })();
    old.close();
    const { b } = backend();
    const out = await b.restoreFrom(path.join(oldDir, 'v3.sqlite'), 'v3.sqlite');
    expect(out).toMatchObject({ ok: true, value: { sessions: 1 } });
    const s = await call<SessionState>(b, 'session.get', { id: 'old-session-1' });
    expect(s.revision).toBe(0);
    expect(s.drafts).toEqual([]);
  });

  const hostile: [string, (db: Database.Database) => void, RegExp][] = [
    ['a missing table', (db) => db.exec('DROP TABLE score_changes'), /“score_changes” table is missing/],
    [
      'a missing column',
      (db) => db.exec('ALTER TABLE session_notes DROP COLUMN updated_at_ms'),
      /“session_notes” table does not have the columns/,
    ],
    [
      'an extra trigger',
      (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON session_notes BEGIN DELETE FROM sessions; END'),
      /trigger \(“wipe”\)/,
    ],
    ['an extra view', (db) => db.exec('CREATE VIEW v AS SELECT * FROM sessions'), /view \(“v”\)/],
    [
      'an extra table',
      (db) => db.exec('CREATE TABLE extra (x TEXT) STRICT'),
      /table \(“extra”\) that Tradeoff never creates/,
    ],
    [
      'a content pack that is not JSON',
      (db) =>
        db
          .prepare(
            "INSERT INTO content_packs (id, name, version, pack_json, imported_at_ms) VALUES ('p', 'P', '1', '{not json', 1)",
          )
          .run(),
      /unreadable data \(pack_json\)/,
    ],
    [
      'a session whose budgets are not JSON',
      (db) => db.prepare("UPDATE sessions SET budgets_json = 'five minutes'").run(),
      /unreadable data \(budgets_json\)/,
    ],
    [
      'a session whose budgets are JSON but not budgets',
      (db) => db.prepare("UPDATE sessions SET budgets_json = '[1,2]'").run(),
      /phase budgets Tradeoff cannot read/,
    ],
    ['a newer version', (db) => db.pragma('user_version = 99'), /newer version of Tradeoff/],
    ['a version of 0', (db) => db.pragma('user_version = 0'), /not a Tradeoff backup/],
  ];

  it.each(hostile)(
    'refuses a backup with %s, and changes nothing (also after a restart)',
    async (_label, edit, why) => {
      const { b, dir } = backend();
      const id = await scoredSession(b);
      const good = await backupFile(b);
      const bad = tampered(good, edit);
      const files = () => fs.readdirSync(dir).sort();
      const filesBefore = files();

      const out = await b.restoreFrom(bad, 'tampered.sqlite');
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.error.code).toBe('INVALID_CONTENT');
      expect(out.error.message).toMatch(why);
      expect(out.error.message).toContain('Your current data has not been changed.');
      // Still usable now, no stray files, and still usable after a restart.
      expect((await call<HistoryRow[]>(b, 'history.list', {})).map((r) => r.id)).toEqual([id]);
      await startSession(b);
      expect(files()).toEqual(filesBefore);
      closeBackend(b);
      const { b: again } = backend(dir);
      expect(again.status().db.state).toBe('ready');
      expect((await call<HistoryRow[]>(again, 'history.list', {})).map((r) => r.id)).toEqual([id]);
      expect(await call<Score>(again, 'score.get', { sessionId: id })).toMatchObject({ weighted: 3.2 });
    },
  );

  it('refuses a file that is not SQLite, and a truncated backup', async () => {
    const { b } = backend();
    const id = await scoredSession(b);
    const good = await backupFile(b);
    const dir = tempDir('bad');
    const notSqlite = path.join(dir, 'notes.txt');
    fs.writeFileSync(notSqlite, 'hello');
    const truncated = path.join(dir, 'cut.sqlite');
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 6000));
    for (const [file, why] of [
      [notSqlite, /not a Tradeoff backup/],
      [truncated, /damaged or incomplete/],
    ] as const) {
      const out = await b.restoreFrom(file, path.basename(file));
      expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_CONTENT' } });
      if (!out.ok) expect(out.error.message).toMatch(why);
    }
    expect((await call<HistoryRow[]>(b, 'history.list', {})).map((r) => r.id)).toEqual([id]);
  });

  it('keeps the previous data beside the restored file, whole (with its WAL contents)', async () => {
    const { b: source } = backend();
    await scoredSession(source);
    const file = await backupFile(source);
    const { b, dir } = backend();
    const mine = await scoredSession(b);
    const out = await b.restoreFrom(file, 'backup.sqlite');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const keptAt = (out.value as { previousDataKeptAt: string }).previousDataKeptAt;
    expect(path.dirname(keptAt)).toBe(dir);
    const kept = new Database(keptAt, { readonly: true });
    try {
      expect(kept.prepare('SELECT id FROM sessions').all()).toEqual([{ id: mine }]);
    } finally {
      kept.close();
    }
  });
});

describe('start-up with a damaged row', () => {
  it('skips and reports a stored pack that is not JSON, and keeps working', async () => {
    const dir = tempDir('row');
    const lines: string[] = [];
    const { b } = backend(dir, { log: (l) => lines.push(l) });
    const id = await scoredSession(b);
    closeBackend(b);
    const db = new Database(path.join(dir, 'tradeoff.db'));
    db.prepare(
      "INSERT INTO content_packs (id, name, version, pack_json, imported_at_ms) VALUES ('broken', 'Broken', '1', '{oops', 1)",
    ).run();
    db.prepare(
      `INSERT INTO sessions (id, problem_id, problem_title, pack_id, status, time_target_min, budgets_json,
         mutation_enabled, created_at_ms, updated_at_ms) VALUES ('bad-budgets-1', 'chat', 'Chat', 'builtin', 'active', 45,
         'nope', 0, 1, 1)`,
    ).run();
    db.close();
    const { b: again } = backend(dir, { log: (l) => lines.push(l) });
    expect(again.status().db.state).toBe('ready');
    expect((await call<HistoryRow[]>(again, 'history.list', {})).map((r) => r.id)).toEqual([id]);
    expect((await call<unknown[]>(again, 'library.list', { kinds: ['problem'] })).length).toBeGreaterThan(5);
    expect(await call<unknown[]>(again, 'session.unfinished', {})).toEqual([]);
    expect(lines.join('\n')).toMatch(/content pack “broken” could not be read/);
    expect(lines.join('\n')).toMatch(/“Chat” interview \(bad-budgets-1\) could not be read/);
    // …and the app can say so: the status lists what was skipped.
    expect(again.status().skipped.join('\n')).toMatch(/content pack “broken” could not be read/);
    // Opening the damaged interview says so plainly; it is not called a damaged database.
    const opened = await again.dispatch('session.get', { id: 'bad-budgets-1' });
    expect(opened).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
  });
});

describe('storage errors say what happened', () => {
  it('a full database is reported as a full disk, nothing is half-saved, and saving works once space returns', async () => {
    const { b } = backend();
    const s = await startSession(b);
    await call(b, 'session.save', {
      id: s.id,
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: 'first notes' }],
    });
    // SQLite's own limit on the file's size: writes past it fail with SQLITE_FULL, as on a full disk.
    const db = b.openStores()!.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(200_000);
    const full = await b.dispatch('session.save', {
      id: s.id,
      baseRevision: 1,
      notes: [{ phase: 'design', text: big }],
    });
    expect(full).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    if (!full.ok) expect(full.error.message).toMatch(/not saved/);
    if (!full.ok) expect(full.error.message).not.toMatch(/is saved|was saved/);
    // Nothing of the failed save is there, and what was saved before is.
    const during = await call<SessionState>(b, 'session.get', { id: s.id });
    expect(during.notes).toMatchObject({ clarify: 'first notes', design: '' });
    expect(during.revision).toBe(1);
    db.pragma('max_page_count = 1073741823');
    await call(b, 'session.save', { id: s.id, baseRevision: 1, notes: [{ phase: 'design', text: big }] });
    expect((await call<SessionState>(b, 'session.get', { id: s.id })).notes.design).toBe(big);
  });

  it('a database locked by another program is reported as busy, not damaged', async () => {
    const dir = tempDir('busy');
    const { b } = backend(dir, { db: { busyTimeoutMs: 20 } });
    const s = await startSession(b);
    const other = new Database(path.join(dir, 'tradeoff.db'));
    try {
      other.exec('BEGIN EXCLUSIVE');
      const out = await b.dispatch('session.save', {
        id: s.id,
        baseRevision: 0,
        notes: [{ phase: 'clarify', text: 'while locked' }],
      });
      expect(out).toMatchObject({ ok: false, error: { code: 'BUSY' } });
      if (!out.ok) expect(out.error.message).toMatch(/busy/);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    await call(b, 'session.save', {
      id: s.id,
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: 'after' }],
    });
    expect(b.status().db.state).toBe('ready');
  });

  it('a stale save gets CONFLICT and its text is kept as a draft, newer work untouched', async () => {
    const { b } = backend();
    const s = await startSession(b);
    // Two windows loaded revision 0; the newer one saves first.
    await call(b, 'session.save', {
      id: s.id,
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: 'newer window' }],
    });
    const stale = await b.dispatch('session.save', {
      id: s.id,
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: 'older window' }],
      scratchpad: { text: '1M / day to 1/s', results: [] },
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { revision: 1 } } });
    const got = await call<SessionState>(b, 'session.get', { id: s.id });
    expect(got.notes.clarify).toBe('newer window');
    expect(got.revision).toBe(1);
    expect(got.drafts).toHaveLength(1);
    expect(got.drafts[0]).toMatchObject({
      baseRevision: 0,
      notes: [{ phase: 'clarify', text: 'older window' }],
      scratchpadText: '1M / day to 1/s',
    });
    const draftId = got.drafts[0]!.id;
    expect(await call(b, 'session.dismissDraft', { id: s.id, draftId })).toEqual({ dismissed: true });
    expect((await call<SessionState>(b, 'session.get', { id: s.id })).drafts).toEqual([]);
  });
});

describe('a data file locked at start-up', () => {
  it('is reported as locked (not damaged), and opens on a retry once the lock is gone', async () => {
    // A data file from before save revisions, so opening it must write (migrate) and needs the lock.
    const dir = tempDir('locked');
    const file = path.join(dir, 'tradeoff.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.transaction(() => {
      for (const m of MIGRATIONS.filter((x) => x.version <= 3)) m.up(old);
      old.pragma('user_version = 3');
    })();
    old.exec('BEGIN EXCLUSIVE');
    try {
      const { b } = backend(dir, { db: { busyTimeoutMs: 20 } });
      expect(b.status().db).toMatchObject({ state: 'error', problem: { kind: 'locked' } });
      const status = b.status();
      if (status.db.state === 'error') {
        expect(status.db.problem.message).toMatch(/locked by another program/);
        expect(status.db.problem.message).toMatch(/has not been changed/);
      }
      // Moving it aside is only for damaged files.
      expect(await b.dispatch('app.resetDatabase', {})).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      old.exec('ROLLBACK');
      const retried = await call<{ db: { state: string; schemaVersion?: number } }>(b, 'app.retryOpen', {});
      expect(retried.db).toMatchObject({ state: 'ready', schemaVersion: LATEST_SCHEMA_VERSION });
    } finally {
      old.close();
    }
  });
});
