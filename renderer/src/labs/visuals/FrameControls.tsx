/**
 * Steps through a run's frames: a play/pause button and a slider, so a visualisation can replay
 * the run (and the user can stop on any moment). Shared by the labs' visualisations.
 */
import { useEffect, useState } from 'react';

/**
 * The current frame index; plays forward once when the frames change, unless the user takes over.
 * `totalMs` is how long the whole replay takes (each frame gets an equal share, 16 ms to 1 s).
 */
export function useFrames(
  count: number,
  totalMs = 3000,
): {
  index: number;
  setIndex: (i: number) => void;
  playing: boolean;
  setPlaying: (p: boolean) => void;
} {
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(true);
  // New frames (a new run): start from the beginning and play.
  useEffect(() => {
    setIndex(0);
    setPlaying(count > 1);
  }, [count]);
  const stepMs = Math.min(1000, Math.max(16, totalMs / Math.max(1, count)));
  useEffect(() => {
    if (!playing || count <= 1) return;
    const timer = setInterval(() => {
      setIndex((i) => {
        if (i + 1 >= count) {
          setPlaying(false);
          return count - 1;
        }
        return i + 1;
      });
    }, stepMs);
    return () => clearInterval(timer);
  }, [playing, count, stepMs]);
  return { index: Math.min(index, Math.max(0, count - 1)), setIndex, playing, setPlaying };
}

export function FrameControls(props: {
  count: number;
  index: number;
  playing: boolean;
  onIndex: (i: number) => void;
  onPlaying: (p: boolean) => void;
  /** Describes the current frame, e.g. "t = 12 s". */
  label: string;
}) {
  if (props.count <= 1) return <p className="lab-visual-caption">{props.label}</p>;
  return (
    <div className="lab-frame-controls">
      <button
        type="button"
        className="btn"
        onClick={() => {
          if (!props.playing && props.index >= props.count - 1) props.onIndex(0);
          props.onPlaying(!props.playing);
        }}
      >
        {props.playing ? 'Pause' : 'Replay'}
      </button>
      <input
        type="range"
        min={0}
        max={props.count - 1}
        value={props.index}
        aria-label="Moment in the run"
        onChange={(e) => {
          props.onPlaying(false);
          props.onIndex(Number(e.target.value));
        }}
      />
      <span className="lab-visual-caption" aria-live="off">
        {props.label}
      </span>
    </div>
  );
}
