/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests: `/models`, chat completions as JSON or
 * streamed as server-sent events in the real wire format (`data: {chunk}\n\n` … `data: [DONE]`),
 * and every way an endpoint fails that the app must explain: 401, 403, 404 model, 429 with
 * Retry-After, 500, a hang (no answer at all), a stream cut mid-way, malformed JSON and JSON that
 * does not match the asked-for schema. More routes (say `/audio/transcriptions`) are added with
 * `route()`. Every request is recorded (method, path, headers, body) for assertions.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  '401' | '403' | '404-model' | '429' | '500' | 'hang' | 'cut-stream' | 'malformed-json' | 'schema-invalid';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when it is not JSON (multipart uploads, say). */
  body: unknown;
  raw: Buffer;
}

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  response_format?: { type: string };
  [key: string]: unknown;
}

/** What a chat completion answers: a string, or an object sent as JSON text. */
export type Responder = (req: ChatRequest) => string | object;

export type RouteHandler = (
  req: RecordedRequest,
  res: http.ServerResponse,
  fake: FakeOpenAi,
) => void | Promise<void>;

export interface FakeOptions {
  models?: string[];
  responder?: Responder;
  /** Pause between streamed pieces (0: as fast as the socket goes). */
  chunkDelayMs?: number;
  /** `Retry-After` seconds sent with a 429 (and `retry-after-ms`, which the client prefers). */
  retryAfterMs?: number;
}

export interface FakeOpenAi {
  /** e.g. http://127.0.0.1:40123/v1 — what the app's "custom base URL" gets. */
  baseURL: string;
  port: number;
  requests: RecordedRequest[];
  models: string[];
  responder: Responder;
  chunkDelayMs: number;
  /** Fail the next `times` requests (default: every request until cleared) the given way. */
  fail(fault: Fault | null, times?: number): void;
  /** Adds or replaces a route, e.g. route('POST', '/v1/audio/transcriptions', handler). */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Requests to one path (without the /v1 prefix checks: pass the full path). */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function openAiError(
  res: http.ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers = {},
) {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits a reply into word-sized pieces, as a model's tokens arrive. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

const DEFAULT_RESPONDER: Responder = (req) =>
  req.response_format
    ? { ok: true }
    : 'What would you store first, and how many reads per second do you expect?';

export async function startFakeOpenAi(options: FakeOptions = {}): Promise<FakeOpenAi> {
  let fault: Fault | null = null;
  let faultLeft = Infinity;
  const sockets = new Set<Socket>();
  const routes = new Map<string, RouteHandler>();
  let completionId = 0;

  const fake: FakeOpenAi = {
    baseURL: '',
    port: 0,
    requests: [],
    models: options.models ?? ['fake-model', 'fake-model-large'],
    responder: options.responder ?? DEFAULT_RESPONDER,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    fail(f, times = Infinity) {
      fault = f;
      faultLeft = times;
    },
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    requestsTo(path) {
      return fake.requests.filter((r) => r.path === path);
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  /** The fault for this request, if any (counting down a limited one). */
  function takeFault(): Fault | null {
    if (!fault || faultLeft <= 0) return null;
    faultLeft -= 1;
    const f = fault;
    if (faultLeft <= 0) fault = null;
    return f;
  }

  /** Faults every route shares; true when the request was answered (or left hanging). */
  function commonFault(f: Fault | null, res: http.ServerResponse): boolean {
    switch (f) {
      case '401':
        openAiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
        return true;
      case '403':
        openAiError(
          res,
          403,
          'You are not allowed to sample from this model.',
          'invalid_request_error',
          null,
        );
        return true;
      case '429': {
        const ms = options.retryAfterMs ?? 50;
        openAiError(res, 429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', {
          'Retry-After': String(Math.ceil(ms / 1000)),
          'retry-after-ms': String(ms),
        });
        return true;
      }
      case '500':
        openAiError(res, 500, 'The server had an error while processing your request.', 'server_error', null);
        return true;
      case 'hang':
        // Headers never come: the client's timeout is what ends this.
        return true;
      default:
        return false;
    }
  }

  fake.route('GET', '/v1/models', (_req, res) => {
    if (commonFault(takeFault(), res)) return;
    sendJson(res, 200, {
      object: 'list',
      data: fake.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
    });
  });

  fake.route('POST', '/v1/chat/completions', async (req, res) => {
    const f = takeFault();
    if (commonFault(f, res)) return;
    const body = req.body as ChatRequest;
    if (f === '404-model' || !fake.models.includes(body.model)) {
      openAiError(
        res,
        404,
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
      return;
    }
    const answer = fake.responder(body);
    let content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    if (f === 'malformed-json') content = '{"dimensions": [ this is not JSON';
    if (f === 'schema-invalid') content = JSON.stringify({ unexpected: 'shape', levels: 'five' });
    const id = `chatcmpl-fake-${++completionId}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = JSON.stringify(body.messages).length >> 2;
    const completionTokens = Math.max(1, content.length >> 2);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    if (!body.stream) {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null },
        ],
        usage,
      });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    const frame = (delta: object, finish: string | null, extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra })}\n\n`;
    res.write(frame({ role: 'assistant', content: '' }, null));
    const parts = pieces(content);
    const cutAt = f === 'cut-stream' ? Math.max(1, Math.floor(parts.length / 2)) : Infinity;
    for (let i = 0; i < parts.length; i++) {
      if (i === cutAt) {
        // The connection drops mid-reply (after what was sent has left), as when a server crashes.
        await new Promise<void>((resolve) => res.write('', () => resolve()));
        await wait(20);
        res.socket?.destroy();
        return;
      }
      res.write(frame({ content: parts[i] }, null));
      if (fake.chunkDelayMs) await wait(fake.chunkDelayMs);
    }
    res.write(frame({}, 'stop'));
    if (body.stream_options && (body.stream_options as { include_usage?: boolean }).include_usage)
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
      );
    res.write('data: [DONE]\n\n');
    res.end();
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = raw.toString('utf8');
      if (String(req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          // Kept as text: the route decides what a broken body means.
        }
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        headers: req.headers,
        body,
        raw,
      };
      fake.requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${recorded.path}`);
      if (!handler) {
        openAiError(
          res,
          404,
          `Unknown route ${recorded.method} ${recorded.path}`,
          'invalid_request_error',
          'unknown_url',
        );
        return;
      }
      Promise.resolve(handler(recorded, res, fake)).catch((e: unknown) => {
        if (!res.headersSent) openAiError(res, 500, (e as Error).message, 'server_error', null);
        else res.destroy();
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.baseURL = `http://127.0.0.1:${fake.port}/v1`;
  return fake;
}
