/**
 * Rate limiters: one lane per algorithm over time. Bars above the line are requests let through,
 * bars below are refused; the token bucket's level is drawn in its own lane. The window edge is
 * marked, and the run replays up to the current moment.
 */
import type { RateFrame } from '../../../../shared/labs/rate-limiters/index';
import { FrameControls, useFrames } from './FrameControls';
import './visuals.css';
import './rate-limiters.css';
import type { VisualProps } from './index';

const NAMES: Record<string, string> = {
  'fixed-window': 'Fixed window',
  'sliding-log': 'Sliding log',
  'sliding-counter': 'Sliding counter',
  'token-bucket': 'Token bucket',
};

const WIDTH = 720;
const LABEL_W = 110;
const LANE_H = 64;

export default function Visual(props: VisualProps) {
  const frames = (props.result.frames ?? []) as RateFrame[];
  const { index, setIndex, playing, setPlaying } = useFrames(frames.length, 3000);
  if (frames.length === 0) {
    return (
      <div className="lab-visual-empty">
        {props.running ? 'Running…' : 'Run the experiment to see the requests.'}
      </div>
    );
  }
  const kinds = Object.keys(frames[0]!.accepted);
  const hasTokens = frames.some((f) => f.tokens !== undefined);
  const lanes = kinds.length + (hasTokens ? 1 : 0);
  const plotW = WIDTH - LABEL_W;
  const barW = plotW / frames.length;
  const peak = Math.max(
    1,
    ...frames.flatMap((f) => kinds.map((k) => Math.max(f.accepted[k]!, f.refused[k]!))),
  );
  const maxTokens = Math.max(1, ...frames.map((f) => f.tokens ?? 0));
  const height = lanes * LANE_H + 20;
  const current = frames[index]!;
  const x = (i: number) => LABEL_W + i * barW;

  return (
    <div className="lab-visual rate-visual">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label="Requests let through and refused over time, per algorithm"
      >
        {kinds.map((kind, lane) => {
          const mid = lane * LANE_H + LANE_H / 2;
          // Square-root scale: the edge burst is ~100× ordinary traffic, which would otherwise vanish.
          const bar = (n: number) => Math.sqrt(n / peak) * (LANE_H / 2 - 6);
          return (
            <g key={kind}>
              <text x={0} y={mid + 4}>
                {NAMES[kind] ?? kind}
              </text>
              <line className="rate-axis" x1={LABEL_W} x2={WIDTH} y1={mid} y2={mid} />
              {frames.map((f, i) => (
                <g key={i} className={i > index ? 'rate-future' : undefined}>
                  {f.accepted[kind]! > 0 && (
                    <rect
                      className="rate-ok"
                      x={x(i)}
                      width={Math.max(1, barW - 0.5)}
                      y={mid - bar(f.accepted[kind]!)}
                      height={bar(f.accepted[kind]!)}
                    />
                  )}
                  {f.refused[kind]! > 0 && (
                    <rect
                      className="rate-bad"
                      x={x(i)}
                      width={Math.max(1, barW - 0.5)}
                      y={mid}
                      height={bar(f.refused[kind]!)}
                    />
                  )}
                </g>
              ))}
            </g>
          );
        })}
        {hasTokens && (
          <g>
            <text x={0} y={kinds.length * LANE_H + LANE_H / 2 + 4}>
              Tokens
            </text>
            <polyline
              className="rate-tokens"
              points={frames
                .slice(0, index + 1)
                .map(
                  (f, i) =>
                    `${x(i) + barW / 2},${kinds.length * LANE_H + LANE_H - 6 - ((f.tokens ?? 0) / maxTokens) * (LANE_H - 12)}`,
                )
                .join(' ')}
            />
            <line
              className="rate-axis"
              x1={LABEL_W}
              x2={WIDTH}
              y1={kinds.length * LANE_H + LANE_H - 6}
              y2={kinds.length * LANE_H + LANE_H - 6}
            />
          </g>
        )}
        {frames.map((f, i) =>
          f.edge ? (
            <line key={`edge-${i}`} className="rate-edge" x1={x(i)} x2={x(i)} y1={0} y2={lanes * LANE_H} />
          ) : null,
        )}
        <line className="rate-cursor" x1={x(index) + barW} x2={x(index) + barW} y1={0} y2={lanes * LANE_H} />
        <text x={LABEL_W} y={height - 4}>
          0 s
        </text>
        <text x={WIDTH} y={height - 4} textAnchor="end">
          {frames[frames.length - 1]!.tSec} s
        </text>
      </svg>
      <ul className="lab-legend">
        <li>
          <span className="lab-swatch ok" /> let through
        </li>
        <li>
          <span className="lab-swatch bad" /> refused
        </li>
        <li>bar heights on a square-root scale</li>
        {hasTokens && (
          <li>
            <span className="lab-swatch accent" /> tokens in the bucket
          </li>
        )}
        {frames.some((f) => f.edge) && (
          <li>
            <span className="lab-swatch warn" /> window edge
          </li>
        )}
      </ul>
      <FrameControls
        count={frames.length}
        index={index}
        playing={playing}
        onIndex={setIndex}
        onPlaying={setPlaying}
        label={`t = ${current.tSec} s · ${current.offered} offered · ${kinds
          .map((k) => `${NAMES[k] ?? k}: ${current.accepted[k]} in`)
          .join(', ')}${current.tokens !== undefined ? ` · ${current.tokens.toFixed(1)} tokens` : ''}`}
      />
    </div>
  );
}
