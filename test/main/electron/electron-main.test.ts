/**
 * The Electron shell's lifecycle, window hardening and IPC registration,
 * against the fake `electron` (the binary cannot run here). The core really
 * starts, in a temp user-data folder, with keytar failing and safeStorage
 * unavailable, so secrets stay in memory and no real keychain is touched.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../../../preload/contract';
import { FILE_GRANT_CHANNEL } from '../../../preload/bridge-names';

const m = await vi.hoisted(async () => await import('./electron-mock'));
vi.mock('electron', () => m.electron);
vi.mock('keytar', () => {
  const fail = async () => {
    throw new Error('keytar is not available in this test');
  };
  const keytar = { getPassword: fail, setPassword: fail, deletePassword: fail };
  return { default: keytar, ...keytar };
});

const { FakeBrowserWindow, FakeWebContents, FakeWebFrame, FakeNotification, app, ipcMain, session, invokeEvent, fakeEvent } = m;
const dirs: string[] = [];
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

/** Import the shell afresh (as Electron runs it) and wait for its first window. */
async function boot(setup: () => void = () => undefined): Promise<InstanceType<typeof FakeBrowserWindow>> {
  vi.resetModules();
  m.resetElectronMock();
  const dir = await mkdtemp(path.join(tmpdir(), 'autolab-shell-'));
  dirs.push(dir);
  m.state.userData = dir;
  setup();
  await import('../../../main/electron/electron-main');
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 10_000 });
  return FakeBrowserWindow.instances[0]!;
}

/** The router's answer to a call on `channel` from `frame` of `sender`. */
function call(channel: string, input: unknown, sender: InstanceType<typeof FakeWebContents>, frame: InstanceType<typeof FakeWebFrame> | null) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(invokeEvent(sender, frame), input) as Promise<unknown>;
}

/** A call from the window's own top frame showing the app's index.html. */
function callFromWindow(win: InstanceType<typeof FakeBrowserWindow>, channel: string, input?: unknown) {
  return call(channel, input, win.webContents, win.webContents.mainFrame);
}

afterEach(async () => {
  // Quit as Electron does, so the core stops its watcher and saves.
  const event = fakeEvent();
  app.emit('before-quit', fakeEvent());
  app.emit('will-quit', event);
  if (event.defaultPrevented) await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('electron-main: single instance', () => {
  it('quits without creating a window when another instance holds the lock', async () => {
    vi.resetModules();
    m.resetElectronMock();
    m.state.singleInstanceLock = false;
    await import('../../../main/electron/electron-main');
    await new Promise((r) => setTimeout(r, 50));
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
  });

  it('restores and focuses the existing window when a second instance starts', async () => {
    const win = await boot();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('shows the window again when a second instance starts while it is hidden in the tray', async () => {
    const win = await boot();
    win.close(); // hidden in the tray
    expect(win.visible).toBe(false);
    app.emit('second-instance', fakeEvent(), [], '/');
    expect(win.show).toHaveBeenCalled();
    expect(win.visible).toBe(true);
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('electron-main: hardened window', () => {
  it('creates the window with context isolation, sandbox, no node, web security, no webview and our preload; enables the app sandbox', async () => {
    const win = await boot();
    app.emit('activate', fakeEvent(), false); // macOS dock click must not bypass the settings either
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0);
    for (const w of FakeBrowserWindow.instances) {
      const prefs = w.options.webPreferences ?? {};
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
      expect(prefs.webSecurity).not.toBe(false);
      expect(prefs.allowRunningInsecureContent).not.toBe(true);
      expect(prefs.webviewTag).toBe(false);
      expect(prefs.disableBlinkFeatures).toBe('Auxclick');
      expect(prefs.preload?.replace(/\\/g, '/')).toMatch(/\/preload\/preload\.cjs$/);
    }
    expect(win.loadFile.mock.calls[0]?.[0].replace(/\\/g, '/')).toMatch(/\/renderer\/index\.html$/);
  });

  it('denies window.open and prevents navigation, redirects, frame navigation and webviews in every WebContents', async () => {
    const win = await boot();
    const foreign = new FakeWebContents(); // e.g. a devtools or future contents
    app.emit('web-contents-created', fakeEvent(), foreign);
    for (const contents of [win.webContents, foreign]) {
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/', frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } })).toEqual({ action: 'deny' });
      for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
        const event = fakeEvent();
        contents.emit(name, event, 'https://evil.example/');
        expect(event.defaultPrevented, name).toBe(true);
      }
    }
  });

  it("loads an index.html whose CSP allows only the app's own scripts (no inline, no eval, no objects)", async () => {
    const html = await readFile(path.join(__dirname, '../../../renderer/index.html'), 'utf8');
    const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    // No inline styles either: React's style={} uses the CSSOM, which CSP allows (issue 11).
    expect(directives.get('style-src')).toEqual(["'self'"]);
  });

  it('denies every permission request and every permission check', async () => {
    await boot();
    const request = session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0];
    expect(request).toBeTypeOf('function');
    expect(check).toBeTypeOf('function');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'] as const) {
      const callback = vi.fn();
      request!({} as never, permission, callback, {} as never);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!(null, permission, 'file://', {} as never)).toBe(false);
    }
  });
});

describe('electron-main: IPC', () => {
  it('registers ipcMain.handle for exactly the contract channels and the file grant', async () => {
    await boot();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES, FILE_GRANT_CHANNEL].sort());
  });

  it('submit:start reads only a path the preload registered from our window, and only a regular file', async () => {
    const win = await boot();
    const dir = dirs[dirs.length - 1]!;
    const handin = path.join(dir, 'handin.tar');
    const other = path.join(dir, 'other.tar');
    await writeFile(handin, 'tar');
    await writeFile(other, 'tar');
    const submit = (p: string) =>
      callFromWindow(win, 'submit:start', { accountId: 'nobody', course: 'c', assessment: 'a', uploadId: 'upload-0001', file: { kind: 'path', path: p } });
    expect(await submit(handin)).toMatchObject({ ok: false, error: { code: 'file-not-granted' } });
    // A foreign WebContents cannot register a path; a directory or device is refused.
    const foreign = new FakeWebContents();
    expect(await call(FILE_GRANT_CHANNEL, other, foreign, new FakeWebFrame(win.webContents.mainFrame.url))).toBe(false);
    expect(await callFromWindow(win, FILE_GRANT_CHANNEL, dir)).toBe(false);
    expect(await callFromWindow(win, FILE_GRANT_CHANNEL, '/dev/zero')).toBe(false);
    expect(await callFromWindow(win, FILE_GRANT_CHANNEL, handin)).toBe(true);
    // Past the file check, the call fails only for the unknown account.
    const answer = (await submit(handin)) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).not.toBe('file-not-granted');
    expect(await submit(other)).toMatchObject({ ok: false, error: { code: 'file-not-granted' } });
  });

  it("answers app:get-info from our window's top frame showing index.html, with host 'electron'", async () => {
    const win = await boot();
    expect(await callFromWindow(win, 'app:get-info')).toMatchObject({ ok: true, output: { host: 'electron', name: 'Autolab Desktop', version: '0.1.0-test' } });
  });

  it('refuses calls from another WebContents, a subframe, another URL or no frame as untrusted-sender', async () => {
    const win = await boot();
    const topUrl = win.webContents.mainFrame.url;
    const foreign = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), foreign);
    const cases = {
      'foreign contents, same URL': call('app:get-info', undefined, foreign, new FakeWebFrame(topUrl)),
      subframe: call('app:get-info', undefined, win.webContents, new FakeWebFrame(topUrl, win.webContents.mainFrame)),
      'remote URL': call('app:get-info', undefined, win.webContents, new FakeWebFrame('https://evil.example/index.html')),
      'other local file': call('app:get-info', undefined, win.webContents, new FakeWebFrame(topUrl.replace(/index\.html$/, 'other.html'))),
      'same path on another host': call('app:get-info', undefined, win.webContents, new FakeWebFrame(topUrl.replace(/^file:\/\/\/?/, 'file://evil.example/'))),
      'no frame (destroyed)': call('app:get-info', undefined, win.webContents, null),
    };
    for (const [name, answer] of Object.entries(cases)) {
      expect(await answer, name).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
  });

  it('refuses calls once the window has closed', async () => {
    const win = await boot();
    app.emit('before-quit', fakeEvent());
    win.close();
    expect(await callFromWindow(win, 'app:get-info')).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('refuses inputs of the wrong type as invalid-input', async () => {
    const win = await boot();
    expect(await callFromWindow(win, 'app:get-info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await callFromWindow(win, 'accounts:remove', { accountId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await callFromWindow(win, 'shell:open-url', 'https://example.org')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it("forwards the core's events to our windows (only) on EVENT_CHANNEL", async () => {
    const win = await boot();
    const foreign = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), foreign);
    expect(await callFromWindow(win, 'activity:mark-read', { ids: [] })).toMatchObject({ ok: true });
    expect(win.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'activity:changed', expect.objectContaining({ unseen: 0 }));
    expect(foreign.send).not.toHaveBeenCalled();
  });

  it('skips a window whose contents are destroyed when forwarding events, so the call still succeeds', async () => {
    const win = await boot();
    win.webContents.destroyed = true; // crashed or closing renderer, 'destroyed' not yet emitted
    win.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    expect(await callFromWindow(win, 'activity:mark-read', { ids: [] })).toMatchObject({ ok: true });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

describe('electron-main: living in the tray', () => {
  it('shows the window hidden in the tray when the macOS dock icon is clicked (activate)', async () => {
    const win = await boot();
    win.close();
    app.emit('activate', fakeEvent(), false);
    expect(win.visible).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });


  it('hides the window on close instead of quitting, and says so once (remembered in the settings)', async () => {
    const setPlatform = (p: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: p, configurable: true });
    const original = process.platform;
    setPlatform('linux');
    try {
      const win = await boot();
      win.show();
      win.close();
      expect(win.hide).toHaveBeenCalled();
      expect(FakeBrowserWindow.instances).toContain(win);
      expect(app.quit).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['Autolab Desktop is still running']));
      win.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(FakeNotification.instances).toHaveLength(1);
      const saved = JSON.parse(await readFile(path.join(m.state.userData, 'watcher-settings.json'), 'utf8')) as { trayNoticeShown?: boolean };
      expect(saved.trayNoticeShown).toBe(true);
    } finally {
      setPlatform(original);
    }
  });

  it('lets the window close once the app is quitting', async () => {
    const win = await boot();
    app.emit('before-quit', fakeEvent());
    win.close();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('clicking a native notification brings the hidden window back', async () => {
    const win = await boot();
    win.close(); // in the tray; the first close shows the "still running" notification
    await vi.waitFor(() => expect(FakeNotification.instances).toHaveLength(1));
    expect(win.visible).toBe(false);
    FakeNotification.instances[0]!.emit('click');
    expect(win.visible).toBe(true);
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('electron-main: startup and shutdown', () => {
  it('waits for the core to stop (watcher saved) before the app quits', async () => {
    await boot();
    const event = fakeEvent();
    app.emit('before-quit', fakeEvent());
    app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const again = fakeEvent();
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('tells the user and exits when the core cannot start', async () => {
    vi.resetModules();
    m.resetElectronMock();
    const dir = await mkdtemp(path.join(tmpdir(), 'autolab-shell-'));
    dirs.push(dir);
    const notAFolder = path.join(dir, 'user-data');
    await writeFile(notAFolder, 'a file where the folder should be');
    m.state.userData = notAFolder;
    await import('../../../main/electron/electron-main');
    await vi.waitFor(() => expect(m.dialog.showErrorBox).toHaveBeenCalled());
    expect(m.dialog.showErrorBox.mock.calls[0]?.[1]).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('says another instance (a web host) holds the data folder, and exits without touching it', async () => {
    vi.resetModules();
    m.resetElectronMock();
    const dir = await mkdtemp(path.join(tmpdir(), 'autolab-shell-'));
    dirs.push(dir);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(path.join(dir, 'instance.lock'), JSON.stringify({ pid: other.pid, host: 'web', startedAt: 1 }));
      await writeFile(path.join(dir, 'accounts.json'), '{"version":1,"accounts":[]}');
      m.state.userData = dir;
      await import('../../../main/electron/electron-main');
      await vi.waitFor(() => expect(m.dialog.showErrorBox).toHaveBeenCalled());
      expect(m.dialog.showErrorBox.mock.calls[0]?.[1]).toBe(
        `Autolab Desktop is already running in a browser tab (web host) with this data folder (process ${other.pid}); use that one, or quit it before starting another.`,
      );
      expect(app.exit).toHaveBeenCalledWith(1);
      expect(await readFile(path.join(dir, 'accounts.json'), 'utf8')).toBe('{"version":1,"accounts":[]}');
    } finally {
      other.kill();
    }
  });
});

void stderr;
