/**
 * The Electron main process: kept thin. Window creation with the settings in security.ts, the app://
 * protocol that serves the renderer with its CSP, IPC bound to the same Backend the web shell uses,
 * and navigation locked down. Everything testable lives in security.ts and electron/core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, screen, session, shell } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/contract';
import { fail } from '../shared/api/envelope';
import { Backend } from './core/backend';
import { CONTENT_SECURITY_POLICY } from './core/csp';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  allowPermission,
  decideNavigation,
  decideWindowOpen,
  isTrustedSender,
  restoreWindowState,
  windowOptions,
  type WindowState,
} from './security';

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const assetsDir = app.isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(appRoot, 'assets');
const windowStateFile = () => path.join(app.getPath('userData'), 'window-state.json');

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

function log(line: string): void {
  // Never log payloads: they may hold notes or (later) an API key.
  console.error(`[tradeoff] ${line}`);
}

function devNativeBinding(): string | undefined {
  // In development node_modules holds the Node-ABI build (for tests and the web shell); the
  // Electron-ABI copy is built by scripts/electron-native.mjs. Packaged apps are rebuilt by
  // electron-builder and use the package's own binary.
  if (app.isPackaged) return undefined;
  const file = path.join(appRoot, '.electron-native', process.versions.electron, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

function serveRenderer(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  let file = path.resolve(rendererDir, '.' + pathname);
  if (!file.startsWith(rendererDir + path.sep)) return new Response('Forbidden', { status: 403 });
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rendererDir, 'index.html');
  return net.fetch(pathToFileURL(file).toString()).then((res) => {
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function loadWindowState(): WindowState {
  let saved: unknown = null;
  try {
    saved = JSON.parse(fs.readFileSync(windowStateFile(), 'utf8'));
  } catch {
    saved = null; // first run, or an unreadable file: fall back to defaults
  }
  return restoreWindowState(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

function saveWindowState(win: BrowserWindow): void {
  const bounds = win.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: win.isMaximized() };
  try {
    fs.writeFileSync(windowStateFile(), JSON.stringify(state));
  } catch (e) {
    log(`could not save window state: ${(e as Error).message}`);
  }
}

function createWindow(): void {
  const state = loadWindowState();
  const win = new BrowserWindow({ ...windowOptions(path.join(__dirname, 'preload.cjs')), ...state });
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(win));
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url).action !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
    return { action: 'deny' };
  });
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(allowPermission(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => allowPermission(permission));
    protocol.handle(APP_SCHEME, serveRenderer);

    const nativeBinding = devNativeBinding();
    backend = new Backend({
      dataDir: app.getPath('userData'),
      assetsDir,
      transport: 'ipc',
      appVersion: app.getVersion(),
      db: nativeBinding ? { nativeBinding } : {},
      log,
    });
    backend.onEvent((name, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { name, payload }));

    ipcMain.handle(IPC_INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        log(`refused IPC from untrusted sender ${event.senderFrame?.url ?? '(gone)'}`);
        return fail('FORBIDDEN', 'This request did not come from the app.');
      }
      return backend!.dispatch(name, input);
    });

    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => backend?.close());
}
