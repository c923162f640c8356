/**
 * The board check of the final board, on the session page: computed from the saved scene and the
 * problem's expectations, the same way every time (so nothing is stored that could drift from the
 * board it describes). Clicking a finding highlights its shapes on the replay board.
 */
import { useMemo, useState } from 'react';
import { checkBoard } from '../../../shared/board/checks';
import { sceneElements, type BoardElement } from '../../../shared/board/graph';
import type { SessionState } from '../../../shared/api/sessions';
import type { Problem } from '../../../shared/content/schema';
import { summary } from '../../../shared/board/checks';
import { FindingsList } from './FindingsList';
import { ComponentTimes } from './ComponentTimeline';
import './board.css';

interface Board {
  highlight(ids: readonly string[]): void;
  load(json: string): void;
  elements(): readonly BoardElement[];
}

export function SessionBoardCheck({
  session,
  problem,
  getBoard,
}: {
  session: SessionState;
  problem: Problem | null;
  getBoard: () => Board | null;
}) {
  const json = session.scene?.json ?? null;
  const result = useMemo(() => checkBoard(sceneElements(json), problem?.board), [json, problem]);
  const [selected, setSelected] = useState<string | null>(null);
  if (!json || session.scene?.elementCount === 0) return null;
  return (
    <section
      className="session-board-check"
      aria-label="Check of the final board"
      data-testid="session-board-check"
    >
      <h3>Check of the final board</h3>
      <p className="muted small-print">
        {summary(result)} Advice, not a score
        {result.reference
          ? ': the board held against what the reference design needs.'
          : ': this problem has no board expectations, so only the general checks ran.'}
      </p>
      <FindingsList
        result={result}
        selected={selected}
        onSelect={(f) => {
          const board = getBoard();
          if (!board) return;
          setSelected(f.key);
          // The replay may be showing an earlier snapshot: the finding is about the final board.
          const present = new Set(board.elements().map((e) => e.id));
          if (!f.elementIds.some((id) => present.has(id))) board.load(json);
          requestAnimationFrame(() => board.highlight(f.elementIds));
        }}
      />
      <ComponentTimes sessionId={session.id} startMs={session.createdAtMs} />
    </section>
  );
}

/** The same check in the printed report: the findings of the final board, nothing to click. */
export function ReportBoardCheck({ session, problem }: { session: SessionState; problem: Problem | null }) {
  const json = session.scene?.json ?? null;
  const result = useMemo(() => checkBoard(sceneElements(json), problem?.board), [json, problem]);
  if (!json || session.scene?.elementCount === 0) return null;
  return (
    <section className="report-section" data-testid="report-board-check">
      <h2>Board check</h2>
      <p className="muted">
        {summary(result)} Advice, not a score
        {result.reference
          ? ': the final board held against what the reference design needs.'
          : ': this problem has no board expectations, so only the general checks ran.'}
      </p>
      <FindingsList result={result} />
    </section>
  );
}

/**
 * On the scoring screen, under Design: the final board's findings offered as evidence. Nothing is
 * added unless the candidate chooses to; the score stays theirs.
 */
export function BoardEvidence({
  session,
  problem,
  onAdd,
}: {
  session: SessionState;
  problem: Problem | null;
  onAdd: (text: string) => void;
}) {
  const json = session.scene?.json ?? null;
  const result = useMemo(() => checkBoard(sceneElements(json), problem?.board), [json, problem]);
  if (!json || session.scene?.elementCount === 0) return null;
  const line = (f: (typeof result.findings)[number]) => `Board check: ${f.title}.`;
  return (
    <details className="board-evidence" data-testid="board-evidence">
      <summary>
        Board check of your final board: {summary(result)}{' '}
        {result.findings.length > 0 && <span className="muted">Use any as evidence?</span>}
      </summary>
      {result.findings.length > 0 ? (
        <ul>
          {result.findings.map((f) => (
            <li key={f.key}>
              {f.title}{' '}
              <button type="button" className="btn small" onClick={() => onAdd(line(f))}>
                Add to evidence
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small-print">The check found nothing to point out on the final board.</p>
      )}
    </details>
  );
}
