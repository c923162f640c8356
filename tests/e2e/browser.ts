/**
 * Finding a Chromium for the end-to-end tests without asking a newcomer to configure anything:
 * CHROMIUM_PATH first, then a browser Playwright installed, then a system Chrome or Chromium on
 * Linux, macOS or Windows. When there is none, one line says how to get one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function playwrightBrowsers(): string[] {
  // Playwright keeps its browsers in ms-playwright/chromium-<build>/ under a per-OS cache folder.
  const home = os.homedir();
  const roots = [
    process.env.PLAYWRIGHT_BROWSERS_PATH,
    path.join(home, '.cache', 'ms-playwright'),
    path.join(home, 'Library', 'Caches', 'ms-playwright'),
    process.env.LOCALAPPDATA ? path.join(process.env.LOCALAPPDATA, 'ms-playwright') : undefined,
  ].filter((r): r is string => !!r && fs.existsSync(r));
  const found: string[] = [];
  for (const root of roots) {
    const builds = fs
      .readdirSync(root)
      .filter((d) => /^chromium-\d+$/.test(d))
      .sort()
      .reverse();
    for (const build of builds) {
      for (const rel of [
        'chrome-linux/chrome',
        'chrome-linux64/chrome',
        'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
        'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-mac/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-win/chrome.exe',
        'chrome-win64/chrome.exe',
      ])
        found.push(path.join(root, build, rel));
    }
  }
  return found;
}

function systemBrowsers(): string[] {
  switch (process.platform) {
    case 'darwin':
      return [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
      ];
    case 'win32': {
      const bases = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA];
      return bases
        .filter((b): b is string => !!b)
        .flatMap((b) => [
          path.join(b, 'Google', 'Chrome', 'Application', 'chrome.exe'),
          path.join(b, 'Chromium', 'Application', 'chrome.exe'),
        ]);
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ];
  }
}

export const HOW_TO_GET_ONE =
  'No Chromium found for the end-to-end tests: run "npx playwright install chromium" (or on Debian/Ubuntu "sudo apt-get install chromium"), or set CHROMIUM_PATH to a Chrome or Chromium.';

/** The browser to drive, or null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return [...playwrightBrowsers(), ...systemBrowsers()].find((p) => fs.existsSync(p)) ?? null;
}
