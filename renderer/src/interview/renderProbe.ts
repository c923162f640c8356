/**
 * Render counting for end-to-end tests, so a test can prove that the clock and typing leave the
 * whiteboard alone. Off unless the page defines `window.__tradeoffRenders` before the app loads
 * (Playwright's addInitScript); then each probe adds one to its counter. React's <Profiler> would be
 * the usual tool, but its onRender callback is compiled out of React's production build, which is
 * what the e2e tests drive.
 */
declare global {
  interface Window {
    __tradeoffRenders?: Record<string, number>;
  }
}

export function countRender(name: string): void {
  const counts = window.__tradeoffRenders;
  if (counts) counts[name] = (counts[name] ?? 0) + 1;
}
