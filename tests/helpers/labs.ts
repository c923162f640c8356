/**
 * Runs a lab's experiment in Node the way the app's Worker does: parameters parsed from the zod
 * schema (defaults plus overrides), a seeded random source, no progress UI and no Stop.
 */
import type { ClaimRow, ExperimentResult, LabDefinition } from '../../shared/labs/framework';
import { seededRng } from '../../shared/labs/framework';
import { memorySqlDriver as createSqlDriver } from '../../electron/core/labs/sql';

export function runExperiment<Impl>(
  lab: LabDefinition<Impl>,
  experimentId: string,
  overrides: Record<string, unknown> = {},
  opts: { impl?: Impl; seed?: number } = {},
): ExperimentResult {
  const experiment = lab.experiments.find((e) => e.id === experimentId);
  if (!experiment) throw new Error(`${lab.id} has no experiment "${experimentId}"`);
  const seed = opts.seed ?? 1;
  return experiment.run(opts.impl ?? lab.reference, experiment.params.parse(overrides), {
    seed,
    rng: seededRng(seed),
    sql: createSqlDriver,
    progress: () => {},
    shouldStop: () => false,
  });
}

/** The claims row whose text contains `fragment` (fails loudly when there is none). */
export function claim(result: ExperimentResult, fragment: string): ClaimRow {
  const row = result.claims.find((c) => c.claim.includes(fragment));
  if (!row)
    throw new Error(`no claim containing "${fragment}" in: ${result.claims.map((c) => c.claim).join(' | ')}`);
  return row;
}
