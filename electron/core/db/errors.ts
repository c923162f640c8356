/**
 * What really happened when SQLite or the file system failed, said plainly. Only SQLite's own
 * corrupt / not-a-database codes are called damaged; a locked file, a read-only folder and a full
 * disk each get their own message, and none of them may say that anything was saved.
 */
import { AppError, type ErrorCode } from '../../../shared/api/envelope';

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function codeOf(e: unknown): string {
  const code = (e as CodedError | null)?.code;
  return typeof code === 'string' ? code : '';
}

type StorageCode = Extract<
  ErrorCode,
  'DISK_FULL' | 'BUSY' | 'READ_ONLY' | 'IO_ERROR' | 'CORRUPT' | 'TOO_LARGE'
>;

const MESSAGES: Record<StorageCode, string> = {
  DISK_FULL:
    'The disk is full, so this was not saved. Free some space and it will go through; nothing already saved was lost.',
  BUSY: 'Your data file is busy (another program is using it), so this was not saved yet. It will be retried.',
  READ_ONLY:
    'Your data folder cannot be written (it is read-only or you lack permission), so this was not saved.',
  IO_ERROR: 'The disk reported a read or write error, so this did not complete. It will be retried.',
  CORRUPT:
    'Your data file is damaged, so this did not complete. You can move it aside from the start screen; nothing is deleted.',
  TOO_LARGE: 'This is larger than Tradeoff can store in one piece, so it was not saved.',
};

/** Maps a SQLite (better-sqlite3 `SqliteError.code`) or Node file-system error code to ours. */
export function classify(e: unknown): StorageCode | null {
  const code = codeOf(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'BUSY';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'READ_ONLY';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB')
    return 'CORRUPT';
  if (code === 'SQLITE_TOOBIG') return 'TOO_LARGE';
  // SQLite reports ENOSPC inside a write as an I/O error with a sub-code; check the text too.
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'SQLITE_CANTOPEN') {
    const message = String((e as CodedError).message ?? '');
    if (/disk is full|no space/i.test(message)) return 'DISK_FULL';
    return 'IO_ERROR';
  }
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'READ_ONLY';
  return null;
}

/** An AppError saying what happened, or null when the error is not a storage failure we know. */
export function storageError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  const kind = classify(e);
  return kind ? new AppError(kind, MESSAGES[kind], { cause: codeOf(e) }) : null;
}
