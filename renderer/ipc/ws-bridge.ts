/**
 * The web host's transport: the contract over a WebSocket.
 *
 * The launch secret arrives in the URL fragment (`#secret=…`, never sent to
 * any server); it is kept in sessionStorage so a reload still works, removed
 * from the address bar, and presented as the WebSocket subprotocol
 * `secret.<hex>` next to `autolab-ipc`.
 */
import { channels, methodName, WS_PATH, type IpcResult, type RawBridge, type WsMessage } from '../../preload/contract';

const SECRET_KEY = 'autolab-desktop.launch-secret';

/**
 * What to do when the web host is gone. Reloading cannot work: every launch
 * gets a new port and secret (issue 10 item 8), so the user must open the
 * new address the launch prints.
 */
export const STOPPED =
  'Autolab Desktop stopped running. Start it again (npm start or the Autolab Desktop launcher) and open the new address it prints; this tab will not work again.';

/** The window event fired when the web host went away (detail: the sentence to show). */
export const HOST_GONE_EVENT = 'autolab-desktop:host-gone';

/**
 * The web host's launch secret, for same-origin HTTP calls (`/staging`).
 *
 * Empty in Electron, where there is no web host.
 */
export function launchSecret(): string {
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

/** Read (and hide) the launch secret. */
function takeSecret(): string {
  const match = /(?:^#|&)secret=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

/**
 * Open the WebSocket and build a bridge over it.
 *
 * @throws Error with a user sentence when the host refuses or is gone.
 */
export function connectWebSocketBridge(): Promise<RawBridge> {
  const secret = takeSecret();
  const ws = new WebSocket(`ws://${window.location.host}${WS_PATH}`, ['autolab-ipc', `secret.${secret}`]);
  let nextId = 1;
  const pending = new Map<number, (result: IpcResult) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();

  ws.addEventListener('message', (message) => {
    let data: WsMessage;
    try {
      data = JSON.parse(String(message.data)) as WsMessage;
    } catch {
      return;
    }
    if (data.kind === 'event') {
      for (const l of listeners) l(data.event, data.payload);
    } else if (data.kind === 'result') {
      const resolve = pending.get(data.id);
      pending.delete(data.id);
      resolve?.(data.ok ? { ok: true, output: data.output } : { ok: false, error: data.error });
    }
  });
  let opened = false;
  ws.addEventListener('open', () => (opened = true), { once: true });
  ws.addEventListener('close', () => {
    // Say it at once, not only at the next click.
    if (opened) window.dispatchEvent(new CustomEvent(HOST_GONE_EVENT, { detail: STOPPED }));
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'disconnected', message: STOPPED } });
    }
    pending.clear();
  });

  const call = (channel: string, input?: unknown): Promise<IpcResult> => {
    if (ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ ok: false, error: { code: 'disconnected', message: STOPPED } });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, input }));
    });
  };

  const bridge: Record<string, unknown> = {};
  for (const channel of Object.keys(channels)) bridge[methodName(channel)] = (input?: unknown) => call(channel, input);
  bridge.onEvent = (listener: (event: string, payload: unknown) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(bridge as RawBridge), { once: true });
    ws.addEventListener(
      'close',
      () => reject(new Error('This page could not connect to Autolab Desktop. Open the address that `npm start` printed, including its #secret part.')),
      { once: true },
    );
  });
}
