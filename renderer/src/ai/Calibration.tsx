/**
 * Calibration on the trends page: how far your self-score sits from the AI draft, session by
 * session (positive: you scored yourself higher than the draft). Only dimensions the draft backed
 * with quotes count.
 */
import { format } from 'date-fns';
import { useQuery } from '@tanstack/react-query';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { call } from '../api/client';
import { aiKeys } from '../api/keys';
import './ai.css';

export function Calibration() {
  const cal = useQuery({ queryKey: aiKeys.calibration(), queryFn: () => call('ai.calibration', {}) });
  const points = cal.data?.points ?? [];
  if (points.length === 0) return null;
  const mean = points.reduce((a, p) => a + p.meanGap, 0) / points.length;
  const data = points.map((p) => ({
    at: format(new Date(p.atMs), 'd MMM'),
    gap: Number(p.meanGap.toFixed(2)),
    title: p.problemTitle,
  }));
  const said =
    Math.abs(mean) < 0.25
      ? 'Your self-scores and the AI drafts mostly agree.'
      : mean > 0
        ? `You score yourself about ${mean.toFixed(1)} levels higher than the AI drafts, on average.`
        : `You score yourself about ${(-mean).toFixed(1)} levels lower than the AI drafts, on average.`;
  return (
    <section className="section" aria-label="Calibration: self against AI" data-testid="ai-calibration">
      <h2>Calibration: you against the AI draft</h2>
      <p>{said}</p>
      <div
        className="ai-calibration-chart"
        role="img"
        aria-label={`Self minus AI level per session. ${said}`}
      >
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="at" stroke="var(--muted)" fontSize={12} />
            <YAxis
              domain={[-3, 3]}
              ticks={[-3, -2, -1, 0, 1, 2, 3]}
              stroke="var(--muted)"
              fontSize={12}
              width={28}
            />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip
              contentStyle={{
                background: 'var(--panel)',
                border: '1px solid var(--border)',
                color: 'var(--text)',
              }}
              formatter={(v) => [`${String(v)} levels`, 'Self − AI']}
            />
            <Line
              type="monotone"
              dataKey="gap"
              stroke="var(--accent)"
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
