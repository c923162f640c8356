/**
 * Database as a queue: where each endpoint's jobs are at one moment — queued, executing, waiting for
 * a retry, or finished (succeeded, discarded, archived) — with one FIFO queue on the left and a queue
 * per endpoint on the right, replayed over the run. An endpoint in an outage is marked.
 */
import type { QueueFrame } from '../../../../shared/labs/db-queue/index';
import { FrameControls, useFrames } from './FrameControls';
import './visuals.css';
import './db-queue.css';
import type { VisualProps } from './index';

const PARTS = [
  { key: 'queued', label: 'queued' },
  { key: 'executing', label: 'executing' },
  { key: 'awaitingRetry', label: 'awaiting retry' },
  { key: 'succeeded', label: 'succeeded' },
  { key: 'discarded', label: 'discarded (4xx)' },
  { key: 'archived', label: 'archived' },
] as const;

const SCHEDULING_WORDS = { 'single-fifo': 'One FIFO queue', 'per-endpoint': 'A queue per endpoint' } as const;

export default function Visual(props: VisualProps) {
  const frames = (props.result.frames ?? []) as QueueFrame[];
  const times = [...new Set(frames.map((f) => f.tSec))].sort((a, b) => a - b);
  const { index, setIndex, playing, setPlaying } = useFrames(times.length, 5000);
  if (frames.length === 0) {
    return (
      <div className="lab-visual-empty">
        {props.running ? 'Running…' : 'This experiment has no picture: its charts and claims are below.'}
      </div>
    );
  }
  const t = times[index]!;
  const schedulings = [...new Set(frames.map((f) => f.scheduling))];
  // One scale for every bar, so the panels compare: the most jobs any endpoint ever had.
  const maxJobs = Math.max(
    1,
    ...frames.flatMap((f) =>
      Object.values(f.endpoints).map((e) => PARTS.reduce((sum, p) => sum + e[p.key], 0)),
    ),
  );
  return (
    <div className="lab-visual queue-visual">
      <div className="queue-panels">
        {schedulings.map((scheduling) => {
          const frame =
            frames.filter((f) => f.scheduling === scheduling && f.tSec <= t).at(-1) ??
            frames.find((f) => f.scheduling === scheduling)!;
          return (
            <section key={scheduling} className="queue-panel" aria-label={SCHEDULING_WORDS[scheduling]}>
              <h3>{SCHEDULING_WORDS[scheduling]}</h3>
              {Object.entries(frame.endpoints).map(([name, e]) => {
                const backlog = e.queued + e.executing + e.awaitingRetry;
                return (
                  <div key={name} className="queue-endpoint">
                    <span className="queue-name">
                      {name}
                      {e.down && <span className="queue-down">down</span>}
                    </span>
                    <span
                      className="queue-bar"
                      role="img"
                      aria-label={`${name}: ${PARTS.map((p) => `${e[p.key]} ${p.label}`).join(', ')}`}
                    >
                      {PARTS.map((p) =>
                        e[p.key] > 0 ? (
                          <span
                            key={p.key}
                            className={`queue-part ${p.key}`}
                            style={{ width: `${(e[p.key] / maxJobs) * 100}%` }}
                            title={`${e[p.key]} ${p.label}`}
                          />
                        ) : null,
                      )}
                    </span>
                    <span className="queue-count">{backlog > 0 ? `${backlog} waiting` : 'idle'}</span>
                  </div>
                );
              })}
            </section>
          );
        })}
      </div>
      <ul className="lab-legend">
        {PARTS.map((p) => (
          <li key={p.key}>
            <span className={`lab-swatch queue-part ${p.key}`} /> {p.label}
          </li>
        ))}
      </ul>
      <FrameControls
        count={times.length}
        index={index}
        playing={playing}
        onIndex={setIndex}
        onPlaying={setPlaying}
        label={`t = ${t} s`}
      />
    </div>
  );
}
