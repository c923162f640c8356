import { useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { format } from 'date-fns';
import type { HistoryRow } from '../../../shared/api/scoring';
import { VERDICT_NAMES, type Verdict } from '../../../shared/domain/rubric';
import { formatClock } from '../../../shared/domain/timer';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { count } from '../components/words';

type Sort = 'date' | 'score' | 'duration';

function SortButton({
  label,
  value,
  sort,
  dir,
  onSort,
}: {
  label: string;
  value: Sort;
  sort: Sort;
  dir: 'asc' | 'desc';
  onSort: (s: Sort) => void;
}) {
  const active = sort === value;
  return (
    <button
      className={`sort${active ? ' active' : ''}`}
      onClick={() => onSort(value)}
      aria-pressed={active}
      aria-label={`Sort by ${label.toLowerCase()}${active ? (dir === 'asc' ? ', ascending' : ', descending') : ''}`}
    >
      {label} {active ? <span aria-hidden="true">{dir === 'asc' ? '↑' : '↓'}</span> : ''}
    </button>
  );
}

function Row({ row }: { row: HistoryRow }) {
  return (
    <a className="history-row" href={`#/session/${row.id}/review`} data-testid="history-row">
      <span>{format(new Date(row.createdAtMs), 'd MMM yyyy, HH:mm')}</span>
      <span className="title">{row.problemTitle}</span>
      <span className="mono">
        {row.activeMs !== null ? formatClock(row.activeMs) : '—'}{' '}
        <small className="muted">/ {row.timeTargetMin}m</small>
      </span>
      <span className="mono" title={row.weighted !== null ? 'Self-scored' : undefined}>
        {row.weighted !== null ? row.weighted.toFixed(2) : '—'}
        {row.weighted !== null && <small className="muted"> self</small>}
      </span>
      <span>
        {row.verdict ? (
          <span className={`verdict-badge ${row.verdict}`}>{VERDICT_NAMES[row.verdict]}</span>
        ) : (
          <span className="muted">Not scored</span>
        )}
      </span>
    </a>
  );
}

export default function HistoryPage() {
  const [problemId, setProblemId] = useState('');
  const [verdict, setVerdict] = useState<Verdict | 'unscored' | ''>('');
  const [sort, setSort] = useState<Sort>('date');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const query = {
    ...(problemId ? { problemId } : {}),
    ...(verdict ? { verdict } : {}),
    sort,
    direction: dir,
  };
  const rows = useQuery({
    queryKey: ['history.list', query],
    queryFn: () => call('history.list', query),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const problems = useQuery({
    queryKey: ['library.list', { kinds: ['problem'] }],
    queryFn: () => call('library.list', { kinds: ['problem'] }),
  });
  const parent = useRef<HTMLDivElement>(null);
  const list = rows.data ?? [];
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 48,
    overscan: 12,
  });

  const onSort = (s: Sort) => {
    if (s === sort) setDir((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(s);
      setDir('desc');
    }
  };

  return (
    <div className="page history-page">
      <div className="page-head">
        <div>
          <h1>History</h1>
          <p className="lede">Every interview you finished. Open one to replay it, score it or export it.</p>
        </div>
      </div>
      <div className="toolbar">
        <select aria-label="Problem" value={problemId} onChange={(e) => setProblemId(e.target.value)}>
          <option value="">All problems</option>
          {problems.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <select
          aria-label="Verdict"
          value={verdict}
          onChange={(e) => setVerdict(e.target.value as Verdict | 'unscored' | '')}
        >
          <option value="">Any verdict</option>
          {(Object.keys(VERDICT_NAMES) as Verdict[]).map((v) => (
            <option key={v} value={v}>
              {VERDICT_NAMES[v]}
            </option>
          ))}
          <option value="unscored">Not scored yet</option>
        </select>
        <span className="muted" aria-live="polite" data-testid="history-count">
          {count(list.length, 'interview')}
        </span>
      </div>
      {rows.isError && <QueryError error={rows.error} />}
      <div className="history-head">
        <SortButton label="Date" value="date" sort={sort} dir={dir} onSort={onSort} />
        <span>Problem</span>
        <SortButton label="Duration" value="duration" sort={sort} dir={dir} onSort={onSort} />
        <SortButton label="Score" value="score" sort={sort} dir={dir} onSort={onSort} />
        <span>Verdict</span>
      </div>
      {rows.data && list.length === 0 ? (
        <div className="empty">
          {problemId || verdict
            ? 'No interviews match these filters.'
            : 'No finished interviews yet. Pick a problem in the library and start one.'}
        </div>
      ) : (
        <div className="history-list" ref={parent} data-testid="history-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => (
              <div
                key={list[v.index]!.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${v.start}px)`,
                  height: v.size,
                }}
              >
                <Row row={list[v.index]!} />
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
