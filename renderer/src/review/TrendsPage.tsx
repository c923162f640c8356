import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Trends } from '../../../shared/api/scoring';
import { DIMENSIONS } from '../../../shared/domain/rubric';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { hrefFor } from '../components/Links';
import { usePrefersDark } from '../components/usePrefersDark';
import './trends.css';
import { count } from '../components/words';
import { Calibration } from '../ai/Calibration';

/**
 * Series colours per theme. Each keeps at least 3:1 contrast with its chart's background (WCAG's
 * figure for graphics): the light ones against white, the dark ones against the dark panel, where
 * the light theme's blue (#3558d4) would fall to about 2.6:1.
 */
const PALETTE = {
  light: {
    series: ['#3558d4', '#1f7a4d', '#b45309', '#a21caf', '#0e7490'],
    weighted: '#1c2128',
    plan: '#c9ced6',
    axis: '#5b6472',
    grid: '#dde1e7',
    text: '#1c2128',
    panel: '#ffffff',
  },
  dark: {
    series: ['#8aa4ff', '#5fd39a', '#f2b857', '#e879f9', '#22d3ee'],
    weighted: '#e6e8ec',
    plan: '#4b5263',
    axis: '#9aa3b2',
    grid: '#323744',
    text: '#e6e8ec',
    panel: '#1d2027',
  },
} as const;
type Palette = (typeof PALETTE)[keyof typeof PALETTE];

type Point = Trends['points'][number] & { label: string };

/**
 * One small chart per dimension on the same 1–4 scale (small multiples): levels are whole numbers,
 * so on one shared chart the five lines would sit on top of each other and hide. The weighted
 * score is drawn faintly behind each, as the common reference.
 */
function DimensionMultiples({ data, colors }: { data: Point[]; colors: Palette }) {
  return (
    <div className="chart multiples" data-testid="dimension-chart">
      {DIMENSIONS.map((d, i) => {
        const last = data.at(-1)?.[d.id];
        return (
          <figure key={d.id} className="multiple" data-dimension={d.id}>
            <figcaption>
              <span className="swatch" style={{ background: colors.series[i] }} aria-hidden="true" />
              {d.short}
              {last !== undefined && <span className="muted"> · last {last}</span>}
            </figcaption>
            <ResponsiveContainer width="100%" height={140}>
              <LineChart data={data} margin={{ top: 6, right: 10, bottom: 0, left: -24 }}>
                <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" hide />
                <YAxis
                  domain={[1, 4]}
                  ticks={[1, 2, 3, 4]}
                  interval={0}
                  stroke={colors.axis}
                  fontSize={11}
                  // Room for the dots at 1 and 4, which would otherwise be cut in half.
                  padding={{ top: 6, bottom: 6 }}
                />
                <Tooltip
                  contentStyle={{ background: colors.panel, borderColor: colors.grid, color: colors.text }}
                  labelStyle={{ color: colors.text }}
                />
                <Line
                  type="linear"
                  dataKey="weighted"
                  name="Weighted"
                  stroke={colors.axis}
                  strokeOpacity={0.6}
                  strokeWidth={1.5}
                  strokeDasharray="4 3"
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="linear"
                  dataKey={d.id}
                  name={d.short}
                  stroke={colors.series[i]}
                  strokeWidth={2.5}
                  dot={{ r: 3, fill: colors.series[i], strokeWidth: 0 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
      <p className="muted small-print multiples-key">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" stroke={colors.axis} strokeWidth="1.5" strokeDasharray="4 3" />
        </svg>{' '}
        Dashed: your weighted score, for comparison. Levels run from 1 (no hire) to 4 (strong hire).
      </p>
    </div>
  );
}

export default function TrendsPage() {
  const dark = usePrefersDark();
  const trends = useQuery({ queryKey: ['trends.get'], queryFn: () => call('trends.get', {}), staleTime: 0 });
  if (trends.isPending) return <div className="page muted">Loading…</div>;
  if (trends.isError) {
    return (
      <div className="page">
        <QueryError error={trends.error} />
      </div>
    );
  }
  const t = trends.data;
  const colors = dark ? PALETTE.dark : PALETTE.light;
  const data: Point[] = t.points.map((p, i) => ({
    ...p,
    label: `${i + 1}. ${format(new Date(p.atMs), 'd MMM')}`,
  }));
  const weakest = DIMENSIONS.find((d) => d.id === t.weakest);
  const rec = t.recommendation;
  return (
    <div className="page" data-testid="trends-page">
      <div className="page-head">
        <div>
          <h1>Trends</h1>
          <p className="lede">
            How your scores and habits move across {count(t.scored, 'scored interview')}.
          </p>
        </div>
      </div>
      {rec && (
        <div className="card recommendation" data-testid="recommendation">
          {weakest && (
            <div className="muted small-print">
              Weakest recently: <strong>{weakest.short}</strong> (average {t.averages[weakest.id].toFixed(1)}{' '}
              over your last {Math.min(5, t.scored)})
            </div>
          )}
          <h2 className="h3" style={{ margin: '4px 0' }}>
            {rec.title}
          </h2>
          <p style={{ margin: 0 }}>{rec.why}</p>
          {rec.link && hrefFor(rec.link) && (
            <a
              className="btn primary"
              style={{ marginTop: 10, display: 'inline-block' }}
              href={hrefFor(rec.link)!}
            >
              Open {rec.link.title}
            </a>
          )}
        </div>
      )}
      {t.scored === 0 ? (
        <div className="empty">Score your first interview to see trends here.</div>
      ) : (
        <>
          <section className="section">
            <h2>Score per dimension</h2>
            <DimensionMultiples data={data} colors={colors} />
          </section>
          <section className="section">
            <h2>Time per phase: habit against plan</h2>
            <div className="chart" data-testid="phase-chart">
              <ResponsiveContainer width="100%" height={260}>
                <BarChart
                  data={t.phaseHabits.map((p) => ({ ...p, name: PHASE_LABELS[p.phase] }))}
                  margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
                >
                  <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
                  <XAxis dataKey="name" stroke={colors.axis} fontSize={12} />
                  <YAxis stroke={colors.axis} fontSize={12} unit=" min" />
                  <Tooltip
                    contentStyle={{ background: colors.panel, borderColor: colors.grid, color: colors.text }}
                    labelStyle={{ color: colors.text }}
                    // Item names in the series colour fail contrast on the tooltip's background.
                    itemStyle={{ color: colors.text }}
                    cursor={{ fill: colors.grid, fillOpacity: 0.4 }}
                  />
                  {/* Legend text in the page's text colour: series colours are for marks, not words. */}
                  <Legend
                    formatter={(value: string) => <span style={{ color: colors.text }}>{value}</span>}
                  />
                  <Bar dataKey="avgPlanMin" name="Plan (avg)" fill={colors.plan} isAnimationActive={false} />
                  <Bar
                    dataKey="avgSpentMin"
                    name="Spent (avg)"
                    fill={colors.series[0]}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </section>
          <Calibration />
        </>
      )}
    </div>
  );
}
