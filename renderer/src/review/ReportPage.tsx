/**
 * The session report as a document: the print view of the session page. The PDF is this page
 * printed by the platform (Electron's printToPDF on the desktop, the browser's print in the web
 * shell, Chromium's PDF in tests), so its layout is HTML and CSS (report.css): headings stay with
 * what follows them, tables and lists are real ones, and notes keep their line breaks.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import type { Problem } from '../../../shared/content/schema';
import { PHASE_IDS, PHASE_LABELS } from '../../../shared/domain/phases';
import { reportFileBase } from '../../../shared/domain/report';
import {
  DIMENSIONS,
  LEVEL_NAMES,
  VERDICT_NAMES,
  VERDICT_RULE,
  type Level,
} from '../../../shared/domain/rubric';
import { formatClock } from '../../../shared/domain/timer';
import { call, savePdf } from '../api/client';
import { scoreKeys, sessionKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import { Markdown } from '../components/Markdown';
import { EstimateComparison } from './EstimateComparison';
import { scoreWarnings, sessionTimer } from './reportModel';
import './report.css';
import { ReportBoardCheck } from '../board/SessionBoardCheck';

type BoardState = 'drawing' | 'drawn' | 'empty' | 'failed';

/** The final board as an SVG (vector, so it prints sharp), drawn by Excalidraw's own exporter. */
function BoardFigure({ session, onState }: { session: SessionState; onState: (s: BoardState) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const json = session.scene && session.scene.elementCount > 0 ? session.scene.json : null;
  const [state, setState] = useState<BoardState>(json ? 'drawing' : 'empty');
  useEffect(() => onState(state), [state, onState]);
  useEffect(() => {
    if (!json) return;
    let cancelled = false;
    void (async () => {
      try {
        const { exportToSvg, restoreElements } = await import('@excalidraw/excalidraw');
        const parsed = JSON.parse(json) as { elements?: unknown[]; files?: Record<string, unknown> };
        const svg = await exportToSvg({
          elements: restoreElements((parsed.elements ?? []) as never, null),
          appState: { exportBackground: true, viewBackgroundColor: '#ffffff', exportWithDarkMode: false },
          files: (parsed.files ?? {}) as never,
          exportPadding: 16,
          // The print view has the board's fonts already; inlining them would subset the fonts
          // with code our CSP refuses to evaluate.
          skipInliningFonts: true,
        });
        if (cancelled || !host.current) return;
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', 'The whiteboard at the end of the interview');
        host.current.replaceChildren(svg);
        setState('drawn');
      } catch {
        // A scene Excalidraw cannot draw: the report says so instead of holding up the print.
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [json]);
  if (state === 'empty') return <p className="muted">Nothing was drawn in this interview.</p>;
  return (
    <figure className="report-board">
      <div ref={host} className="report-board-image" data-testid="report-board" />
      {state === 'drawing' && <p className="muted">Drawing the whiteboard…</p>}
      {state === 'failed' && <p className="muted">The whiteboard could not be drawn for this report.</p>}
    </figure>
  );
}

function ScoreSection({
  session,
  score,
  problem,
}: {
  session: SessionState;
  score: Score | null;
  problem: Problem | null;
}) {
  if (!score) {
    return (
      <section className="report-section">
        <h2>Score</h2>
        <p>Not scored yet: score yourself on the session page, then print the report again.</p>
      </section>
    );
  }
  const warnings = scoreWarnings(session, score);
  return (
    <>
      <section className="report-section" data-testid="report-score">
        <h2>Score</h2>
        <p className="report-verdict">
          Weighted score <strong>{score.weighted.toFixed(2)} / 4</strong> —{' '}
          <strong>{VERDICT_NAMES[score.verdict]}</strong>
        </p>
        <p className="muted">
          {score.provenance === 'self' ? 'Self-scored' : 'Scored from an AI draft'} with the rubric profile “
          {score.profileName}”. {VERDICT_RULE}
        </p>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Weight</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {DIMENSIONS.map((d) => {
              const level = score.levels[d.id] as Level;
              return (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td>{score.weights[d.id]}%</td>
                  <td className="nowrap">
                    {level} · {LEVEL_NAMES[level]}
                  </td>
                  <td className="keep-lines">
                    {score.evidence[d.id].trim() || <span className="muted">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="report-section" data-testid="report-warnings">
        <h2>Warnings</h2>
        {warnings.length === 0 ? (
          <p>None of the known failure patterns showed in this interview.</p>
        ) : (
          <ul>
            {warnings.map((w) => (
              <li key={w.id}>
                <strong>{w.title}.</strong> {w.detail}
              </li>
            ))}
          </ul>
        )}
      </section>
      {problem && (
        <section className="report-section">
          <h2>Strong-answer checklist</h2>
          <ul className="report-checklist">
            {problem.strongAnswerChecklist.map((item, i) => {
              const done = score.checklist.includes(i);
              return (
                <li key={i} className={done ? 'done' : ''}>
                  <span className="tick" aria-hidden="true">
                    {done ? '☑' : '☐'}
                  </span>
                  <span className="sr-only">{done ? 'Covered: ' : 'Not covered: '}</span>
                  <Markdown inline>{item}</Markdown>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

function PhaseTable({ session }: { session: SessionState }) {
  const timer = sessionTimer(session);
  return (
    <table className="report-table narrow">
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Spent</th>
          <th scope="col">Plan</th>
        </tr>
      </thead>
      <tbody>
        {timer.phases.map((p) => (
          <tr key={p.phase} className={p.spentMs > p.budgetMs ? 'over' : ''}>
            <th scope="row">{PHASE_LABELS[p.phase]}</th>
            <td>{formatClock(p.spentMs)}</td>
            <td>{Math.round(p.budgetMs / 60_000)} min</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td>{formatClock(timer.elapsedMs)}</td>
          <td>{session.timeTargetMin} min</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function SessionReport({
  session: s,
  score,
  problem,
  onBoard,
}: {
  session: SessionState;
  score: Score | null;
  problem: Problem | null;
  onBoard: (state: BoardState) => void;
}) {
  const notes = PHASE_IDS.filter((p) => s.notes[p].trim());
  const scratch = s.scratchpad?.text.trim() ? s.scratchpad.results.filter((r) => r.input.trim()) : [];
  return (
    <article className="report" data-testid="report">
      <header className="report-head">
        <p className="report-kicker">Tradeoff · interview report</p>
        <h1>{s.problemTitle}</h1>
        <p className="muted">
          {format(new Date(s.createdAtMs), 'EEEE d MMMM yyyy, HH:mm')} ·{' '}
          {formatClock(sessionTimer(s).elapsedMs)} of {s.timeTargetMin} min
        </p>
      </header>
      <ScoreSection session={s} score={score} problem={problem} />
      <section className="report-section">
        <h2>Time per phase</h2>
        <PhaseTable session={s} />
      </section>
      <section className="report-section" data-testid="report-estimates">
        <h2>Your estimates against the reference</h2>
        {scratch.length > 0 && (
          <pre className="report-scratch">
            {scratch
              .map((r) => `${r.input}${r.output ? `   = ${r.output}` : r.error ? `   (${r.error})` : ''}`)
              .join('\n')}
          </pre>
        )}
        <EstimateComparison session={s} />
      </section>
      <section className="report-section">
        <h2>Whiteboard</h2>
        <BoardFigure session={s} onState={onBoard} />
      </section>
      <ReportBoardCheck session={s} problem={problem} />
      <section className="report-section" data-testid="report-notes">
        <h2>Notes</h2>
        {notes.length === 0 && <p className="muted">No notes were written.</p>}
        {notes.map((p) => (
          <div key={p} className="report-note">
            <h3>{PHASE_LABELS[p]}</h3>
            <Markdown breaks>{s.notes[p]}</Markdown>
          </div>
        ))}
      </section>
      {s.transcript.length > 0 && (
        <section className="report-section">
          <h2>Transcript</h2>
          <ol className="report-transcript">
            {s.transcript.map((t) => (
              <li key={t.id}>
                <span className="muted">
                  {format(new Date(t.atMs), 'HH:mm:ss')} · {t.role === 'candidate' ? 'You' : 'Interviewer'}:
                </span>{' '}
                <span className="keep-lines">{t.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

export default function ReportPage({ id }: { id: string }) {
  const session = useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: () => call('session.get', { id }),
    staleTime: 0,
  });
  const score = useQuery({
    queryKey: scoreKeys.detail(id),
    queryFn: () => call('score.get', { sessionId: id }),
  });
  const problemId = session.data?.problemId;
  const problem = useQuery({
    queryKey: ['problem.get', problemId],
    queryFn: () => call('problem.get', { id: problemId! }),
    enabled: !!problemId,
    // A problem removed with its pack still has its report, without the checklist.
    retry: false,
  });
  const [board, setBoard] = useState<BoardState>('drawing');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);

  const fileBase = session.data ? reportFileBase(session.data.problemTitle, session.data.createdAtMs) : null;
  useEffect(() => {
    if (!fileBase) return;
    // Browsers offer the document's title as the PDF's file name.
    const before = document.title;
    document.title = fileBase;
    return () => {
      document.title = before;
    };
  }, [fileBase]);

  if (session.isPending || score.isPending) return <div className="page muted">Loading the report…</div>;
  if (session.isError || score.isError) {
    return (
      <div className="page">
        <QueryError error={session.error ?? score.error} />
      </div>
    );
  }
  const s = session.data;
  const ready = (!problem.isPending || problem.isError) && board !== 'drawing';

  async function print() {
    setSaving(true);
    setMessage(null);
    try {
      const out = await savePdf(`${fileBase}.pdf`);
      if (out.savedTo) setMessage({ tone: 'ok', text: `Saved to ${out.savedTo}.` });
    } catch (e) {
      setMessage({ tone: 'bad', text: (e as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="report-shell" data-testid="report-page" data-ready={ready ? 'true' : 'false'}>
      <div className="report-toolbar no-print" role="toolbar" aria-label="Report">
        <a className="btn" href={`#/session/${id}/review`}>
          ‹ Back to the session
        </a>
        <span className="muted small-print">
          This is the report as it prints: A4, light, page breaks included.
        </span>
        <button
          className="btn primary"
          onClick={() => void print()}
          disabled={!ready || saving}
          data-testid="save-pdf"
        >
          {saving ? 'Saving…' : 'Save as PDF'}
        </button>
      </div>
      {message && <div className={`notice ${message.tone} no-print report-message`}>{message.text}</div>}
      {s.status !== 'ended' && (
        <div className="notice warn report-message">
          This interview is still in progress: the report is a draft.
        </div>
      )}
      <SessionReport
        session={s}
        score={score.data ?? null}
        problem={problem.data?.problem ?? null}
        onBoard={setBoard}
      />
    </div>
  );
}
