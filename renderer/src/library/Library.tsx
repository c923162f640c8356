import { useDeferredValue } from 'react';
import { formatDistanceToNow } from 'date-fns';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ItemKind, LibraryItem } from '../../../shared/api/contract';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { useUi } from '../state/ui';
import { libraryQuery } from './query';
import { ResumeBanner } from '../interview/ResumeBanner';
import { Welcome } from './Welcome';
import { useProgressiveCount } from '../components/progressive';
import { useAfter } from '../components/useAfter';

/** Enough cards to fill a large window; the rest follow a frame later. */
const FIRST_CARDS = 24;
/** The list usually arrives within a fraction of this; past it, the page says it is loading. */
const LOADING_AFTER_MS = 400;

const KIND_TABS: { value: ItemKind | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'problem', label: 'Problems' },
  { value: 'concept', label: 'Concepts' },
  { value: 'question', label: 'Questions' },
  { value: 'drill', label: 'Drills' },
];

const KIND_LABEL: Record<ItemKind, string> = {
  problem: 'Problem',
  concept: 'Concept',
  question: 'Question',
  drill: 'Drill',
};

function ItemCard({ item }: { item: LibraryItem }) {
  return (
    <a
      className="card"
      href={`#/${item.kind}/${encodeURIComponent(item.id)}`}
      data-testid="library-item"
      data-kind={item.kind}
    >
      <div className="meta">
        <span className="badge kind cap">{KIND_LABEL[item.kind]}</span>
        {item.difficulty && (
          <span className={`badge cap ${item.difficulty}`}>{item.difficulty.replace('-', ' ')}</span>
        )}
        {item.timeTargetMin !== null && <span className="badge">{item.timeTargetMin} min</span>}
        {item.group && item.kind !== 'concept' && (
          <span className="badge cap">{item.group.replace('-', ' ')}</span>
        )}
        {item.kind === 'concept' && item.group && <span className="badge">{item.group}</span>}
      </div>
      <h2 className="h3">{item.title}</h2>
      <p className="clamp">{item.summary}</p>
      {item.lastPractisedAtMs !== null && (
        <p className="last-practice" data-testid="last-practice">
          Last practised {formatDistanceToNow(new Date(item.lastPractisedAtMs), { addSuffix: true })}
          {item.lastScore !== null ? ` · scored ${item.lastScore.toFixed(2)}` : ' · not scored'}
        </p>
      )}
    </a>
  );
}

export function LibraryScreen() {
  const filters = useUi((s) => s.library);
  const setFilters = useUi((s) => s.setLibrary);
  const reset = useUi((s) => s.resetLibrary);
  const text = useDeferredValue(filters.text);
  const facets = useQuery({ queryKey: ['library.facets'], queryFn: () => call('library.facets', {}) });
  const query = libraryQuery(filters, text);
  const items = useQuery({
    queryKey: ['library.list', query],
    queryFn: () => call('library.list', query),
    placeholderData: keepPreviousData,
  });
  const shown = useProgressiveCount(items.data?.length ?? 0, FIRST_CARDS);
  const slow = useAfter(LOADING_AFTER_MS);
  const filtered =
    filters.text || filters.kind !== 'all' || filters.difficulty || filters.topic || filters.maxTimeMin;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Library</h1>
          <p className="lede">Pick a problem to practise, or brush up on a concept first.</p>
        </div>
      </div>
      <Welcome />
      <ResumeBanner />
      <div className="toolbar">
        <label className="search">
          <span className="sr-only">Search the library</span>
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            aria-hidden="true"
          >
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            type="search"
            placeholder="Search titles and text, e.g. “bloom” or “fencing token”"
            value={filters.text}
            onChange={(e) => setFilters({ text: e.target.value })}
            aria-label="Search the library"
          />
        </label>
      </div>
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Kind">
          {KIND_TABS.map((tab) => (
            <button
              key={tab.value}
              role="tab"
              className="tab"
              aria-selected={filters.kind === tab.value}
              onClick={() => setFilters({ kind: tab.value })}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <select
          aria-label="Difficulty"
          value={filters.difficulty}
          onChange={(e) => setFilters({ difficulty: e.target.value })}
        >
          <option value="">Any difficulty</option>
          {facets.data?.difficulties.map((d) => (
            <option key={d} value={d}>
              {d.replace('-', ' ')}
            </option>
          ))}
        </select>
        <select
          aria-label="Topic"
          value={filters.topic}
          onChange={(e) => setFilters({ topic: e.target.value })}
        >
          <option value="">Any topic</option>
          {facets.data?.topics.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          aria-label="Time target"
          value={filters.maxTimeMin ?? ''}
          onChange={(e) => setFilters({ maxTimeMin: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">Any length</option>
          {facets.data?.timeTargets.map((t) => (
            <option key={t} value={t}>
              Up to {t} min
            </option>
          ))}
        </select>
        <select
          aria-label="Your practice"
          value={filters.practice}
          onChange={(e) => setFilters({ practice: e.target.value as typeof filters.practice })}
        >
          <option value="">Any practice</option>
          <option value="never">Not practised yet</option>
          <option value="practised">Practised</option>
          <option value="weak">Last score below Lean hire</option>
        </select>
        {filtered && (
          <button className="btn" onClick={reset}>
            Clear
          </button>
        )}
      </div>
      {items.isError && <QueryError error={items.error} />}
      {items.isPending && slow && <p className="muted">Loading the library…</p>}
      {items.data && (
        <>
          <p className="count" aria-live="polite">
            {items.data.length} {items.data.length === 1 ? 'item' : 'items'}
          </p>
          {items.data.length === 0 ? (
            <div className="empty">
              Nothing matches{filters.text ? ` “${filters.text}”` : ''}. Try fewer words or clear the filters.
            </div>
          ) : (
            <div className="grid" data-testid="library-list">
              {items.data.slice(0, shown).map((item) => (
                <ItemCard key={`${item.kind}:${item.id}`} item={item} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
