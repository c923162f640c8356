import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { call } from '../api/client';
import { sessionChanged, welcomeKeys } from '../api/keys';
import './library.css';

/**
 * First run: one clear way in above the library. It starts a classic problem at its usual length
 * in one click, says what will happen, and goes away for good once an interview has been started
 * or it is dismissed (remembered in the data file, not the browser, so it survives a new port).
 */
export function Welcome() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const welcome = useQuery({ queryKey: welcomeKeys.status(), queryFn: () => call('welcome.get', {}) });
  const [busy, setBusy] = useState<'start' | 'dismiss' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!welcome.data?.show) return null;
  const start = welcome.data.start;

  async function begin() {
    if (!start) return;
    setBusy('start');
    setError(null);
    try {
      const session = await call('session.start', {
        problemId: start.problemId,
        budgetsMin: start.budgetsMin,
        mutation: false,
      });
      await sessionChanged(queryClient, session);
      navigate(`/session/${session.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  }

  async function dismiss() {
    setBusy('dismiss');
    setError(null);
    try {
      queryClient.setQueryData(welcomeKeys.status(), await call('welcome.dismiss', {}));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">New here? Start with one interview</h2>
      <p>
        Tradeoff runs a timed mock interview: you talk through a design out loud, sketch it on the whiteboard,
        ask the interviewer questions and keep notes, phase by phase. Afterwards you score yourself against a
        rubric and compare with a reference answer.
      </p>
      {start ? (
        <p>
          A good first one is the <strong>{start.title}</strong>: small enough to finish in {start.minutes}{' '}
          minutes, deep enough to show how the phases work.
        </p>
      ) : (
        <p>Pick any problem below and press Start on its page.</p>
      )}
      <div className="row welcome-actions">
        {start && (
          <button
            className="btn primary"
            onClick={() => void begin()}
            disabled={busy !== null}
            data-testid="welcome-start"
          >
            {busy === 'start' ? 'Starting…' : `Start the ${start.title} · ${start.minutes} min`}
          </button>
        )}
        {start && (
          <a className="btn" href={`#/problem/${encodeURIComponent(start.problemId)}`}>
            Read the problem first
          </a>
        )}
        <button
          className="btn"
          onClick={() => void dismiss()}
          disabled={busy !== null}
          data-testid="welcome-dismiss"
        >
          No thanks, just browse
        </button>
      </div>
      {error && (
        <div className="notice bad" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
