import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../shared/content/validate';
import { backend as makeBackend, builtin, closeBackend, tempDir } from '../helpers/backend';

const backend = (dir?: string) => makeBackend(dir).b;

function userPack(overrides: Record<string, unknown> = {}) {
  return {
    manifest: {
      schemaVersion: 1,
      id: 'my-pack',
      name: 'My pack',
      version: '1.0.0',
      description: 'Practice extras.',
    },
    questions: [
      {
        id: 'my-q-idempotency',
        kind: 'architecture',
        topic: 'Payments',
        prompt: 'How would you make a payment API idempotent?',
        difficulty: 'advanced',
        answerPoints: ['Client-supplied idempotency key stored with the result'],
        followUps: ['How long do you keep the keys?'],
        relatedConcepts: ['distributed-transactions'],
        relatedProblems: [],
      },
    ],
    ...overrides,
  };
}

describe('dispatch envelopes', () => {
  it('wraps results and failures, never throws', async () => {
    const b = backend();
    expect(await b.dispatch('no.such.call', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CALL' },
    });
    expect(await b.dispatch('problem.get', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await b.dispatch('problem.get', { id: 'x', extra: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await b.dispatch('problem.get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const ok = await b.dispatch('problem.get', { id: 'url-shortener' });
    expect(ok.ok).toBe(true);
  });

  it('hides internal errors behind a kind message', async () => {
    const b = backend();
    (b.handlers as Record<string, unknown>)['library.facets'] = () => {
      throw new Error('secret stack detail');
    };
    const out = await b.dispatch('library.facets', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(out)).not.toContain('secret');
  });
});

describe('library', () => {
  it('search for "bloom" finds the concept and the problems that use it', async () => {
    const b = backend();
    const rows = b.handlers['library.list']({ text: 'bloom' }) as { kind: string; id: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'concept', id: 'probabilistic-structures' }));
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'problem', id: 'url-shortener' }));
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'problem', id: 'event-pipeline' }));
  });

  it('filters by kind, difficulty and time target', () => {
    const b = backend();
    const easy = b.handlers['library.list']({ kinds: ['problem'], difficulty: 'easy' }) as { id: string }[];
    expect(easy.map((r) => r.id)).toEqual(['url-shortener']);
    const short = b.handlers['library.list']({ kinds: ['problem'], maxTimeMin: 40 }) as { id: string }[];
    const expected = builtin()
      .problems.filter((p) => p.timeTargetMin <= 40)
      .map((p) => p.id)
      .sort();
    expect(short.map((r) => r.id).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['rate-limiter', 'url-shortener']));
    expect(expected).not.toContain('chat'); // 45 minutes
  });

  it('resolves links both ways', () => {
    const b = backend();
    const detail = b.handlers['concept.get']({ id: 'probabilistic-structures' }) as {
      linkedFrom: { id: string }[];
    };
    expect(detail.linkedFrom.map((r) => r.id)).toContain('url-shortener');
  });
});

describe('content packs', () => {
  it('refuses a malformed pack whole, listing every error, and stores nothing', async () => {
    const b = backend();
    const bad = userPack({
      manifest: { schemaVersion: 1, id: 'Bad', name: '', version: 'x', description: '' },
    });
    const out = await b.dispatch('packs.import', { fileName: 'bad.json', text: JSON.stringify(bad) });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('INVALID_CONTENT');
    const details = out.error.details as { path: string }[];
    expect(details.map((d) => d.path).sort()).toEqual([
      'manifest.description',
      'manifest.id',
      'manifest.name',
      'manifest.version',
    ]);
    expect(b.handlers['packs.list']({})).toHaveLength(1); // only the built-in pack
  });

  it('refuses a file that is not JSON', async () => {
    const b = backend();
    const out = await b.dispatch('packs.import', { fileName: 'notes.json', text: '{ nope' });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_CONTENT' } });
  });

  it('refuses a pack that reuses a built-in id', async () => {
    const b = backend();
    const pack = userPack();
    pack.questions[0]!.id = (b.handlers['library.list']({ kinds: ['question'] }) as { id: string }[])[0]!.id;
    const out = await b.dispatch('packs.import', { fileName: 'clash.json', text: JSON.stringify(pack) });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_CONTENT' } });
  });

  it('imports a valid pack, lists its items, exports it and removes it; it survives a restart', async () => {
    const dir = tempDir('be');
    const b = backend(dir);
    const events: string[] = [];
    b.onEvent((name, payload) => events.push(`${name}:${(payload as { change: string }).change}`));
    const out = await b.dispatch('packs.import', { fileName: 'mine.json', text: JSON.stringify(userPack()) });
    expect(out.ok).toBe(true);
    expect(events).toEqual(['content.changed:imported']);
    const found = b.handlers['library.list']({ text: 'idempotent payment' }) as {
      id: string;
      packId: string;
    }[];
    expect(found).toContainEqual(expect.objectContaining({ id: 'my-q-idempotency', packId: 'my-pack' }));
    const exported = b.handlers['packs.export']({ id: 'my-pack' }) as { text: string };
    expect(JSON.parse(exported.text).questions[0].id).toBe('my-q-idempotency');
    closeBackend(b);

    const again = backend(dir);
    expect((again.handlers['packs.list']({}) as unknown[]).length).toBe(2);
    expect(again.handlers['packs.remove']({ id: 'my-pack' })).toEqual({ removed: true });
    const after = again.handlers['library.list']({ text: 'idempotent payment' }) as { id: string }[];
    expect(after.map((r) => r.id)).not.toContain('my-q-idempotency');
    expect(after.length).toBeGreaterThan(0); // built-in items still match
  });

  it('exports the built-in pack as a pack that validates on import elsewhere', async () => {
    const b = backend();
    const exported = b.handlers['packs.export']({ id: 'tradeoff-builtin' }) as { text: string };
    const parsed = JSON.parse(exported.text) as { manifest: { id: string }; problems: unknown[] };
    expect(parsed.manifest.id).toBe('tradeoff-builtin');
    expect(parsed.problems.length).toBeGreaterThanOrEqual(20);
    // Elsewhere = an install that knows none of its ids: every link must resolve inside the file.
    const elsewhere = validatePack(parsed, { problems: new Set(), concepts: new Set() });
    expect(elsewhere.issues).toEqual([]);
    expect(elsewhere.pack?.problems).toHaveLength(parsed.problems.length);
  });
});

describe('database problems reach the status', () => {
  it('reports a corrupt file and moves it aside on request', async () => {
    const dir = tempDir('be');
    fs.writeFileSync(path.join(dir, 'tradeoff.db'), 'garbage');
    const b = backend(dir);
    const status = b.status();
    expect(status.db).toMatchObject({ state: 'error', problem: { kind: 'corrupt' } });
    expect(await b.dispatch('packs.list', {})).toMatchObject({
      ok: false,
      error: { code: 'DB_UNAVAILABLE' },
    });
    const reset = await b.dispatch('app.resetDatabase', {});
    expect(reset.ok).toBe(true);
    expect(b.status().db.state).toBe('ready');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('tradeoff.db.unreadable-'))).toBe(true);
  });
});
