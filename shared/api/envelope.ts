/**
 * Every call across a process boundary returns an envelope, never a raw exception, so the renderer
 * always has a message it can show (Signal's pattern).
 */
export type ErrorCode =
  | 'BAD_INPUT' // the payload did not match the call's schema
  | 'NOT_FOUND'
  | 'UNKNOWN_CALL'
  | 'FORBIDDEN' // wrong sender or origin
  | 'DB_UNAVAILABLE' // the database could not be opened; the app shows the error screen
  | 'INVALID_CONTENT' // a content pack failed validation
  | 'CONFLICT' // e.g. a save based on an older revision than the stored one
  | 'DISK_FULL' // the disk (or the database's size limit) is full: nothing was written
  | 'BUSY' // the database is locked by another connection for longer than the busy timeout
  | 'READ_ONLY' // the data file or folder cannot be written
  | 'IO_ERROR' // the operating system reported a read or write failure
  | 'CORRUPT' // SQLite itself reports the file as damaged
  | 'TOO_LARGE' // the request or row is larger than the app accepts
  | 'INTERNAL';

/**
 * Whether repeating the same request can succeed without the user changing what they sent:
 * a busy database frees up, a full disk gets space back, a flaky disk or a restarting server
 * recovers. A conflict, a refused input or a too-large payload fails the same way every time.
 */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'BUSY' || code === 'DISK_FULL' || code === 'IO_ERROR' || code === 'INTERNAL';
}

export interface ApiError {
  code: ErrorCode;
  /** A sentence the app can show a person as it is. */
  message: string;
  /** Optional structured detail, e.g. the list of content-pack errors. */
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Turns anything thrown into an envelope; unknown errors get a generic, kind message. */
export function toFailure(e: unknown): Envelope<never> {
  if (e instanceof AppError) return fail(e.code, e.message, e.details);
  // Never claim anything was saved here: we do not know what the failed call did or did not write.
  return fail('INTERNAL', 'Something went wrong on our side, and this did not complete. Please try again.');
}
