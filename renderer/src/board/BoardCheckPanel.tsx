/**
 * "Check my board" in the interview: reads the whiteboard as a system graph and holds it against the
 * problem's reference design (shared/board/checks.ts), on demand. Available from the high-level
 * design phase, when there is a design to check; the result says which phase it was run in, since
 * the board keeps changing after it.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { checkBoard, type BoardCheckResult, type Finding } from '../../../shared/board/checks';
import type { BoardElement } from '../../../shared/board/graph';
import { PHASE_IDS, PHASE_LABELS, type PhaseId } from '../../../shared/domain/phases';
import { call } from '../api/client';
import { summary } from '../../../shared/board/checks';
import { FindingsList } from './FindingsList';
import './board.css';

/** The phase from which the check is offered. */
export const CHECK_FROM_PHASE: PhaseId = 'design';

interface Board {
  elements(): readonly BoardElement[];
  highlight(ids: readonly string[]): void;
}

export function BoardCheckPanel({
  problemId,
  phase,
  getBoard,
}: {
  problemId: string;
  phase: PhaseId;
  getBoard: () => Board | null;
}) {
  const problem = useQuery({
    queryKey: ['problem.get', problemId],
    queryFn: () => call('problem.get', { id: problemId }),
  });
  const [run, setRun] = useState<{ result: BoardCheckResult; phase: PhaseId; atMs: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const available = PHASE_IDS.indexOf(phase) >= PHASE_IDS.indexOf(CHECK_FROM_PHASE);
  // A problem that is gone from the library is checked with the general checks only.
  const ready = !problem.isPending;

  function check() {
    const board = getBoard();
    if (!board) return;
    setSelected(null);
    setRun({
      result: checkBoard(board.elements(), problem.data?.problem.board),
      phase,
      atMs: Date.now(),
    });
  }

  function select(f: Finding) {
    setSelected(f.key);
    getBoard()?.highlight(f.elementIds);
  }

  return (
    <section className="board-check" aria-label="Board check" data-testid="board-check">
      <div className="board-check-head">
        <button
          type="button"
          className="btn small"
          onClick={check}
          disabled={!available || !ready}
          data-testid="check-board"
        >
          {run ? 'Check again' : 'Check my board'}
        </button>
        {!available && (
          <span className="muted small-print">
            Available from the {PHASE_LABELS[CHECK_FROM_PHASE].toLowerCase()} phase.
          </span>
        )}
        {run && (
          <>
            <button type="button" className="btn small" onClick={() => setRun(null)}>
              Hide
            </button>
            <span className="muted small-print" aria-live="polite" data-testid="board-check-when">
              {summary(run.result)} Checked in {PHASE_LABELS[run.phase]}, {format(run.atMs, 'HH:mm')}.
            </span>
          </>
        )}
      </div>
      {run && (
        <div className="board-check-body">
          <FindingsList result={run.result} selected={selected} onSelect={select} />
          <p className="muted small-print board-check-note">
            Advice, not a score
            {run.result.reference
              ? ': held against what the reference design needs.'
              : ': this problem has no board expectations, so only the general checks ran.'}
          </p>
        </div>
      )}
    </section>
  );
}
