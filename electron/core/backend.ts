/**
 * The back end: start-up and shutdown, and the capability handlers combined into one dispatch.
 * Each capability (library, interview, scoring, review, data) lives in its own folder with its
 * store and its handlers; this file only wires them. Both shells run one Backend inside a worker
 * thread (worker/), so nothing here ever blocks a window.
 */
import path from 'node:path';
import {
  contract,
  isCallName,
  type AppStatus,
  type DbProblem,
  type EventName,
  type EventPayload,
} from '../../shared/api/contract';
import { AppError, fail, ok, toFailure, type Envelope } from '../../shared/api/envelope';
import type { ContentPack } from '../../shared/content/schema';
import { formatPath } from '../../shared/content/paths';
import type { BackendOptions, Core, Handlers, Stores } from './core';
import { AiStore } from './ai/store';
import { aiHandlers, aiService } from './ai/handlers';
import { dataHandlers } from './data/handlers';
import { backupTo, restoreFrom } from './data/files';
import { storageError } from './db/errors';
import { DbOpenError, openDatabase } from './db/index';
import { lockDataFolder, type DataFolderLock } from './db/lock';
import { SessionStore } from './interview/store';
import { interviewHandlers } from './interview/handlers';
import { Library, packSource } from './library/library';
import { openBuiltin, type Builtin } from './library/builtin';
import { libraryHandlers } from './library/handlers';
import { PackStore } from './library/packs';
import { welcomeHandlers } from './library/welcome';
import { Reports } from './review/reports';
import { ReviewStore } from './review/store';
import { reviewHandlers } from './review/handlers';
import { ScoringStore } from './scoring/store';
import { scoringHandlers } from './scoring/handlers';
import { catalogOf } from './srs/cards';
import { srsHandlers } from './srs/handlers';
import { SrsStore } from './srs/store';
import { boardHandlers } from './board/handlers';
import { VoiceStore } from './voice/store';
import { voiceHandlers } from './voice/handlers';
import { voiceReportLines } from './voice/report';
import { labHandlers } from './labs/handlers';
import { LabEditStore } from './labs/store';

export type { BackendOptions } from './core';

type Listener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export class Backend implements Core {
  private stores_: Stores | null = null;
  private dbProblem: DbProblem | null = null;
  private schemaVersion = 0;
  private library_: Library;
  private readonly lock: DataFolderLock | null;
  private readonly listeners = new Set<Listener>();
  /** What was skipped as unreadable since the data file was opened (shown, never fatal). */
  private skipped: string[] = [];
  private readonly builtin_: Builtin;
  readonly dbFile: string;
  readonly handlers: Handlers;
  lastOpen: { migrateMs: number; backupFile: string | null } | null = null;

  /** Throws DataFolderLockedError when another Tradeoff is using the data folder. */
  constructor(readonly options: BackendOptions) {
    this.dbFile = path.join(options.dataDir, 'tradeoff.db');
    // Given (tests load and validate the folder once), or the build's file: validated at build
    // time, so it is only parsed here, and only when an item is first needed (library/builtin.ts).
    const given = options.builtin;
    this.builtin_ = given
      ? { source: packSource(given), pack: () => given }
      : openBuiltin(options.builtinPackFile, (line) => this.log(line));
    // Built once the stores are open (reopen → rebuildLibrary), with the imported packs.
    this.library_ = new Library([]);
    this.lock = options.noLock
      ? null
      : lockDataFolder(
          options.dataDir,
          options.transport === 'ipc' ? 'the desktop app' : 'a web shell',
          options.now,
        );
    this.handlers = {
      ...dataHandlers(this),
      ...libraryHandlers(this),
      ...welcomeHandlers(this),
      ...interviewHandlers(this),
      ...scoringHandlers(this),
      ...reviewHandlers(this),
      ...srsHandlers(this),
      ...boardHandlers(this),
      ...voiceHandlers(this),
      ...aiHandlers(this),
      ...labHandlers(this),
    };
    this.reopen();
  }

  reopen(): void {
    this.closeDb();
    try {
      const opened = openDatabase(this.options.dataDir, this.options.db);
      const db = opened.db;
      this.skipped = [];
      const report = (message: string) => {
        this.log(`skipped: ${message}`);
        if (!this.skipped.includes(message) && this.skipped.length < 20) this.skipped.push(message);
      };
      const now = this.options.now;
      const content = {
        problems: () => [...this.library_.problems.values()].map((e) => e.item),
        drills: () => [...this.library_.drills.values()].map((e) => e.item),
      };
      const sessions = new SessionStore(
        db,
        (id) => {
          const entry = this.library_.problems.get(id);
          return entry ? { problem: entry.item, packId: entry.packId } : null;
        },
        now,
        report,
      );
      const scoring = new ScoringStore(db, now);
      const voice = new VoiceStore(db, this.dbFile, now);
      this.stores_ = {
        db,
        packs: new PackStore(db, now, report),
        sessions,
        scoring,
        review: new ReviewStore(db, content),
        labEdits: new LabEditStore(db, now),
        reports: new Reports({
          session: (id) => sessions.get(id),
          score: (id) => scoring.get(id),
          problem: (id) => this.library_.problems.get(id)?.item ?? null,
          conceptTitle: (id) => this.library_.concepts.get(id)?.item.title,
          extraLines: (id) => [
            ...voiceReportLines(voice.transcript(id), sessions.get(id).createdAtMs),
            ...aiService(this).reportLines(id),
          ],
          speakers: (id) => aiService(this).speakers(id),
        }),
        srs: new SrsStore(
          db,
          () => catalogOf(this.library_),
          () => this.clock(),
        ),
        voice,
        ai: new AiStore(db, now ?? Date.now),
      };
      this.schemaVersion = opened.schemaVersion;
      this.dbProblem = null;
      this.lastOpen = { migrateMs: opened.migrateMs, backupFile: opened.backupFile };
    } catch (e) {
      if (!(e instanceof DbOpenError)) throw e;
      this.stores_ = null;
      this.dbProblem = e.problem;
      this.log(`database not opened: ${e.problem.kind} (${e.problem.file})`);
    }
    this.rebuildLibrary();
  }

  library(): Library {
    return this.library_;
  }

  get builtin(): ContentPack {
    return this.builtin_.pack();
  }

  openStores(): Stores | null {
    return this.stores_;
  }

  stores(): Stores {
    if (!this.stores_)
      throw new AppError('DB_UNAVAILABLE', 'Your data file could not be opened, so this is not available.');
    return this.stores_;
  }

  rebuildLibrary(): void {
    const installed = this.stores_ ? this.stores_.packs.all() : [];
    this.library_ = new Library([this.builtin_.source, ...installed.map((p) => packSource(p.pack))]);
  }

  clock(): number {
    return (this.options.now ?? Date.now)();
  }

  log(message: string): void {
    this.options.log?.(message);
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) l(name, payload);
  }

  status(): AppStatus {
    return {
      appVersion: this.options.appVersion,
      dataDir: this.options.dataDir,
      dbFile: this.dbFile,
      transport: this.options.transport,
      skipped: [...this.skipped],
      db: this.dbProblem
        ? { state: 'error', problem: this.dbProblem }
        : { state: 'ready', schemaVersion: this.schemaVersion },
    };
  }

  /** Validates the call name and payload, runs the handler and wraps the result in an envelope. */
  async dispatch(name: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isCallName(name)) return fail('UNKNOWN_CALL', `There is no call named "${String(name)}".`);
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
      return fail('BAD_INPUT', `The request to ${name} was not valid (${detail}).`);
    }
    return this.guard(name, async () => {
      const handler = this.handlers[name] as (input: unknown) => unknown;
      return handler(parsed.data);
    });
  }

  /**
   * A JSON request body in, an HTTP status and a JSON envelope out: the web shell's main thread
   * never parses either. A body that is not JSON is a malformed request (400).
   */
  async dispatchJson(name: string, body: string): Promise<{ status: number; json: string }> {
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      return { status: 400, json: JSON.stringify(fail('BAD_INPUT', 'The request body is not valid JSON.')) };
    }
    return { status: 200, json: JSON.stringify(await this.dispatch(name, input)) };
  }

  /** Shell-level file operations (see data/files.ts), wrapped like any call. */
  backupTo(target: string): Promise<Envelope<unknown>> {
    return this.guard('data.backup', () => backupTo(this, target));
  }

  restoreFrom(source: string, shownName: string): Promise<Envelope<unknown>> {
    return this.guard('data.restore', () => restoreFrom(this, source, shownName));
  }

  /** Runs a handler and turns whatever it throws into an envelope that says what happened. */
  private async guard(name: string, run: () => unknown): Promise<Envelope<unknown>> {
    try {
      return ok(await run());
    } catch (e) {
      const mapped = storageError(e);
      if (mapped) {
        if (!(e instanceof AppError))
          this.log(`call ${name} failed: ${mapped.code} (${(e as { code?: string }).code ?? ''})`);
        return toFailure(mapped);
      }
      this.log(`call ${name} failed: ${(e as Error).stack ?? String(e)}`);
      return toFailure(e);
    }
  }

  closeDb(): void {
    if (this.stores_) {
      try {
        this.stores_.db.close();
      } catch {
        // Already closed (e.g. after a failed open); nothing to release.
      }
    }
    this.stores_ = null;
  }

  /** Closes the database and releases the data folder for another Tradeoff. */
  close(): void {
    this.closeDb();
    this.lock?.release();
  }
}
