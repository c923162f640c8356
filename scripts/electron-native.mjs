// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/, leaving the
// Node build in node_modules untouched (tests and the web shell use that one). Runs before
// `npm start`; does nothing when the binary for this Electron version is already there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const outDir = path.join(root, '.electron-native', electronVersion);
const outFile = path.join(outDir, 'better_sqlite3.node');
if (fs.existsSync(outFile)) process.exit(0);

const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(root, '.electron-native', `build-${electronVersion}`, 'better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.dirname(work), { recursive: true });
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });

// A machine-wide `nodedir` would point node-gyp at Node's headers instead of Electron's.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: work, stdio: 'inherit', env, shell: process.platform === 'win32' });

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (first run only)…`);
try {
  // A prebuilt binary when one is published for this Electron version…
  run('npx', [
    '--yes',
    'prebuild-install',
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ]);
} catch {
  // …otherwise compile against Electron's headers.
  run('npx', [
    '--yes',
    'node-gyp',
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), outFile);
fs.rmSync(path.dirname(work), { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion} is ready.`);
