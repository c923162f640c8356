/**
 * Dedup pipeline: the input log around the crash, the worker's steps in the order under test with
 * the crash point marked, and the output log; after the restart each input message is coloured by
 * what became of it. For the retention experiment, a timeline of the log with the dedup window, the
 * output log's retention at the rebuild, and the duplicates that slipped through.
 */
import type { DedupFrame, LogCell } from '../../../../shared/labs/dedup-pipeline/index';
import { FrameControls, useFrames } from './FrameControls';
import './visuals.css';
import './dedup-pipeline.css';
import type { VisualProps } from './index';

const STATUS_WORDS: Record<LogCell['status'], string> = {
  published: 'published once',
  dropped: 'dropped as a duplicate',
  lost: 'lost',
  duplicated: 'published twice',
};

const STEP_WORDS: Record<string, string> = {
  store: 'Write id to store',
  publish: 'Publish to output',
  commit: 'Commit input offset',
};

type CrashFrame = Extract<DedupFrame, { kind: 'crash' }>;
type WindowFrame = Extract<DedupFrame, { kind: 'window' }>;

export default function Visual(props: VisualProps) {
  const frames = (props.result.frames ?? []) as DedupFrame[];
  const { index, setIndex, playing, setPlaying } = useFrames(frames.length, 20_000);
  if (frames.length === 0) {
    return (
      <div className="lab-visual-empty">
        {props.running ? 'Running…' : 'Run the experiment to see the pipeline.'}
      </div>
    );
  }
  const frame = frames[index]!;
  return (
    <div className="lab-visual dedup-visual">
      {frame.kind === 'crash' ? <CrashView frame={frame} /> : <WindowView frame={frame} />}
      <FrameControls
        count={frames.length}
        index={index}
        playing={playing}
        onIndex={setIndex}
        onPlaying={setPlaying}
        label={
          frame.kind === 'crash'
            ? `${index + 1} of ${frames.length}: ${frame.variant}, crash ${frame.crashLabel}`
            : 'Rebuild after the crash'
        }
      />
    </div>
  );
}

function CrashView({ frame }: { frame: CrashFrame }) {
  const crashIndex = frame.order.indexOf(frame.crashStep);
  const after = frame.crashWhen === 'after';
  return (
    <>
      <section aria-label="Input log" className="dedup-row">
        <h3>Input log</h3>
        <ol className="dedup-log">
          {frame.input.map((cell) => (
            <li
              key={cell.offset}
              className={`dedup-cell ${cell.status}${cell.offset === frame.crashOffset ? ' crashing' : ''}`}
              title={`offset ${cell.offset}: ${cell.id}, ${STATUS_WORDS[cell.status]}`}
            >
              <span className="dedup-offset">{cell.offset}</span>
              <span className="dedup-id">{cell.id}</span>
              {cell.offset === frame.committedAtCrash && <span className="dedup-pointer">restart here</span>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-label="Worker steps" className="dedup-row">
        <h3>
          Worker ·{' '}
          {frame.recovery === 'rebuild-from-output'
            ? 'store rebuilt from the output log'
            : 'old store reattached'}
        </h3>
        <ol className="dedup-steps">
          {frame.order.map((step, i) => (
            <li key={step} className="dedup-step-wrap">
              {i === crashIndex && !after && (
                <span className="dedup-crash" aria-label="crash here">
                  ✕ crash
                </span>
              )}
              <span className={`dedup-step${i < crashIndex || (i === crashIndex && after) ? ' done' : ''}`}>
                {STEP_WORDS[step]}
              </span>
              {i === crashIndex && after && (
                <span className="dedup-crash" aria-label="crash here">
                  ✕ crash
                </span>
              )}
            </li>
          ))}
        </ol>
        <p className="lab-visual-caption">
          At the crash the store {frame.storeHadIdAtCrash ? 'had' : 'did not have'} the message’s id; the
          output log held {frame.outputAtCrash} messages.
        </p>
      </section>
      <section aria-label="Output log" className="dedup-row">
        <h3>Output log (after the restart)</h3>
        <ol className="dedup-log">
          {frame.outputTail.map((o, i) => (
            <li
              key={`${o.offset}-${i}`}
              className={`dedup-cell out${o.offset === frame.crashOffset ? ' crashing' : ''}`}
            >
              <span className="dedup-offset">from {o.offset}</span>
              <span className="dedup-id">{o.id}</span>
            </li>
          ))}
        </ol>
      </section>
      <p className={`dedup-outcome ${frame.lost + frame.duplicated === 0 ? 'good' : 'bad'}`}>
        {frame.lost + frame.duplicated === 0
          ? 'Nothing lost, nothing published twice.'
          : `${frame.lost} lost, ${frame.duplicated} published twice.`}
      </p>
      <ul className="lab-legend">
        {(Object.keys(STATUS_WORDS) as LogCell['status'][]).map((s) => (
          <li key={s}>
            <span className={`lab-swatch dedup-swatch ${s}`} /> {STATUS_WORDS[s]}
          </li>
        ))}
      </ul>
    </>
  );
}

function WindowView({ frame }: { frame: WindowFrame }) {
  const W = 720;
  const x = (offset: number) => 10 + (offset / frame.messages) * (W - 20);
  const retentionFrom = Math.max(0, frame.crashOffset - frame.outputRetention);
  return (
    <>
      <svg
        viewBox={`0 0 ${W} 150`}
        role="img"
        aria-label="The input log with the crash, the retention kept for the rebuild and the duplicates that slipped through"
      >
        <rect className="dedup-track" x={10} y={60} width={W - 20} height={16} rx={3} />
        <rect
          className="dedup-window"
          x={x(Math.max(0, frame.crashOffset - frame.dedupWindow))}
          y={52}
          width={x(frame.crashOffset) - x(Math.max(0, frame.crashOffset - frame.dedupWindow))}
          height={32}
        />
        <rect
          className="dedup-retention"
          x={x(retentionFrom)}
          y={60}
          width={x(frame.crashOffset) - x(retentionFrom)}
          height={16}
        />
        <line
          className="dedup-crash-line"
          x1={x(frame.crashOffset)}
          x2={x(frame.crashOffset)}
          y1={40}
          y2={96}
        />
        <text x={x(frame.crashOffset)} y={34} textAnchor="middle">
          crash + rebuild
        </text>
        <text x={x(retentionFrom)} y={112} textAnchor="middle">
          retention
        </text>
        <text x={x(Math.max(0, frame.crashOffset - frame.dedupWindow))} y={112} textAnchor="middle">
          dedup window
        </text>
        {frame.leakedOffsets.map((offset, i) => (
          <g key={i}>
            <path
              className="dedup-arc"
              d={`M ${x(frame.originalOffsets[i]!)} 60 Q ${(x(frame.originalOffsets[i]!) + x(offset)) / 2} ${14} ${x(offset)} 60`}
            />
            <circle className="dedup-leak" cx={x(offset)} cy={68} r={3} />
          </g>
        ))}
        <text x={10} y={140}>
          offset 0
        </text>
        <text x={W - 10} y={140} textAnchor="end">
          {frame.messages.toLocaleString()}
        </text>
      </svg>
      <p className="lab-visual-caption">
        {frame.leakedOffsets.length === 0
          ? 'Every duplicate after the rebuild was caught: the output log kept enough.'
          : `${frame.leakedOffsets.length} duplicates got through after the rebuild: their originals (arc start) were older than the output log’s retention, so the rebuilt store never saw them.`}
      </p>
      <ul className="lab-legend">
        <li>
          <span className="lab-swatch dedup-swatch window" /> dedup window
        </li>
        <li>
          <span className="lab-swatch accent" /> kept by the output log at the rebuild
        </li>
        <li>
          <span className="lab-swatch bad" /> duplicate published again
        </li>
      </ul>
    </>
  );
}
