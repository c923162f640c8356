/**
 * The renderer's Content-Security-Policy, shared by the Electron protocol handler and the web shell.
 * No remote origin appears anywhere: scripts, styles, fonts, images and workers come from the app
 * itself. 'unsafe-inline' for styles only, because React and Excalidraw set inline style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  // Recorded interviews play from blob: URLs made from the audio the back end returns.
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The labs' sandbox Worker (the user's edited lab code runs there) is the one script allowed to
 * evaluate code: it turns the transpiled module into functions. Its own policy, sent with its own
 * script, lets it do that and nothing else: no network of any kind, no nested workers, no imports
 * from anywhere. The page keeps CONTENT_SECURITY_POLICY (no 'unsafe-eval').
 */
export const LAB_SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "connect-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The built sandbox Worker's file name (Vite names a worker after its source file, plus a hash). */
export const LAB_SANDBOX_FILE = /^\/assets\/lab-sandbox\.worker-[\w-]+\.js$/;

/** The policy to send with the file at `pathname` (a URL path under the renderer's root). */
export function contentSecurityPolicyFor(pathname: string): string {
  return LAB_SANDBOX_FILE.test(pathname) ? LAB_SANDBOX_CSP : CONTENT_SECURITY_POLICY;
}
