import { describe, expect, it } from 'vitest';
import type { Welcome } from '../../shared/api/contract';
import { backend, call, closeBackend, startSession } from '../helpers/backend';

describe('first-run welcome', () => {
  it('offers the URL shortener at 35 minutes to a new user, until dismissed (remembered)', async () => {
    const { b, dir } = backend();
    const first = await call<Welcome>(b, 'welcome.get', {});
    expect(first.show).toBe(true);
    expect(first.start).toMatchObject({ problemId: 'url-shortener', title: 'URL shortener', minutes: 35 });
    const plan = first.start!.budgetsMin;
    expect(Object.values(plan).reduce((a, m) => a + m, 0)).toBe(35);

    expect(await call<Welcome>(b, 'welcome.dismiss', {})).toEqual({ show: false, start: null });
    closeBackend(b);
    // A later launch on the same data folder remembers it.
    const { b: again } = backend(dir);
    expect((await call<Welcome>(again, 'welcome.get', {})).show).toBe(false);
  });

  it('goes away once any interview has been started, even if it was discarded', async () => {
    const { b } = backend();
    const s = await startSession(b);
    expect((await call<Welcome>(b, 'welcome.get', {})).show).toBe(false);
    await call(b, 'session.discard', { id: s.id });
    expect((await call<Welcome>(b, 'welcome.get', {})).show).toBe(false);
  });
});
