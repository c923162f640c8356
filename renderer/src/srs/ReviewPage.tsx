import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { CardView } from '../../../shared/api/srs';
import { call } from '../api/client';
import { srsChanged, srsKeys } from '../api/keys';
import { Countdown } from '../components/Countdown';
import { QueryError } from '../components/ErrorPanel';
import { Markdown } from '../components/Markdown';
import { FollowUpList } from '../components/Sections';
import './srs.css';

const RATINGS = [
  { value: 1, key: 'again', label: 'Again', hint: 'I could not answer' },
  { value: 2, key: 'hard', label: 'Hard', hint: 'Only with effort' },
  { value: 3, key: 'good', label: 'Good', hint: 'Most points' },
  { value: 4, key: 'easy', label: 'Easy', hint: 'All of it, fluently' },
] as const;

/** Keys typed into a text field are text, not shortcuts (a ticked checkbox still takes 1–4). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((el as HTMLInputElement).type);
}

/** One card: the question and its timer, then the points to tick, the follow-ups and the rating. */
function CardReview({ card, onRated }: { card: CardView; onRated: () => void }) {
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [covered, setCovered] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownAt = useRef(Date.now());

  const rate = useCallback(
    async (rating: 1 | 2 | 3 | 4) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        await call('srs.review', {
          cardId: card.id,
          rating,
          pointsCovered: [...covered],
          durationMs: Math.max(0, Math.min(86_400_000, Date.now() - shownAt.current)),
        });
        await srsChanged(queryClient);
        onRated();
      } catch (e) {
        setError(`Your rating was not saved: ${(e as Error).message}`);
        setBusy(false);
      }
    },
    [busy, card.id, covered, onRated, queryClient],
  );

  const setAside = async (action: 'suspend' | 'reset') => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'suspend') await call('srs.suspend', { cardId: card.id, suspended: true });
      else await call('srs.reset', { cardId: card.id });
      await srsChanged(queryClient);
      onRated();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      const onControl = /^(BUTTON|A|SUMMARY)$/.test((e.target as HTMLElement).tagName);
      if (e.key === ' ' && !revealed && !onControl) {
        e.preventDefault();
        setRevealed(true);
      } else if (revealed && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        void rate(Number(e.key) as 1 | 2 | 3 | 4);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [revealed, rate]);

  const toggle = (i: number) =>
    setCovered((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <article className="review-card card" data-testid="review-card" data-card={card.id}>
      <div className="meta">
        <span className="badge kind">{card.deckTitle}</span>
        <span className="badge">{card.topic}</span>
        <span className={`badge cap state-${card.state}`}>
          {card.state === 'new' ? 'New card' : card.state}
        </span>
        <a className="review-source" href={`#/${card.source.kind}/${encodeURIComponent(card.source.id)}`}>
          {card.source.kind === 'concept' ? `Concept: ${card.source.title}` : 'Open in the library'}
        </a>
      </div>
      <h1 className="prompt review-prompt">
        <Markdown inline>{card.prompt}</Markdown>
      </h1>
      {!revealed ? (
        <div className="review-answer">
          <p className="muted">
            Answer out loud (or jot notes), about{' '}
            {card.minutes === 1 ? 'a minute' : `${card.minutes} minutes`} — then compare.
          </p>
          <Countdown
            minutes={card.minutes}
            label={`Start a ${card.minutes}-minute answer`}
            onDone={() => setRevealed(true)}
          />
          <button className="btn" onClick={() => setRevealed(true)} data-testid="reveal">
            Show the points <kbd>Space</kbd>
          </button>
        </div>
      ) : (
        <div className="review-revealed" data-testid="revealed">
          <fieldset className="points">
            <legend>Tick the points you covered</legend>
            {card.points.map((p, i) => (
              <label key={i} className={`point${covered.has(i) ? ' on' : ''}`} data-testid="point">
                <input type="checkbox" checked={covered.has(i)} onChange={() => toggle(i)} />
                <span>
                  <Markdown inline>{p}</Markdown>
                </span>
              </label>
            ))}
            <p className="muted points-count" aria-live="polite">
              {covered.size} of {card.points.length} covered
            </p>
          </fieldset>
          {card.followUps.length > 0 && (
            <>
              <h2 className="h3">Follow-ups to expect</h2>
              <FollowUpList items={card.followUps} />
            </>
          )}
          <div className="ratings" role="group" aria-label="How well did you answer?">
            {RATINGS.map((r) => (
              <button
                key={r.value}
                className={`btn rating rating-${r.key}`}
                onClick={() => void rate(r.value)}
                disabled={busy}
                data-testid={`rate-${r.key}`}
              >
                <span className="rating-label">
                  <kbd>{r.value}</kbd> {r.label}
                </span>
                <span className="rating-when">{card.intervals[r.key]}</span>
                <span className="sr-only">: {r.hint}</span>
              </button>
            ))}
          </div>
        </div>
      )}
      {error && (
        <div className="notice bad" role="alert">
          {error}
        </div>
      )}
      <div className="review-foot">
        <button className="btn-link" onClick={() => void setAside('suspend')} disabled={busy}>
          Suspend this card
        </button>
        {card.state !== 'new' && (
          <button className="btn-link" onClick={() => void setAside('reset')} disabled={busy}>
            Reset to new
          </button>
        )}
      </div>
    </article>
  );
}

/** A review session: cards from the queue (one deck, or all), one at a time, until none is due. */
export default function ReviewPage({ deck }: { deck: string | null }) {
  const [done, setDone] = useState(0);
  const next = useQuery({
    queryKey: srsKeys.next(deck),
    queryFn: () => call('srs.next', deck ? { deck } : {}),
    staleTime: 0,
  });
  const onRated = useCallback(() => setDone((n) => n + 1), []);
  const deckName =
    deck === null
      ? null
      : deck.startsWith('topic:')
        ? deck.slice(6)
        : (next.data?.deckTitle ?? deck.slice(5));
  return (
    <div className="page review-page" data-testid="review-page">
      <p className="muted">
        <Link href="/">Today</Link> › Review{deckName ? ` · ${deckName}` : ''}
        {done > 0 && <span data-testid="review-done"> · {done} done</span>}
      </p>
      {next.isError && <QueryError error={next.error} />}
      {next.isPending && <p className="muted">Finding your next card…</p>}
      {next.data === null && (
        <div className="card review-empty" data-testid="review-empty">
          <h1 className="h2">Nothing more is due</h1>
          <p>
            {done > 0
              ? `Well done: you reviewed ${done === 1 ? 'one card' : `${done} cards`}. Cards come back just before you would forget them.`
              : 'No card is due right now. New cards and reviews come back tomorrow.'}
          </p>
          <Link className="btn primary" href="/">
            Back to Today
          </Link>
        </div>
      )}
      {next.data && <CardReview key={`${next.data.id}:${done}`} card={next.data} onRated={onRated} />}
    </div>
  );
}
