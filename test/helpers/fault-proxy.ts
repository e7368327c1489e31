/**
 * A fault-injecting HTTP proxy on 127.0.0.1:0 between the client under test and a real server (the sandbox).
 *
 * Why: the faults that make a submit ambiguous happen on the wire, not in the server: an upload cut part-way, an
 * answer lost after the server saved, a slow link, a connection that stops moving (issue 10). The sandbox stays the
 * real server; this proxy only damages the traffic. Point the client's base URL at {@link FaultProxy.origin}.
 *
 * Rules are counted and bounded: each applies to at most `count` matching requests (default 1), then requests pass
 * through untouched. Every request is recorded in {@link FaultProxy.requests}. `close()` destroys every socket and
 * timer, so a test that forgets a stalled request still ends.
 *
 * @example
 * const proxy = await startFaultProxy(sandbox.baseUrl);
 * proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'cut-upload', afterBytes: 64 * 1024 } });
 * // …client.submit() through proxy.origin…
 * await proxy.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** What the proxy does to a matching request. */
export type FaultMode =
  /** Forward request body and answer at most `bytesPerSecond` each (minimum 1 KiB/s). */
  | { kind: 'throttle'; bytesPerSecond: number }
  /**
   * Forward `afterBytes` bytes of the request body, then reset both connections (the server sees an aborted
   * upload, the client a reset). `beforeCut` runs (and is awaited) while the upload is held at that point.
   */
  | { kind: 'cut-upload'; afterBytes: number; beforeCut?: () => Promise<void> | void }
  /** Forward the whole request, let the server answer completely, then destroy the client's socket unanswered. */
  | { kind: 'drop-answer'; afterAnswer?: (status: number, body: string) => Promise<void> | void }
  /** Forward the whole request; when the server has answered, run `beforeAnswer` (awaited), then deliver the answer. */
  | { kind: 'delay-answer'; beforeAnswer: () => Promise<void> | void }
  /** Forward `afterBytes` bytes of the request body (default 0), then forward nothing more either way: a hang. */
  | { kind: 'stall'; afterBytes?: number };

/** When a rule applies. */
export interface FaultRule {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Tested against the path without the query string (any when absent). */
  path?: RegExp;
  mode: FaultMode;
  /** How many matching requests it applies to; default 1. */
  count?: number;
}

/** One request seen by the proxy. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** The fault applied, or `pass`. */
  fault: FaultMode['kind'] | 'pass';
  /** Request-body bytes forwarded to the server. */
  bodyBytesForwarded: number;
  /** Status the server answered, when it answered. */
  status?: number;
  /** Whether the client received the answer. */
  answered: boolean;
}

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `${origin}/` */
  baseUrl: string;
  /** Every request in arrival order (live objects: counts update while the request runs). */
  requests: ProxiedRequest[];
  /** Add a rule; rules are tried in the order added. */
  addRule(rule: FaultRule): void;
  /** Drop every rule not yet used up. */
  clearRules(): void;
  /**
   * Resolve once a request matching `method`/`path` has forwarded at least `bytes` request-body bytes. With
   * `from`, only requests at that index of {@link FaultProxy.requests} or later count (pass `requests.length`
   * taken before the action, so an earlier request cannot satisfy the wait).
   *
   * @throws Error (rejects) when the proxy closes first
   */
  waitForBodyBytes(bytes: number, match?: { method?: string; path?: RegExp; from?: number }): Promise<ProxiedRequest>;
  /** Destroy every open connection and stop listening. */
  close(): Promise<void>;
}

interface LiveRule extends FaultRule {
  left: number;
}

interface Waiter {
  bytes: number;
  match: { method?: string; path?: RegExp; from?: number };
  resolve(r: ProxiedRequest): void;
  reject(e: Error): void;
}

const matches = (m: { method?: string; path?: RegExp }, method: string, p: string): boolean =>
  (!m.method || m.method.toUpperCase() === method) && (!m.path || m.path.test(p));

/**
 * Start a proxy to `target` (an origin such as the sandbox's `baseUrl`).
 *
 * @throws Error when no port can be bound on 127.0.0.1
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: LiveRule[] = [];
  const requests: ProxiedRequest[] = [];
  const waiters = new Set<Waiter>();
  const sockets = new Set<Duplex>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  const notify = (rec: ProxiedRequest): void => {
    for (const w of waiters) {
      if (rec.bodyBytesForwarded >= w.bytes && matches(w.match, rec.method, rec.path) && requests.indexOf(rec) >= (w.match.from ?? 0)) {
        waiters.delete(w);
        w.resolve(rec);
      }
    }
  };

  /** Write `chunk` to `out` at most `rate` bytes/s, in slices of a tenth of a second. */
  async function paced(out: { write(b: Buffer): boolean }, chunk: Buffer, rate: number, onSlice: (n: number) => void): Promise<void> {
    const slice = Math.max(1, Math.floor(rate / 10));
    for (let i = 0; i < chunk.length && !closed; i += slice) {
      const part = chunk.subarray(i, i + slice);
      out.write(part);
      onSlice(part.length);
      await sleep(Math.ceil((part.length / rate) * 1000));
    }
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    const rule = rules.find((r) => r.left > 0 && matches(r, method, p));
    if (rule) rule.left--;
    const mode = rule?.mode;
    const rec: ProxiedRequest = { method, path: p, fault: mode?.kind ?? 'pass', bodyBytesForwarded: 0, answered: false };
    requests.push(rec);
    const clientSocket = req.socket;

    const headers = { ...req.headers, host: upstream.host };
    const up = http.request({ host: upstream.hostname, port: upstream.port, method, path: req.url, headers, agent: false });
    up.on('error', () => clientSocket.destroy());
    req.on('error', () => up.destroy());
    const resetBoth = () => {
      up.destroy();
      clientSocket.resetAndDestroy();
    };

    up.on('response', (answer) => {
      rec.status = answer.statusCode;
      if (mode?.kind === 'stall') return; // never forward the answer
      if (mode?.kind === 'drop-answer') {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          void (async () => {
            await mode.afterAnswer?.(answer.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
            clientSocket.resetAndDestroy();
          })();
        });
        return;
      }
      if (mode?.kind === 'delay-answer') {
        answer.pause();
        void Promise.resolve(mode.beforeAnswer()).then(() => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.on('end', () => (rec.answered = true));
          answer.pipe(res);
        }, () => clientSocket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      if (mode?.kind === 'throttle') {
        const rate = Math.max(1024, mode.bytesPerSecond);
        void (async () => {
          for await (const c of answer) await paced(res, c as Buffer, rate, () => undefined);
          rec.answered = true;
          res.end();
        })().catch(() => clientSocket.destroy());
      } else {
        answer.on('end', () => (rec.answered = true));
        answer.pipe(res);
      }
    });

    // Request body, chunk by chunk, with the mode's damage.
    void (async () => {
      const cutAt = mode?.kind === 'cut-upload' ? mode.afterBytes : mode?.kind === 'stall' ? (mode.afterBytes ?? 0) : Infinity;
      // A manual iterator: leaving a `for await` would destroy the request (and the socket a stall must keep open).
      const body = req[Symbol.asyncIterator]();
      for (let next = await body.next(); !next.done; next = await body.next()) {
        let chunk = next.value as Buffer;
        if (rec.bodyBytesForwarded + chunk.length >= cutAt) {
          chunk = chunk.subarray(0, cutAt - rec.bodyBytesForwarded);
          // Wait until the bytes left for the server (and give it a moment to read them), so the server really
          // saw a partial upload rather than no request at all.
          if (chunk.length) await new Promise<void>((resolve) => up.write(chunk, () => resolve()));
          else up.flushHeaders();
          await sleep(50);
          rec.bodyBytesForwarded += chunk.length;
          notify(rec);
          if (mode?.kind === 'cut-upload') {
            await mode.beforeCut?.();
            resetBoth();
          }
          return; // stall: forward nothing more, keep both sockets open
        }
        if (mode?.kind === 'throttle') {
          await paced(up, chunk, Math.max(1024, mode.bytesPerSecond), (n) => {
            rec.bodyBytesForwarded += n;
            notify(rec);
          });
        } else {
          up.write(chunk);
          rec.bodyBytesForwarded += chunk.length;
          notify(rec);
        }
      }
      if (mode?.kind === 'stall' && rec.bodyBytesForwarded >= cutAt) return;
      up.end();
    })().catch(() => up.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    baseUrl: `${origin}/`,
    requests,
    addRule: (rule) => void rules.push({ ...rule, left: rule.count ?? 1 }),
    clearRules: () => void rules.splice(0, rules.length),
    waitForBodyBytes(bytes, match = {}) {
      const done = requests.find((r, i) => i >= (match.from ?? 0) && r.bodyBytesForwarded >= bytes && matches(match, r.method, r.path));
      if (done) return Promise.resolve(done);
      if (closed) return Promise.reject(new Error('the fault proxy is closed'));
      return new Promise((resolve, reject) => waiters.add({ bytes, match, resolve, reject }));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const w of waiters) w.reject(new Error('the fault proxy closed before the bytes arrived'));
      waiters.clear();
      const done = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await done;
    },
  };
}
