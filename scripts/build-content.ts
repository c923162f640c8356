/**
 * Validates the built-in content pack (schema, links, budgets, every estimate's arithmetic) and
 * writes it as one JSON file, so the app loads it at start-up without validating it again. A pack
 * with any error fails the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuiltin } from '../electron/core/library/builtin';
import { loadPackFolder } from '../electron/core/library/load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'assets', 'content', 'builtin');
const target = path.join(root, 'dist', 'content', 'builtin-pack.json');

const loaded = loadPackFolder(source);
if (!loaded.pack) {
  for (const i of loaded.issues) process.stderr.write(`${i.file ?? ''}: ${i.path}: ${i.message}\n`);
  process.stderr.write(`The built-in pack has ${loaded.issues.length} error(s); not built.\n`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
// The pack, and beside it the index start-up lists the library from (library/builtin.ts).
writeBuiltin(target, loaded.pack);
