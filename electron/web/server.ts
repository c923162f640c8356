/**
 * The web shell: serves the built renderer and relays API calls to the back end, which runs in a
 * worker thread (electron/core/worker). This thread only moves bytes: it never parses a request
 * body or builds a response body, so a large pack import, a backup or a report cannot stall it.
 *
 * Access needs the per-launch token printed with the URL (as notebook servers do): opening the URL
 * exchanges it for an HttpOnly, SameSite=Strict cookie, and every API request must carry it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../../shared/api/bridge';
import { backupFileName } from '../core/data/names';
import { contentSecurityPolicyFor } from '../core/csp';
import { BackendHost } from '../core/worker/host';
import { refuseApiRequest } from './guard';
import { StaticFiles } from './static';

/** JSON calls: a 20 MB content pack plus JSON escaping fits. */
export const MAX_JSON_BODY_BYTES = 48 * 1024 * 1024;
/** Restores stream to disk, so a backup of any realistic size fits. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

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
  /** The built back-end worker script. */
  workerFile: string;
  /** Load it through the boot script and V8's code cache (see core/worker/codeCache.ts). */
  workerBoot?: { file: string; cacheDir: string | null };
  /** The built-in pack validated at build time (optional: without it the folder is validated). */
  builtinPackFile?: string;
  appVersion: string;
  /** The access token; a random one per launch when not given. */
  token?: string;
  workerExecArgv?: string[];
  log?: (line: string) => void;
}

export interface WebShell {
  /** The address to open: it carries the token. */
  url: string;
  /** The address without the token. */
  origin: string;
  port: number;
  token: string;
  cookieName: string;
  host: BackendHost;
  close(): Promise<void>;
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, { ...JSON_HEADERS, ...extra });
  res.end(JSON.stringify(body));
}

function refusal(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

class TooLarge extends Error {}

/** Collects a body up to `limit` bytes. Past it, rejects with TooLarge and stops reading. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume(); // drain the rest so the answer can be read before the socket closes
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const rendererRoot = path.resolve(opts.rendererDir);
  if (!fs.existsSync(path.join(rendererRoot, 'index.html'))) {
    throw new Error(
      `The renderer is not built (no ${path.join(rendererRoot, 'index.html')}). Run "npm run build" first.`,
    );
  }
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  // Throws DataFolderLockedError (naming the holder) when another Tradeoff uses this folder.
  const host = BackendHost.start({
    dataDir: opts.dataDir,
    assetsDir: opts.assetsDir,
    builtinPackFile: opts.builtinPackFile,
    transport: 'http',
    appVersion: opts.appVersion,
    workerFile: opts.workerFile,
    ...(opts.workerBoot ? { boot: opts.workerBoot } : {}),
    execArgv: opts.workerExecArgv,
    log: opts.log,
  });
  const files = new StaticFiles();
  const sseClients = new Set<http.ServerResponse>();
  host.onEvent((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  let port = opts.port;
  let cookieName = 'tradeoff_token';

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A malformed request (say, a broken %-escape) must never take the server down.
      opts.log?.(`request failed: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(400).end();
      else res.destroy();
    });
  });

  function authorised(req: http.IncomingMessage): boolean {
    return sameSecret(parseCookies(req.headers.cookie).get(cookieName), token);
  }

  const MISSING_TOKEN =
    'This page is not signed in to the Tradeoff web shell. Open the address it printed when it started (the one ending in ?token=…).';

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const facts = {
      method: req.method ?? 'GET',
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers['sec-fetch-site'] as string | undefined,
      contentType: req.headers['content-type'],
    };

    if (url.pathname.startsWith(HTTP_API_PREFIX) && req.method === 'POST') {
      const name = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      const upload = name === 'data.restore';
      const refused = refuseApiRequest(facts, port, upload ? 'application/octet-stream' : 'application/json');
      if (refused) return sendJson(res, 403, refusal('FORBIDDEN', refused));
      if (!authorised(req)) return sendJson(res, 403, refusal('FORBIDDEN', MISSING_TOKEN));
      if (upload) return restore(req, res, url.searchParams.get('name') ?? 'the backup');
      if (name === 'data.backup') return backup(res);
      const limit = MAX_JSON_BODY_BYTES;
      const declared = Number(req.headers['content-length'] ?? 0);
      const tooLarge = () =>
        sendJson(
          res,
          413,
          refusal(
            'TOO_LARGE',
            `The request is larger than ${Math.round(limit / 1024 / 1024)} MB, so it was not processed.`,
          ),
          { Connection: 'close' },
        );
      if (declared > limit) {
        tooLarge();
        req.resume();
        return;
      }
      let body: Uint8Array;
      try {
        body = await readBody(req, limit);
      } catch (e) {
        if (e instanceof TooLarge) return tooLarge();
        throw e;
      }
      const answer = await host.dispatchJson(name, body);
      res.writeHead(answer.status, { ...JSON_HEADERS, 'Content-Length': answer.body.byteLength });
      res.end(answer.body);
      return;
    }

    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      const refused = refuseApiRequest({ ...facts, contentType: undefined }, port);
      if (refused) return sendJson(res, 403, refusal('FORBIDDEN', refused));
      if (!authorised(req)) return sendJson(res, 403, refusal('FORBIDDEN', MISSING_TOKEN));
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

    // Opening the printed address: swap the token for a cookie and drop it from the address bar.
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('This Tradeoff address has an old or wrong token. Open the address the web shell printed.');
        return;
      }
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: url.pathname + (url.search === '?' ? '' : url.search),
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    // Static files: resolve inside the renderer folder only; unknown paths get the app (hash routing).
    let file = path.resolve(rendererRoot, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(rendererRoot + path.sep) && file !== rendererRoot) {
      res.writeHead(403).end();
      return;
    }
    let body = await files.read(file);
    if (body === null) {
      file = path.join(rendererRoot, 'index.html');
      body = await files.read(file);
      if (body === null) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The renderer is not built. Run "npm run build".');
        return;
      }
    }
    const ext = path.extname(file);
    const immutable = url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      // By the file actually served, so a missing sandbox path falls back to index.html with the page's policy.
      'Content-Security-Policy': contentSecurityPolicyFor(
        `/${path.relative(rendererRoot, file).split(path.sep).join('/')}`,
      ),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Length': body.length,
    });
    if (req.method === 'HEAD') return void res.end();
    res.end(body);
  }

  /** A temporary file in the data folder (same disk as the data, so renames stay atomic). */
  function tempFile(kind: string): string {
    return path.join(opts.dataDir, `.${kind}-${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
  }

  async function backup(res: http.ServerResponse): Promise<void> {
    const file = tempFile('backup');
    try {
      const envelope = await host.backupTo(file);
      if (!envelope.ok) return sendJson(res, 200, envelope);
      const { size } = await fs.promises.stat(file);
      res.writeHead(200, {
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Length': size,
        'Content-Disposition': `attachment; filename="${backupFileName(Date.now())}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      await pipeline(fs.createReadStream(file), res);
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  async function restore(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    shownName: string,
  ): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () =>
      sendJson(res, 413, refusal('TOO_LARGE', 'That file is too large to be a Tradeoff backup.'), {
        Connection: 'close',
      });
    if (declared > MAX_UPLOAD_BYTES) {
      tooLarge();
      req.resume();
      return;
    }
    const file = tempFile('upload');
    try {
      let received = 0;
      const out = fs.createWriteStream(file, { flags: 'wx' });
      try {
        await pipeline(
          req,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              received += chunk.length;
              if (received > MAX_UPLOAD_BYTES) throw new TooLarge();
              yield chunk;
            }
          },
          out,
        );
      } catch (e) {
        if (e instanceof TooLarge) return tooLarge();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC')
          return sendJson(
            res,
            200,
            refusal(
              'DISK_FULL',
              'The disk is full, so the backup could not be received. Nothing was changed.',
            ),
          );
        throw e;
      }
      sendJson(res, 200, await host.restoreFrom(file, shownName.slice(0, 300)));
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      void host.close();
      reject(e);
    });
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : opts.port;
      // Cookies are shared across ports on one host: name ours by port, so two shells don't clash.
      cookieName = `tradeoff_token_${port}`;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/?token=${token}`,
        origin,
        port,
        token,
        cookieName,
        host,
        close: () =>
          new Promise<void>((done) => {
            for (const c of sseClients) c.end();
            server.close(() => void host.close().then(done));
            server.closeAllConnections();
          }),
      });
    });
  });
}
