/**
 * The one place that talks to an OpenAI-compatible endpoint, through the openai SDK. Every failure
 * becomes an AiFailure with a sentence that says what really happened (DNS, refused, TLS, 401, 403,
 * 404 model, 429, 5xx, timeout, a stream cut mid-way, JSON that is malformed or does not match the
 * schema). The SDK's own retries are off: a 429 is retried here once, after the `Retry-After` the
 * endpoint asked for, and nothing else is retried behind the candidate's back.
 */
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  toFile,
} from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { AiFailure } from '../../../shared/api/ai';
import { AiCallError, type Usage } from './errors';

export { AiCallError, type Usage };
/** For transcription (voice/transcribe.ts), so the SDK is loaded from one place, on first use. */
export { OpenAI, toFile };

export interface Endpoint {
  baseURL: string;
  /** Null for local servers that need none (a placeholder is sent; they ignore it). */
  apiKey: string | null;
  model: string;
  /** How long to wait for the endpoint to answer, and between two pieces of a streamed reply. */
  timeoutMs: number;
}

export type ChatMessage = ChatCompletionMessageParam;

export interface ClientOptions {
  /** Waits before the one 429 retry (tests record the wait instead of spending it). */
  sleep?: (ms: number) => Promise<void>;
  /** The longest Retry-After honoured; a longer one is reported instead of waited for. */
  maxRetryWaitMs?: number;
}

/** The placeholder sent as the key to servers that need none (Ollama, LM Studio ignore it). */
const NO_KEY = 'no-key-set';
const TLS_CODE = /^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$)/;

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** The error codes along an error's `cause` chain (undici wraps the socket's error in "fetch failed"). */
function causeCodes(e: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string') codes.push(c.code);
    if (typeof c.message === 'string') messages.push(c.message);
    cur = c.cause;
  }
  return { codes, messages };
}

function serverMessage(e: APIError): string {
  const err = e.error as { message?: unknown } | undefined;
  const text = typeof err?.message === 'string' ? err.message : '';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** What went wrong, in words, for any error the SDK (or our own checks) can throw. */
export function describeFailure(
  e: unknown,
  endpoint: Endpoint,
  what: 'chat' | 'models' = 'chat',
  timedOut = false,
): AiFailure {
  if (e instanceof AiCallError) return e.failure;
  const host = hostOf(endpoint.baseURL);
  const seconds = Math.round(endpoint.timeoutMs / 100) / 10;
  if (timedOut || e instanceof APIConnectionTimeoutError)
    return {
      kind: 'timeout',
      message: `The AI endpoint at ${host} did not answer within ${seconds} s, so the request was stopped.`,
    };
  if (e instanceof APIError && e.status !== undefined) {
    const said = serverMessage(e);
    switch (e.status) {
      case 401:
        return endpoint.apiKey
          ? {
              kind: 'auth',
              message: `The endpoint at ${host} refused the API key (401). Check the key in Settings → AI.`,
            }
          : {
              kind: 'no-key',
              message: `The endpoint at ${host} needs an API key (401), and none is set. Add one in Settings → AI.`,
            };
      case 403:
        return {
          kind: 'forbidden',
          message: `The endpoint at ${host} accepted the key but does not allow this request (403)${said ? `: ${said}` : '.'}`,
        };
      case 404:
        return what === 'models'
          ? {
              kind: 'not-found',
              message: `The endpoint at ${host} has no model list (404). Type the model name instead.`,
            }
          : {
              kind: 'model-not-found',
              message: `The endpoint at ${host} has no model named “${endpoint.model}” (404). Pick one it lists in Settings → AI.`,
            };
      case 429:
        return {
          kind: 'rate-limited',
          message: `The endpoint at ${host} is limiting requests (429) and still was after one retry. Wait a minute and try again.`,
        };
      default:
        if (e.status >= 500)
          return {
            kind: 'server',
            message: `The endpoint at ${host} had an internal error (${e.status})${said ? `: ${said}` : '.'} Try again later.`,
          };
        return {
          kind: 'bad-request',
          message: `The endpoint at ${host} refused the request (${e.status})${said ? `: ${said}` : '.'}`,
        };
    }
  }
  const { codes, messages } = causeCodes(e);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
    return {
      kind: 'dns',
      message: `The address ${host} could not be found (DNS lookup failed). Check the base URL, or your network.`,
    };
  if (codes.includes('ECONNREFUSED'))
    return {
      kind: 'refused',
      message: `Nothing is answering at ${host} (connection refused). Is the server running — for example Ollama or LM Studio?`,
    };
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls || messages.some((m) => /\b(SSL|TLS|certificate)\b/i.test(m)))
    return {
      kind: 'tls',
      message: `The secure (TLS) connection to ${host} failed${tls ? ` (${tls})` : ''}. Check that the address starts with https only if the server supports it, and that its certificate is valid.`,
    };
  if (e instanceof SyntaxError)
    return { kind: 'bad-json', message: `The endpoint at ${host} sent something that is not valid JSON.` };
  if (e instanceof APIConnectionError || codes.length > 0)
    return {
      kind: 'unreachable',
      message: `The connection to ${host} failed${codes[0] ? ` (${codes[0]})` : ''}. Check the base URL and that the server is running.`,
    };
  return { kind: 'unknown', message: `The AI request failed: ${(e as Error)?.message ?? String(e)}` };
}

function retryAfterMs(e: APIError): number | null {
  const h = e.headers;
  const ms = h?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const s = h?.get('retry-after');
  if (!s) return null;
  if (Number.isFinite(Number(s))) return Math.max(0, Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage {
  return { promptTokens: u?.prompt_tokens ?? null, completionTokens: u?.completion_tokens ?? null };
}

export function addUsage(a: Usage, b: Usage): Usage {
  const sum = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  return {
    promptTokens: sum(a.promptTokens, b.promptTokens),
    completionTokens: sum(a.completionTokens, b.completionTokens),
  };
}

export interface StreamResult {
  text: string;
  usage: Usage;
  /** The reply stopped before the endpoint said it was finished; `text` is what arrived. */
  incomplete: boolean;
  failure: AiFailure | null;
}

/** Strips a Markdown code fence some models wrap JSON in. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return m ? m[1]! : text.trim();
}

export class AiClient {
  private readonly sdk: OpenAI;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetryWaitMs: number;

  constructor(
    readonly endpoint: Endpoint,
    options: ClientOptions = {},
  ) {
    this.sdk = new OpenAI({
      baseURL: endpoint.baseURL,
      apiKey: endpoint.apiKey ?? NO_KEY,
      maxRetries: 0,
      timeout: endpoint.timeoutMs,
      // No organisation/project headers from the environment: only what Settings say is sent.
      organization: null,
      project: null,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 20_000;
  }

  /** Runs `call`, and once more after the endpoint's Retry-After when it answers 429. */
  private async with429Retry<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof APIError) || e.status !== 429) throw e;
      const waitMs = retryAfterMs(e) ?? 1000;
      if (waitMs > this.maxRetryWaitMs) {
        throw new AiCallError({
          kind: 'rate-limited',
          message: `The endpoint at ${hostOf(this.endpoint.baseURL)} is limiting requests (429) and asks to wait ${Math.ceil(waitMs / 1000)} s. Try again then.`,
        });
      }
      await this.sleep(waitMs);
      return call();
    }
  }

  async listModels(): Promise<string[]> {
    try {
      return await this.with429Retry(async () => {
        const page = await this.sdk.models.list();
        return page.data.map((m) => m.id).sort();
      });
    } catch (e) {
      throw new AiCallError(describeFailure(e, this.endpoint, 'models'));
    }
  }

  /** A whole (non-streamed) reply. */
  async complete(messages: ChatMessage[], maxTokens?: number): Promise<{ text: string; usage: Usage }> {
    try {
      const out = await this.with429Retry(() =>
        this.sdk.chat.completions.create({
          model: this.endpoint.model,
          messages,
          ...(maxTokens ? { max_tokens: maxTokens } : {}),
        }),
      );
      if (!out || !Array.isArray(out.choices))
        throw new AiCallError({
          kind: 'bad-json',
          message: `The endpoint at ${hostOf(this.endpoint.baseURL)} answered, but not with a chat completion.`,
        });
      return { text: out.choices[0]?.message?.content ?? '', usage: usageOf(out.usage) };
    } catch (e) {
      throw new AiCallError(describeFailure(e, this.endpoint));
    }
  }

  /**
   * A streamed reply: each piece goes to `onDelta` as it arrives. Never throws: a failure before
   * anything arrived, or a stream that stopped mid-way (what arrived is kept, `incomplete`), is in
   * the result. A silence longer than the timeout between two pieces stops the stream.
   */
  async stream(messages: ChatMessage[], onDelta: (text: string) => void): Promise<StreamResult> {
    let text = '';
    let usage: Usage = { promptTokens: null, completionTokens: null };
    let finished = false;
    let timedOut = false;
    const abort = new AbortController();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.endpoint.timeoutMs);
    };
    try {
      const stream = await this.with429Retry(() =>
        this.sdk.chat.completions.create(
          {
            model: this.endpoint.model,
            messages,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: abort.signal },
        ),
      );
      arm();
      for await (const chunk of stream) {
        arm();
        if (chunk.usage) usage = usageOf(chunk.usage);
        const choice = chunk.choices?.[0];
        const piece = choice?.delta?.content;
        if (piece) {
          text += piece;
          onDelta(piece);
        }
        if (choice?.finish_reason) finished = true;
      }
      clearTimeout(idle);
      if (!finished) {
        return {
          text,
          usage,
          incomplete: true,
          failure: {
            kind: 'stream-cut',
            message: text
              ? 'The reply stopped before it was finished; what arrived is kept and marked incomplete.'
              : 'The endpoint ended the reply without sending anything.',
          },
        };
      }
      return { text, usage, incomplete: false, failure: null };
    } catch (e) {
      clearTimeout(idle);
      const failure =
        e instanceof APIUserAbortError || timedOut
          ? describeFailure(e, this.endpoint, 'chat', true)
          : describeFailure(e, this.endpoint);
      if (text) {
        return {
          text,
          usage,
          incomplete: true,
          failure: {
            kind: 'stream-cut',
            message: `The reply stopped mid-way (${failure.message.replace(/\.$/, '')}); what arrived is kept and marked incomplete.`,
          },
        };
      }
      return { text, usage, incomplete: false, failure };
    }
  }

  /**
   * A reply that must be JSON matching `schema`: structured output where the endpoint supports it
   * (json_schema, else json_object, else a plain request), then one repair attempt with the
   * validation errors. Throws AiCallError('bad-json') when even the repair does not fit.
   */
  async json<T>(
    messages: ChatMessage[],
    schema: z.ZodType<T>,
    name: string,
  ): Promise<{ value: T; usage: Usage }> {
    let usage: Usage = { promptTokens: null, completionTokens: null };
    const formats = [
      {
        type: 'json_schema' as const,
        json_schema: { name, schema: z.toJSONSchema(schema) as Record<string, unknown>, strict: false },
      },
      { type: 'json_object' as const },
      null,
    ];
    const ask = async (msgs: ChatMessage[]): Promise<string> => {
      let lastError: unknown = null;
      for (const format of formats) {
        try {
          const out = await this.with429Retry(() =>
            this.sdk.chat.completions.create({
              model: this.endpoint.model,
              messages: msgs,
              ...(format ? { response_format: format } : {}),
            }),
          );
          if (!out || !Array.isArray(out.choices))
            throw new AiCallError({
              kind: 'bad-json',
              message: `The endpoint at ${hostOf(this.endpoint.baseURL)} answered, but not with a chat completion.`,
            });
          usage = addUsage(usage, usageOf(out.usage));
          return out.choices[0]?.message?.content ?? '';
        } catch (e) {
          // A 400 here usually means "this server does not support that response_format": try the next.
          if (e instanceof APIError && e.status === 400 && format) {
            lastError = e;
            continue;
          }
          throw new AiCallError(describeFailure(e, this.endpoint), usage);
        }
      }
      throw new AiCallError(describeFailure(lastError, this.endpoint), usage);
    };
    const check = (raw: string): { ok: true; value: T } | { ok: false; problem: string } => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(unfence(raw));
      } catch {
        return { ok: false, problem: 'it is not valid JSON' };
      }
      const r = schema.safeParse(parsed);
      if (r.success) return { ok: true, value: r.data };
      return {
        ok: false,
        problem: r.error.issues
          .slice(0, 8)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; '),
      };
    };
    const first = await ask(messages);
    const firstCheck = check(first);
    if (firstCheck.ok) return { value: firstCheck.value, usage };
    const repaired = await ask([
      ...messages,
      { role: 'assistant', content: first },
      {
        role: 'user',
        content: `That reply cannot be used: ${firstCheck.problem}. Reply again with only the corrected JSON object, nothing else.`,
      },
    ]);
    const second = check(repaired);
    if (second.ok) return { value: second.value, usage };
    throw new AiCallError(
      {
        kind: 'bad-json',
        message: `The model’s answer did not fit the expected form, even after one repair attempt (${second.problem}).`,
      },
      usage,
    );
  }
}
