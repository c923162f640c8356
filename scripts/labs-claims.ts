/**
 * `npm run -s labs:claims [-- --json] [--seed N] [--lab id]`: runs every registered lab's default
 * experiments in Node and prints every claims row (claim, source, expected, measured, verdict). The
 * app shows the same measured values for the same seed.
 */
import { VERDICT_WORDS } from '../shared/labs/framework';
import { DEFAULT_SEED } from '../shared/labs/run';
import { runLabDefaults } from '../electron/core/labs/claims';

const args = process.argv.slice(2);
const json = args.includes('--json');
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(valueOf('--seed') ?? DEFAULT_SEED);
const only = valueOf('--lab');

const runs = runLabDefaults(only ? [only] : undefined, { seed });
const rows = runs.flatMap((r) => r.claims);

if (json) {
  process.stdout.write(`${JSON.stringify({ seed, claims: rows }, null, 2)}\n`);
} else {
  for (const run of runs) {
    process.stdout.write(`\n${run.lab} / ${run.experiment}  (${Math.round(run.ms)} ms, seed ${seed})\n`);
    for (const row of run.claims) {
      process.stdout.write(
        `  ${VERDICT_WORDS[row.verdict].padEnd(14)} ${row.claim}\n${' '.repeat(17)}expected ${row.expected}; measured ${row.measured}\n`,
      );
    }
  }
  const counts = rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.verdict]: (acc[r.verdict] ?? 0) + 1 }),
    {},
  );
  process.stdout.write(
    `\n${rows.length} claims: ${Object.entries(counts)
      .map(([v, c]) => `${c} ${VERDICT_WORDS[v as keyof typeof VERDICT_WORDS].toLowerCase()}`)
      .join(', ')}\n`,
  );
}
