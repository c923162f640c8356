/**
 * Each lab's visualisation, loaded only when its page opens. A component gets the last result, the
 * parameters it ran with, and whether a run is under way.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ExperimentResult } from '../../../../shared/labs/framework';

export interface VisualProps {
  result: ExperimentResult;
  params: Record<string, unknown>;
  running: boolean;
}

/**
 * Visuals drawn along a time line or a log read best across the whole page; the others (the ring,
 * the bit grid, the queue bars) sit beside the charts.
 */
export const WIDE_VISUALS: ReadonlySet<string> = new Set(['rate-limiters', 'lsm-btree', 'dedup-pipeline']);

export const VISUALS: Record<string, LazyExoticComponent<ComponentType<VisualProps>>> = {
  'consistent-hashing': lazy(() => import('./consistent-hashing')),
  'bloom-sketches': lazy(() => import('./bloom-sketches')),
  'rate-limiters': lazy(() => import('./rate-limiters')),
  'lsm-btree': lazy(() => import('./lsm-btree')),
  'dedup-pipeline': lazy(() => import('./dedup-pipeline')),
  'db-queue': lazy(() => import('./db-queue')),
};
