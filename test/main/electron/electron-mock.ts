/**
 * A faithful-enough fake of the `electron` module for unit tests of the shell.
 *
 * The Electron binary cannot be downloaded here, so the shell's tests replace
 * `electron` with this fake (`vi.mock('electron', () => electron)`). Each
 * function is a `vi.fn` typed with the real signature from electron.d.ts, and
 * the objects behave like Electron where the shell depends on it: windows
 * create a WebContents and announce it on `app` ('web-contents-created'),
 * `close` is cancellable and ends in 'closed' / 'window-all-closed', events
 * carry `preventDefault`. State is reset in place by `resetElectronMock`, so
 * the same module object serves every test.
 */
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type * as E from 'electron';

const fns: Mock[] = [];
/** A tracked `vi.fn` typed as the real Electron method `T`. */
function fn<T extends (...args: never[]) => unknown>(impl: T): Mock<T> {
  const m = vi.fn(impl);
  fns.push(m as unknown as Mock);
  return m;
}

/** An Electron-style event whose default can be prevented. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
/** Make a cancellable event. */
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

const emitters: EventEmitter[] = [];
function tracked<T extends EventEmitter>(e: T): T {
  emitters.push(e);
  return e;
}

/** Mutable knobs the tests set before importing the shell. */
export const state = {
  singleInstanceLock: true,
  userData: '',
  notificationsSupported: true,
};

/** A frame of a WebContents (WebFrameMain). */
export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextId = 1;
/** A WebContents: events, `send`, the window-open handler, a main frame. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeWebFrame('about:blank');
  windowOpenHandler: ((details: E.HandlerDetails) => E.WindowOpenHandlerResponse) | null = null;
  destroyed = false;
  readonly send = fn<E.WebContents['send']>(() => undefined);
  readonly setWindowOpenHandler = fn<E.WebContents['setWindowOpenHandler']>((h) => {
    this.windowOpenHandler = h;
  });
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Destroy (as when the window closes). */
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** A BrowserWindow: records its options, owns a WebContents, cancellable close. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = fn<typeof E.BrowserWindow.getAllWindows>(() => FakeBrowserWindow.instances as unknown as E.BrowserWindow[]);
  static getFocusedWindow = fn<typeof E.BrowserWindow.getFocusedWindow>(() => null);

  readonly webContents = tracked(new FakeWebContents());
  visible = false;
  minimized = false;
  readonly loadFile = fn<E.BrowserWindow['loadFile']>(async (filePath) => {
    this.webContents.mainFrame.url = `file://${filePath}`;
  });
  readonly show = fn<E.BrowserWindow['show']>(() => {
    this.visible = true;
  });
  readonly hide = fn<E.BrowserWindow['hide']>(() => {
    this.visible = false;
  });
  readonly focus = fn<E.BrowserWindow['focus']>(() => undefined);
  readonly restore = fn<E.BrowserWindow['restore']>(() => {
    this.minimized = false;
  });
  readonly isMinimized = fn<E.BrowserWindow['isMinimized']>(() => this.minimized);
  readonly isVisible = fn<E.BrowserWindow['isVisible']>(() => this.visible);

  constructor(readonly options: E.BrowserWindowConstructorOptions = {}) {
    super();
    tracked(this);
    FakeBrowserWindow.instances.push(this);
    // Electron announces every new WebContents on `app` before the constructor returns.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  /** The user closes the window: 'close' may be prevented; otherwise 'closed' and maybe 'window-all-closed'. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    FakeBrowserWindow.instances = FakeBrowserWindow.instances.filter((w) => w !== this);
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.instances.length === 0) app.emit('window-all-closed');
  }
}

/** `app`: lifecycle events and the methods the shell calls. */
export const app = tracked(
  Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: fn<E.App['requestSingleInstanceLock']>(() => state.singleInstanceLock),
    quit: fn<E.App['quit']>(() => undefined),
    exit: fn<E.App['exit']>(() => undefined),
    enableSandbox: fn<E.App['enableSandbox']>(() => undefined),
    whenReady: fn<E.App['whenReady']>(() => Promise.resolve()),
    getPath: fn<E.App['getPath']>(() => state.userData),
    getVersion: fn<E.App['getVersion']>(() => '0.1.0-test'),
    setBadgeCount: fn<E.App['setBadgeCount']>(() => true),
    setLoginItemSettings: fn<E.App['setLoginItemSettings']>(() => undefined),
  }),
);

/** `session.defaultSession`: the permission handlers. */
export const session = {
  defaultSession: {
    setPermissionRequestHandler: fn<E.Session['setPermissionRequestHandler']>(() => undefined),
    setPermissionCheckHandler: fn<E.Session['setPermissionCheckHandler']>(() => undefined),
  },
};

type InvokeListener = (event: E.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
/** `ipcMain`: records `handle` registrations. */
export const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle: fn<E.IpcMain['handle']>((channel, listener) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, listener as InvokeListener);
  }),
  removeHandler: fn<E.IpcMain['removeHandler']>((channel) => void ipcMain.handlers.delete(channel)),
};

/** `safeStorage`: unavailable, so the core falls back to the memory store. */
export const safeStorage = {
  isEncryptionAvailable: fn<E.SafeStorage['isEncryptionAvailable']>(() => false),
  encryptString: fn<E.SafeStorage['encryptString']>(() => {
    throw new Error('Encryption is not available.');
  }),
  decryptString: fn<E.SafeStorage['decryptString']>(() => {
    throw new Error('Decryption is not available.');
  }),
};

/** `shell`. */
export const shell = { openExternal: fn<E.Shell['openExternal']>(async () => undefined) };

/** `dialog`: answers cancelled unless a test says otherwise. */
export const dialog = {
  showOpenDialog: fn<(...args: unknown[]) => Promise<E.OpenDialogReturnValue>>(async () => ({ canceled: true, filePaths: [] })),
  showSaveDialog: fn<(...args: unknown[]) => Promise<E.SaveDialogReturnValue>>(async () => ({ canceled: true, filePath: '' })),
  showErrorBox: fn<E.Dialog['showErrorBox']>(() => undefined),
};

/** A native notification. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported = fn<typeof E.Notification.isSupported>(() => state.notificationsSupported);
  readonly show = fn<E.Notification['show']>(() => undefined);
  constructor(readonly options: E.NotificationConstructorOptions) {
    super();
    tracked(this);
    FakeNotification.instances.push(this);
  }
}

/** `powerMonitor`. */
export const powerMonitor = tracked(new EventEmitter());

/** A drawn icon. */
export interface FakeImage {
  fake: 'image';
  bitmap: Buffer;
}
/** `nativeImage`. */
export const nativeImage = {
  createFromBitmap: fn<(buffer: Buffer, options: E.CreateFromBitmapOptions) => FakeImage>((bitmap) => ({ fake: 'image', bitmap })),
};

/** A built menu: the template it came from. */
export interface FakeMenu {
  template: E.MenuItemConstructorOptions[];
}
/** `Menu`. */
export const Menu = {
  buildFromTemplate: fn<(template: E.MenuItemConstructorOptions[]) => FakeMenu>((template) => ({ template })),
};

/** The tray icon. */
export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  menu: FakeMenu | null = null;
  tooltip = '';
  image: FakeImage;
  readonly setToolTip = fn<(t: string) => void>((t) => {
    this.tooltip = t;
  });
  readonly setImage = fn<(i: FakeImage) => void>((i) => {
    this.image = i;
  });
  readonly setContextMenu = fn<(m: FakeMenu | null) => void>((m) => {
    this.menu = m;
  });
  readonly destroy = fn<() => void>(() => undefined);
  constructor(image: FakeImage) {
    super();
    tracked(this);
    this.image = image;
    FakeTray.instances.push(this);
  }
}

/** The renderer side: `ipcRenderer`, `contextBridge`, `webUtils`. */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: fn<E.IpcRenderer['invoke']>(async () => ({ ok: true, output: null })),
});
tracked(ipcRenderer);
export const contextBridge = { exposeInMainWorld: fn<E.ContextBridge['exposeInMainWorld']>(() => undefined) };
export const webUtils = { getPathForFile: fn<E.WebUtils['getPathForFile']>(() => '/home/student/handin.tar') };

/** The module as `vi.mock('electron', () => electron)` returns it. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  session,
  ipcMain,
  safeStorage,
  shell,
  dialog,
  Notification: FakeNotification,
  powerMonitor,
  nativeImage,
  Menu,
  Tray: FakeTray,
  ipcRenderer,
  contextBridge,
  webUtils,
};

/** Forget every window, handler, listener and call; restore default answers. */
export function resetElectronMock(): void {
  for (const m of fns) m.mockReset();
  for (const e of emitters) e.removeAllListeners();
  emitters.length = 0;
  tracked(app);
  tracked(powerMonitor);
  tracked(ipcRenderer);
  FakeBrowserWindow.instances = [];
  FakeNotification.instances = [];
  FakeTray.instances = [];
  ipcMain.handlers.clear();
  Object.assign(state, { singleInstanceLock: true, userData: '', notificationsSupported: true });
}

/** An IPC invoke event from `frame` of `sender` (IpcMainInvokeEvent's fields the shell reads). */
export function invokeEvent(sender: FakeWebContents, frame: FakeWebFrame | null): E.IpcMainInvokeEvent {
  return { sender, senderFrame: frame, frameId: 1, processId: 1 } as unknown as E.IpcMainInvokeEvent;
}
