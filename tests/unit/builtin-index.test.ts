/**
 * The built-in pack's index (library/builtin.ts): start-up lists the library from it, exactly as
 * from the whole pack, and parses the pack only when an item is first needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { indexFileFor, writeBuiltin } from '../../electron/core/library/builtin';
import { backend, builtin, call, tempDir } from '../helpers/backend';
import type { LibraryItem } from '../../shared/api/contract';

function builtPack(): string {
  const file = path.join(tempDir('pack'), 'builtin-pack.json');
  writeBuiltin(file, builtin());
  return file;
}

afterEach(() => vi.restoreAllMocks());

describe('the built-in pack at start-up', () => {
  it('lists, filters and searches the same from its index as from the whole pack', async () => {
    const fromIndex = backend(undefined, { builtin: undefined, builtinPackFile: builtPack() }).b;
    const fromPack = backend().b;
    for (const query of [
      {},
      { kinds: ['problem'] },
      { difficulty: 'hard' },
      { topic: 'caching' },
      { text: 'kafka' },
    ]) {
      expect(await call<LibraryItem[]>(fromIndex, 'library.list', query)).toEqual(
        await call<LibraryItem[]>(fromPack, 'library.list', query),
      );
    }
    expect(await call(fromIndex, 'library.facets', {})).toEqual(await call(fromPack, 'library.facets', {}));
    expect(await call(fromIndex, 'problem.get', { id: 'url-shortener' })).toEqual(
      await call(fromPack, 'problem.get', { id: 'url-shortener' }),
    );
  });

  it('reads only the index until an item is opened, then the pack once', async () => {
    const file = builtPack();
    const read = vi.spyOn(fs, 'readFileSync');
    const packReads = () => read.mock.calls.filter(([f]) => f === file).length;
    const { b } = backend(undefined, { builtin: undefined, builtinPackFile: file });
    expect((await call<LibraryItem[]>(b, 'library.list', {})).length).toBeGreaterThan(100);
    await call(b, 'library.facets', {});
    expect(await call(b, 'welcome.get', {})).toEqual(await call(backend().b, 'welcome.get', {}));
    expect(packReads()).toBe(0);
    await call(b, 'problem.get', { id: 'url-shortener' });
    await call(b, 'concept.get', {
      id: (await call<LibraryItem[]>(b, 'library.list', { kinds: ['concept'] }))[0]!.id,
    });
    expect(packReads()).toBe(1);
  });

  it('does not trust an index written for another build, and says so in the log', async () => {
    const file = builtPack();
    const index = JSON.parse(fs.readFileSync(indexFileFor(file), 'utf8')) as { problems: LibraryItem[] };
    index.problems = index.problems.slice(0, 1);
    fs.writeFileSync(indexFileFor(file), JSON.stringify({ ...index, packBytes: 1 }));
    const log: string[] = [];
    const { b } = backend(undefined, { builtin: undefined, builtinPackFile: file, log: (l) => log.push(l) });
    const problems = await call<LibraryItem[]>(b, 'library.list', { kinds: ['problem'] });
    expect(problems.length).toBe(builtin().problems.length);
    expect(log.join('\n')).toMatch(/index is from another build/);
  });

  it('lists from the whole pack when the index is damaged', async () => {
    for (const damage of ['{"packBytes":', '{"packBytes": 5}', 'null']) {
      const file = builtPack();
      const bytes = fs.statSync(file).size;
      fs.writeFileSync(indexFileFor(file), damage.replace('5', String(bytes)));
      const log: string[] = [];
      const { b } = backend(undefined, {
        builtin: undefined,
        builtinPackFile: file,
        log: (l) => log.push(l),
      });
      expect(await call<LibraryItem[]>(b, 'library.list', {})).toEqual(
        await call(backend().b, 'library.list', {}),
      );
      expect(log.join('\n')).toMatch(/index is damaged/);
    }
  });

  it('refuses to start when the pack file is missing, naming it', () => {
    const file = path.join(tempDir('nopack'), 'builtin-pack.json');
    expect(() => backend(undefined, { builtin: undefined, builtinPackFile: file })).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is missing`),
    );
  });
});
