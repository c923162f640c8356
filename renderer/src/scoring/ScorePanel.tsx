import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { Score } from '../../../shared/api/scoring';
import type { SessionState } from '../../../shared/api/sessions';
import type { Problem } from '../../../shared/content/schema';
import {
  DIMENSIONS,
  LEVEL_NAMES,
  VERDICT_NAMES,
  VERDICT_RULE,
  verdict,
  weightedScore,
  type DimensionId,
  type Level,
  type Levels,
} from '../../../shared/domain/rubric';
import { call } from '../api/client';
import { scoreChanged } from '../api/keys';
import { useUi } from '../state/ui';
import { LevelRadios } from './LevelRadios';
import { warningsFor } from './warnings';
import { count } from '../components/words';
import { BoardEvidence } from '../board/SessionBoardCheck';

type Evidence = Record<DimensionId, string>;
const EMPTY_EVIDENCE: Evidence = {
  requirements: '',
  design: '',
  depth: '',
  tradeoffs: '',
  communication: '',
};

export function ScoreResult({
  session,
  score,
  onEdit,
}: {
  session: SessionState;
  score: Score;
  onEdit: () => void;
}) {
  const warnings = warningsFor(session, score.levels as Levels, score.evidence);
  return (
    <div className="card score-result" data-testid="score-result">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <div className="muted small-print">
            Self-scored · rubric “{score.profileName}” ·{' '}
            {format(new Date(score.updatedAtMs), 'd MMM yyyy, HH:mm')}
          </div>
          <div className="score-big">
            <span data-testid="weighted">{score.weighted.toFixed(2)}</span>
            <span className="muted"> / 4</span>
            <span className={`verdict-badge ${score.verdict}`} data-testid="verdict">
              {VERDICT_NAMES[score.verdict]}
            </span>
          </div>
        </div>
        <button className="btn" onClick={onEdit}>
          Edit scores
        </button>
      </div>
      <p className="muted small-print">{VERDICT_RULE}</p>
      <table>
        <tbody>
          {DIMENSIONS.map((d) => {
            const level = score.levels[d.id] as Level;
            return (
              <tr key={d.id}>
                <td style={{ width: 200 }}>
                  <strong>{d.short}</strong> <span className="muted small-print">{score.weights[d.id]}%</span>
                </td>
                <td style={{ width: 140 }}>
                  <span className={`level-pill l${level}`}>
                    {level} · {LEVEL_NAMES[level]}
                  </span>
                </td>
                <td>{score.evidence[d.id] || <span className="muted">No evidence written.</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {warnings.length > 0 && (
        <div className="warnings" data-testid="warnings">
          {warnings.map((w) => (
            <div key={w.id} className="notice warn" data-warning={w.id}>
              <strong>{w.title}.</strong> {w.detail}
            </div>
          ))}
        </div>
      )}
      {score.changes.length > 0 && (
        <details className="changes">
          <summary>{count(score.changes.length, 'change')} since first scored</summary>
          <ul>
            {score.changes.map((c, i) => (
              <li key={i}>
                {format(new Date(c.atMs), 'd MMM, HH:mm')}: {c.field.replace('.', ' ')}{' '}
                {c.oldValue || '(empty)'} → {c.newValue || '(empty)'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function ScoreForm({
  session,
  problem,
  existing,
  onSaved,
  onCancel,
}: {
  session: SessionState;
  problem: Problem | null;
  existing: Score | null;
  onSaved: (score: Score) => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const profiles = useQuery({ queryKey: ['rubric.profiles'], queryFn: () => call('rubric.profiles', {}) });
  const [profileId, setProfileId] = useState<string | null>(existing?.profileId ?? null);
  const [levels, setLevels] = useState<Partial<Levels>>(existing ? (existing.levels as Levels) : {});
  const [evidence, setEvidence] = useState<Evidence>(existing?.evidence ?? EMPTY_EVIDENCE);
  const [checklist, setChecklist] = useState<Set<number>>(new Set(existing?.checklist ?? []));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const view = useUi((u) => u.rubricView);
  const setView = useUi((u) => u.setRubricView);
  const [current, setCurrent] = useState(0);
  const idBase = useId();
  const dimensionsRef = useRef<HTMLDivElement>(null);
  // Set when the candidate moves to another dimension, so focus follows to its level cards.
  const focusLevels = useRef(false);
  useEffect(() => {
    if (!focusLevels.current) return;
    focusLevels.current = false;
    dimensionsRef.current?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
  }, [current]);
  const goTo = (i: number) => {
    focusLevels.current = true;
    setCurrent(Math.max(0, Math.min(DIMENSIONS.length - 1, i)));
  };
  const shown = view === 'one' ? [DIMENSIONS[current]!] : DIMENSIONS;
  const chosenProfile = profiles.data?.profiles.find((p) => p.id === (profileId ?? profiles.data.defaultId));
  const complete = DIMENSIONS.every((d) => levels[d.id] !== undefined);
  const preview = useMemo(
    () =>
      complete && chosenProfile
        ? {
            weighted: weightedScore(levels as Levels, chosenProfile.weights),
            verdict: verdict(levels as Levels, chosenProfile.weights),
          }
        : null,
    [complete, chosenProfile, levels],
  );

  async function save() {
    if (!complete || !chosenProfile) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await call('score.save', {
        sessionId: session.id,
        profileId: chosenProfile.id,
        levels: levels as Levels,
        evidence,
        checklist: [...checklist],
      });
      await scoreChanged(queryClient, session.id);
      onSaved(saved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="score-form" data-testid="score-form">
      <p className="muted" style={{ margin: 0 }}>
        Judge what you said and drew, not what you meant. Pick the level whose description fits, and write
        what an interviewer would quote.
      </p>
      <div className="rubric-bar">
        <div className="segmented" role="group" aria-label="Show the rubric">
          <button type="button" aria-pressed={view === 'one'} onClick={() => setView('one')}>
            One at a time
          </button>
          <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')}>
            All at once
          </button>
        </div>
        <label className="row small-print">
          Rubric profile
          <select
            value={chosenProfile?.id ?? ''}
            onChange={(e) => setProfileId(e.target.value)}
            disabled={!profiles.data}
          >
            {profiles.data?.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.weights.requirements}/{p.weights.design}/{p.weights.depth}/{p.weights.tradeoffs}/
                {p.weights.communication})
              </option>
            ))}
          </select>
        </label>
      </div>
      {view === 'one' && (
        <nav aria-label="Rubric dimensions">
          <ol className="rubric-steps">
            {DIMENSIONS.map((d, i) => {
              const level = levels[d.id];
              return (
                <li key={d.id}>
                  <button
                    type="button"
                    className={`rubric-step${level ? ` l${level}` : ''}`}
                    aria-current={i === current ? 'step' : undefined}
                    onClick={() => goTo(i)}
                  >
                    {d.short}
                    <span className="rubric-step-level">
                      {level ? (
                        <>
                          {level}
                          <span className="sr-only"> · {LEVEL_NAMES[level]}</span>
                        </>
                      ) : (
                        <span aria-label="not scored yet">–</span>
                      )}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      <div ref={dimensionsRef} className="dimensions">
        {shown.map((d) => (
          <fieldset key={d.id} className="dimension" data-dimension={d.id}>
            <legend id={`${idBase}-${d.id}`}>
              {d.name}{' '}
              <span className="muted small-print">
                {chosenProfile ? `${chosenProfile.weights[d.id]}%` : ''}
              </span>
            </legend>
            <p className="muted small-print" style={{ marginTop: 0 }}>
              {d.prompt}
            </p>
            <LevelRadios
              dimension={d}
              value={levels[d.id]}
              labelledBy={`${idBase}-${d.id}`}
              onChange={(level) => setLevels((l) => ({ ...l, [d.id]: level }))}
            />
            <textarea
              className="evidence"
              aria-label={`Evidence for ${d.short}`}
              placeholder="What would an interviewer quote? One or two concrete moments."
              value={evidence[d.id]}
              onChange={(e) => setEvidence((ev) => ({ ...ev, [d.id]: e.target.value }))}
              rows={2}
              maxLength={5000}
            />
            {d.id === 'design' && (
              <BoardEvidence
                session={session}
                problem={problem}
                onAdd={(text) =>
                  setEvidence((ev) => ({ ...ev, design: ev.design ? `${ev.design}\n${text}` : text }))
                }
              />
            )}
          </fieldset>
        ))}
      </div>
      {view === 'one' && (
        <div className="rubric-nav">
          <button type="button" className="btn" disabled={current === 0} onClick={() => goTo(current - 1)}>
            ← Previous
          </button>
          <span className="muted small-print" aria-live="polite">
            {current + 1} of {DIMENSIONS.length}
          </span>
          <button
            type="button"
            className="btn"
            disabled={current === DIMENSIONS.length - 1}
            onClick={() => goTo(current + 1)}
          >
            Next →
          </button>
        </div>
      )}
      {problem && (
        <fieldset className="dimension">
          <legend>Strong-answer checklist</legend>
          {problem.strongAnswerChecklist.map((item, i) => (
            <label key={i} className="check">
              <input
                type="checkbox"
                checked={checklist.has(i)}
                onChange={(e) =>
                  setChecklist((c) => {
                    const next = new Set(c);
                    if (e.target.checked) next.add(i);
                    else next.delete(i);
                    return next;
                  })
                }
              />
              {item}
            </label>
          ))}
        </fieldset>
      )}
      <div className="score-footer">
        <div>
          {preview ? (
            <>
              <strong>
                {preview.weighted.toFixed(2)} / 4 · {VERDICT_NAMES[preview.verdict]}
              </strong>
              <div className="muted small-print">{VERDICT_RULE}</div>
            </>
          ) : (
            <span className="muted">Choose a level for each of the five dimensions.</span>
          )}
        </div>
        <div className="row">
          {onCancel && (
            <button className="btn" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button
            className="btn primary"
            disabled={!complete || busy || !chosenProfile}
            onClick={() => void save()}
            data-testid="save-score"
          >
            {existing ? 'Save changes' : 'Save my score'}
          </button>
        </div>
      </div>
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}
