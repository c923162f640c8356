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
import { DIMENSIONS } from '../../../shared/domain/rubric';
import { PHASE_LABELS } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { QueryError } from '../components/ErrorPanel';
import { hrefFor } from '../components/Links';
import { usePrefersDark } from '../components/usePrefersDark';
import { count } from '../components/words';

const COLORS = ['#3558d4', '#1f9d55', '#d97706', '#c026d3', '#0891b2'];

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
  const axis = dark ? '#9aa3b2' : '#5b6472';
  const grid = dark ? '#323744' : '#dde1e7';
  const data = t.points.map((p, i) => ({ ...p, label: `${i + 1}. ${format(new Date(p.atMs), 'd MMM')}` }));
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
            <div className="chart" data-testid="dimension-chart">
              <ResponsiveContainer width="100%" height={300}>
                <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid stroke={grid} strokeDasharray="3 3" />
                  <XAxis dataKey="label" stroke={axis} fontSize={12} />
                  <YAxis domain={[1, 4]} ticks={[1, 2, 3, 4]} stroke={axis} fontSize={12} />
                  <Tooltip
                    contentStyle={{ background: dark ? '#1d2027' : '#fff', borderColor: grid }}
                    // Item names in the series colour fail contrast on the tooltip's background.
                    itemStyle={{ color: dark ? '#e6e8ec' : '#1c2128' }}
                  />
                  <Legend />
                  {DIMENSIONS.map((d, i) => (
                    <Line
                      key={d.id}
                      type="monotone"
                      dataKey={d.id}
                      name={d.short}
                      stroke={COLORS[i]}
                      strokeWidth={2}
                      dot={{ r: 3 }}
                      isAnimationActive={false}
                    />
                  ))}
                  <Line
                    type="monotone"
                    dataKey="weighted"
                    name="Weighted"
                    stroke={dark ? '#e6e8ec' : '#1c2128'}
                    strokeWidth={3}
                    strokeDasharray="6 3"
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </section>
          <section className="section">
            <h2>Time per phase: habit against plan</h2>
            <div className="chart" data-testid="phase-chart">
              <ResponsiveContainer width="100%" height={260}>
                <BarChart
                  data={t.phaseHabits.map((p) => ({ ...p, name: PHASE_LABELS[p.phase] }))}
                  margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
                >
                  <CartesianGrid stroke={grid} strokeDasharray="3 3" />
                  <XAxis dataKey="name" stroke={axis} fontSize={12} />
                  <YAxis stroke={axis} fontSize={12} unit=" min" />
                  <Tooltip
                    contentStyle={{ background: dark ? '#1d2027' : '#fff', borderColor: grid }}
                    // Item names in the series colour fail contrast on the tooltip's background.
                    itemStyle={{ color: dark ? '#e6e8ec' : '#1c2128' }}
                  />
                  <Legend />
                  <Bar
                    dataKey="avgPlanMin"
                    name="Plan (avg)"
                    fill={dark ? '#4b5263' : '#c9ced6'}
                    isAnimationActive={false}
                  />
                  <Bar dataKey="avgSpentMin" name="Spent (avg)" fill="#3558d4" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
