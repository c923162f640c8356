import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { SessionState } from '../../../shared/api/sessions';
import { PHASE_IDS } from '../../../shared/content/schema';
import { compareEstimates } from '../../../shared/domain/compare';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { computeTimer, formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { Markdown } from '../components/Markdown';
import { Section, formatNumber } from '../components/Sections';
import { usePrefersDark } from '../components/usePrefersDark';

const Whiteboard = lazy(() => import('./Whiteboard'));

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

function EstimateComparison({ session }: { session: SessionState }) {
  const problem = useQuery({
    queryKey: ['problem.get', session.problemId],
    queryFn: () => call('problem.get', { id: session.problemId }),
  });
  const lines = (session.scratchpad?.results ?? []).filter((r) => r.value !== undefined && !r.error);
  if (!problem.data) return problem.isError ? <QueryError error={problem.error} /> : null;
  const rows = compareEstimates(
    problem.data.problem.estimates.derived.map((d) => ({ label: d.label, value: d.value, unit: d.unit })),
    lines.map((l) => ({ line: l.line, label: l.input, value: l.value!, unit: l.unit })),
  );
  const verdictText = { close: 'close', 'within-2x': 'within 2×', off: 'off', missing: '—' } as const;
  return (
    <>
      {lines.length === 0 && (
        <p className="muted">
          You didn’t compute anything in the scratchpad this time. Estimating before designing is part of the
          signal.
        </p>
      )}
      <table data-testid="estimate-comparison">
        <thead>
          <tr>
            <th>Reference figure</th>
            <th>Reference</th>
            <th>Your closest line</th>
            <th>How close</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reference.label}>
              <td>{r.reference.label}</td>
              <td>
                {formatNumber(r.reference.value)} {r.reference.unit}
              </td>
              <td>{r.yours ? <code>{r.yours.label}</code> : <span className="muted">none</span>}</td>
              <td className={`verdict ${r.verdict}`}>
                {verdictText[r.verdict]}
                {r.ratio !== null && r.verdict !== 'close' && (
                  <span className="muted">
                    {' '}
                    ({r.ratio >= 1 ? `${r.ratio.toFixed(1)}× high` : `${(1 / r.ratio).toFixed(1)}× low`})
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small-print">
        Matched by kind of unit and nearest value — a prompt for reflection, not a score.
      </p>
    </>
  );
}

export default function Review({ id }: { id: string }) {
  const dark = usePrefersDark();
  const query = useQuery({ queryKey: ['session.get', id], queryFn: () => call('session.get', { id }) });
  if (query.isPending) return <div className="page muted">Loading…</div>;
  if (query.isError) {
    return (
      <div className="page">
        <QueryError error={query.error} />
      </div>
    );
  }
  const s = query.data;
  const notesWritten = PHASE_IDS.filter((p) => s.notes[p].trim());
  return (
    <article className="page" data-testid="session-review">
      <p className="muted">
        <a href="#/">Library</a> › Interview review
      </p>
      <h1>{s.problemTitle}</h1>
      <p className="lede">
        {format(new Date(s.createdAtMs), 'EEEE d MMMM yyyy, HH:mm')}
        {s.status === 'active' ? ' · still in progress' : ''}
      </p>
      <div className="row" style={{ marginTop: 12 }}>
        {s.status === 'active' ? (
          <a className="btn primary" href={`#/session/${s.id}`}>
            Back to the interview
          </a>
        ) : (
          <a className="btn primary" href={`#/problem/${s.problemId}`}>
            Compare with the reference answer
          </a>
        )}
      </div>
      <Section title="Time per phase">
        <PhaseTimes session={s} />
      </Section>
      <Section title="Whiteboard">
        {s.scene && s.scene.elementCount > 0 ? (
          <div className="review-board">
            <Suspense fallback={<div className="muted">Loading the whiteboard…</div>}>
              <Whiteboard
                initialJson={s.scene.json}
                dark={dark}
                readOnly
                fileBaseName={`${s.problemId}-whiteboard`}
              />
            </Suspense>
          </div>
        ) : (
          <p className="muted">Nothing was drawn in this session.</p>
        )}
      </Section>
      <Section title="Your notes">
        {notesWritten.length === 0 && <p className="muted">No notes were written.</p>}
        {notesWritten.map((p) => (
          <div key={p} className="card" style={{ marginBottom: 8 }}>
            <h3 style={{ marginTop: 0 }}>{PHASE_LABELS[p]}</h3>
            <Markdown>{s.notes[p]}</Markdown>
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
      </Section>
      <Section title="Transcript">
        <div className="transcript review">
          {s.transcript.map((t) => (
            <div key={t.id} className={`bubble ${t.role} ${t.kind}`}>
              <div className="bubble-tag">
                {t.role === 'candidate' ? 'You' : 'Interviewer'} · {format(new Date(t.atMs), 'HH:mm:ss')}
                {t.phase ? ` · ${PHASE_LABELS[t.phase]}` : ''}
              </div>
              {t.text}
            </div>
          ))}
        </div>
      </Section>
    </article>
  );
}
