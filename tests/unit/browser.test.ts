import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOW_TO_GET_ONE, findChromium } from '../e2e/browser';
import { tempDir } from '../helpers/backend';

describe('finding a browser for the end-to-end tests', () => {
  it('uses CHROMIUM_PATH when it points at a file, and reports none when it does not', () => {
    const file = path.join(tempDir('browser'), 'my-chrome');
    fs.writeFileSync(file, '');
    expect(findChromium({ CHROMIUM_PATH: file })).toBe(file);
    expect(findChromium({ CHROMIUM_PATH: `${file}-missing` })).toBeNull();
  });

  it('says in one line how to get one', () => {
    expect(HOW_TO_GET_ONE).not.toContain('\n');
    expect(HOW_TO_GET_ONE).toContain('npx playwright install chromium');
    expect(HOW_TO_GET_ONE).toContain('apt-get install chromium');
  });
});
