/**
 * The Electron main process: kept thin. Window creation with the settings in security.ts, the app://
 * protocol that serves the renderer with its CSP, IPC bound to the same Backend the web shell uses,
 * and navigation locked down. Everything testable lives in security.ts and electron/core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/bridge';
import { fail, ok, type Envelope } from '../shared/api/envelope';
import { scoringCalls } from '../shared/api/scoring';
import { loadAiKey, saveAiKey } from './aiKey';
import { contentSecurityPolicyFor } from './core/csp';
import { backupFileName } from './core/data/names';
import { DB_FILE_NAME } from './core/db/names';
import { BackendHost } from './core/worker/host';
import { defaultCacheDir } from './core/paths';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  allowPermission,
  decideNavigation,
  decideWindowOpen,
  isTrustedSender,
  keepSessionOffline,
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
let host: BackendHost | null = null;

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

/** The app cannot run: say why and what to do in a dialog (never quit without a window silently). */
function cannotStart(reason: string, dataDir: string): void {
  log(`cannot start: ${reason}`);
  dialog.showErrorBox(
    'Tradeoff can’t start',
    `${reason}\n\nYour data is in ${path.join(dataDir, DB_FILE_NAME)}; nothing in it was changed. ` +
      'Close any other Tradeoff (including a web shell started with "npm run web") and open Tradeoff again.',
  );
  app.exit(1);
}

async function saveBackup(backend: BackendHost): Promise<Envelope<unknown>> {
  const options = {
    title: 'Save a backup of all your Tradeoff data',
    defaultPath: backupFileName(Date.now()),
    filters: [{ name: 'Tradeoff backup', extensions: ['sqlite'] }],
  };
  const choice = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return ok({ fileName: '', sizeBytes: 0, savedTo: null });
  return backend.backupTo(choice.filePath);
}

async function restoreBackup(backend: BackendHost): Promise<Envelope<unknown>> {
  const options = {
    title: 'Restore a Tradeoff backup',
    properties: ['openFile' as const],
    filters: [{ name: 'Tradeoff backup', extensions: ['sqlite', 'db'] }],
  };
  const choice = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return ok({ cancelled: true });
  return backend.restoreFrom(file, path.basename(file));
}

/**
 * The PDF report: Chromium prints the asking window's print view (the session page's report, laid
 * out by its print stylesheet) and the user picks where it goes. Nothing of the report passes
 * through the main process but the finished bytes.
 */
async function savePdf(sender: WebContents, input: unknown): Promise<Envelope<unknown>> {
  const parsed = scoringCalls['report.savePdf'].input.safeParse(input);
  if (!parsed.success) return fail('BAD_INPUT', 'The report’s file name is not valid.');
  const win = BrowserWindow.fromWebContents(sender);
  const options = {
    title: 'Save the interview report as PDF',
    defaultPath: parsed.data.fileName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return ok({ savedTo: null });
  try {
    // Page size, margins and breaks come from the page's own @page and print rules.
    const pdf = await sender.printToPDF({ printBackground: true, preferCSSPageSize: true });
    await fs.promises.writeFile(choice.filePath, pdf);
  } catch (e) {
    return fail('INTERNAL', `The PDF could not be saved: ${(e as Error).message}`);
  }
  return ok({ savedTo: choice.filePath });
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
    // By the file actually served (see the web shell): the labs' sandbox Worker gets its own policy.
    headers.set(
      'Content-Security-Policy',
      contentSecurityPolicyFor(`/${path.relative(rendererDir, file).split(path.sep).join('/')}`),
    );
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
    // No spell-check dictionaries from a remote server, before any window can ask for them.
    keepSessionOffline(session.defaultSession);
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(
        allowPermission({
          permission,
          origin: 'securityOrigin' in details ? details.securityOrigin : details.requestingUrl,
          mediaTypes: 'mediaTypes' in details ? details.mediaTypes : null,
        }),
      ),
    );
    session.defaultSession.setPermissionCheckHandler((_wc, permission, origin, details) =>
      allowPermission({ permission, origin, mediaTypes: details.mediaType ? [details.mediaType] : null }),
    );
    protocol.handle(APP_SCHEME, serveRenderer);

    const dataDir = app.getPath('userData');
    const nativeBinding = devNativeBinding();
    try {
      // Takes the data folder's lock first: a web shell on the same folder makes this refuse.
      host = BackendHost.start({
        dataDir,
        assetsDir,
        builtinPackFile: path.join(appRoot, 'dist', 'content', 'builtin-pack.json'),
        transport: 'ipc',
        appVersion: app.getVersion(),
        workerFile: path.join(__dirname, 'backend-worker.cjs'),
        boot: { file: path.join(__dirname, 'worker-boot.cjs'), cacheDir: defaultCacheDir() },
        ...(nativeBinding ? { nativeBinding } : {}),
        log,
        aiKey: loadAiKey(dataDir),
        onAiKey: (key) => saveAiKey(dataDir, key),
      });
    } catch (e) {
      cannotStart((e as Error).message, dataDir);
      return;
    }
    const started = host;
    void started.whenReady().then(() => {
      if (started.startError) cannotStart(started.startError, dataDir);
    });
    started.onEvent((name, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { name, payload }));

    ipcMain.handle(IPC_INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        log(`refused IPC from untrusted sender ${event.senderFrame?.url ?? '(gone)'}`);
        return fail('FORBIDDEN', 'This request did not come from the app.');
      }
      // Backups move whole files: the user picks the path in a native dialog, the worker does the rest.
      if (name === 'data.backup') return saveBackup(started);
      if (name === 'data.restore') return restoreBackup(started);
      if (name === 'report.savePdf') return savePdf(event.sender, input);
      return started.dispatch(name, input);
    });

    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!host) return;
    // Close the database and release the data folder before the process ends.
    event.preventDefault();
    const closing = host;
    host = null;
    void closing.close().finally(() => app.quit());
  });
}
