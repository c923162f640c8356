/**
 * One writer per data folder. Two Tradeoffs on one folder (the desktop app and a web shell, or two
 * web shells) would each cache their own view of the data and overwrite each other's work, so the
 * first to start takes a lock file and the others refuse, naming the process that holds it.
 *
 * The lock file is created exclusively (O_EXCL), so two starts racing for it cannot both win. A lock
 * left by a process that has died (a crash, kill -9) is taken over: its holder is checked by pid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'tradeoff.lock';

export interface LockHolder {
  pid: number;
  /** Which shell holds it: "desktop app" or "web shell". */
  shell: string;
  startedAtMs: number;
  host: string;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Another Tradeoff (${holder.shell}, process ${holder.pid}, started ${new Date(holder.startedAtMs).toLocaleString()}) ` +
        `is already using the data folder ${dataDir}. Close it first, or use a different data folder.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      shell: typeof parsed.shell === 'string' ? parsed.shell : 'another Tradeoff',
      startedAtMs: typeof parsed.startedAtMs === 'number' ? parsed.startedAtMs : 0,
      host: typeof parsed.host === 'string' ? parsed.host : '',
    };
  } catch {
    return null; // being written right now, or left half-written by a crash
  }
}

export interface DataFolderLock {
  readonly file: string;
  release(): void;
}

/** Takes the data folder's lock or throws DataFolderLockedError naming who holds it. */
export function lockDataFolder(dataDir: string, shell: string, now: () => number = Date.now): DataFolderLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = { pid: process.pid, shell, startedAtMs: now(), host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(me));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          // Only remove a lock that is still ours.
          if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(file);
    const sameHost = !holder || holder.host === '' || holder.host === me.host;
    if (holder && (!sameHost || alive(holder.pid))) throw new DataFolderLockedError(dataDir, holder);
    if (!holder) {
      // Unreadable: either being written this instant or left by a crash mid-write. Give a writer a
      // moment by checking its age; a file older than a few seconds is stale.
      const ageMs = now() - fs.statSync(file).mtimeMs;
      if (ageMs < 5000 && attempt < 2) continue;
    }
    // The holder is gone (crashed or killed): take the lock over.
    fs.rmSync(file, { force: true });
  }
  const holder = readHolder(file);
  throw new DataFolderLockedError(
    dataDir,
    holder ?? { pid: 0, shell: 'another Tradeoff', startedAtMs: 0, host: '' },
  );
}
