/**
 * TEST-ONLY: lets an end-to-end test move the web shell's back-end clock forward, so "a few days
 * later" is true on both sides (the page's own clock is moved with Playwright's page.clock). It is
 * active only when TRADEOFF_TEST_CLOCK_FILE names a file holding an offset in milliseconds; neither
 * shell sets it, so the desktop app and a normal web shell run on the real clock.
 */
import fs from 'node:fs';

export function testClock(env: NodeJS.ProcessEnv = process.env): (() => number) | undefined {
  const file = env.TRADEOFF_TEST_CLOCK_FILE;
  if (!file) return undefined;
  return () => {
    let offsetMs = 0;
    try {
      offsetMs = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      // No file yet: no offset.
    }
    return Date.now() + offsetMs;
  };
}
