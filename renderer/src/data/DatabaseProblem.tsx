import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AppStatus } from '../../../shared/api/contract';
import { call } from '../api/client';

/** Shown instead of the app when the data file cannot be opened. Nothing is ever deleted. */
export function DatabaseProblem({ status }: { status: AppStatus }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [movedTo, setMovedTo] = useState<string | null>(null);
  if (movedTo) {
    return (
      <div className="fatal" role="status" data-testid="db-moved">
        <h1>Starting fresh</h1>
        <p>Your old data file was kept, renamed to:</p>
        <p className="path">{movedTo}</p>
        <button className="btn primary" onClick={() => void queryClient.invalidateQueries()}>
          Open Tradeoff
        </button>
      </div>
    );
  }
  if (status.db.state !== 'error') return null;
  const problem = status.db.problem;

  async function tryAgain() {
    setBusy(true);
    setError(null);
    try {
      const next = await call('app.retryOpen', {});
      if (next.db.state === 'ready') await queryClient.invalidateQueries();
      else if (next.db.problem.message === problem.message)
        setError('It still can’t be opened. ' + next.db.problem.message);
      else queryClient.setQueryData(['app.status'], next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function startFresh() {
    setBusy(true);
    setError(null);
    try {
      const result = await call('app.resetDatabase', {});
      setMovedTo(result.movedTo);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fatal" role="alert" data-testid="db-problem">
      <h1>
        {problem.kind === 'future-version'
          ? 'This data needs a newer Tradeoff'
          : problem.kind === 'corrupt'
            ? 'Your data file can’t be read'
            : 'Your data file can’t be opened right now'}
      </h1>
      <p>{problem.message}</p>
      <p className="muted">The file:</p>
      <p className="path">{problem.file}</p>
      {problem.kind === 'corrupt' && (
        <>
          <p>
            You can move this file aside and start with an empty library of sessions. The file is renamed, not
            deleted, so you (or a recovery tool) can still get at it later.
          </p>
          <button className="btn primary" onClick={() => void startFresh()} disabled={busy}>
            {busy ? 'Moving it aside…' : 'Move it aside and start fresh'}
          </button>
        </>
      )}
      {problem.kind === 'unreadable' && <p>Check that the file and its folder can be read and written.</p>}
      {problem.kind !== 'corrupt' && problem.kind !== 'future-version' && (
        // Locked, read-only, full or flaky: the file itself is fine, so the way out is to retry.
        <button className="btn primary" onClick={() => void tryAgain()} disabled={busy}>
          {busy ? 'Trying…' : 'Try again'}
        </button>
      )}
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}
