/**
 * `npm run content:check [path] [--json]` — validates a content pack (the built-in one by default)
 * and prints every error with its file and field path. Exits 1 when there are errors.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countPack, loadPack } from '../electron/core/library/load';

const args = process.argv.slice(2);
const json = args.includes('--json');
const target = args.find((a) => !a.startsWith('--'));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packPath = target ? path.resolve(target) : path.join(root, 'assets', 'content', 'builtin');

let result;
try {
  result = loadPack(packPath);
} catch (e) {
  result = { pack: null, issues: [{ file: packPath, path: '(file)', message: (e as Error).message }] };
}
const counts = countPack(result.pack);
const errors = result.issues.map((i) => ({
  file: i.file ?? path.basename(packPath),
  path: i.path,
  message: i.message,
}));
if (json) {
  process.stdout.write(JSON.stringify({ ...counts, errors }) + '\n');
} else {
  for (const e of errors) process.stdout.write(`${e.file}: ${e.path}: ${e.message}\n`);
  if (errors.length === 0) {
    process.stdout.write(
      `OK ${packPath}\n  problems ${counts.problems}, concepts ${counts.concepts} (questions ${counts.conceptQuestions}), ` +
        `questions ${counts.questions}, behavioural ${counts.behavioural}, drills ${counts.drills}\n`,
    );
  } else {
    process.stdout.write(`${errors.length} error(s) in ${packPath}\n`);
  }
}
process.exitCode = errors.length === 0 ? 0 : 1;
