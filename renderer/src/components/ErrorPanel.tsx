import type { ReactNode } from 'react';
import type { FallbackProps } from 'react-error-boundary';
import { ApiCallError } from '../api/client';

/** What a person sees instead of a white screen. */
export function ErrorPanel({ error, resetErrorBoundary }: FallbackProps) {
  const message =
    error instanceof ApiCallError
      ? error.message
      : 'This screen hit an unexpected problem. Your saved work is safe; try again, or go back to the library.';
  return (
    <div className="page" role="alert">
      <div className="notice bad">
        <h2 style={{ marginTop: 0 }}>Something went wrong</h2>
        <p>{message}</p>
        {!(error instanceof ApiCallError) && error instanceof Error && (
          <p className="muted">
            <small>Details: {error.message}</small>
          </p>
        )}
        <div className="row">
          <button className="btn primary" onClick={resetErrorBoundary}>
            Try again
          </button>
          <a className="btn" href="#/library">
            Back to the library
          </a>
        </div>
      </div>
    </div>
  );
}

export function QueryError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : 'Could not load this.';
  return (
    <div className="notice bad" role="alert">
      {message}
    </div>
  );
}

/** The page to show while a query loads or after it failed; null once there is data. */
export function pendingOrError(query: {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}): ReactNode | null {
  if (query.isPending) return <div className="page muted">Loading…</div>;
  if (query.isError) {
    return (
      <div className="page">
        <QueryError error={query.error} />
      </div>
    );
  }
  return null;
}
