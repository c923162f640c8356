/**
 * Where data lives when no folder is given: the same folder Electron's `app.getPath('userData')`
 * uses for an app named "Tradeoff", so the desktop app and the web shell share one library.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Tradeoff';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TRADEOFF_DATA_DIR) return path.resolve(env.TRADEOFF_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/**
 * Where the app keeps what it can always make again (the back end's code cache): the platform's
 * per-user cache folder, never a shared one. TRADEOFF_CACHE_DIR overrides it; "off" keeps none.
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string | null {
  if (env.TRADEOFF_CACHE_DIR === 'off') return null;
  if (env.TRADEOFF_CACHE_DIR) return path.resolve(env.TRADEOFF_CACHE_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', APP_NAME);
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), APP_NAME, 'Cache');
  return path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), APP_NAME);
}
