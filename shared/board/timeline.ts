/**
 * When each essential component first appeared on the board, read from the interview's snapshots:
 * shown on the session page next to the phase markers, so "the cache arrived in the deep dive" can
 * be seen, not guessed.
 */
import type { BoardExpectations } from '../content/schema';
import type { PhaseId } from '../domain/phases';
import { componentName, presentComponents } from './checks';
import { boardGraph, type BoardElement } from './graph';

export interface BoardFrame {
  atMs: number;
  phase: PhaseId | null;
  elements: readonly BoardElement[];
}

export interface ComponentAppearance {
  id: string;
  /** As findings name it ("cache", "Redirect service"). */
  name: string;
  /** The first frame that shows it; null when no frame does. */
  atMs: number | null;
  phase: PhaseId | null;
}

/** `frames` in time order (snapshots, then the final board). */
export function firstAppearances(
  expectations: BoardExpectations,
  frames: readonly BoardFrame[],
): ComponentAppearance[] {
  const essential = expectations.components.filter((c) => !c.optional);
  const seen = new Map<string, BoardFrame>();
  for (const frame of frames) {
    if (seen.size === essential.length) break;
    const present = presentComponents(boardGraph(frame.elements), expectations);
    for (const c of essential) if (!seen.has(c.id) && present.has(c.id)) seen.set(c.id, frame);
  }
  return essential.map((c) => ({
    id: c.id,
    name: componentName(c),
    atMs: seen.get(c.id)?.atMs ?? null,
    phase: seen.get(c.id)?.phase ?? null,
  }));
}
