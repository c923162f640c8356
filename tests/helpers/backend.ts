/**
 * Test helpers for the back end, shared by the unit tests: a Backend on its own temporary data
 * folder (closed after each test, so its data-folder lock is released), typed calls that throw on a
 * failed envelope, and a finished interview to score.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Backend, type BackendOptions } from '../../electron/core/backend';
import { loadPackFolder } from '../../electron/core/library/load';
import type { ContentPack } from '../../shared/content/schema';
import type { ApiError } from '../../shared/api/envelope';
import type { SessionState } from '../../shared/api/sessions';

export const ASSETS = path.resolve(import.meta.dirname, '..', '..', 'assets');

let builtinPack: ContentPack | null = null;
/** The built-in pack, loaded and validated from its folder once per test file. */
export function builtin(): ContentPack {
  if (!builtinPack) {
    const loaded = loadPackFolder(path.join(ASSETS, 'content', 'builtin'));
    if (!loaded.pack)
      throw new Error(`The built-in pack is invalid: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
    builtinPack = loaded.pack;
  }
  return builtinPack;
}

const open: Backend[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(label = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tradeoff-${label}-`));
  dirs.push(dir);
  return dir;
}

/** A Backend over `dataDir` (a fresh folder by default), closed after the test. */
export function backend(
  dataDir: string = tempDir('be'),
  options: Partial<BackendOptions> = {},
): { b: Backend; dir: string } {
  const b = new Backend({
    dataDir,
    assetsDir: ASSETS,
    builtin: builtin(),
    transport: 'http',
    appVersion: 'test',
    ...options,
  });
  open.push(b);
  return { b, dir: dataDir };
}

/** Closes a Backend made by `backend()` now (e.g. to reopen its folder in the same test). */
export function closeBackend(b: Backend): void {
  b.close();
  const i = open.indexOf(b);
  if (i >= 0) open.splice(i, 1);
}

export class CallFailed extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Calls through dispatch (validation included) and returns the value, or throws CallFailed. */
export async function call<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const out = await b.dispatch(name, input);
  if (!out.ok) throw new CallFailed(out.error);
  return out.value as T;
}

/** The failure of a call that must fail. */
export async function failure(b: Backend, name: string, input: unknown): Promise<ApiError> {
  const out = await b.dispatch(name, input);
  if (out.ok) throw new Error(`${name} was expected to fail but succeeded`);
  return out.error;
}

export const budgets = { clarify: 5, estimate: 3, design: 7, 'deep-dive': 15, tradeoffs: 5 };

export function startSession(
  b: Backend,
  problemId = 'url-shortener',
  mutation = false,
): Promise<SessionState> {
  return call<SessionState>(b, 'session.start', { problemId, budgetsMin: budgets, mutation });
}

/** An interview started and ended at once, ready to score. */
export async function endedSession(b: Backend, problemId = 'url-shortener'): Promise<string> {
  const s = await startSession(b, problemId);
  await call(b, 'session.control', { id: s.id, action: 'end' });
  return s.id;
}
