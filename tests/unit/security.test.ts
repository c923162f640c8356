import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  DEFAULT_WINDOW_STATE,
  allowPermission,
  decideNavigation,
  decideWindowOpen,
  isTrustedSender,
  keepSessionOffline,
  restoreWindowState,
  validateExternalUrl,
  windowOptions,
} from '../../electron/security';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/csp';

describe('window options', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('no remote contact', () => {
  it('turns the spellchecker off, which would download dictionaries from a remote server', () => {
    expect(windowOptions('/app/preload.cjs').webPreferences!.spellcheck).toBe(false);
  });

  it('turns the session spellchecker off too (window options alone still download)', () => {
    const calls: boolean[] = [];
    keepSessionOffline({ setSpellCheckerEnabled: (enable: boolean) => void calls.push(enable) });
    expect(calls).toEqual([false]);
  });
});

describe('content security policy', () => {
  it('allows no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC sender check', () => {
  it('accepts only the app page in the top frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html#/problem/x`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false); // an iframe
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('navigation', () => {
  it('stays inside the app and sends web links to the system browser', () => {
    expect(decideNavigation(`${APP_ORIGIN}/index.html#/packs`)).toEqual({ action: 'allow' });
    expect(decideNavigation('https://bitly.com/')).toEqual({
      action: 'open-external',
      url: 'https://bitly.com/',
    });
    expect(decideNavigation('file:///etc/hosts')).toEqual({ action: 'deny' });
    expect(decideNavigation('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(decideNavigation('not a url')).toEqual({ action: 'deny' });
  });

  it('never opens a new window', () => {
    expect(decideWindowOpen(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://example.com/a')).toEqual({
      action: 'open-external',
      url: 'https://example.com/a',
    });
    expect(decideWindowOpen('smb://server/share')).toEqual({ action: 'deny' });
  });

  it('validates external links', () => {
    expect(validateExternalUrl('https://user:pw@example.com/')).toBeNull();
    expect(validateExternalUrl('http://example.com/x?y=1')).toBe('http://example.com/x?y=1');
    expect(validateExternalUrl('mailto:a@b.c')).toBeNull();
  });

  it('allows the microphone to the app itself and refuses every other permission', () => {
    const app = 'app://tradeoff';
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: ['audio'] })).toBe(true);
    expect(allowPermission({ permission: 'media', origin: `${app}/`, mediaTypes: ['audio'] })).toBe(true);
    // Camera, or audio together with the camera, or nothing named: refused.
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: ['video'] })).toBe(false);
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: [] })).toBe(false);
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: null })).toBe(false);
    expect(allowPermission({ permission: 'media', origin: app, mediaTypes: ['unknown'] })).toBe(false);
    // Any other origin, even asking for audio only.
    for (const origin of [
      'https://example.com',
      'http://127.0.0.1:5174',
      'file:///x',
      'app://other',
      '',
      null,
    ]) {
      expect(allowPermission({ permission: 'media', origin, mediaTypes: ['audio'] })).toBe(false);
    }
    // Screen capture and every other permission, even for the app.
    for (const p of [
      'display-capture',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'midi',
      'fullscreen',
    ]) {
      expect(allowPermission({ permission: p, origin: app, mediaTypes: ['audio'] })).toBe(false);
    }
  });
});

describe('window state', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  it('restores a saved position that is on a display', () => {
    expect(
      restoreWindowState({ x: 100, y: 50, width: 1200, height: 800, maximized: true }, [display]),
    ).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });
  it('drops a position on a display that is gone, keeping the size', () => {
    expect(
      restoreWindowState({ x: 3000, y: 50, width: 1200, height: 800, maximized: false }, [display]),
    ).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
  });
  it('falls back to defaults for junk', () => {
    expect(restoreWindowState('nope', [display])).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState({ width: 10, height: 10 }, [display])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
