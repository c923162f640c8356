/**
 * The whiteboard as text for the model and for quote checks: the one place the AI features read the
 * board, through the shared description (shared/board/describe.ts) — labelled shapes with their
 * system-design kind, arrows with their ends and labels, free text, grouped by frame.
 */
import { describeBoard } from '../../../shared/board/describe';
import { sceneElements } from '../../../shared/board/graph';

const EMPTY = describeBoard([]);

/** The board as the model reads it; '' when nothing was drawn (so it adds no words of its own). */
export function boardText(sceneJson: string | null | undefined): string {
  const text = describeBoard(sceneElements(sceneJson));
  return text === EMPTY ? '' : text;
}
