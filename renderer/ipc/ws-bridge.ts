/**
 * The web host's transport: the contract over a WebSocket.
 *
 * The page is opened with a single-use launch ticket in the URL fragment
 * (`#ticket=…`, never sent to any server, removed from the address bar at
 * once). It presents the ticket as the WebSocket subprotocol `ticket.<hex>`
 * and the host answers with the session secret, which is kept in
 * sessionStorage (this tab only) so a reload still works and presented as
 * `secret.<hex>` from then on. The secret never appears in a URL, so browser
 * history holds nothing that still opens the app (issue 11 item 1).
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

/** Read (and hide) the launch ticket, if the address has one. */
function takeTicket(): string {
  const match = /(?:^#|&)ticket=([0-9a-f]{16,128})/.exec(window.location.hash);
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  return match?.[1] ?? '';
}

/**
 * Open the WebSocket and build a bridge over it.
 *
 * @throws Error with a user sentence when the host refuses or is gone.
 */
export function connectWebSocketBridge(): Promise<RawBridge> {
  const ticket = takeTicket();
  // A new one-time link pasted into this tab changes only the fragment: start over with it.
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)ticket=/.test(window.location.hash)) window.location.reload();
  });
  const secret = sessionStorage.getItem(SECRET_KEY) ?? '';
  const protocols = ['autolab-ipc'];
  if (/^[0-9a-f]+$/.test(secret)) protocols.push(`secret.${secret}`);
  if (ticket) protocols.push(`ticket.${ticket}`);
  const ws = new WebSocket(`ws://${window.location.host}${WS_PATH}`, protocols);
  let sessionReady: () => void = () => undefined;
  const session = new Promise<void>((resolve) => (sessionReady = resolve));
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
    if (data.kind === 'session') {
      sessionStorage.setItem(SECRET_KEY, data.secret);
      sessionReady();
    } else if (data.kind === 'event') {
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
    ws.addEventListener(
      'open',
      () => {
        // A connection opened with a ticket is usable once the secret arrived
        // (uploads to /staging need it); the host sends it first thing.
        if (ticket) void session.then(() => resolve(bridge as RawBridge));
        else resolve(bridge as RawBridge);
      },
      { once: true },
    );
    ws.addEventListener(
      'close',
      () =>
        reject(
          new Error(
            'This page could not connect to Autolab Desktop: its one-time link was already used or is more than a minute old, or the app has stopped. Press Enter in the terminal where `npm start` runs for a new link (or start it again).',
          ),
        ),
      { once: true },
    );
  });
}
