/**
 * The AI-drafted score beside the self-score: per dimension a level with the quotes that support it
 * (each found in the candidate's own notes, answers or board — quotes the model invented are
 * dropped and counted), headed "AI draft (model, date)". It never changes the self-score by
 * itself: the candidate adopts a level per dimension, and where each level came from is kept.
 */
import { useState, type ReactNode } from 'react';
import { format } from 'date-fns';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiDraft as Draft } from '../../../shared/api/ai';
import type { Score } from '../../../shared/api/scoring';
import { DIMENSIONS, LEVEL_NAMES, type Level } from '../../../shared/domain/rubric';
import { call } from '../api/client';
import { aiKeys, scoreChanged, scoreKeys } from '../api/keys';
import { count } from '../components/words';
import './ai.css';

const SOURCE_NAMES = { notes: 'your notes', transcript: 'your answers', board: 'your board' } as const;

function DraftBody({
  draft,
  score,
  adopted,
  onAdopt,
  busy,
}: {
  draft: Draft;
  score: Score;
  adopted: Set<string>;
  onAdopt: (dimension: Draft['dimensions'][number]['dimension']) => void;
  busy: boolean;
}) {
  if (draft.status !== 'draft')
    return (
      <p className={draft.status === 'failed' ? 'notice bad' : 'notice'} data-testid="ai-draft-message">
        {draft.message}
      </p>
    );
  return (
    <>
      <ul className="ai-draft-dims">
        {DIMENSIONS.map((d) => {
          const dim = draft.dimensions.find((x) => x.dimension === d.id);
          const level = dim?.level ?? null;
          const self = score.levels[d.id] as Level;
          return (
            <li key={d.id} className="ai-draft-dim" data-dimension={d.id} data-testid="ai-draft-dim">
              <div className="row ai-draft-head">
                <strong>{d.short}</strong>
                {level ? (
                  <span className={`level-pill l${level}`}>
                    {level} · {LEVEL_NAMES[level]}
                  </span>
                ) : (
                  <span className="muted">No level: no quote found</span>
                )}
                {level && level !== self && !adopted.has(d.id) && (
                  <button
                    className="btn small"
                    disabled={busy}
                    onClick={() => onAdopt(d.id)}
                    data-testid={`ai-adopt-${d.id}`}
                  >
                    Adopt {level} (yours: {self})
                  </button>
                )}
                {adopted.has(d.id) && (
                  <span className="badge kind" data-testid={`ai-adopted-${d.id}`}>
                    Adopted
                  </span>
                )}
              </div>
              {dim?.why && level && <p className="small-print ai-why">{dim.why}</p>}
              {dim && dim.quotes.length > 0 && (
                <ul className="ai-quotes">
                  {dim.quotes.map((q, i) => (
                    <li key={i}>
                      <q data-testid="ai-quote">{q.text}</q>{' '}
                      <span className="muted small-print">— {SOURCE_NAMES[q.source]}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {draft.droppedQuotes > 0 && (
        <p className="muted small-print" data-testid="ai-dropped">
          {count(draft.droppedQuotes, 'quote')} the model gave {draft.droppedQuotes === 1 ? 'is' : 'are'} not
          in your notes, answers or board, so {draft.droppedQuotes === 1 ? 'it was' : 'they were'} dropped.
        </p>
      )}
    </>
  );
}

/** The AI draft panel, for a session that has a self-score. */
export function AiDraftPanel({ sessionId, score }: { sessionId: string; score: Score }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: aiKeys.settings(), queryFn: () => call('ai.settings', {}) });
  const info = useQuery({
    queryKey: aiKeys.session(sessionId),
    queryFn: () => call('ai.session', { sessionId }),
  });
  const [busy, setBusy] = useState<null | 'draft' | 'adopt'>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = info.data?.draft ?? null;
  const adopted = new Set(
    (info.data?.adoptions ?? []).filter((a) => draft && a.draftId === draft.id).map((a) => a.dimension),
  );
  const configured = settings.data?.configured ?? false;
  if (!configured && !draft) return null;

  async function run(kind: 'draft' | 'adopt', fn: () => Promise<unknown>) {
    setBusy(kind);
    setError(null);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: aiKeys.session(sessionId) });
      await queryClient.invalidateQueries({ queryKey: aiKeys.calibration() });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="card ai-draft" data-testid="ai-draft" aria-busy={busy === 'draft'}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 className="h3" style={{ margin: 0 }} data-testid="ai-draft-title">
          {draft
            ? `AI draft (${draft.model}, ${format(new Date(draft.createdAtMs), 'd MMM yyyy, HH:mm')})`
            : 'AI draft'}
        </h3>
        {configured && (
          <button
            className="btn"
            disabled={busy !== null}
            onClick={() => void run('draft', () => call('ai.draftScore', { sessionId }))}
            data-testid="ai-draft-run"
          >
            {busy === 'draft' ? 'Drafting…' : draft ? 'Draft again' : 'Draft a second opinion'}
          </button>
        )}
      </div>
      <p className="muted small-print">
        A second opinion from the model, judged only on what you wrote, said and drew. It never changes your
        score unless you adopt a level.
      </p>
      {draft && (
        <DraftBody
          draft={draft}
          score={score}
          adopted={adopted}
          busy={busy !== null}
          onAdopt={(dimension) =>
            void run('adopt', async () => {
              const out = await call('ai.adopt', { sessionId, dimension });
              queryClient.setQueryData(scoreKeys.detail(sessionId), out.score);
              await scoreChanged(queryClient, sessionId);
            })
          }
        />
      )}
      {error && <div className="notice bad">{error}</div>}
    </div>
  );
}

/** The self-score with the AI draft beside it (the draft only when AI is set up or a draft exists). */
export function AiBeside({
  sessionId,
  score,
  children,
}: {
  sessionId: string;
  score: Score;
  children: ReactNode;
}) {
  return (
    <div className="ai-beside">
      <div>{children}</div>
      <AiDraftPanel sessionId={sessionId} score={score} />
    </div>
  );
}
