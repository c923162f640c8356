/** Schemas for the board check's calls. The check itself is pure and runs where the board is. */
import { z } from 'zod';
import { PhaseId } from '../content/schema';
import { SessionId } from './sessions';

export const ComponentAppearanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  atMs: z.number().nullable(),
  phase: PhaseId.nullable(),
});

export const boardCalls = {
  /**
   * When each essential component of the problem's reference first appeared on the board, read
   * from the session's snapshots and its final board. Empty when the problem has no expectations
   * (or is no longer in the library).
   */
  'board.timeline': {
    input: z.object({ id: SessionId }).strict(),
    output: z.object({ components: z.array(ComponentAppearanceSchema) }),
  },
} as const;
