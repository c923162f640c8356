/** The board check's back-end part: the component timeline, read from a session's snapshots. */
import { sceneElements } from '../../../shared/board/graph';
import { firstAppearances, type BoardFrame } from '../../../shared/board/timeline';
import type { Core, HandlerSlice } from '../core';

export function boardHandlers(core: Core): HandlerSlice<'board.timeline'> {
  return {
    'board.timeline': ({ id }) => {
      const sessions = core.stores().sessions;
      const s = sessions.get(id);
      const expectations = core.library().problems.get(s.problemId)?.item.board;
      if (!expectations) return { components: [] };
      const frames: BoardFrame[] = sessions.snapshots(id).map((f) => ({
        atMs: f.atMs,
        phase: f.phase,
        elements: sceneElements(sessions.snapshot(id, f.id).json),
      }));
      // The final board can be newer than the last snapshot.
      if (s.scene) {
        const phase = s.events.filter((e) => e.phase).at(-1)?.phase ?? null;
        frames.push({ atMs: s.scene.updatedAtMs, phase, elements: sceneElements(s.scene.json) });
      }
      return { components: firstAppearances(expectations, frames) };
    },
  };
}
