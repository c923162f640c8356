import { useQuery } from '@tanstack/react-query';
import { format, parseISO } from 'date-fns';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SrsStats } from '../../../shared/api/srs';
import { call } from '../api/client';
import { srsKeys } from '../api/keys';
import { PALETTE, type Palette } from '../components/chartPalette';
import { QueryError } from '../components/ErrorPanel';
import { usePrefersDark } from '../components/usePrefersDark';
import { count } from '../components/words';
import { Link } from 'wouter';
import { Figure } from './TodayPage';
import './srs.css';

function minutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** A year of reviews, a column per week (Monday at the top), shaded by how many you did that day. */
function Heatmap({ perDay }: { perDay: SrsStats['perDay'] }) {
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const first = parseISO(perDay[0]!.day);
  const lead = (first.getDay() + 6) % 7; // days before the first one in its week
  const cells: ({ day: string; count: number } | null)[] = [...Array<null>(lead).fill(null), ...perDay];
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4)));
  const active = perDay.filter((d) => d.count > 0).length;
  // A month's name above the week column its first day falls in.
  const months = perDay.flatMap((d, i) =>
    d.day.endsWith('-01')
      ? [{ col: Math.floor((lead + i) / 7) + 1, label: format(parseISO(d.day), 'MMM') }]
      : [],
  );
  return (
    <figure className="heatmap-wrap" data-testid="heatmap">
      <div className="heat-months" aria-hidden="true">
        {months.map((m) => (
          <span key={m.col} style={{ gridColumn: `${m.col} / span 4` }}>
            {m.label}
          </span>
        ))}
      </div>
      <div
        className="heatmap"
        role="img"
        aria-label={`Reviews per day over the last year: ${count(active, 'day')} with reviews.`}
      >
        {cells.map((c, i) =>
          c ? (
            <span
              key={c.day}
              className={`heat l${level(c.count)}`}
              title={`${format(parseISO(c.day), 'EEE d MMM yyyy')}: ${count(c.count, 'review')}`}
            />
          ) : (
            <span key={`pad${i}`} className="heat pad" />
          ),
        )}
      </div>
      <figcaption className="muted heat-legend">
        Less <span className="heat l0" /> <span className="heat l1" /> <span className="heat l2" />{' '}
        <span className="heat l3" /> <span className="heat l4" /> More
      </figcaption>
    </figure>
  );
}

function Forecast({ data, colors }: { data: SrsStats['forecast']; colors: Palette }) {
  const rows = data.map((d, i) => ({ ...d, label: i === 0 ? 'Today' : format(parseISO(d.day), 'd MMM') }));
  return (
    <div className="chart" data-testid="forecast-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" stroke={colors.axis} fontSize={11} interval={4} />
          <YAxis allowDecimals={false} stroke={colors.axis} fontSize={11} />
          <Tooltip
            contentStyle={{ background: colors.panel, borderColor: colors.grid, color: colors.text }}
            cursor={{ fill: colors.grid, opacity: 0.4 }}
          />
          <Bar
            dataKey="due"
            name="Cards due"
            fill={colors.series[0]}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function ByState({ byState, colors }: { byState: SrsStats['byState']; colors: Palette }) {
  // New in blue, learning in amber, review in green, relearning in purple, suspended greyed.
  const rows = [
    { name: 'New', value: byState.new, fill: colors.series[0] },
    { name: 'Learning', value: byState.learning, fill: colors.series[2] },
    { name: 'Review', value: byState.review, fill: colors.series[1] },
    { name: 'Relearning', value: byState.relearning, fill: colors.series[3] },
    { name: 'Suspended', value: byState.suspended, fill: colors.plan },
  ];
  return (
    <div className="chart" data-testid="state-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 12 }}>
          <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} stroke={colors.axis} fontSize={11} />
          <YAxis type="category" dataKey="name" stroke={colors.axis} fontSize={12} width={84} />
          <Tooltip
            contentStyle={{ background: colors.panel, borderColor: colors.grid, color: colors.text }}
            cursor={{ fill: colors.grid, opacity: 0.4 }}
          />
          <Bar dataKey="value" name="Cards" isAnimationActive={false} radius={[0, 3, 3, 0]}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** How your memory is doing: a year of reviews, retention, cards by state, the month ahead. */
export default function StatsPage() {
  const stats = useQuery({ queryKey: srsKeys.stats(), queryFn: () => call('srs.stats', {}), staleTime: 0 });
  const dark = usePrefersDark();
  const colors = dark ? PALETTE.dark : PALETTE.light;
  const s = stats.data;
  return (
    <div className="page stats-page" data-testid="stats-page">
      <p className="muted">
        <Link href="/">Today</Link> › Stats
      </p>
      <h1>Review stats</h1>
      {stats.isError && <QueryError error={stats.error} />}
      {s && (
        <>
          <div className="today-figures">
            <Figure value={s.totalReviews} label="reviews in all" />
            <Figure
              testId="retention"
              value={s.retention.measured === null ? '—' : `${Math.round(s.retention.measured * 100)}%`}
              label={`recalled (last 30 days) · you aim for ${Math.round(s.retention.desired * 100)}%`}
            />
            <Figure
              value={minutes(s.timeSpentMs.today)}
              label={`today · ${minutes(s.timeSpentMs.last7Days)} this week`}
            />
            <Figure value={minutes(s.timeSpentMs.total)} label="time spent in all" />
          </div>
          <section className="section">
            <h2>Reviews per day</h2>
            <Heatmap perDay={s.perDay} />
          </section>
          <section className="section">
            <h2>Retention: measured and desired</h2>
            {s.retention.measured === null ? (
              <p className="muted">
                Measured once cards you have learned come back for review: no such review in the last 30 days
                yet.
              </p>
            ) : (
              <div className="retention-bars" data-testid="retention-bars">
                {[
                  {
                    label: 'Measured',
                    value: s.retention.measured,
                    note: `${count(s.retention.sample, 'review')}`,
                  },
                  { label: 'Desired', value: s.retention.desired, note: 'from Settings' },
                ].map((r) => (
                  <div key={r.label} className="retention-row">
                    <span className="retention-label">{r.label}</span>
                    <span className="retention-track">
                      <span className="retention-fill" style={{ width: `${Math.round(r.value * 100)}%` }} />
                    </span>
                    <span className="retention-value">
                      {Math.round(r.value * 100)}% <small className="muted">{r.note}</small>
                    </span>
                  </div>
                ))}
              </div>
            )}
          </section>
          <div className="stats-two">
            <section className="section">
              <h2>Cards by state</h2>
              <ByState byState={s.byState} colors={colors} />
            </section>
            <section className="section">
              <h2>Due in the next 30 days</h2>
              <Forecast data={s.forecast} colors={colors} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
