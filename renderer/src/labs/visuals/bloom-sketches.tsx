/** The bit array filling as items go in: set bits, the bits the latest item touched, and the fill against 1 − e^(−kn/m). */
import { useEffect, useState } from 'react';
import type { BitsFrame } from '../../../../shared/labs/bloom-sketches/index';
import type { VisualProps } from './index';

const COLUMNS = 32;
const CELL = 11;

export default function Visual({ result }: VisualProps) {
  const frames = ((result.frames ?? []) as BitsFrame[]).filter((f) => f.kind === 'bits');
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(true);
  useEffect(() => {
    setIndex(0);
    setPlaying(true);
  }, [result]);
  useEffect(() => {
    if (!playing || frames.length === 0) return;
    if (index >= frames.length - 1) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setIndex((i) => i + 1), 70);
    return () => clearTimeout(timer);
  }, [playing, index, frames.length]);
  const frame = frames[Math.min(index, frames.length - 1)];
  if (!frame) {
    return <p className="muted">The bit array is drawn by the “False positives and memory” experiment.</p>;
  }
  const set = new Set(frame.set);
  const last = new Set(frame.last);
  const rows = Math.ceil(frame.bits / COLUMNS);
  return (
    <div className="bits-visual" data-testid="bits-visual">
      <svg
        viewBox={`0 0 ${COLUMNS * CELL} ${rows * CELL}`}
        role="img"
        aria-label={`Bit array of ${frame.bits} bits after ${frame.inserted} items: ${Math.round(frame.fill * 100)}% set`}
      >
        {Array.from({ length: frame.bits }, (_, p) => (
          <rect
            key={p}
            x={(p % COLUMNS) * CELL + 0.5}
            y={Math.floor(p / COLUMNS) * CELL + 0.5}
            width={CELL - 1.5}
            height={CELL - 1.5}
            rx={1.5}
            className={last.has(p) ? 'bit last' : set.has(p) ? 'bit on' : 'bit'}
          />
        ))}
      </svg>
      <div className="bits-controls">
        <button
          className="btn"
          onClick={() =>
            index >= frames.length - 1 ? (setIndex(0), setPlaying(true)) : setPlaying(!playing)
          }
        >
          {playing ? 'Pause' : index >= frames.length - 1 ? 'Replay' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={frames.length - 1}
          value={index}
          aria-label="Items inserted"
          onChange={(e) => {
            setPlaying(false);
            setIndex(Number(e.target.value));
          }}
        />
        <span>
          <strong>{frame.inserted}</strong> items · <strong>{(frame.fill * 100).toFixed(1)}%</strong> of bits
          set (formula 1 − e^(−kn/m): {(frame.expectedFill * 100).toFixed(1)}%)
        </span>
      </div>
      <p className="muted small-print">
        {frame.bits} bits, k = {frame.hashes}: the same bits per item as your run, on a small array you can
        see. Highlighted: the {frame.last.length} bits of the latest item. A lookup says “probably present”
        only if all k of its bits are set — the fuller the array, the likelier that is by chance.
      </p>
    </div>
  );
}
