/**
 * Every registered lab's default experiments, run in Node with the shared default seed: the rows the
 * claims command prints and the unit tests compare.
 */
import type { ClaimRow } from '../../../shared/labs/framework';
import { LAB_REGISTRY } from '../../../shared/labs/registry';
import { runExperiment, type RunOptions } from '../../../shared/labs/run';
import { memorySqlDriver } from './sql';

export interface LabClaimRow extends ClaimRow {
  lab: string;
  experiment: string;
}

export interface LabRun {
  lab: string;
  experiment: string;
  ms: number;
  claims: LabClaimRow[];
}

export function runLabDefaults(
  labIds: readonly string[] = Object.keys(LAB_REGISTRY),
  opts: Pick<RunOptions, 'seed'> & { params?: Record<string, Record<string, unknown>> } = {},
): LabRun[] {
  const runs: LabRun[] = [];
  for (const id of labIds) {
    const lab = LAB_REGISTRY[id];
    if (!lab) throw new Error(`No lab called ${id}; built labs: ${Object.keys(LAB_REGISTRY).join(', ')}`);
    for (const experiment of lab.experiments) {
      const started = performance.now();
      const result = runExperiment(lab, experiment.id, lab.reference, {
        seed: opts.seed,
        params: opts.params?.[`${id}/${experiment.id}`],
        sql: memorySqlDriver,
      });
      runs.push({
        lab: id,
        experiment: experiment.id,
        ms: performance.now() - started,
        claims: result.claims.map((row) => ({ lab: id, experiment: experiment.id, ...row })),
      });
    }
  }
  return runs;
}
