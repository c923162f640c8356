/**
 * The web shell: serves the built renderer and binds the same back-end handlers as the desktop app
 * over HTTP on 127.0.0.1. Used to run Tradeoff in a browser and to test the whole app end to end.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../../shared/api/contract';
import { Backend } from '../core/backend';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { refuseApiRequest } from './guard';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export interface WebShellOptions {
  port: number;
  dataDir: string;
  assetsDir: string;
  rendererDir: string;
  appVersion: string;
  log?: (line: string) => void;
}

export interface WebShell {
  url: string;
  port: number;
  backend: Backend;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const backend = new Backend({
    dataDir: opts.dataDir,
    assetsDir: opts.assetsDir,
    transport: 'http',
    appVersion: opts.appVersion,
    log: opts.log,
  });
  const rendererRoot = path.resolve(opts.rendererDir);
  if (!fs.existsSync(path.join(rendererRoot, 'index.html'))) {
    throw new Error(
      `The renderer is not built (no ${path.join(rendererRoot, 'index.html')}). Run "npm run build" first.`,
    );
  }
  const sseClients = new Set<http.ServerResponse>();
  backend.onEvent((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  let port = opts.port;

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      // A malformed request (say, a broken %-escape) must never take the server down.
      opts.log?.(`request failed: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(400).end();
    }
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const facts = {
      method: req.method ?? 'GET',
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers['sec-fetch-site'] as string | undefined,
      contentType: req.headers['content-type'],
    };

    if (url.pathname.startsWith(HTTP_API_PREFIX) && req.method === 'POST') {
      const refused = refuseApiRequest(facts, port);
      if (refused) return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: refused } });
      const name = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      readBody(req)
        .then(async (body) => {
          let input: unknown;
          try {
            input = body === '' ? {} : JSON.parse(body);
          } catch {
            return sendJson(res, 400, {
              ok: false,
              error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' },
            });
          }
          sendJson(res, 200, await backend.dispatch(name, input));
        })
        .catch(() =>
          sendJson(res, 413, {
            ok: false,
            error: { code: 'BAD_INPUT', message: 'The request is too large.' },
          }),
        );
      return;
    }

    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      const refused = refuseApiRequest({ ...facts, contentType: undefined }, port);
      if (refused) return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: refused } });
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // Static files: resolve inside the renderer folder only; unknown paths get the app (hash routing).
    let file = path.resolve(rendererRoot, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(rendererRoot + path.sep) && file !== rendererRoot) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rendererRoot, 'index.html');
    const ext = path.extname(file);
    const immutable = url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : opts.port;
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        port,
        backend,
        close: () =>
          new Promise<void>((done) => {
            for (const c of sseClients) c.end();
            server.close(() => {
              backend.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
