/**
 * LSM tree vs B+tree: on the left the LSM tree's levels, each table drawn over the key range it
 * covers (level 0's tables overlap, so they stack); the latest flush or compaction is named. On the
 * right the B+tree's pages per level. Below, bytes each engine has written so far.
 */
import type { StorageFrame } from '../../../../shared/labs/lsm-btree/index';
import { FrameControls, useFrames } from './FrameControls';
import './visuals.css';
import './lsm-btree.css';
import type { VisualProps } from './index';

const LSM_W = 440;
const ROW_H = 26;
const BT_W = 260;
const MAX_PAGES_DRAWN = 48;

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}

export default function Visual(props: VisualProps) {
  const frames = (props.result.frames ?? []) as StorageFrame[];
  const { index, setIndex, playing, setPlaying } = useFrames(frames.length, 4000);
  if (frames.length === 0) {
    return (
      <div className="lab-visual-empty">
        {props.running ? 'Running…' : 'This experiment has no picture: its charts and claims are below.'}
      </div>
    );
  }
  const frame = frames[index]!;
  const last = frames[frames.length - 1]!;
  const maxBytes = Math.max(1, last.lsmBytesWritten, last.btreeBytesWritten);
  // Level 0 tables overlap: give each its own sub-row.
  const rows = frame.levels.flatMap((tables, level) =>
    level === 0
      ? tables.map((t, i) => ({ level, label: i === 0 ? 'L0' : '', tables: [t] }))
      : [{ level, label: `L${level}`, tables }],
  );
  const lsmH = Math.max(1, rows.length) * ROW_H + 8;
  const pages = frame.btree.pagesPerLevel;
  const btH = pages.length * ROW_H + 8;
  const height = Math.max(lsmH, btH) + 20;
  const plotX = 40;
  const plotW = LSM_W - plotX - 10;
  const event = frame.event;

  return (
    <div className="lab-visual lsm-visual">
      <svg
        viewBox={`0 0 ${LSM_W + BT_W} ${height}`}
        role="img"
        aria-label="LSM levels with their tables, and B+tree pages per level"
      >
        <text x={0} y={12} className="lsm-heading">
          LSM tree
        </text>
        {frame.levels.length > 0 &&
          rows.map((row, r) => (
            <g key={r} transform={`translate(0, ${20 + r * ROW_H})`}>
              <text x={0} y={ROW_H / 2 + 4}>
                {row.label}
              </text>
              <rect className="lsm-lane" x={plotX} y={2} width={plotW} height={ROW_H - 4} />
              {row.tables.map((t, i) => (
                <rect
                  key={i}
                  className={`lsm-table${event && event.toLevel === row.level ? ' lsm-touched' : ''}`}
                  x={plotX + (t.minKey / frame.keySpace) * plotW}
                  y={4}
                  width={Math.max(2, ((t.maxKey - t.minKey) / frame.keySpace) * plotW - 1)}
                  height={ROW_H - 8}
                >
                  <title>{`${t.entries} entries, keys ${t.minKey}–${t.maxKey}`}</title>
                </rect>
              ))}
            </g>
          ))}
        {frame.levels.length === 0 && (
          <text x={plotX} y={40}>
            (no LSM tree in this experiment)
          </text>
        )}
        <g transform={`translate(${LSM_W}, 0)`}>
          <text x={0} y={12} className="lsm-heading">
            B+tree · height {frame.btree.height} · leaves {Math.round(frame.btree.leafFill * 100)}% full
          </text>
          {pages.map((count, level) => {
            const drawn = Math.min(count, MAX_PAGES_DRAWN);
            const size = Math.min(14, ((BT_W - 60) / MAX_PAGES_DRAWN) * 2.2);
            const perRow = Math.floor((BT_W - 60) / (size + 2));
            return (
              <g key={level} transform={`translate(0, ${20 + level * ROW_H})`}>
                <text x={0} y={ROW_H / 2 + 4}>
                  {count.toLocaleString()}
                </text>
                {Array.from({ length: Math.min(drawn, perRow) }, (_, i) => (
                  <rect
                    key={i}
                    className="bt-page"
                    x={50 + i * (size + 2)}
                    y={(ROW_H - size) / 2}
                    width={size}
                    height={size}
                    rx={2}
                  />
                ))}
                {count > perRow && (
                  <text x={50 + perRow * (size + 2) + 2} y={ROW_H / 2 + 4}>
                    …
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <div className="lsm-bytes" aria-label="Bytes written so far">
        <div>
          <span>LSM tree</span>
          <span className="lsm-bar">
            <span
              className="lsm-bar-fill lsm"
              style={{ width: `${(frame.lsmBytesWritten / maxBytes) * 100}%` }}
            />
          </span>
          <span>{formatBytes(frame.lsmBytesWritten)}</span>
        </div>
        <div>
          <span>B+tree</span>
          <span className="lsm-bar">
            <span
              className="lsm-bar-fill bt"
              style={{ width: `${(frame.btreeBytesWritten / maxBytes) * 100}%` }}
            />
          </span>
          <span>{formatBytes(frame.btreeBytesWritten)}</span>
        </div>
      </div>
      <FrameControls
        count={frames.length}
        index={index}
        playing={playing}
        onIndex={setIndex}
        onPlaying={setPlaying}
        label={`${frame.writes.toLocaleString()} writes${
          event
            ? ` · last: ${event.kind === 'flush' ? 'memtable flushed to L0' : `compaction L${event.fromLevel} → L${event.toLevel}`} (${event.entriesWritten.toLocaleString()} entries written)`
            : ''
        }`}
      />
    </div>
  );
}
