/**
 * Request checks for the web shell. It listens on 127.0.0.1 only, and still refuses requests that a
 * web page on another origin could make: a foreign Origin, a cross-site fetch, a Host that is not
 * ours (DNS rebinding), or a body that is not JSON (which would allow a form post without CORS).
 */
export interface RequestFacts {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  contentType: string | undefined;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Returns null when the API request may proceed, or the reason it is refused. */
/**
 * `bodyType` is the only content type the call accepts: JSON for calls, octet-stream for a restore
 * upload. Neither can be sent by a cross-site form or a no-CORS fetch.
 */
export function refuseApiRequest(
  req: RequestFacts,
  port: number,
  bodyType: 'application/json' | 'application/octet-stream' = 'application/json',
): string | null {
  const hosts = allowedHosts(port);
  if (!req.host || !hosts.includes(req.host.toLowerCase())) return 'unexpected Host header';
  if (req.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(req.origin.toLowerCase())) {
    return 'requests from other origins are not accepted';
  }
  if (req.secFetchSite !== undefined && !['same-origin', 'none'].includes(req.secFetchSite)) {
    return 'cross-site requests are not accepted';
  }
  if (req.method === 'POST' && !(req.contentType ?? '').toLowerCase().startsWith(bodyType)) {
    return bodyType === 'application/json'
      ? 'the body must be JSON'
      : 'the body must be the backup file itself';
  }
  return null;
}
