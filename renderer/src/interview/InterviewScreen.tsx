import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Redirect, useLocation } from 'wouter';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_IDS, type PhaseId } from '../../../shared/content/schema';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { computeTimer, formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { usePrefersDark } from '../components/usePrefersDark';
import { InterviewerPanel, NotesPanel, ScratchpadPanel } from './panels';
import { SaveQueue, type SaveStatus } from './saveQueue';
import type { WhiteboardHandle } from './Whiteboard';

const Whiteboard = lazy(() => import('./Whiteboard'));

type Tab = 'interviewer' | 'notes' | 'estimates';

const SHORTCUTS: [string, string][] = [
  ['Alt + N', 'Next phase'],
  ['Alt + P', 'Pause or resume'],
  ['Alt + 1', 'Focus the whiteboard'],
  ['Alt + 2', 'Focus your notes'],
  ['Alt + 3', 'Ask the interviewer'],
  ['Alt + 4', 'Estimation scratchpad'],
  ['Alt + E', 'End the interview'],
  ['Alt + /', 'Show or hide this help'],
];

function SaveIndicator({ status }: { status: SaveStatus }) {
  const text =
    status.state === 'saved'
      ? status.atMs
        ? `Saved ${new Date(status.atMs).toLocaleTimeString()}`
        : 'Saved'
      : status.state === 'error'
        ? 'Not saved yet — retrying'
        : 'Saving…';
  return (
    <span
      className={`save-status ${status.state}`}
      data-testid="save-status"
      data-state={status.state}
      title={status.state === 'error' ? status.message : undefined}
    >
      {text}
    </span>
  );
}

export default function InterviewScreen({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['session.get', id],
    queryFn: () => call('session.get', { id }),
    gcTime: 0,
  });
  if (query.isPending) return <div className="page muted">Opening your interview…</div>;
  if (query.isError) {
    return (
      <div className="page">
        <QueryError error={query.error} />
      </div>
    );
  }
  if (query.data.status !== 'active') return <Redirect to={`/session/${id}/review`} replace />;
  return (
    <Interview
      initial={query.data}
      onEnded={async () => {
        await queryClient.invalidateQueries({ queryKey: ['session.unfinished'] });
        navigate(`/session/${id}/review`);
      }}
    />
  );
}

function Interview({ initial, onEnded }: { initial: SessionState; onEnded: () => Promise<void> }) {
  const dark = usePrefersDark();
  const [session, setSession] = useState(initial);
  const [notes, setNotes] = useState(initial.notes);
  const [scratch, setScratch] = useState(initial.scratchpad?.text ?? '');
  const [tab, setTab] = useState<Tab>('interviewer');
  const [help, setHelp] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [nudgeDismissed, setNudgeDismissed] = useState<PhaseId | null>(null);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ state: 'saved', atMs: initial.updatedAtMs });
  // One queue per session: a later revision of the same session must not start a second queue.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by session id on purpose (see above)
  const queue = useMemo(() => new SaveQueue(initial.id, initial.revision), [initial.id]);
  const board = useRef<WhiteboardHandle | null>(null);
  const notesRef = useRef<HTMLTextAreaElement | null>(null);
  const askRef = useRef<HTMLInputElement | null>(null);
  // The back end's clock is the reference; correct for any difference with this page's clock.
  const skewMs = useRef(initial.serverNowMs - Date.now());
  const [now, setNow] = useState(() => Date.now() + skewMs.current);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skewMs.current), 250);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const unsubscribe = queue.subscribe(setSaveStatus);
    const onHide = () => {
      if (document.visibilityState === 'hidden') void queue.flush();
    };
    const onLeave = () => queue.beacon();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onLeave);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onLeave);
      void queue.flush().then(() => queue.close());
    };
  }, [queue]);

  const timer = computeTimer(session.events, session.budgetsMin, now);
  const phase = timer.phase ?? 'clarify';
  const isLast = timer.phaseIndex === PHASE_IDS.length - 1;

  const control = useCallback(
    async (action: 'next' | 'pause' | 'resume' | 'end') => {
      setActionError(null);
      try {
        if (action === 'end') await queue.flush();
        const next = await call('session.control', { id: session.id, action });
        skewMs.current = next.serverNowMs - Date.now();
        setSession(next);
        if (action === 'next') setTab('interviewer');
        if (action === 'end') await onEnded();
      } catch (e) {
        setActionError((e as Error).message);
      }
    },
    [queue, session.id, onEnded],
  );

  const focusTab = useCallback((t: Tab) => {
    setTab(t);
    requestAnimationFrame(() => {
      if (t === 'notes') notesRef.current?.focus();
      if (t === 'interviewer') askRef.current?.focus();
      if (t === 'estimates')
        document.querySelector<HTMLTextAreaElement>('[data-testid="scratchpad"]')?.focus();
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        setHelp((h) => !h);
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const actions: Record<string, () => void> = {
        KeyN: () => void (isLast ? setConfirmEnd(true) : control('next')),
        KeyP: () => void control(timer.paused ? 'resume' : 'pause'),
        KeyE: () => setConfirmEnd(true),
        Digit1: () => board.current?.focus(),
        Digit2: () => focusTab('notes'),
        Digit3: () => focusTab('interviewer'),
        Digit4: () => focusTab('estimates'),
        Slash: () => setHelp((h) => !h),
      };
      const action = actions[e.code];
      if (action) {
        e.preventDefault();
        e.stopPropagation();
        action();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [control, focusTab, isLast, timer.paused]);

  const currentTiming = timer.phases[timer.phaseIndex];
  const showNudge = timer.phaseOvertime && nudgeDismissed !== phase && !timer.paused;

  return (
    <div className="interview" data-testid="interview" data-phase={phase} data-paused={timer.paused}>
      <header className="interview-head">
        <div className="interview-title">
          <a href={`#/problem/${session.problemId}`} className="muted small-print">
            {session.problemTitle}
          </a>
          <div className="clock-row">
            <span
              className={`clock big${timer.totalRemainingMs < 0 ? ' over' : ''}`}
              data-testid="total-clock"
            >
              {timer.totalRemainingMs < 0
                ? `${formatClock(timer.totalRemainingMs)} over`
                : formatClock(timer.totalRemainingMs)}
            </span>
            <span className="muted small-print">of {session.timeTargetMin} min</span>
          </div>
        </div>
        <ol className="phase-steps" aria-label="Phases">
          {timer.phases.map((p, i) => {
            const state = i < timer.phaseIndex ? 'done' : i === timer.phaseIndex ? 'current' : 'todo';
            return (
              <li
                key={p.phase}
                className={`step ${state}${p.remainingMs < 0 ? ' over' : ''}`}
                aria-current={state === 'current' ? 'step' : undefined}
              >
                <span className="step-name">{PHASE_LABELS[p.phase]}</span>
                <span className="step-clock" data-testid={state === 'current' ? 'phase-clock' : undefined}>
                  {state === 'todo'
                    ? `${Math.round(p.budgetMs / 60000)} min`
                    : p.remainingMs < 0
                      ? `${formatClock(p.remainingMs)} over`
                      : formatClock(p.remainingMs)}
                </span>
              </li>
            );
          })}
        </ol>
        <div className="interview-actions">
          <SaveIndicator status={saveStatus} />
          <button
            className="btn"
            onClick={() => void control(timer.paused ? 'resume' : 'pause')}
            title="Alt + P"
          >
            {timer.paused ? 'Resume' : 'Pause'}
          </button>
          {isLast ? (
            <button className="btn primary" onClick={() => setConfirmEnd(true)} title="Alt + E">
              End interview
            </button>
          ) : (
            <button
              className="btn primary"
              onClick={() => void control('next')}
              title="Alt + N"
              data-testid="next-phase"
            >
              Next: {PHASE_LABELS[PHASE_IDS[timer.phaseIndex + 1]!]}
            </button>
          )}
          <button
            className="btn icon"
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
            title="Alt + /"
          >
            ?
          </button>
        </div>
      </header>
      {timer.paused && (
        <div className="banner paused" role="status">
          Paused — the clock is stopped.{' '}
          <button className="btn" onClick={() => void control('resume')}>
            Resume
          </button>
        </div>
      )}
      {showNudge && currentTiming && (
        <div className="banner nudge" role="status" data-testid="nudge">
          {PHASE_LABELS[phase]}’s {Math.round(currentTiming.budgetMs / 60000)} minute
          {Math.round(currentTiming.budgetMs / 60000) === 1 ? ' is' : 's are'} up.{' '}
          {isLast ? 'Wrap up when you’re ready.' : 'Finish your thought and move on when you’re ready.'}
          <button className="btn" onClick={() => setNudgeDismissed(phase)}>
            OK
          </button>
        </div>
      )}
      {actionError && (
        <div className="banner error" role="alert">
          {actionError}
        </div>
      )}
      <div className="interview-body">
        <Suspense fallback={<div className="whiteboard muted">Loading the whiteboard…</div>}>
          <Whiteboard
            initialJson={initial.scene?.json ?? null}
            dark={dark}
            fileBaseName={`${session.problemId}-whiteboard`}
            onChange={(c) => queue.scene(c.json, c.elementCount, c.version)}
            onDirty={() => queue.expectScene()}
            onReady={(h) => (board.current = h)}
          />
        </Suspense>
        <aside className="side-panel" aria-label="Interview tools">
          <div className="tabs panel-tabs" role="tablist">
            {(
              [
                ['interviewer', 'Interviewer', 'Alt + 3'],
                ['notes', 'Notes', 'Alt + 2'],
                ['estimates', 'Estimates', 'Alt + 4'],
              ] as const
            ).map(([t, label, key]) => (
              <button
                key={t}
                role="tab"
                className="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                title={key}
              >
                {label}
              </button>
            ))}
          </div>
          {tab === 'interviewer' && (
            <InterviewerPanel
              transcript={session.transcript}
              disabled={false}
              inputRef={askRef}
              onAsk={async (question) => {
                const added = await call('session.ask', { id: session.id, question });
                setSession((s) => ({ ...s, transcript: [...s.transcript, ...added] }));
              }}
            />
          )}
          {tab === 'notes' && (
            <NotesPanel
              notes={notes}
              current={phase}
              textareaRef={notesRef}
              onChange={(p, text) => {
                setNotes((n) => ({ ...n, [p]: text }));
                queue.note(p, text);
              }}
            />
          )}
          {tab === 'estimates' && (
            <ScratchpadPanel
              text={scratch}
              onChange={(text, results) => {
                setScratch(text);
                queue.scratchpad(text, results);
              }}
            />
          )}
        </aside>
      </div>
      {confirmEnd && (
        <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="end-title">
          <div className="modal">
            <h2 id="end-title">End the interview?</h2>
            <p>
              The clock stops and your whiteboard, notes and estimates are kept as they are.
              {!isLast &&
                ' You haven’t reached the trade-offs phase yet — that is often where the best signal is.'}
            </p>
            <div className="row" style={{ justifyContent: 'flex-end' }}>
              <button className="btn" onClick={() => setConfirmEnd(false)}>
                Keep going
              </button>
              <button
                className="btn primary"
                data-testid="confirm-end"
                onClick={() => {
                  setConfirmEnd(false);
                  void control('end');
                }}
              >
                End interview
              </button>
            </div>
          </div>
        </div>
      )}
      {help && (
        <div
          className="modal-backdrop"
          role="dialog"
          aria-modal="true"
          aria-labelledby="help-title"
          onClick={() => setHelp(false)}
        >
          <div className="modal" onClick={(e) => e.stopPropagation()}>
            <h2 id="help-title">Keyboard shortcuts</h2>
            <table>
              <tbody>
                {SHORTCUTS.map(([k, what]) => (
                  <tr key={k}>
                    <td>
                      <kbd>{k}</kbd>
                    </td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small-print">
              On the whiteboard, Excalidraw’s own keys work too: R rectangle, A arrow, T text, V select.
            </p>
            <div className="row" style={{ justifyContent: 'flex-end' }}>
              <button className="btn primary" onClick={() => setHelp(false)}>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
