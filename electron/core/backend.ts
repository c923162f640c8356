/**
 * The back end as one object: the database, the content library and the handlers that implement
 * the API contract. Both transports (Electron IPC, the web shell) create one Backend and call
 * `dispatch`; nothing here knows which transport is in use.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  contract,
  isCallName,
  type AppStatus,
  type CallName,
  type CallOutput,
  type DbProblem,
  type EventName,
  type EventPayload,
  type InstalledPack,
} from '../../shared/api/contract';
import { AppError, fail, ok, toFailure, type Envelope } from '../../shared/api/envelope';
import { formatPath } from '../../shared/content/validate';
import type { ContentPack } from '../../shared/content/schema';
import { DbOpenError, moveAside, openDatabase, type OpenOptions } from './db/index';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index';
import { Library } from './content/library';
import { loadPackFolder } from './content/load';
import { PackStore } from './content/packs';
import { SessionStore } from './sessions';
import { ScoringStore } from './scoring';
import { Reports } from './reports';
import { inspectBackup } from './db/backup';

export interface BackendOptions {
  dataDir: string;
  /** Folder holding `content/builtin` and other bundled assets. */
  assetsDir: string;
  transport: 'ipc' | 'http';
  appVersion: string;
  db?: OpenOptions;
  log?: (message: string) => void;
  /** The clock (epoch ms); replaceable so benchmarks and tests can run time forward. */
  now?: () => number;
}

type Handlers = {
  [K in CallName]: (input: z.output<(typeof contract)[K]['input']>) => CallOutput<K> | Promise<CallOutput<K>>;
};
type Listener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export class Backend {
  private db: Database | null = null;
  private dbProblem: DbProblem | null = null;
  private schemaVersion = 0;
  private builtin: ContentPack;
  private library: Library;
  private packs: PackStore | null = null;
  private sessionStore: SessionStore | null = null;
  private scoringStore: ScoringStore | null = null;
  private readonly listeners = new Set<Listener>();
  readonly dbFile: string;
  lastOpen: { migrateMs: number; backupFile: string | null } | null = null;

  constructor(readonly options: BackendOptions) {
    this.dbFile = path.join(options.dataDir, 'tradeoff.db');
    const builtinDir = path.join(options.assetsDir, 'content', 'builtin');
    const loaded = loadPackFolder(builtinDir);
    if (!loaded.pack) {
      // The built-in pack is checked in CI; reaching this means the install itself is damaged.
      const first = loaded.issues.slice(0, 5).map((i) => `${i.file ?? ''} ${i.path}: ${i.message}`);
      throw new Error(`The built-in content pack at ${builtinDir} is invalid:\n${first.join('\n')}`);
    }
    this.builtin = loaded.pack;
    this.library = new Library([this.builtin]);
    this.openDb();
  }

  private openDb(): void {
    try {
      const opened = openDatabase(this.options.dataDir, this.options.db);
      this.db = opened.db;
      this.schemaVersion = opened.schemaVersion;
      this.dbProblem = null;
      this.lastOpen = { migrateMs: opened.migrateMs, backupFile: opened.backupFile };
      this.packs = new PackStore(opened.db);
      this.sessionStore = new SessionStore(
        opened.db,
        (id) => {
          const entry = this.library.problems.get(id);
          return entry ? { problem: entry.item, packId: entry.packId } : null;
        },
        this.options.now,
      );
      this.scoringStore = new ScoringStore(
        opened.db,
        {
          problems: () => [...this.library.problems.values()].map((e) => e.item),
          drills: () => [...this.library.drills.values()].map((e) => e.item),
        },
        this.options.now,
      );
      this.rebuildLibrary();
    } catch (e) {
      if (!(e instanceof DbOpenError)) throw e;
      this.db = null;
      this.packs = null;
      this.sessionStore = null;
      this.scoringStore = null;
      this.dbProblem = e.problem;
      this.options.log?.(`database not opened: ${e.problem.kind} (${e.problem.file})`);
    }
  }

  private rebuildLibrary(): void {
    const installed = this.packs ? this.packs.all() : [];
    this.library = new Library([this.builtin, ...installed.map((p) => p.pack)]);
  }

  private requirePacks(): PackStore {
    if (!this.packs)
      throw new AppError('DB_UNAVAILABLE', 'Your data file could not be opened, so this is not available.');
    return this.packs;
  }

  private sessions(): SessionStore {
    if (!this.sessionStore) {
      throw new AppError('DB_UNAVAILABLE', 'Your data file could not be opened, so this is not available.');
    }
    return this.sessionStore;
  }

  private scoring(): ScoringStore {
    if (!this.scoringStore) {
      throw new AppError('DB_UNAVAILABLE', 'Your data file could not be opened, so this is not available.');
    }
    return this.scoringStore;
  }

  private reports(): Reports {
    const sessions = this.sessions();
    const scoring = this.scoring();
    return new Reports({
      session: (id) => sessions.get(id),
      score: (id) => scoring.get(id),
      problem: (id) => this.library.problems.get(id)?.item ?? null,
    });
  }

  /** One file with everything: a consistent copy of the database made by SQLite itself. */
  private backup(): { fileName: string; base64: string; sizeBytes: number } {
    if (!this.db)
      throw new AppError(
        'DB_UNAVAILABLE',
        'Your data file could not be opened, so there is nothing to back up.',
      );
    const stamp = new Date(this.clock()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const tmp = path.join(this.options.dataDir, `.backup-${process.pid}-${this.clock()}.tmp`);
    try {
      this.db.prepare('VACUUM INTO ?').run(tmp);
      const bytes = fs.readFileSync(tmp);
      return {
        fileName: `tradeoff-backup-${stamp}.sqlite`,
        base64: bytes.toString('base64'),
        sizeBytes: bytes.length,
      };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * Replaces all data with a backup, after checking it completely. The current file is kept beside
   * it (renamed), and if the backup cannot be opened after all, the current file is put back.
   */
  private restore(input: { fileName: string; base64: string }) {
    const bytes = Buffer.from(input.base64, 'base64');
    const incoming = path.join(this.options.dataDir, `.restore-${process.pid}-${this.clock()}.tmp`);
    fs.writeFileSync(incoming, bytes);
    let keptAt = '';
    try {
      const facts = inspectBackup(
        incoming,
        input.fileName,
        LATEST_SCHEMA_VERSION,
        this.options.db?.nativeBinding,
      );
      this.close();
      keptAt = `${this.dbFile}.before-restore-${this.clock()}.bak`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(this.dbFile + suffix)) fs.renameSync(this.dbFile + suffix, keptAt + suffix);
      }
      fs.renameSync(incoming, this.dbFile);
      this.openDb();
      if (this.dbProblem) {
        // Put the previous data back exactly as it was.
        fs.rmSync(this.dbFile, { force: true });
        for (const suffix of ['', '-wal', '-shm']) {
          if (fs.existsSync(keptAt + suffix)) fs.renameSync(keptAt + suffix, this.dbFile + suffix);
        }
        this.openDb();
        throw new AppError(
          'INVALID_CONTENT',
          `${input.fileName} could not be opened as Tradeoff data. Nothing was changed.`,
        );
      }
      this.emit('content.changed', { packId: '*', change: 'imported' });
      return { sessions: facts.sessions, scores: facts.scores, previousDataKeptAt: keptAt };
    } finally {
      fs.rmSync(incoming, { force: true });
      if (!this.db) this.openDb();
    }
  }

  private clock(): number {
    return (this.options.now ?? Date.now)();
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) l(name, payload);
  }

  status(): AppStatus {
    return {
      appVersion: this.options.appVersion,
      dataDir: this.options.dataDir,
      dbFile: this.dbFile,
      transport: this.options.transport,
      db: this.dbProblem
        ? { state: 'error', problem: this.dbProblem }
        : { state: 'ready', schemaVersion: this.schemaVersion },
    };
  }

  private builtinInfo(): InstalledPack {
    return {
      manifest: this.builtin.manifest,
      builtin: true,
      importedAt: null,
      counts: {
        problems: this.builtin.problems.length,
        concepts: this.builtin.concepts.length,
        questions: this.builtin.questions.length,
        drills: this.builtin.drills.length,
      },
    };
  }

  readonly handlers: Handlers = {
    'app.status': () => this.status(),
    'app.resetDatabase': () => {
      if (!this.dbProblem || this.dbProblem.kind !== 'corrupt') {
        throw new AppError('CONFLICT', 'Only a data file that cannot be read can be moved aside.');
      }
      const movedTo = moveAside(this.dbFile);
      this.options.log?.(`moved unreadable database aside to ${movedTo}`);
      this.openDb();
      return { movedTo, status: this.status() };
    },
    'library.list': (q) => this.library.list(q, this.scoringStore?.lastByProblem()),
    'library.facets': () => this.library.facets(),
    'problem.get': ({ id }) => {
      const entry = this.library.problems.get(id);
      if (!entry) throw new AppError('NOT_FOUND', `There is no problem called "${id}" in your library.`);
      const p = entry.item;
      return {
        problem: p,
        packId: entry.packId,
        concepts: this.library.conceptRefs(p.relatedConcepts),
        labs: this.library.labRefs(p.relatedLabs),
        linkedFrom: this.library.linkedFrom('problem', id),
      };
    },
    'concept.get': ({ id }) => {
      const entry = this.library.concepts.get(id);
      if (!entry) throw new AppError('NOT_FOUND', `There is no concept called "${id}" in your library.`);
      const c = entry.item;
      return {
        concept: c,
        packId: entry.packId,
        problems: this.library.problemRefs(c.relatedProblems),
        labs: this.library.labRefs(c.relatedLabs),
        linkedFrom: this.library.linkedFrom('concept', id),
      };
    },
    'question.get': ({ id }) => {
      const entry = this.library.questions.get(id);
      if (!entry) throw new AppError('NOT_FOUND', `There is no question called "${id}" in your library.`);
      const q = entry.item;
      return {
        question: q,
        packId: entry.packId,
        concepts: this.library.conceptRefs(q.relatedConcepts),
        problems: this.library.problemRefs(q.relatedProblems),
      };
    },
    'drill.get': ({ id }) => {
      const entry = this.library.drills.get(id);
      if (!entry) throw new AppError('NOT_FOUND', `There is no drill called "${id}" in your library.`);
      const d = entry.item;
      return {
        drill: d,
        packId: entry.packId,
        concepts: this.library.conceptRefs(d.relatedConcepts),
        problems: this.library.problemRefs(d.relatedProblems),
      };
    },
    'packs.list': () => [this.builtinInfo(), ...this.requirePacks().list()],
    'packs.import': ({ fileName, text }) => {
      const store = this.requirePacks();
      const known = new Library([this.builtin]).knownIds();
      const installed = store.import(fileName, text, this.builtin, known);
      this.rebuildLibrary();
      this.emit('content.changed', { packId: installed.manifest.id, change: 'imported' });
      return installed;
    },
    'packs.export': ({ id }) => {
      const pack = id === this.builtin.manifest.id ? this.builtin : this.requirePacks().get(id);
      if (!pack) throw new AppError('NOT_FOUND', `There is no installed pack called "${id}".`);
      return {
        fileName: `${pack.manifest.id}-${pack.manifest.version}.json`,
        text: JSON.stringify(pack, null, 2),
      };
    },
    'packs.remove': ({ id }) => {
      if (id === this.builtin.manifest.id)
        throw new AppError('CONFLICT', 'The built-in pack cannot be removed.');
      const removed = this.requirePacks().remove(id);
      if (removed) {
        this.rebuildLibrary();
        this.emit('content.changed', { packId: id, change: 'removed' });
      }
      return { removed };
    },
    'session.start': (input) => this.sessions().start(input),
    'session.get': ({ id }) => this.sessions().get(id),
    'session.unfinished': () => this.sessions().unfinished(),
    'session.control': (input) => this.sessions().control(input),
    'session.save': (input) => this.sessions().save(input),
    'session.ask': (input) => this.sessions().ask(input),
    'session.discard': ({ id }) => ({ discarded: this.sessions().discard(id) }),
    'session.snapshots': ({ id }) => this.sessions().snapshots(id),
    'session.snapshot': ({ id, snapshotId }) => this.sessions().snapshot(id, snapshotId),
    'rubric.profiles': () => this.scoring().profiles(),
    'rubric.saveProfile': (input) => this.scoring().saveProfile(input),
    'rubric.deleteProfile': ({ id }) => ({ deleted: this.scoring().deleteProfile(id) }),
    'rubric.setDefault': ({ id }) => ({ defaultId: this.scoring().setDefault(id) }),
    'score.get': ({ sessionId }) => this.scoring().get(sessionId),
    'score.save': (input) => this.scoring().save(input),
    'history.list': (q) => this.scoring().history(q),
    'trends.get': () => this.scoring().trends(),
    'session.exportMarkdown': (input) => this.reports().markdown(input.id, input.whiteboardPng),
    'session.exportPdf': (input) => this.reports().pdf(input.id, input.whiteboardPng),
    'data.backup': () => this.backup(),
    'data.restore': (input) => this.restore(input),
  };

  /** Validates the call name and payload, runs the handler and wraps the result in an envelope. */
  async dispatch(name: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isCallName(name)) return fail('UNKNOWN_CALL', `There is no call named "${String(name)}".`);
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
      return fail('BAD_INPUT', `The request to ${name} was not valid (${detail}).`);
    }
    try {
      const handler = this.handlers[name] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (!(e instanceof AppError))
        this.options.log?.(`call ${name} failed: ${(e as Error).stack ?? String(e)}`);
      return toFailure(e);
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
