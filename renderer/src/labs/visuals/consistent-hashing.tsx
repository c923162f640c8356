/** The ring: each node's virtual nodes as ticks, keys as dots in their owner's colour, moved keys ringed. */
import { useEffect, useState } from 'react';
import type { RingFrame } from '../../../../shared/labs/consistent-hashing/index';
import type { VisualProps } from './index';

const SIZE = 360;
const CENTER = SIZE / 2;
const RADIUS = 140;

/** Evenly spread hues; the changed node is always drawn in the accent-independent orange. */
export function nodeColor(index: number, count: number): string {
  return `hsl(${Math.round((index * 360) / Math.max(1, count)) % 360} 62% 50%)`;
}

function at(fraction: number, radius: number): { x: number; y: number } {
  const angle = fraction * 2 * Math.PI - Math.PI / 2;
  return { x: CENTER + radius * Math.cos(angle), y: CENTER + radius * Math.sin(angle) };
}

export default function Visual({ result, running }: VisualProps) {
  const frames = (result.frames ?? []) as RingFrame[];
  const [shown, setShown] = useState(0);
  // Show the ring before the change, then after it: the keys that move change colour in place.
  useEffect(() => {
    setShown(0);
    const timer = setTimeout(() => setShown(1), 900);
    return () => clearTimeout(timer);
  }, [result]);
  const frame = frames[Math.min(shown, frames.length - 1)];
  if (!frame) return null;
  const colors = new Map(frame.nodes.map((n, i) => [n, nodeColor(i, frame.nodes.length)]));
  const after = shown === 1;
  const moved = frame.keys.filter((k) => k.before !== k.after);
  return (
    <div className="ring-visual" data-testid="ring-visual" aria-busy={running}>
      <div className="tabs" role="tablist" aria-label="Ring state">
        {frames.map((f, i) => (
          <button
            key={f.label}
            className="tab"
            role="tab"
            aria-selected={shown === i}
            onClick={() => setShown(i)}
          >
            {f.label === 'Before'
              ? 'Before'
              : `After ${frame.change === 'add' ? 'adding' : 'removing'} ${frame.changedNode}`}
          </button>
        ))}
      </div>
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Hash ring, ${frame.label.toLowerCase()} the change: ${moved.length} of ${frame.keys.length} sampled keys move`}
      >
        <circle cx={CENTER} cy={CENTER} r={RADIUS} className="ring-track" />
        {frame.points.map((p, i) => {
          const a = at(p.at, RADIUS - 9);
          const b = at(p.at, RADIUS + 9);
          return (
            <line
              key={i}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke={colors.get(p.node)}
              strokeWidth={p.node === frame.changedNode ? 2.5 : 1.2}
              opacity={p.node === frame.changedNode ? 1 : 0.75}
            />
          );
        })}
        {frame.keys.map((k, i) => {
          const owner = after ? k.after : k.before;
          const isMoved = k.before !== k.after;
          const pos = at(k.at, RADIUS - 26 - (i % 4) * 7);
          return (
            <circle
              key={i}
              cx={pos.x}
              cy={pos.y}
              r={isMoved ? 4.2 : 2.6}
              fill={colors.get(owner)}
              className={isMoved ? 'ring-key moved' : 'ring-key'}
            />
          );
        })}
        <text x={CENTER} y={CENTER - 8} textAnchor="middle" className="ring-caption">
          {moved.length} of {frame.keys.length} keys
        </text>
        <text x={CENTER} y={CENTER + 12} textAnchor="middle" className="ring-caption muted-fill">
          move {frame.change === 'add' ? 'to' : 'off'} {frame.changedNode}
        </text>
      </svg>
      <ul className="ring-legend" aria-label="Nodes">
        {frame.nodes.map((n) => (
          <li key={n}>
            <span className="swatch" style={{ background: colors.get(n) }} aria-hidden="true" />
            {n}
            {n === frame.changedNode && <strong> ({frame.change === 'add' ? 'new' : 'removed'})</strong>}
          </li>
        ))}
      </ul>
      <p className="muted small-print">
        Ticks are virtual nodes (on a large ring, an even sample of them); dots are a sample of keys in their
        owner’s colour. Larger, outlined dots are the keys that change owner.
      </p>
    </div>
  );
}
