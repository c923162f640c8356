/** Keyboard focus, read from the page: what has it, and Tab until something does. */
import type { Page } from 'playwright-core';

export interface Focused {
  role: string | null;
  level: string | null;
  dimension: string | null;
  testId: string | null;
  tag: string | null;
  label: string | null;
  text: string;
}

/** What has keyboard focus (evaluated in the page; this project's Node types have no DOM). */
export const focused = (page: Page) =>
  page.evaluate<Focused>(`(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? null,
      level: el?.dataset.level ?? null,
      dimension: el?.closest('[data-dimension]')?.getAttribute('data-dimension') ?? null,
      testId: el?.dataset.testid ?? null,
      tag: el?.tagName ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      text: el?.textContent ?? '',
    };
  })()`);

/**
 * Presses Tab (or Shift+Tab) until `wanted` holds for the focused element, at most `maxPresses`
 * times; throws naming what had focus last, so a broken tab order fails with a reason.
 */
export async function tabUntil(
  page: Page,
  wanted: (f: Focused) => boolean,
  { maxPresses = 80, key = 'Tab' }: { maxPresses?: number; key?: 'Tab' | 'Shift+Tab' } = {},
): Promise<Focused> {
  let now = await focused(page);
  for (let i = 0; i < maxPresses && !wanted(now); i++) {
    await page.keyboard.press(key);
    now = await focused(page);
  }
  if (!wanted(now)) {
    throw new Error(`Focus never reached the wanted element; last: ${JSON.stringify(now)}`);
  }
  return now;
}
