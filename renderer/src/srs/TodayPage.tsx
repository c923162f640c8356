import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { Deck, Suggestion, Today } from '../../../shared/api/srs';
import { call } from '../api/client';
import { srsKeys } from '../api/keys';
import { QueryError } from '../components/ErrorPanel';
import { useAfter } from '../components/useAfter';
import { count } from '../components/words';
import { ResumeBanner } from '../interview/ResumeBanner';
import { Welcome } from '../library/Welcome';
import './srs.css';

/** Counts change with time, so Today asks again when opened after a minute or more. */
export const todayQuery = {
  queryKey: srsKeys.today(),
  queryFn: () => call('srs.today', {}),
  staleTime: 60_000,
};

function CountPill({ n, kind }: { n: number; kind: 'due' | 'new' }) {
  return (
    <span
      className={`count-pill ${kind === 'due' ? 'due' : 'fresh'}${n ? '' : ' zero'}`}
      data-testid={`deck-${kind}`}
      title={kind === 'due' ? 'Due for review' : 'New cards'}
    >
      {n} {kind}
    </span>
  );
}

function DeckRow({ deck }: { deck: Deck }) {
  const ready = deck.due + deck.fresh;
  return (
    <li className="deck-row" data-testid="deck" data-deck={deck.id}>
      <span className="deck-title">{deck.title}</span>
      <span className="deck-counts">
        <CountPill n={deck.due} kind="due" />
        <CountPill n={deck.fresh} kind="new" />
        <span className="muted deck-total">of {deck.total}</span>
      </span>
      {ready > 0 ? (
        <Link className="deck-go" href={`/review/${encodeURIComponent(deck.id)}`}>
          Review<span className="sr-only"> {deck.title}</span>
        </Link>
      ) : (
        <span className="deck-go muted">Done</span>
      )}
    </li>
  );
}

function SuggestionCard({ s, main }: { s: Suggestion; main: boolean }) {
  const href = `#/${s.link.kind}/${encodeURIComponent(s.link.id)}`;
  return (
    <div className={`card suggestion${main ? ' main' : ''}`} data-testid="suggestion" data-reason={s.reason}>
      <p className="suggestion-kind">{s.link.kind === 'drill' ? 'Warm-up drill' : 'Mock interview'}</p>
      <h3>{s.title}</h3>
      <p className="suggestion-why" data-testid="suggestion-why">
        {s.why}
      </p>
      <a className={`btn${main ? ' primary' : ''}`} href={href}>
        {s.link.kind === 'drill' ? 'Open the drill' : 'Open the problem'}
      </a>
    </div>
  );
}

/** One figure in a row of them: a big number over what it counts. */
export function Figure({ value, label, testId }: { value: ReactNode; label: ReactNode; testId?: string }) {
  return (
    <div className="figure-box">
      <span className="figure-value" data-testid={testId}>
        {value}
      </span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

function Summary({ t }: { t: Today }) {
  return (
    <div className="today-figures" data-testid="today-figures">
      <Figure value={t.dueTotal} label="due for review" testId="due-total" />
      <Figure value={t.freshTotal} label="new today" testId="new-total" />
      <Figure value={t.reviewedToday} label="reviewed today" testId="reviewed-today" />
      <Figure
        value={t.streakDays}
        label={`${t.streakDays === 1 ? 'day' : 'days'} in a row`}
        testId="streak"
      />
    </div>
  );
}

/** Today's counts usually arrive within a fraction of this; past it, the page says it is loading. */
const LOADING_AFTER_MS = 400;

/** The landing page: what to practise today, and why. */
export function TodayPage() {
  const today = useQuery(todayQuery);
  const slow = useAfter(LOADING_AFTER_MS);
  const t = today.data;
  const ready = t ? t.dueTotal + t.freshTotal : 0;
  return (
    <div className="page today" data-testid="today">
      <div className="page-head">
        <div>
          <h1>Today</h1>
          <p className="lede">A few cards out loud, then the interview that needs you most.</p>
        </div>
        <div className="row">
          <Link className="btn" href="/stats">
            Stats
          </Link>
          <Link className="btn" href="/library">
            Open the library
          </Link>
        </div>
      </div>
      <Welcome />
      <ResumeBanner />
      {today.isError && <QueryError error={today.error} />}
      {today.isPending && slow && <p className="muted">Loading today’s practice…</p>}
      {t && (
        <>
          <p className="changed" data-testid="changed">
            {t.changed}
          </p>
          <div className="today-grid">
            <section className="card today-cards" aria-labelledby="cards-title">
              <div className="today-cards-head">
                <h2 id="cards-title">Cards</h2>
                {ready > 0 ? (
                  <Link className="btn primary" href="/review" data-testid="start-review">
                    Start · {count(ready, 'card')}
                  </Link>
                ) : (
                  <span className="muted" data-testid="all-done">
                    All caught up for today.
                  </span>
                )}
              </div>
              <Summary t={t} />
              <ul className="decks" aria-label="Decks">
                {t.decks.map((d) => (
                  <DeckRow key={d.id} deck={d} />
                ))}
              </ul>
              <details className="topics">
                <summary>By topic</summary>
                {t.topics.some((d) => d.due + d.fresh > 0) ? (
                  <ul className="decks">
                    {t.topics
                      .filter((d) => d.due + d.fresh > 0)
                      .map((d) => (
                        <DeckRow key={d.id} deck={d} />
                      ))}
                  </ul>
                ) : (
                  <p className="muted">No topic has cards waiting today.</p>
                )}
              </details>
            </section>
            <section className="today-skills" aria-labelledby="skills-title">
              <h2 id="skills-title">Suggested practice</h2>
              {t.suggestions.length === 0 ? (
                <div className="card suggestion">
                  <p>
                    Score an interview and Tradeoff will bring back what needs work: a weak score, your
                    weakest rubric dimension, or a problem you have not practised for a while.
                  </p>
                  <Link className="btn" href="/library">
                    Pick a problem
                  </Link>
                </div>
              ) : (
                t.suggestions.map((s, i) => <SuggestionCard key={s.link.id} s={s} main={i === 0} />)
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
