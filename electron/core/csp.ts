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
