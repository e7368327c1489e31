/**
 * The LaMetric Time's local API, as the sandbox clock serves it on HTTP and HTTPS.
 *
 * Why: providers.md §2.3 A, `device-endpoints.rst`, `device-notifications.rst`,
 * `device-authorization.rst`: every call needs `Authorization: Basic base64("dev:<api_key>")`
 * (401 otherwise); `GET /api/v2` answers the API version and the endpoint map (URLs built from
 * the address the client used); `POST /api/v2/device/notifications` validates the Notification
 * object and queues it (`{"success":{"id":"1"}}`); `GET` lists the queue, higher priority first;
 * `GET/DELETE …/:id` read or dismiss one. Notifications leave the queue when their `lifetime`
 * (default 2 minutes) runs out. Error bodies use the `{"errors":[{"message","dev"}]}` shape of
 * the cloud (the device's own wording is not documented).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendBody } from '../http/response.js';
import { checkNotification, type NotificationBody } from './notification-schema.js';
import type { LametricLogEntry } from './cloud-routes.js';

/** One notification in the clock's queue, as `GET /api/v2/device/notifications` shows it. */
export interface QueuedNotification {
  id: string;
  type: 'external';
  priority: 'info' | 'warning' | 'critical';
  icon_type: 'none' | 'info' | 'alert';
  lifetime: number;
  created: string;
  expiration_date: string;
  model: NotificationBody['model'];
  /** Which port it came in on (sandbox only, for tests of the HTTPS/HTTP choice). */
  via: 'https' | 'http';
}

/** What the device routes need. */
export interface DeviceContext {
  apiKey: string;
  now(): number;
  queue: QueuedNotification[];
  /** Every accepted notification, kept after it leaves the queue (tests read it). */
  received: QueuedNotification[];
  nextId(): string;
  log(entry: Omit<LametricLogEntry, 'server' | 'at'>): void;
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;
const MAX_BODY = 256 * 1024;

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, JSON.stringify(value), { 'Content-Type': 'application/json;charset=UTF8', ...headers });
}

function errors(res: ServerResponse, status: number, message: string, dev: string, headers: Record<string, string> = {}): void {
  json(res, status, { errors: [{ message, dev }] }, headers);
}

/** True when the request carries Basic `dev:<apiKey>`. */
export function authorized(header: string | undefined, apiKey: string): boolean {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(Buffer.from(m[1]!, 'base64').toString('utf8'));
  const want = Buffer.from(`dev:${apiKey}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('error', () => resolve({ ok: false }));
    req.on('end', () => {
      if (size > MAX_BODY) return resolve({ ok: false });
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false });
      }
    });
  });
}

/** Drop notifications whose lifetime ran out, and keep the queue ordered by priority then age. */
export function liveQueue(ctx: DeviceContext): QueuedNotification[] {
  const now = ctx.now();
  for (let i = ctx.queue.length - 1; i >= 0; i--) if (Date.parse(ctx.queue[i]!.expiration_date) <= now) ctx.queue.splice(i, 1);
  return ctx.queue.sort((a, b) => RANK[a.priority] - RANK[b.priority] || Number(a.id) - Number(b.id));
}

function endpoints(base: string): Record<string, string> {
  const d = `${base}/api/v2/device`;
  return {
    apps_action_url: `${d}/apps/{:id}/widgets/{:widget_id}/actions`,
    apps_get_url: `${d}/apps/{:id}`,
    apps_list_url: `${d}/apps`,
    apps_switch_next_url: `${d}/apps/next`,
    apps_switch_prev_url: `${d}/apps/prev`,
    apps_switch_url: `${d}/apps/{:id}/widgets/{:widget_id}/activate`,
    audio_url: `${d}/audio`,
    bluetooth_url: `${d}/bluetooth`,
    concrete_notification_url: `${d}/notifications/{:id}`,
    current_notification_url: `${d}/notifications/current`,
    device_url: d,
    display_url: `${d}/display`,
    notifications_url: `${d}/notifications`,
    wifi_url: `${d}/wifi`,
  };
}

/**
 * Answer one request to the clock.
 *
 * Why: see the file comment. Never rejects.
 */
export async function handleDevice(ctx: DeviceContext, via: 'https' | 'http', req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://device.invalid');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  let status = 200;
  const send = (s: number, value: unknown) => {
    status = s;
    json(res, s, value);
  };
  try {
    if (!authorized(req.headers.authorization, ctx.apiKey)) {
      req.resume();
      status = 401;
      return errors(res, 401, 'Authorization is required', 'Use HTTP Basic with user "dev" and the device API key.', { 'WWW-Authenticate': 'Basic realm="LaMetric Time"' });
    }
    if (path === '/api/v2' && method === 'GET') {
      return send(200, { api_version: '2.1.0', endpoints: endpoints(`${via}://${req.headers.host ?? '127.0.0.1'}`) });
    }
    if (path === '/api/v2/device/notifications' && method === 'POST') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        req.resume();
        status = 400;
        return errors(res, 400, 'Request validation failed', 'Content-Type must be application/json.');
      }
      const body = await readJson(req);
      if (!body.ok) return (status = 400), errors(res, 400, 'Request validation failed', 'The body is not valid JSON.');
      const checked = checkNotification(body.value);
      if (!checked.ok) return (status = 400), errors(res, 400, 'Request validation failed', checked.problem);
      const n = checked.value;
      const now = ctx.now();
      const lifetime = n.lifetime ?? 120_000;
      const item: QueuedNotification = {
        id: ctx.nextId(),
        type: 'external',
        priority: n.priority ?? 'info',
        icon_type: n.icon_type ?? 'none',
        lifetime,
        created: new Date(now).toISOString().slice(0, 19),
        expiration_date: new Date(now + lifetime).toISOString(),
        model: n.model,
        via,
      };
      ctx.queue.push(item);
      ctx.received.push(structuredClone(item));
      return send(200, { success: { id: item.id } });
    }
    if (path === '/api/v2/device/notifications' && method === 'GET') return send(200, liveQueue(ctx));
    const one = /^\/api\/v2\/device\/notifications\/([^/]+)$/.exec(path);
    if (one && (method === 'GET' || method === 'DELETE')) {
      const queue = liveQueue(ctx);
      const found = one[1] === 'current' ? queue[0] : queue.find((q) => q.id === one[1]);
      if (!found) return (status = 404), errors(res, 404, 'Notification not found', `No notification ${one[1]} in the queue.`);
      if (method === 'GET') return send(200, found);
      queue.splice(queue.indexOf(found), 1);
      return send(200, { success: true });
    }
    if (path === '/api/v2/device' && method === 'GET') {
      return send(200, { id: '1', name: 'Desk clock', serial_number: 'SA000000000000SANDBOX', os_version: '2.3.9', mode: 'auto', model: 'LM 37X8' });
    }
    req.resume();
    status = 404;
    errors(res, 404, 'Not found', `${method} ${path} is not an endpoint of this device.`);
  } finally {
    ctx.log({ method, path, status });
  }
}
