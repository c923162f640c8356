/**
 * Entry point of `npm run web`: `--port N` (default 5174; 0 picks a free port), `--data-dir DIR`
 * (default: TRADEOFF_DATA_DIR, then the desktop app's data folder). Prints the address to open,
 * with its per-launch token. TRADEOFF_WEB_TOKEN fixes the token (for scripts that drive the shell).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir, defaultDataDir } from '../core/paths';
import { startWebShell } from './server';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

const args = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root: the nearest folder above this file with a package.json (source or bundle). */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
  return dir;
}
const root = process.env.TRADEOFF_ROOT ?? findRoot(here);
const portText = flag(args, '--port') ?? process.env.PORT ?? '5174';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535 (got "${portText}").`);
  process.exit(2);
}
const dataDirFlag = flag(args, '--data-dir');
const dataDir = dataDirFlag ? path.resolve(dataDirFlag) : defaultDataDir();

startWebShell({
  port,
  dataDir,
  assetsDir: path.join(root, 'assets'),
  rendererDir: path.join(root, 'dist', 'renderer'),
  workerFile: path.join(root, 'dist', 'web', 'worker', 'backend-worker.cjs'),
  workerBoot: { file: path.join(root, 'dist', 'web', 'worker', 'boot.cjs'), cacheDir: defaultCacheDir() },
  builtinPackFile: path.join(root, 'dist', 'content', 'builtin-pack.json'),
  appVersion: process.env.npm_package_version ?? '0.1.0',
  token: process.env.TRADEOFF_WEB_TOKEN || undefined,
  log: (line) => console.error(`[tradeoff] ${line}`),
})
  .then((shell) => {
    process.stdout.write(`Tradeoff web shell listening on ${shell.url} (data: ${dataDir})\n`);
    const stop = () => void shell.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((e: unknown) => {
    console.error(`Tradeoff web shell could not start: ${(e as Error).message}`);
    process.exit(1);
  });
