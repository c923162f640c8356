/**
 * `/v1/audio/transcriptions` on the fake OpenAI-compatible server (tests/helpers/fake-openai.ts):
 * it checks that a real audio file arrived (a multipart upload whose file part is a WebM stream
 * with an Opus track) and the model asked for, then answers `verbose_json` with timestamped
 * segments. It cannot hear, so the segments' words are the test's script; their times are spread
 * over the audio's length, which it reads from the file itself (the last cluster's timecode).
 */
import type http from 'node:http';
import type { FakeOpenAi, RecordedRequest } from './fake-openai';

export type TranscriptionFault = '401' | '404-model' | '500' | 'no-segments' | 'hang';

export interface FakeTranscriptions {
  /** Each upload's file bytes, model and file name, as received. */
  uploads: { bytes: Buffer; model: string; fileName: string; mimeType: string }[];
  /** Fails the next request (or every one until cleared with null). */
  fail(fault: TranscriptionFault | null, times?: number): void;
}

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

function error(res: http.ServerResponse, status: number, message: string, code: string | null) {
  const text = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The parts of a multipart/form-data body: name, file name, content type and bytes. */
export function parseMultipart(req: RecordedRequest) {
  const type = String(req.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; fileName: string | null; contentType: string | null; bytes: Buffer }[] = [];
  let at = req.raw.indexOf(delimiter);
  while (at >= 0) {
    const next = req.raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = req.raw.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
      fileName: /filename="([^"]*)"/.exec(head)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null,
      bytes: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

/** Adds the route. `script` gives the words; each line gets an equal share of the audio's length. */
export function addTranscriptions(
  fake: FakeOpenAi,
  script: readonly string[],
  audioSeconds: (bytes: Buffer) => number,
): FakeTranscriptions {
  let fault: TranscriptionFault | null = null;
  let left = Infinity;
  const state: FakeTranscriptions = {
    uploads: [],
    fail(f, times = Infinity) {
      fault = f;
      left = times;
    },
  };
  fake.route('POST', '/v1/audio/transcriptions', (req, res) => {
    const f = fault && left > 0 ? fault : null;
    if (f && --left <= 0) fault = null;
    if (f === 'hang') return;
    if (f === '401') return error(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    if (f === '500') return error(res, 500, 'The server had an error.', null);
    const parts = parseMultipart(req);
    const file = parts.find((p) => p.name === 'file');
    const model = parts.find((p) => p.name === 'model')?.bytes.toString('utf8') ?? '';
    const format = parts.find((p) => p.name === 'response_format')?.bytes.toString('utf8');
    if (f === '404-model') return error(res, 404, `The model '${model}' does not exist`, 'model_not_found');
    if (!file || !file.bytes.subarray(0, 4).equals(EBML_MAGIC) || !file.bytes.includes('A_OPUS'))
      return error(res, 400, 'The file is not a WebM/Opus audio file.', 'invalid_file');
    if (format !== 'verbose_json') return error(res, 400, 'Expected response_format verbose_json.', null);
    state.uploads.push({
      bytes: file.bytes,
      model,
      fileName: file.fileName ?? '',
      mimeType: file.contentType ?? '',
    });
    const duration = audioSeconds(file.bytes);
    const step = duration / Math.max(1, script.length);
    const segments =
      f === 'no-segments'
        ? undefined
        : script.map((text, id) => ({ id, start: id * step, end: (id + 1) * step, text: ` ${text}` }));
    const text = JSON.stringify({
      task: 'transcribe',
      language: 'english',
      duration,
      text: script.join(' '),
      segments,
    });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
  return state;
}
