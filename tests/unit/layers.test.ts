/** Proves the layer rules in eslint.config.js bite: each forbidden import is reported. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('shared/ may not import Node built-ins, electron or renderer', async () => {
    expect(
      await importErrors('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).not.toHaveLength(0);
    expect(
      await importErrors('shared/x.ts', "import fs from 'fs';\nexport const a = fs;\n"),
    ).not.toHaveLength(0);
    expect(
      await importErrors('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).not.toHaveLength(0);
    expect(
      await importErrors(
        'shared/x.ts',
        "import { Backend } from '../electron/core/backend';\nexport const a = Backend;\n",
      ),
    ).not.toHaveLength(0);
    expect(await importErrors('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(
      0,
    );
  });

  it('renderer/ may not import from electron/', async () => {
    const errors = await importErrors(
      'renderer/src/x.ts',
      "import { Backend } from '../../electron/core/backend';\nexport const a = Backend;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/renderer\/ must not import from electron/);
    expect(
      await importErrors(
        'renderer/src/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      ),
    ).not.toHaveLength(0);
    expect(
      await importErrors(
        'renderer/src/x.ts',
        "import { call } from './api/client';\nexport const a = call;\n",
      ),
    ).toHaveLength(0);
  });

  it('electron/core may not import electron', async () => {
    expect(
      await importErrors('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).not.toHaveLength(0);
    expect(
      await importErrors('electron/core/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toHaveLength(0);
  });
});
