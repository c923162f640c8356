import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { SessionState, TranscriptEntry } from '../../../shared/api/sessions';
import { PHASE_IDS, PHASE_LABELS } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { followUpChanged } from '../api/keys';
import { Markdown } from '../components/Markdown';
import { usePrefersDark } from '../components/usePrefersDark';
import { BoardPicture } from './BoardPicture';

/** What the interviewer asks that can be answered afterwards: follow-ups and constraint changes. */
export function isFollowUp(t: TranscriptEntry): boolean {
  return t.role === 'interviewer' && (t.kind === 'follow-up' || t.kind === 'mutation');
}

/** The transcript as a conversation; an answer given after the interview sits under its question. */
export function TranscriptList({ transcript }: { transcript: readonly TranscriptEntry[] }) {
  if (transcript.length === 0) return <p className="muted">Nothing was said in this interview.</p>;
  return (
    <div className="transcript review" data-testid="review-transcript">
      {transcript.map((t) => (
        <div
          key={t.id}
          className={`bubble ${t.role} ${t.kind}${t.replyTo !== null ? ' late' : ''}`}
          data-entry={t.id}
          data-reply-to={t.replyTo ?? undefined}
        >
          <div className="bubble-tag">
            {t.role === 'candidate' ? 'You' : 'Interviewer'} ·{' '}
            {t.replyTo !== null ? 'answered after the interview' : format(new Date(t.atMs), 'HH:mm:ss')}
            {t.phase && t.replyTo === null ? ` · ${PHASE_LABELS[t.phase]}` : ''}
            {t.addressedAtMs !== null ? ' · addressed ✓' : ''}
          </div>
          {t.text}
        </div>
      ))}
    </div>
  );
}

function NotesList({ session }: { session: SessionState }) {
  const written = PHASE_IDS.filter((p) => session.notes[p].trim());
  if (written.length === 0) return <p className="muted">No notes were written.</p>;
  return (
    <div className="evidence-notes">
      {written.map((p) => (
        <section key={p} aria-label={`${PHASE_LABELS[p]} notes`}>
          <h4>{PHASE_LABELS[p]}</h4>
          <Markdown>{session.notes[p]}</Markdown>
        </section>
      ))}
    </div>
  );
}

function FollowUpCard({ session, question }: { session: SessionState; question: TranscriptEntry }) {
  const queryClient = useQueryClient();
  const answered = session.transcript.find((t) => t.replyTo === question.id) ?? null;
  const [text, setText] = useState(answered?.text ?? '');
  const id = useId();
  const answer = useMutation({
    mutationFn: (value: string) =>
      call('session.answerFollowUp', { id: session.id, entryId: question.id, text: value }),
    onSuccess: (out) => followUpChanged(queryClient, session.id, out.followUp, out.answer),
  });
  const mark = useMutation({
    mutationFn: (addressed: boolean) =>
      call('session.markFollowUp', { id: session.id, entryId: question.id, addressed }),
    onSuccess: (entry) => followUpChanged(queryClient, session.id, entry),
  });
  // The box shows the click at once; the stored mark replaces it when the back end answers (and a
  // refused change puts it back, with the reason below).
  const [ticking, setTicking] = useState<boolean | null>(null);
  const addressed = ticking ?? question.addressedAtMs !== null;
  const changed = text.trim() !== '' && text.trim() !== (answered?.text ?? '');
  const error = answer.error ?? mark.error;
  return (
    <li className={`follow-up-card${addressed ? ' addressed' : ''}`} data-follow-up={question.id}>
      <div className="follow-up-head">
        <span className="muted small-print">
          {question.kind === 'mutation' ? 'Constraint change' : 'Follow-up'}
          {question.phase ? ` · ${PHASE_LABELS[question.phase]}` : ''}
        </span>
        {addressed && <span className="addressed-badge">Addressed</span>}
      </div>
      <p id={`${id}-q`} className="follow-up-question">
        {question.text}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (changed) answer.mutate(text.trim());
        }}
      >
        <textarea
          aria-labelledby={`${id}-q`}
          aria-describedby={`${id}-hint`}
          placeholder="Your answer, as you would say it"
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span id={`${id}-hint`} className="sr-only">
          Your answer to this question
        </span>
        <div className="row follow-up-actions">
          <button type="submit" className="btn" disabled={!changed || answer.isPending}>
            {answer.isPending ? 'Saving…' : answered ? 'Update answer' : 'Save answer'}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={addressed}
              disabled={mark.isPending}
              onChange={(e) => {
                setTicking(e.target.checked);
                mark.mutate(e.target.checked, { onSettled: () => setTicking(null) });
              }}
            />
            Addressed
          </label>
        </div>
      </form>
      {answer.isSuccess && !changed && (
        <p className="muted small-print" role="status">
          Saved. It’s in your transcript now.
        </p>
      )}
      {error && (
        <div className="notice bad" role="alert">
          {error.message}
        </div>
      )}
    </li>
  );
}

function FollowUps({ session }: { session: SessionState }) {
  const questions = session.transcript.filter(isFollowUp);
  if (questions.length === 0) {
    return (
      <p className="muted">
        No follow-up questions this time. The interviewer asks them as the deep dive and the trade-offs begin.
      </p>
    );
  }
  return (
    <>
      <p className="muted small-print" style={{ marginTop: 0 }}>
        Answer what you ran out of time for, or mark what you covered. Answers go into your transcript.
      </p>
      <ul className="follow-ups" data-testid="follow-ups">
        {questions.map((q) => (
          <FollowUpCard key={q.id} session={session} question={q} />
        ))}
      </ul>
    </>
  );
}

type EvidenceTab = 'board' | 'notes' | 'transcript' | 'follow-ups';

/**
 * The candidate's own evidence beside the rubric: the board, the notes per phase, the transcript,
 * and the follow-up questions (answerable here). Tabs follow the WAI-ARIA tabs pattern.
 */
export function EvidencePanel({ session }: { session: SessionState }) {
  const dark = usePrefersDark();
  const idBase = useId();
  const open = session.transcript.filter((t) => isFollowUp(t) && t.addressedAtMs === null).length;
  const tabs: { id: EvidenceTab; label: string }[] = [
    { id: 'board', label: 'Board' },
    { id: 'notes', label: 'Notes' },
    { id: 'transcript', label: 'Transcript' },
    { id: 'follow-ups', label: open > 0 ? `Follow-ups (${open})` : 'Follow-ups' },
  ];
  const [tab, setTab] = useState<EvidenceTab>(session.scene?.elementCount ? 'board' : 'notes');
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    setTab(tabs[to]!.id);
    refs.current[to]?.focus();
  }

  return (
    <section className="evidence-panel" aria-labelledby={`${idBase}-title`} data-testid="evidence">
      <h3 id={`${idBase}-title`} className="evidence-title">
        Your evidence
      </h3>
      <div className="tabs" role="tablist" aria-label="Your evidence">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`${idBase}-tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`${idBase}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id={`${idBase}-panel`}
        role="tabpanel"
        aria-labelledby={`${idBase}-tab-${tab}`}
        className="evidence-body"
        tabIndex={0}
      >
        {tab === 'board' &&
          (session.scene && session.scene.elementCount > 0 ? (
            <BoardPicture json={session.scene.json} elementCount={session.scene.elementCount} dark={dark} />
          ) : (
            <p className="muted">Nothing was drawn in this session.</p>
          ))}
        {tab === 'notes' && <NotesList session={session} />}
        {tab === 'transcript' && <TranscriptList transcript={session.transcript} />}
        {tab === 'follow-ups' && <FollowUps session={session} />}
      </div>
    </section>
  );
}
