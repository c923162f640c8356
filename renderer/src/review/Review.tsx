import { useCallback, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_IDS } from '../../../shared/domain/phases';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { computeTimer, formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { scoreKeys, sessionKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import { Markdown } from '../components/Markdown';
import { Section } from '../components/Sections';
import { downloadBlob } from '../components/files';
import { ReferencePanel } from '../scoring/ReferencePanel';
import { EstimateComparison } from './EstimateComparison';
import { ScoreResult } from '../scoring/ScorePanel';
import { AiBeside } from '../ai/AiDraft';
import { AiSessionSummary } from '../ai/AiSessionSummary';
import { EstimateCheck } from '../ai/EstimateCheck';
import { ScoringView } from '../scoring/ScoringView';
import { TranscriptList } from '../scoring/Evidence';
import type { WhiteboardHandle } from '../interview/Whiteboard';
import { SessionBoardCheck } from '../board/SessionBoardCheck';
import { ComponentTimeline } from '../board/ComponentTimeline';
import { VoiceReplay } from '../voice/VoiceReplay';

function PhaseTimes({ session }: { session: SessionState }) {
  const timer = computeTimer(session.events, session.budgetsMin, session.endedAtMs ?? session.serverNowMs);
  const maxMs = Math.max(...timer.phases.map((p) => Math.max(p.budgetMs, p.spentMs)), 1);
  return (
    <div className="phase-times" data-testid="phase-times">
      {timer.phases.map((p) => {
        const over = p.spentMs > p.budgetMs;
        return (
          <div className="phase-time" key={p.phase}>
            <div className="phase-time-label">{PHASE_LABELS[p.phase]}</div>
            <div className="phase-time-bars">
              <div className="bar plan" style={{ width: `${(p.budgetMs / maxMs) * 100}%` }} title="Planned" />
              <div
                className={`bar spent${over ? ' over' : ''}`}
                style={{ width: `${(p.spentMs / maxMs) * 100}%` }}
                title="Spent"
              />
            </div>
            <div className="phase-time-figure">
              {formatClock(p.spentMs)} <span className="muted">/ {Math.round(p.budgetMs / 60000)} min</span>
            </div>
          </div>
        );
      })}
      <p className="muted small-print">
        Grey: the plan. Blue: time spent
        {timer.phases.some((p) => p.spentMs > p.budgetMs) ? '; orange: over budget' : ''}. Total{' '}
        {formatClock(timer.elapsedMs)} of {session.timeTargetMin} min.
      </p>
    </div>
  );
}

export default function Review({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: () => call('session.get', { id }),
    // An unfinished session changes while it is practised elsewhere: check it on every visit.
    staleTime: 0,
  });
  const scoreQuery = useQuery({
    queryKey: scoreKeys.detail(id),
    queryFn: () => call('score.get', { sessionId: id }),
  });
  const problemId = query.data?.problemId;
  const problem = useQuery({
    queryKey: ['problem.get', problemId],
    queryFn: () => call('problem.get', { id: problemId! }),
    enabled: !!problemId,
  });
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const board = useRef<WhiteboardHandle | null>(null);
  const onBoard = useCallback((h: WhiteboardHandle) => {
    board.current = h;
  }, []);
  const getBoard = useCallback(() => board.current, []);
  if (query.isPending || scoreQuery.isPending) return <div className="page muted">Loading…</div>;
  if (query.isError || scoreQuery.isError) {
    return (
      <div className="page">
        <QueryError error={query.error ?? scoreQuery.error} />
      </div>
    );
  }
  const s = query.data;
  const score = scoreQuery.data;
  const notesWritten = PHASE_IDS.filter((p) => s.notes[p].trim());
  const ended = s.status === 'ended';
  const scoring = ended && (!score || editing);

  async function exportReport(kind: 'md') {
    setExporting(kind);
    setExportError(null);
    try {
      const png = (await board.current?.pngBase64()) ?? undefined;
      const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
      const out = await call('session.exportMarkdown', {
        id,
        locale,
        timeZone,
        ...(png ? { whiteboardPng: png } : {}),
      });
      downloadBlob(out.fileName, new Blob([out.text], { type: 'text/markdown' }));
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setExporting(null);
    }
  }

  return (
    <article className={`page${scoring ? ' scoring-page' : ''}`} data-testid="session-review">
      <p className="muted">
        <a href="#/history">History</a> › Interview
      </p>
      <div className="page-head">
        <div>
          <h1>{s.problemTitle}</h1>
          <p className="lede">
            {format(new Date(s.createdAtMs), 'EEEE d MMMM yyyy, HH:mm')}
            {s.status === 'active' ? ' · still in progress' : ''}
          </p>
        </div>
        <div className="row">
          {s.status === 'active' ? (
            <a className="btn primary" href={`#/session/${s.id}`}>
              Back to the interview
            </a>
          ) : (
            <>
              <button
                className="btn"
                onClick={() => void exportReport('md')}
                disabled={!!exporting}
                data-testid="export-md"
              >
                {exporting === 'md' ? 'Exporting…' : 'Export Markdown'}
              </button>
              <a className="btn" href={`#/session/${s.id}/report`} data-testid="export-pdf">
                PDF report
              </a>
              <a className="btn" href={`#/problem/${s.problemId}`}>
                Practise again
              </a>
            </>
          )}
        </div>
      </div>
      {exportError && <div className="notice bad">{exportError}</div>}
      {ended && (
        <Section title={score && !editing ? 'Your score' : 'Score yourself'}>
          {score && !editing ? (
            <AiBeside sessionId={s.id} score={score}>
              <ScoreResult session={s} score={score} onEdit={() => setEditing(true)} />
            </AiBeside>
          ) : (
            <ScoringView
              session={s}
              problem={problem.data?.problem ?? null}
              existing={score}
              onCancel={score ? () => setEditing(false) : undefined}
              onSaved={(saved) => {
                queryClient.setQueryData(scoreKeys.detail(id), saved);
                setEditing(false);
              }}
            />
          )}
        </Section>
      )}
      {ended && (
        <Section title="Compare with the reference">
          {score ? (
            problem.data ? (
              <ReferencePanel session={s} problem={problem.data.problem} />
            ) : (
              <p className="muted">
                The problem is no longer in your library, so there is no reference to compare with.
              </p>
            )
          ) : (
            <div className="notice">
              Score yourself first. The reference opens after you have judged your own answer, so it can’t
              colour your judgement.
            </div>
          )}
        </Section>
      )}
      <Section title="Time per phase">
        <PhaseTimes session={s} />
      </Section>
      <Section title="Whiteboard">
        {/* A new board only when the drawing itself changed (an answered follow-up does not). */}
        <VoiceReplay
          key={`${s.id}:${s.scene?.updatedAtMs ?? 0}`}
          session={s}
          onBoard={onBoard}
          track={(axis) => <ComponentTimeline sessionId={s.id} axis={axis} />}
        />
        {ended && (
          <SessionBoardCheck session={s} problem={problem.data?.problem ?? null} getBoard={getBoard} />
        )}
      </Section>
      <Section title="Your notes">
        {notesWritten.length === 0 && <p className="muted">No notes were written.</p>}
        {notesWritten.map((p) => (
          <div key={p} className="card" style={{ marginBottom: 8 }}>
            <h3 style={{ marginTop: 0 }}>{PHASE_LABELS[p]}</h3>
            <Markdown breaks>{s.notes[p]}</Markdown>
          </div>
        ))}
      </Section>
      <Section title="Your estimates against the reference">
        {s.scratchpad && s.scratchpad.text.trim() && (
          <pre data-testid="review-scratchpad">
            {s.scratchpad.results
              .map((r) => `${r.input}${r.output ? `   = ${r.output}` : r.error ? `   ⚠ ${r.error}` : ''}`)
              .join('\n')}
          </pre>
        )}
        <EstimateComparison session={s} />
        <EstimateCheck
          sessionId={s.id}
          lines={s.scratchpad?.results.filter((r) => r.input.trim()).length ?? 0}
        />
      </Section>
      <Section title="Transcript">
        <TranscriptList transcript={s.transcript} />
      </Section>
      <AiSessionSummary sessionId={s.id} />
    </article>
  );
}
