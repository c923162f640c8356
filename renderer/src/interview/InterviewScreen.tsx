import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Redirect, useLocation } from 'wouter';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_IDS, type PhaseId } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { ALIVE_EVERY_MS, computeTimer } from '../../../shared/domain/timer';
import { formatAway } from './away';
import { call } from '../api/client';
import { sessionChanged, sessionKeys } from '../api/keys';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { QueryError } from '../components/ErrorPanel';
import { usePrefersDark } from '../components/usePrefersDark';
import { PhaseNudge, PhaseSteps, TotalClock, type ClockSource } from './clocks';
import { InterviewerPanel, NotesPanel, ScratchpadPanel } from './panels';
import { loadScratchpadEngine } from './scratchpadEngine';
import { mergeTranscript, useAiInterviewer } from '../ai/interviewer';
import { countRender } from './renderProbe';
import { takeOpening } from './openSession';
import { Whiteboard } from '../routes';
import { ConflictBanner, DraftsPanel, SaveIndicator } from './SaveProblems';
import { SaveQueue, type SaveStatus, type SaveTransport } from './saveQueue';
import type { SceneChange, WhiteboardHandle } from './Whiteboard';
import { RecordingIndicator } from '../voice/RecordingIndicator';
import { ExportMenu } from './ExportMenu';
import { BoardCheckPanel } from '../board/BoardCheckPanel';
import './interview.css';

/*
 * The board's chunk (Excalidraw, ~3 MB) is requested as soon as this screen's module loads, in
 * parallel with the session it shows, not when the session has arrived and the board first renders:
 * opening an interview then costs the longer of the two, not their sum (`npm run bench`:
 * interviewReadyMs). Prefetching the module once is all it takes; `preloadable` reuses the promise.
 */
void Whiteboard.preload();

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

/** Autosave goes through the API client; the last save as the page goes away uses keep-alive. */
const saveTransport: SaveTransport = (input, { keepalive }) => call('session.save', input, { keepalive });

export default function InterviewScreen({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const query = useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: async () => {
      // Opening the interview is its first sign of life: any time it was closed comes off the clock
      // before the session is read, so the first clock shown is already right.
      // (main.tsx may have started this as the page loaded.)
      const { session, awayMs } = await takeOpening(id);
      if (awayMs > 0) setAwayMs(awayMs);
      return session;
    },
    // Always read afresh on opening: another screen (a review, another window) may know it older.
    staleTime: 0,
    refetchOnMount: 'always',
    gcTime: 0,
  });
  // Bumped by "Load the newer version": the screen starts afresh from the refetched session.
  const [generation, setGeneration] = useState(0);
  // The time the interview was closed that opening it took off the clock (shown once, to explain).
  const [awayMs, setAwayMs] = useState(0);
  if (query.isPending || (query.isFetching && !query.isFetchedAfterMount))
    return <div className="page muted">Opening your interview…</div>;
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
      // Read once per generation; later cache updates (its own control calls) do not reset it.
      key={`${query.data.id}#${generation}`}
      initial={query.data}
      awayMs={awayMs}
      onEnded={() => navigate(`/session/${id}/review`)}
      onReload={async () => {
        await query.refetch({ throwOnError: true });
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function Interview({
  initial,
  awayMs,
  onEnded,
  onReload,
}: {
  initial: SessionState;
  awayMs: number;
  onEnded: () => void;
  onReload: () => Promise<void>;
}) {
  const queryClient = useQueryClient();
  countRender('interview');
  const dark = usePrefersDark();
  const [session, setSession] = useState(initial);
  const [notes, setNotes] = useState(initial.notes);
  const [scratch, setScratch] = useState(initial.scratchpad?.text ?? '');
  const [tab, setTab] = useState<Tab>('interviewer');
  const [help, setHelp] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [nudgeDismissed, setNudgeDismissed] = useState<PhaseId | null>(null);
  const [awayShown, setAwayShown] = useState(awayMs > 0);
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ state: 'saved', atMs: initial.updatedAtMs });
  // One queue for this screen's life, based on the revision it loaded.
  const [queue] = useState(
    () => new SaveQueue(initial.id, { transport: saveTransport, baseRevision: initial.revision }),
  );
  const board = useRef<WhiteboardHandle | null>(null);
  const notesRef = useRef<HTMLTextAreaElement | null>(null);
  const askRef = useRef<HTMLInputElement | null>(null);
  // The back end's clock is the reference; correct for any difference with this page's clock.
  const [skewMs, setSkewMs] = useState(() => initial.serverNowMs - Date.now());

  useEffect(() => {
    const release = queue.retain();
    const unsubscribe = queue.subscribe(setSaveStatus);
    // In the web shell, the page may be closed right after it is hidden: send what fits in a
    // keep-alive request. The desktop window's process outlives the page, so it flushes normally.
    const lastChance = () => {
      board.current?.flushChange();
      void queue.lastChance(!window.tradeoff);
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') lastChance();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', lastChance);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', lastChance);
      release();
    };
  }, [queue]);

  // Signs of life while the clock runs: a silence (the app closed, crashed, or the computer asleep)
  // is taken off the clock by the back end, and its events become this screen's clock.
  const paused = computeTimer(session.events, session.budgetsMin, session.serverNowMs).paused;
  useEffect(() => {
    if (paused) return;
    let cancelled = false;
    const ping = () => {
      call('session.alive', { id: session.id }).then(
        (alive) => {
          // The skew measured on opening stays: a heartbeat's round trip would only add jitter.
          if (cancelled) return;
          if (alive.awayMs > 0) setSession((s) => ({ ...s, events: alive.events }));
        },
        () => {
          // A missed heartbeat costs nothing now; the save indicator reports a back end that is gone.
        },
      );
    };
    const timer = window.setInterval(ping, ALIVE_EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') ping();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [session.id, paused]);

  // Phase and pause come from the events alone; only the clocks below depend on the time.
  const timer = useMemo(
    () => computeTimer(session.events, session.budgetsMin, session.serverNowMs),
    [session.events, session.budgetsMin, session.serverNowMs],
  );
  const clock: ClockSource = useMemo(
    () => ({ events: session.events, budgetsMin: session.budgetsMin, skewMs }),
    [session.events, session.budgetsMin, skewMs],
  );
  const phase = timer.phase ?? 'clarify';
  const ai = useAiInterviewer(session.id, phase, (added) =>
    setSession((s) => ({ ...s, transcript: mergeTranscript(s.transcript, added) })),
  );
  const saveFailing = saveStatus.state === 'retrying' || saveStatus.state === 'stopped';
  const retrySave = useCallback(() => void queue.retryNow(), [queue]);
  const isLast = timer.phaseIndex === PHASE_IDS.length - 1;

  // Stable, so the memoised whiteboard is not re-rendered by the clock, the notes or the status.
  const onBoardChange = useCallback(
    (c: SceneChange) => queue.scene(c.json, c.elementCount, c.version),
    [queue],
  );
  const onBoardDirty = useCallback(() => queue.expectScene(), [queue]);
  const [boardReady, setBoardReady] = useState(false);
  const onBoardReady = useCallback((h: WhiteboardHandle) => {
    board.current = h;
    // The board has mounted: the side panel fills in at the first idle moment after its first
    // frame is painted (so drawing can start at once), and the scratchpad's engine loads after that.
    requestIdleCallback(
      () => {
        setBoardReady(true);
        requestIdleCallback(() => void loadScratchpadEngine(), { timeout: 2000 });
      },
      { timeout: 500 },
    );
  }, []);
  const exportBoard = useCallback((kind: 'png' | 'svg') => board.current?.exportAs(kind), []);
  const getBoard = useCallback(() => board.current, []);

  const addToNotes = useCallback(
    (p: PhaseId, text: string) => {
      setNotes((n) => {
        const next = n[p].trim() ? `${n[p].replace(/\s+$/, '')}\n\n${text}` : text;
        queue.note(p, next);
        return { ...n, [p]: next };
      });
    },
    [queue],
  );
  const addToScratchpad = useCallback(
    (text: string) => {
      setScratch((s) => {
        const next = s.trim() ? `${s.replace(/\s+$/, '')}\n${text}` : text;
        void loadScratchpadEngine().then((evaluate) => queue.scratchpad(next, evaluate(next)));
        return next;
      });
    },
    [queue],
  );
  const dismissDraft = useCallback(
    async (draftId: number) => {
      await call('session.dismissDraft', { id: session.id, draftId });
      setSession((s) => ({ ...s, drafts: s.drafts.filter((d) => d.id !== draftId) }));
    },
    [session.id],
  );
  const loadNewer = useCallback(async () => {
    // What was typed here since the conflict is kept as a draft too before the screen is replaced.
    if (!(await queue.keepAsDraft())) throw new Error('Your latest edits could not be kept yet: try again.');
    await onReload();
  }, [queue, onReload]);

  const controlMutation = useMutation({
    mutationFn: (action: 'next' | 'pause' | 'resume' | 'end') =>
      call('session.control', { id: session.id, action }),
    // The returned state is the truth: the review, history, library and resume offers follow it.
    onSuccess: (next) => sessionChanged(queryClient, next),
  });
  const { mutateAsync: sendControl } = controlMutation;
  const control = useCallback(
    async (action: 'next' | 'pause' | 'resume' | 'end') => {
      setActionError(null);
      try {
        if (action === 'end') {
          await queue.flush();
          const s = queue.status;
          // Ending would freeze the session with edits the back end never stored: say so instead.
          if (s.state === 'retrying' || s.state === 'stopped') {
            setActionError(`Not ended: your latest edits are not saved — ${s.reason}.`);
            return;
          }
        }
        const next = await sendControl(action);
        setSkewMs(next.serverNowMs - Date.now());
        setSession(next);
        if (action === 'next') setTab('interviewer');
        if (action === 'end') onEnded();
      } catch (e) {
        setActionError((e as Error).message);
      }
    },
    [queue, sendControl, onEnded],
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

  return (
    <main className="interview" data-testid="interview" data-phase={phase} data-paused={timer.paused}>
      <header className="interview-head">
        <div className="interview-title">
          <h1 className="interview-problem">
            <a href={`#/problem/${session.problemId}`} className="muted small-print">
              {session.problemTitle}
            </a>
          </h1>
          <TotalClock source={clock} targetMin={session.timeTargetMin} />
        </div>
        <PhaseSteps source={clock} phases={PHASE_IDS} currentIndex={timer.phaseIndex} />
        <div className="interview-actions">
          <RecordingIndicator sessionId={session.id} paused={timer.paused} />
          {!saveFailing && <SaveIndicator status={saveStatus} onRetry={retrySave} />}
          <ExportMenu disabled={!boardReady} onExport={exportBoard} />
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
        {/* Not saved: a row of its own across the header, so the reason can be read in full. */}
        {saveFailing && <SaveIndicator status={saveStatus} onRetry={retrySave} />}
      </header>
      {timer.paused && (
        <div className="banner paused" role="status">
          Paused — the clock is stopped.{' '}
          <button className="btn" onClick={() => void control('resume')}>
            Resume
          </button>
        </div>
      )}
      {awayShown && (
        <div className="banner away" role="status" data-testid="away-notice">
          Welcome back. The clock picks up where you left off: the {formatAway(awayMs)} the interview was
          closed don’t count.{' '}
          <button className="btn" onClick={() => setAwayShown(false)}>
            OK
          </button>
        </div>
      )}
      <PhaseNudge
        source={clock}
        phase={phase}
        budgetMin={session.budgetsMin[phase]}
        isLast={isLast}
        dismissed={nudgeDismissed === phase}
        onDismiss={() => setNudgeDismissed(phase)}
      />
      {saveStatus.state === 'stopped' && saveStatus.code === 'CONFLICT' && (
        <ConflictBanner onLoad={loadNewer} />
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
            fileBaseName={`${initial.problemId}-whiteboard`}
            onChange={onBoardChange}
            onDirty={onBoardDirty}
            onReady={onBoardReady}
          />
        </Suspense>
        {/* A region inside main, not an aside: a complementary landmark belongs at the top level.
            Its contents render once the board is drawn, so the largest piece of the screen is
            not held back by the smaller ones (`npm run bench`: interviewReadyMs). */}
        <section className="side-panel" aria-label="Interview tools" aria-busy={!boardReady}>
          {boardReady && (
            <>
              <BoardCheckPanel problemId={session.problemId} phase={phase} getBoard={getBoard} />
              <DraftsPanel
                drafts={session.drafts}
                onAddToNotes={addToNotes}
                onAddToScratchpad={addToScratchpad}
                onDismiss={dismissDraft}
              />
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
                  after={ai.view}
                  tagFor={ai.tagFor}
                  onAsk={async (question) => {
                    if (ai.on) return ai.ask(question);
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
                    // Typed before the engine had loaded: saved with its results once they can be computed.
                    if (results) queue.scratchpad(text, results);
                    else
                      void loadScratchpadEngine().then((evaluate) => queue.scratchpad(text, evaluate(text)));
                  }}
                />
              )}
            </>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={confirmEnd}
        onOpenChange={setConfirmEnd}
        title="End the interview?"
        confirmLabel="End interview"
        cancelLabel="Keep going"
        onConfirm={() => void control('end')}
        testId="end-dialog"
        confirmTestId="confirm-end"
      >
        <p>
          The clock stops and your whiteboard, notes and estimates are kept as they are.
          {!isLast &&
            ' You haven’t reached the trade-offs phase yet — that is often where the best signal is.'}
        </p>
      </ConfirmDialog>
      <Dialog open={help} onOpenChange={setHelp} title="Keyboard shortcuts" testId="shortcuts-dialog">
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What they do</th>
            </tr>
          </thead>
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
      </Dialog>
    </main>
  );
}
