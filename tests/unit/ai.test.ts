/**
 * The AI features through the back end's calls, against the fake OpenAI-compatible server: the
 * interviewer's streamed replies and every failure (the session intact, the offline interviewer
 * taking over), drafted scores with checked quotes, adoption with provenance, the report's AI
 * section, calibration, and the key never leaving the back end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AiDraft, AiSessionInfo, AiSettings } from '../../shared/api/ai';
import type { EventPayload } from '../../shared/api/contract';
import type { Score } from '../../shared/api/scoring';
import type { SessionState } from '../../shared/api/sessions';
import type { Backend } from '../../electron/core/backend';
import { backend, call, failure, startSession } from '../helpers/backend';
import { startFakeOpenAi, type ChatRequest, type Fault, type FakeOpenAi } from '../helpers/fake-openai';

const KEY = 'sk-LEAKCHECK-0123456789abcdef';
let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

async function configured(options: Parameters<typeof backend>[1] = {}): Promise<Backend> {
  const { b } = backend(undefined, { aiTimeoutMs: 1500, ...options });
  const s = await call<AiSettings>(b, 'ai.saveSettings', {
    preset: 'custom',
    baseURL: fake.baseURL,
    model: 'fake-model',
    apiKey: KEY,
  });
  expect(s).toMatchObject({ hasKey: true, configured: true, keyStorage: 'memory' });
  expect(JSON.stringify(s)).not.toContain(KEY);
  return b;
}

type Done = EventPayload<'ai.done'>;
/** Asks through ai.ask and waits for the stream's end (the event, never a timer). */
async function ask(b: Backend, sessionId: string, question: string) {
  const requestId = `req-${Math.random().toString(36).slice(2, 10)}`;
  const deltas: string[] = [];
  const done = new Promise<Done>((resolve) => {
    const off = b.onEvent((name, payload) => {
      if (name === 'ai.delta' && (payload as { requestId: string }).requestId === requestId)
        deltas.push((payload as { text: string }).text);
      if (name === 'ai.done' && (payload as Done).requestId === requestId) {
        off();
        resolve(payload as Done);
      }
    });
  });
  await call(b, 'ai.ask', { sessionId, requestId, question });
  return { done: await done, deltas };
}

const NOTES = {
  clarify: 'Reads dominate writes about 100 to 1. Links never expire unless the owner deletes them.',
  estimate: 'About 100M new links a month, roughly 40 writes per second and 4000 reads per second at peak.',
  design:
    'Put a Redis cache in front of the key-value store for hot short codes. Generate codes with a counter range per app server, base62 encoded.',
  'deep-dive': 'Hot keys get replicated read caches; cache misses fall through to the database.',
  tradeoffs: 'A counter is simpler than hashing but leaks volume; acceptable for this product.',
};

async function endedWithNotes(b: Backend): Promise<string> {
  const s = await startSession(b);
  await call(b, 'session.save', {
    id: s.id,
    baseRevision: s.revision,
    notes: Object.entries(NOTES).map(([phase, text]) => ({ phase, text })),
  });
  await call(b, 'session.control', { id: s.id, action: 'end' });
  return s.id;
}

const LEVELS = { requirements: 3, design: 3, depth: 2, tradeoffs: 2, communication: 3 };
async function selfScore(b: Backend, sessionId: string): Promise<Score> {
  const profiles = await call<{ defaultId: string }>(b, 'rubric.profiles', {});
  const empty = { requirements: '', design: '', depth: '', tradeoffs: '', communication: '' };
  return call<Score>(b, 'score.save', {
    sessionId,
    profileId: profiles.defaultId,
    levels: LEVELS,
    evidence: empty,
    checklist: [],
  });
}

function draftAnswer(quotes: Partial<Record<string, string[]>>, enough = true) {
  const dim = (id: string, level: number) => ({
    level,
    evidence: quotes[id] ?? [],
    why: `Because of ${id}.`,
  });
  return {
    enough,
    requirements: dim('requirements', 4),
    design: dim('design', 3),
    depth: dim('depth', 3),
    tradeoffs: dim('tradeoffs', 2),
    communication: dim('communication', 3),
  };
}

describe('AI interviewer', () => {
  it('streams a grounded reply into the transcript, marked with model and prompt version', async () => {
    const b = await configured();
    const s = await startSession(b);
    await call(b, 'ai.setInterviewer', { sessionId: s.id, on: true });
    const { done, deltas } = await ask(b, s.id, 'How many users do we expect?');
    expect(done.failure).toBeNull();
    expect(deltas.length).toBeGreaterThan(3);
    const state = await call<SessionState>(b, 'session.get', { id: s.id });
    const reply = state.transcript.find((t) => t.id === done.entryId)!;
    expect(reply).toMatchObject({ role: 'interviewer', kind: 'answer', text: deltas.join('').trim() });
    const info = await call<AiSessionInfo>(b, 'ai.session', { sessionId: s.id });
    expect(info.interviewer).toBe(true);
    expect(info.messages).toEqual([
      { entryId: done.entryId, model: 'fake-model', promptVersion: 'interviewer-v1', incomplete: false },
    ]);
    expect(info.totals.promptTokens).toBeGreaterThan(0);
    expect(info.calls[0]).toMatchObject({ purpose: 'interview', outcome: 'ok' });
    // Grounded: the problem's own clarifying answers and reference design are in the prompt, and the
    // instruction never to hand over the design.
    const sent = fake.requestsTo('/v1/chat/completions')[0]!.body as ChatRequest;
    const system = sent.messages[0]!.content;
    expect(system).toContain('Never hand over the design');
    expect(system).toContain('Reference design (secret');
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: 'How many users do we expect?' });
  });

  const faults: [Fault, string, RegExp][] = [
    ['401', 'auth', /refused the API key \(401\)/],
    ['403', 'forbidden', /\(403\)/],
    ['404-model', 'model-not-found', /no model named “fake-model” \(404\)/],
    ['500', 'server', /internal error \(500\)/],
    ['hang', 'timeout', /did not answer within 1.5 s/],
  ];
  for (const [fault, kind, message] of faults) {
    it(`${fault}: one clear line, the offline interviewer answers, the session goes on`, async () => {
      const b = await configured();
      const s = await startSession(b);
      fake.fail(fault);
      const { done } = await ask(b, s.id, 'How many users do we expect?');
      expect(done.failure?.kind).toBe(kind);
      expect(done.failure?.message).toMatch(message);
      expect(done.failure?.message).toMatch(/offline interviewer answered instead/);
      expect(done.entryId).toBeNull();
      const state = await call<SessionState>(b, 'session.get', { id: s.id });
      const fallback = state.transcript.find((t) => t.id === done.fallbackEntryId)!;
      expect(fallback).toMatchObject({ role: 'interviewer', kind: 'answer' });
      expect(fallback.text.length).toBeGreaterThan(10);
      // Intact: saves still work and the clock still runs.
      const saved = await call<{ revision: number }>(b, 'session.save', {
        id: s.id,
        baseRevision: state.revision,
        notes: [{ phase: 'clarify', text: 'still here' }],
      });
      expect(saved.revision).toBe(state.revision + 1);
      expect((await call<SessionState>(b, 'session.control', { id: s.id, action: 'next' })).status).toBe(
        'active',
      );
    });
  }

  it('429 is honoured with one retry and the reply arrives', async () => {
    const b = await configured();
    const s = await startSession(b);
    fake.fail('429', 1);
    const { done } = await ask(b, s.id, 'What about reads?');
    expect(done.failure).toBeNull();
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
  });

  it('a stream cut mid-way keeps what arrived, marked incomplete', async () => {
    const b = await configured();
    const s = await startSession(b);
    fake.fail('cut-stream', 1);
    const { done, deltas } = await ask(b, s.id, 'What about reads?');
    expect(done.incomplete).toBe(true);
    expect(done.failure?.kind).toBe('stream-cut');
    const info = await call<AiSessionInfo>(b, 'ai.session', { sessionId: s.id });
    expect(info.messages[0]).toMatchObject({ entryId: done.entryId, incomplete: true });
    const state = await call<SessionState>(b, 'session.get', { id: s.id });
    expect(state.transcript.find((t) => t.id === done.entryId)!.text).toBe(deltas.join('').trim());
  });

  it('without an endpoint the offline interviewer answers and says why', async () => {
    const { b } = backend();
    const s = await startSession(b);
    const { done } = await ask(b, s.id, 'How long do links live?');
    expect(done.failure?.kind).toBe('not-configured');
    expect(done.fallbackEntryId).not.toBeNull();
  });

  it('probes at a phase change only when the AI interviewer is on', async () => {
    const b = await configured();
    const s = await startSession(b);
    expect(await call(b, 'ai.probe', { sessionId: s.id, requestId: 'probe-1' })).toEqual({ started: false });
    await call(b, 'ai.setInterviewer', { sessionId: s.id, on: true });
    const done = new Promise<Done>((resolve) =>
      b.onEvent((name, p) => name === 'ai.done' && resolve(p as Done)),
    );
    expect(await call(b, 'ai.probe', { sessionId: s.id, requestId: 'probe-2' })).toEqual({ started: true });
    const d = await done;
    const state = await call<SessionState>(b, 'session.get', { id: s.id });
    expect(state.transcript.find((t) => t.id === d.entryId)).toMatchObject({ kind: 'follow-up' });
  });
});

describe('AI-drafted score', () => {
  it('keeps the quotes found in the material, drops and counts the rest, and adopts with provenance', async () => {
    const b = await configured();
    const id = await endedWithNotes(b);
    expect((await failure(b, 'ai.draftScore', { sessionId: id })).message).toMatch(/Score yourself first/);
    await selfScore(b, id);
    fake.responder = () =>
      draftAnswer({
        requirements: ['Reads dominate writes about 100 to 1', 'We must support 10 billion users'],
        design: ['put a Redis cache in front of the key-value store'],
        depth: ['Hot keys get replicated read caches'],
        tradeoffs: ['A counter is simpler than hashing but leaks volume'],
        communication: [],
      });
    const draft = await call<AiDraft>(b, 'ai.draftScore', { sessionId: id });
    expect(draft.status).toBe('draft');
    expect(draft.droppedQuotes).toBe(1);
    const req = draft.dimensions.find((d) => d.dimension === 'requirements')!;
    expect(req).toMatchObject({ level: 4, droppedQuotes: 1 });
    expect(req.quotes).toEqual([{ text: 'Reads dominate writes about 100 to 1', source: 'notes' }]);
    // No quote, no level.
    expect(draft.dimensions.find((d) => d.dimension === 'communication')!.level).toBeNull();
    expect((await failure(b, 'ai.adopt', { sessionId: id, dimension: 'communication' })).code).toBe(
      'CONFLICT',
    );

    const { score, adoption } = await call<{ score: Score; adoption: unknown }>(b, 'ai.adopt', {
      sessionId: id,
      dimension: 'requirements',
    });
    expect(score.levels.requirements).toBe(4);
    expect(score.changes.some((c) => c.field === 'level.requirements' && c.newValue === '4')).toBe(true);
    expect(adoption).toMatchObject({
      dimension: 'requirements',
      level: 4,
      selfLevel: 3,
      model: 'fake-model',
    });

    const report = await call<{ text: string }>(b, 'session.exportMarkdown', { id });
    expect(report.text).toContain('## AI');
    expect(report.text).toMatch(/AI draft \(fake-model, .* UTC, draft-v1\)/);
    expect(report.text).toContain(
      'Requirements and scoping: level 4 adopted from the AI draft (fake-model); your own level was 3',
    );
    expect(report.text).not.toContain(KEY);

    const cal = await call<{ points: { meanGap: number; gaps: { dimension: string; gap: number }[] }[] }>(
      b,
      'ai.calibration',
      {},
    );
    expect(cal.points).toHaveLength(1);
    // After adopting requirements (4), self levels are 4,3,2,2 against AI 4,3,3,2: gaps 0,0,-1,0.
    expect(cal.points[0]!.gaps).toEqual([
      { dimension: 'requirements', gap: 0 },
      { dimension: 'design', gap: 0 },
      { dimension: 'depth', gap: -1 },
      { dimension: 'tradeoffs', gap: 0 },
    ]);
  });

  it('a draft whose quotes are all made up is never shown as a score', async () => {
    const b = await configured();
    const id = await endedWithNotes(b);
    await selfScore(b, id);
    fake.responder = () => draftAnswer({ design: ['We shard by user id with consistent hashing'] });
    const draft = await call<AiDraft>(b, 'ai.draftScore', { sessionId: id });
    expect(draft.status).toBe('failed');
    expect(draft.message).toMatch(/none of the model’s 1 quotes/);
    expect(draft.dimensions.every((d) => d.level === null)).toBe(true);
  });

  it('a thin session gets "not enough to score" without calling the model', async () => {
    const b = await configured();
    const s = await startSession(b);
    await call(b, 'session.control', { id: s.id, action: 'end' });
    await selfScore(b, s.id);
    const draft = await call<AiDraft>(b, 'ai.draftScore', { sessionId: s.id });
    expect(draft).toMatchObject({ status: 'not-enough', dimensions: [] });
    expect(draft.message).toMatch(/^Not enough to score/);
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(0);
  });

  it('malformed JSON is repaired once; schema-invalid twice gives "could not draft a score"', async () => {
    const b = await configured();
    const id = await endedWithNotes(b);
    await selfScore(b, id);
    fake.responder = () => draftAnswer({ design: ['put a Redis cache in front of the key-value store'] });
    fake.fail('malformed-json', 1);
    expect((await call<AiDraft>(b, 'ai.draftScore', { sessionId: id })).status).toBe('draft');
    fake.fail('schema-invalid', 2);
    const failed = await call<AiDraft>(b, 'ai.draftScore', { sessionId: id });
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/^Could not draft a score: .*even after one repair attempt/);
    fake.fail('500', 1);
    expect((await call<AiDraft>(b, 'ai.draftScore', { sessionId: id })).message).toMatch(
      /Could not draft a score: .*internal error \(500\)/,
    );
  });
});

describe('Estimation check', () => {
  it('answers per scratchpad line', async () => {
    const b = await configured();
    const s = await startSession(b);
    await call(b, 'session.save', {
      id: s.id,
      baseRevision: s.revision,
      scratchpad: {
        text: 'writes = 100M / month to 1/s\nreads = writes * 100',
        results: [
          { line: 1, input: 'writes = 100M / month to 1/s', output: '38.6 /s' },
          { line: 2, input: 'reads = writes * 100', output: '3860 /s' },
        ],
      },
    });
    fake.responder = () => ({
      lines: [{ line: 1, verdict: 'plausible', note: 'About 40 writes/s is right.' }],
    });
    const out = await call<{ ok: true; lines: { line: number; verdict: string; note: string }[] }>(
      b,
      'ai.checkEstimates',
      { sessionId: s.id },
    );
    expect(out.lines).toEqual([
      {
        line: 1,
        input: 'writes = 100M / month to 1/s',
        verdict: 'plausible',
        note: 'About 40 writes/s is right.',
      },
      {
        line: 2,
        input: 'reads = writes * 100',
        verdict: 'unclear',
        note: 'The model did not answer for this line.',
      },
    ]);
  });
});

describe('AI settings and the key', () => {
  it('test connection reports success and each failure; the key is never returned, logged or stored in SQLite', async () => {
    const lines: string[] = [];
    const b = await configured({ log: (l) => lines.push(l) });
    expect(await call(b, 'ai.test', {})).toMatchObject({ ok: true, model: 'fake-model' });
    fake.fail('401', 1);
    expect(await call(b, 'ai.test', {})).toMatchObject({ ok: false, failure: { kind: 'auth' } });
    expect(await call(b, 'ai.models', {})).toEqual({ ok: true, models: ['fake-model', 'fake-model-large'] });
    await call(b, 'ai.saveSettings', { preset: 'custom', baseURL: fake.baseURL, model: 'missing-model' });
    expect(await call(b, 'ai.test', {})).toMatchObject({ ok: false, failure: { kind: 'model-not-found' } });
    // Saving without a key keeps the key.
    expect((await call<AiSettings>(b, 'ai.settings', {})).hasKey).toBe(true);
    expect(
      (await failure(b, 'ai.saveSettings', { preset: 'custom', baseURL: 'ftp://x', model: 'm' })).code,
    ).toBe('BAD_INPUT');
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    const dbBytes = fs.readFileSync(path.join(b.options.dataDir, 'tradeoff.db'));
    const wal = path.join(b.options.dataDir, 'tradeoff.db-wal');
    const walBytes = fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0);
    expect(dbBytes.includes(KEY)).toBe(false);
    expect(walBytes.includes(KEY)).toBe(false);
    expect(lines.join('\n')).not.toContain(KEY);
    const cleared = await call<AiSettings>(b, 'ai.saveSettings', {
      preset: 'custom',
      baseURL: fake.baseURL,
      model: 'fake-model',
      clearKey: true,
    });
    expect(cleared.hasKey).toBe(false);
  });
});
