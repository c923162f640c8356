/**
 * The security rules of the desktop shell as pure functions, so they are unit-tested without
 * Electron (tests/unit/security.test.ts). main.ts only wires them to Electron's events.
 * Checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { BrowserWindowConstructorOptions, Session } from 'electron';

/** The renderer is served from this privileged custom scheme, never from file:// or http. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tradeoff';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    minWidth: 900,
    minHeight: 600,
    title: 'Tradeoff',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads Hunspell dictionaries from Google's servers on Windows and
      // Linux; the app must not contact anything, so it is off (see keepSessionOffline too).
      spellcheck: false,
      // Keep timers honest when the window is in the background (the interview clock).
      backgroundThrottling: false,
    },
  };
}

/**
 * Session settings that keep the app from contacting any server. `spellcheck: false` in the window
 * options is not enough on its own: Electron still fetches dictionaries while the *session's*
 * spellchecker is enabled (https://github.com/electron/electron/issues/22995). main.ts calls this
 * for the default session before the first window loads.
 */
export function keepSessionOffline(ses: Pick<Session, 'setSpellCheckerEnabled'>): void {
  ses.setSpellCheckerEnabled(false);
}

/** True only for the app's own pages. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own top-level page (not an iframe, not another origin). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  // A frame without a parent is the top-level page.
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export type NavigationDecision =
  { action: 'allow' } | { action: 'deny' } | { action: 'open-external'; url: string };

/**
 * In-app navigation stays inside the app origin. Links to http(s) pages open in the system browser
 * (after validation); every other scheme (file:, javascript:, custom protocols) is denied.
 */
export function decideNavigation(raw: string): NavigationDecision {
  if (isAppUrl(raw)) return { action: 'allow' };
  const external = validateExternalUrl(raw);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

/** New windows are never created; http(s) links go to the system browser. */
export function decideWindowOpen(raw: string): NavigationDecision {
  const external = validateExternalUrl(raw);
  return external ? { action: 'open-external', url: external } : { action: 'deny' };
}

export function validateExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null; // credentials in links are a phishing tell
  if (!url.hostname) return null;
  return url.toString();
}

/** A permission request or check, as Electron describes it (the parts the rules look at). */
export interface PermissionAsk {
  permission: string;
  /** The origin or URL of the page asking (a request's securityOrigin/requestingUrl, a check's origin). */
  origin?: string | null;
  /** For 'media': what a request wants (mediaTypes) or what a check is about (mediaType). */
  mediaTypes?: readonly string[] | null;
}

/**
 * One permission is ever granted: the microphone, to the app's own pages, for recording an interview
 * the candidate chose to record. Camera, screen capture, a request that mixes audio with video, any
 * other origin, and every other permission (notifications, geolocation, …) are refused.
 */
export function allowPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  if (!ask.origin || !isAppUrl(ask.origin)) return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/**
 * Restores a saved window state only if it is still mostly on a connected display (a monitor may
 * have been unplugged since); otherwise the default size, centred by the OS.
 */
export function restoreWindowState(saved: unknown, displays: readonly Rect[]): WindowState {
  if (!saved || typeof saved !== 'object') return DEFAULT_WINDOW_STATE;
  const s = saved as Partial<WindowState>;
  const width = Number(s.width);
  const height = Number(s.height);
  if (!Number.isFinite(width) || !Number.isFinite(height) || width < 400 || height < 300)
    return DEFAULT_WINDOW_STATE;
  const state: WindowState = {
    width: Math.round(width),
    height: Math.round(height),
    maximized: s.maximized === true,
  };
  if (Number.isFinite(s.x) && Number.isFinite(s.y)) {
    const x = Number(s.x);
    const y = Number(s.y);
    const visible = displays.some((d) => {
      const overlapW = Math.min(x + width, d.x + d.width) - Math.max(x, d.x);
      const overlapH = Math.min(y + height, d.y + d.height) - Math.max(y, d.y);
      return overlapW >= Math.min(200, width) && overlapH >= Math.min(100, height);
    });
    if (visible) return { ...state, x, y };
  }
  return state;
}
