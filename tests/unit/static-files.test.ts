import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaticFiles } from '../../electron/web/static';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-static-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string, mtimeS?: number) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  if (mtimeS !== undefined) fs.utimesSync(file, mtimeS, mtimeS);
  return file;
};

describe('StaticFiles', () => {
  it('serves a file from memory the second time, and re-reads it once it changes', async () => {
    const files = new StaticFiles();
    const file = write('a.js', 'one', 1000);
    const first = await files.read(file);
    expect(first?.toString()).toBe('one');
    expect(await files.read(file)).toBe(first); // the same buffer: not read again
    write('a.js', 'two!', 2000);
    expect((await files.read(file))?.toString()).toBe('two!');
    expect(files.bytesHeld).toBe(4);
  });

  it('answers null for a missing file or a folder', async () => {
    const files = new StaticFiles();
    expect(await files.read(path.join(dir, 'nope.js'))).toBeNull();
    expect(await files.read(dir)).toBeNull();
  });

  it('keeps no more than its budget, dropping the least recently used file first', async () => {
    const files = new StaticFiles(100, 10);
    const a = write('a', 'aaaa');
    const b = write('b', 'bbbb');
    const c = write('c', 'cccc');
    const aBody = await files.read(a);
    await files.read(b);
    expect(await files.read(a)).toBe(aBody); // a is now the most recent
    await files.read(c); // 12 bytes > 10: b goes
    expect(files.bytesHeld).toBe(8);
    expect(await files.read(a)).toBe(aBody);
  });

  it('serves a file larger than the per-file limit without keeping it', async () => {
    const files = new StaticFiles(3, 100);
    const big = write('big', 'abcdef');
    expect((await files.read(big))?.toString()).toBe('abcdef');
    expect(files.bytesHeld).toBe(0);
  });
});
