/**
 * Every lab that is built, by id (ids from catalog.ts). The app's Labs screen, the runner Worker, the
 * claims command and the benches all read this one list; a catalogue entry that is not here is shown
 * as planned, never as a lab.
 */
import type { LabDefinition } from './framework';
import { lab as consistentHashing } from './consistent-hashing/index';
import { lab as bloomSketches } from './bloom-sketches/index';
import { lab as rateLimiters } from './rate-limiters/index';
import { lab as lsmBtree } from './lsm-btree/index';
import { lab as dedupPipeline } from './dedup-pipeline/index';
import { lab as dbQueue } from './db-queue/index';

// Each lab is typed against its own implementation module; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLab = LabDefinition<any>;

export const LAB_REGISTRY: Readonly<Record<string, AnyLab>> = {
  [consistentHashing.id]: consistentHashing,
  [bloomSketches.id]: bloomSketches,
  [rateLimiters.id]: rateLimiters,
  [lsmBtree.id]: lsmBtree,
  [dedupPipeline.id]: dedupPipeline,
  [dbQueue.id]: dbQueue,
};

export function builtLab(id: string): AnyLab | undefined {
  return Object.hasOwn(LAB_REGISTRY, id) ? LAB_REGISTRY[id] : undefined;
}
