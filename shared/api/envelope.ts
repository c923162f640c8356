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
  | 'CONFLICT'
  | 'INTERNAL';

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
  return fail('INTERNAL', 'Something went wrong on our side. Your work is saved; please try again.');
}
