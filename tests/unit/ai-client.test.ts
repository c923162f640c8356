/**
 * The real openai SDK client (electron/core/ai/client.ts) against the fake OpenAI-compatible server,
 * for every failure the app must explain in words.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiCallError, AiClient, type Endpoint } from '../../electron/core/ai/client';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

function endpoint(over: Partial<Endpoint> = {}): Endpoint {
  return { baseURL: fake.baseURL, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 2000, ...over };
}

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AiCallError) return e.failure;
    throw e;
  }
  throw new Error('expected a failure');
}

const messages = [{ role: 'user' as const, content: 'Hello' }];

describe('AI client against the fake server', () => {
  it('lists models and streams a reply in pieces, with usage', async () => {
    const client = new AiClient(endpoint());
    expect(await client.listModels()).toEqual(['fake-model', 'fake-model-large']);
    const pieces: string[] = [];
    const out = await client.stream(messages, (t) => pieces.push(t));
    expect(out.failure).toBeNull();
    expect(out.incomplete).toBe(false);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(out.text);
    expect(out.text).toMatch(/reads per second/);
    expect(out.usage.promptTokens).toBeGreaterThan(0);
    // The key went where it belongs: to the endpoint, as a bearer token.
    expect(fake.requestsTo('/v1/chat/completions')[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('401: says the key was refused; without a key says one is needed', async () => {
    fake.fail('401');
    expect(await failureOf(new AiClient(endpoint()).complete(messages))).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/refused the API key \(401\)/),
    });
    expect(await failureOf(new AiClient(endpoint({ apiKey: null })).complete(messages))).toMatchObject({
      kind: 'no-key',
    });
  });

  it('403, 404 model, 500: each its own message', async () => {
    fake.fail('403', 1);
    expect((await failureOf(new AiClient(endpoint()).complete(messages))).kind).toBe('forbidden');
    const missing = await failureOf(new AiClient(endpoint({ model: 'no-such-model' })).complete(messages));
    expect(missing).toMatchObject({
      kind: 'model-not-found',
      message: expect.stringContaining('“no-such-model” (404)'),
    });
    fake.fail('500', 1);
    expect(await failureOf(new AiClient(endpoint()).complete(messages))).toMatchObject({
      kind: 'server',
      message: expect.stringContaining('internal error (500)'),
    });
  });

  it('429: waits the Retry-After the endpoint asked for, retries once, and succeeds', async () => {
    const waits: number[] = [];
    const client = new AiClient(endpoint(), { sleep: async (ms) => void waits.push(ms) });
    fake.fail('429', 1);
    const out = await client.complete(messages);
    expect(out.text).toMatch(/reads per second/);
    expect(waits).toEqual([50]);
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
  });

  it('429 twice: one retry only, then says so', async () => {
    const waits: number[] = [];
    const client = new AiClient(endpoint(), { sleep: async (ms) => void waits.push(ms) });
    fake.fail('429', 5);
    const f = await failureOf(client.complete(messages));
    expect(f).toMatchObject({ kind: 'rate-limited', message: expect.stringContaining('after one retry') });
    expect(waits).toHaveLength(1);
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
  });

  it('a hanging endpoint times out with the time it was given', async () => {
    fake.fail('hang');
    const f = await failureOf(new AiClient(endpoint({ timeoutMs: 300 })).complete(messages));
    expect(f).toMatchObject({ kind: 'timeout', message: expect.stringContaining('within 0.3 s') });
    const streamed = await new AiClient(endpoint({ timeoutMs: 300 })).stream(messages, () => {});
    expect(streamed.failure?.kind).toBe('timeout');
  });

  it('a stream cut mid-way keeps what arrived, marked incomplete', async () => {
    fake.fail('cut-stream', 1);
    const pieces: string[] = [];
    const out = await new AiClient(endpoint()).stream(messages, (t) => pieces.push(t));
    expect(out.incomplete).toBe(true);
    expect(out.failure?.kind).toBe('stream-cut');
    expect(out.text.length).toBeGreaterThan(0);
    expect(out.text).toBe(pieces.join(''));
    expect('What would you store first, and how many reads per second do you expect?').toContain(out.text);
  });

  it('refused, DNS and TLS failures are named', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(
      (await failureOf(new AiClient(endpoint({ baseURL: `http://127.0.0.1:${port}/v1` })).listModels())).kind,
    ).toBe('refused');
    expect(
      (await failureOf(new AiClient(endpoint({ baseURL: 'http://no-such-host.invalid/v1' })).listModels()))
        .kind,
    ).toBe('dns');
    // https spoken to a plain-HTTP server: the TLS handshake fails.
    const tls = await failureOf(
      new AiClient(endpoint({ baseURL: `https://127.0.0.1:${fake.port}/v1` })).listModels(),
    );
    expect(tls.kind).toBe('tls');
    expect(tls.message).toMatch(/secure \(TLS\) connection/);
  });

  it('JSON: validated by the schema, one repair attempt, then a plain failure', async () => {
    const Schema = z.object({ ok: z.boolean() });
    const client = new AiClient(endpoint());
    expect((await client.json(messages, Schema, 'probe')).value).toEqual({ ok: true });
    const body = fake.requestsTo('/v1/chat/completions')[0]!.body as { response_format: { type: string } };
    expect(body.response_format.type).toBe('json_schema');

    fake.requests.length = 0;
    fake.fail('malformed-json', 1);
    expect((await client.json(messages, Schema, 'probe')).value).toEqual({ ok: true });
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);

    fake.requests.length = 0;
    fake.fail('schema-invalid', 2);
    const f = await failureOf(client.json(messages, Schema, 'probe'));
    expect(f).toMatchObject({
      kind: 'bad-json',
      message: expect.stringContaining('even after one repair attempt'),
    });
    expect(fake.requestsTo('/v1/chat/completions')).toHaveLength(2);
  });
});
