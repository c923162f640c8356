/** An experiment's series as recharts line or bar charts, themed for light and dark. */
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
import type { Series } from '../../../shared/labs/framework';
import { usePrefersDark } from '../components/usePrefersDark';

const COLORS = {
  light: {
    series: ['#3558d4', '#b45309', '#1f7a4d', '#a21caf'],
    axis: '#5b6472',
    grid: '#dde1e7',
    panel: '#ffffff',
    text: '#1c2128',
  },
  dark: {
    series: ['#8aa4ff', '#f2b857', '#5fd39a', '#e879f9'],
    axis: '#9aa3b2',
    grid: '#323744',
    panel: '#1d2027',
    text: '#e6e8ec',
  },
};

function rowsOf(series: Series): Record<string, number>[] {
  const byX = new Map<number, Record<string, number>>();
  for (const line of series.lines) {
    for (const p of line.points) {
      const row = byX.get(p.x) ?? { x: p.x };
      row[line.name] = Number(p.y.toPrecision(4));
      byX.set(p.x, row);
    }
  }
  return [...byX.values()].sort((a, b) => a.x! - b.x!);
}

const axisLabel = (a: Series['x']) => (a.unit && a.unit !== '%' ? `${a.label} (${a.unit})` : a.label);

export function Chart({ series }: { series: Series }) {
  const dark = usePrefersDark();
  const c = dark ? COLORS.dark : COLORS.light;
  const data = rowsOf(series);
  const yFormat = (v: number) => (series.y.unit === '%' ? `${v}%` : String(v));
  const common = (
    <>
      <CartesianGrid stroke={c.grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="x"
        type={series.kind === 'bar' ? 'category' : 'number'}
        scale={series.x.log ? 'log' : 'auto'}
        domain={series.kind === 'bar' ? undefined : ['dataMin', 'dataMax']}
        stroke={c.axis}
        fontSize={11}
        label={{
          value: axisLabel(series.x),
          position: 'insideBottom',
          offset: -4,
          fill: c.axis,
          fontSize: 11,
        }}
      />
      <YAxis
        scale={series.y.log ? 'log' : 'auto'}
        domain={series.y.log ? ['auto', 'auto'] : [0, 'auto']}
        allowDataOverflow={false}
        stroke={c.axis}
        fontSize={11}
        tickFormatter={yFormat}
        width={56}
      />
      <Tooltip
        contentStyle={{ background: c.panel, borderColor: c.grid, color: c.text }}
        labelStyle={{ color: c.text }}
        labelFormatter={(x) => `${series.x.label}: ${x}`}
        formatter={(v) => yFormat(Number(v))}
      />
      {/* No fixed height: a legend that wraps onto two lines then pushes the plot down, not over it. */}
      <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
    </>
  );
  return (
    <figure className="lab-chart card" data-testid={`chart-${series.id}`}>
      <figcaption>{series.title}</figcaption>
      <ResponsiveContainer width="100%" height={230}>
        {series.kind === 'bar' ? (
          <BarChart data={data} margin={{ top: 4, right: 12, bottom: 14, left: 0 }}>
            {common}
            {series.lines.map((line, i) => (
              <Bar
                key={line.name}
                dataKey={line.name}
                fill={c.series[i % c.series.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={data} margin={{ top: 4, right: 12, bottom: 14, left: 0 }}>
            {common}
            {series.lines.map((line, i) => (
              <Line
                key={line.name}
                dataKey={line.name}
                stroke={c.series[i % c.series.length]}
                strokeWidth={i === 0 ? 2.5 : 1.8}
                strokeDasharray={i === 0 ? undefined : '5 4'}
                dot={i === 0 ? { r: 3 } : false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
