/**
 * Talking to one LaMetric Time on the home network, with its certificate pinned.
 *
 * A clock serves its API on `https://<ip>:4343` with a self-signed certificate that does not
 * name its IP (providers.md §2.3 A). Instead of turning verification off, the app pins that one
 * certificate on first use (TOFU): every later HTTPS request to that clock trusts exactly the
 * pinned certificate as its only CA (`ca`, for this request's own agent only) and
 * `checkServerIdentity` compares the SHA-256 fingerprint instead of the host name. A different
 * certificate fails the TLS handshake before any byte of the request (with the API key) is
 * sent; the app then reads the new certificate and asks the user (`certificate-changed`). Plain
 * HTTP on port 8080 is used only when HTTPS cannot be reached AND the user allowed it; never
 * after a certificate mismatch (that could be someone in the middle).
 *
 * The first-use probe is the one TLS connection made without verification: it only completes a
 * handshake to read the certificate, then closes without sending anything.
 */
import https from 'node:https';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import got, { type Method } from 'got';

/** Where a clock is and how to reach it. */
export interface ClockEndpoint {
  host: string;
  httpsPort: number;
  httpPort: number;
  /** The user allowed plain HTTP on the home network (fallback only). */
  allowHttp: boolean;
  apiKey: string;
  /** The pinned certificate (PEM) and its SHA-256 fingerprint (colon-separated hex). */
  pinnedPem: string;
  pinnedSha256: string;
}

/** A certificate as the app pins it. */
export interface ClockCertificate {
  pem: string;
  sha256: string;
}

/** The outcome of one call: never thrown, so an unreachable clock costs no error path. */
export type ClockResult =
  | { ok: true; status: number; body: unknown; via: 'https' | 'http' }
  | { ok: false; reason: 'unreachable' }
  | { ok: false; reason: 'certificate-changed'; certificate: ClockCertificate | null }
  | { ok: false; reason: 'key-refused' }
  | { ok: false; reason: 'refused'; status: number };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL']);

/** Timeouts: a clock on the LAN answers in milliseconds; away from home it does not answer at all. */
export interface ClockTimeouts {
  connectMs: number;
  requestMs: number;
}
const DEFAULT_TIMEOUTS: ClockTimeouts = { connectMs: 3_000, requestMs: 8_000 };

/** Normalise a fingerprint to upper-case colon-separated hex. */
export function normaliseFingerprint(s: string): string {
  const hex = s.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Read the clock's certificate without trusting or sending anything (pin on first use).
 *
 * @returns the certificate, or null when the clock cannot be reached over TLS.
 * @throws never.
 */
export function probeCertificate(host: string, port: number, timeoutMs = DEFAULT_TIMEOUTS.connectMs): Promise<ClockCertificate | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: ClockCertificate | null) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(v);
    };
    // This one socket reads the certificate and closes; it never carries a request.
    const socket = tls.connect({ host, port, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const raw = socket.getPeerCertificate(false)?.raw;
      if (!raw) return finish(null);
      const x = new X509Certificate(raw);
      finish({ pem: x.toString(), sha256: x.fingerprint256 });
    });
    socket.on('timeout', () => finish(null));
    socket.on('error', () => finish(null));
  });
}

function isNetworkFailure(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return NETWORK_CODES.has(code) || code === 'ETIMEDOUT' || (error as { name?: string })?.name === 'TimeoutError';
}

async function call(
  url: string,
  method: Method,
  endpoint: ClockEndpoint,
  json: unknown,
  timeouts: ClockTimeouts,
  tlsPin: boolean,
): Promise<{ status: number; body: unknown }> {
  const agent = tlsPin ? new https.Agent({ keepAlive: false, maxCachedSessions: 0 }) : undefined;
  try {
    const response = await got(url, {
      method,
      ...(json !== undefined ? { json } : {}),
      headers: { authorization: `Basic ${Buffer.from(`dev:${endpoint.apiKey}`).toString('base64')}`, accept: 'application/json' },
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { connect: timeouts.connectMs, secureConnect: timeouts.connectMs, request: timeouts.requestMs },
      responseType: 'text',
      ...(agent ? { agent: { https: agent } } : {}),
      ...(tlsPin
        ? {
            https: {
              certificateAuthority: endpoint.pinnedPem,
              rejectUnauthorized: true,
              // The pinned certificate stands in for the host name, which it does not carry.
              checkServerIdentity: (_host: string, cert: tls.PeerCertificate) =>
                normaliseFingerprint(cert.fingerprint256) === normaliseFingerprint(endpoint.pinnedSha256) ? undefined : new Error('The clock presented a different certificate.'),
            },
          }
        : {}),
    });
    let body: unknown = undefined;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, body };
  } finally {
    agent?.destroy();
  }
}

/**
 * Make one API call to the clock: HTTPS with the pinned certificate, else (unreachable and
 * allowed) plain HTTP.
 *
 * @throws never.
 */
export async function callClock(endpoint: ClockEndpoint, method: Method, path: string, json?: unknown, timeouts: ClockTimeouts = DEFAULT_TIMEOUTS): Promise<ClockResult> {
  const host = hostForUrl(endpoint.host);
  const answer = (r: { status: number; body: unknown }, via: 'https' | 'http'): ClockResult => {
    if (r.status === 401) return { ok: false, reason: 'key-refused' };
    if (r.status < 200 || r.status >= 300) return { ok: false, reason: 'refused', status: r.status };
    return { ok: true, status: r.status, body: r.body, via };
  };
  try {
    return answer(await call(`https://${host}:${endpoint.httpsPort}${path}`, method, endpoint, json, timeouts, true), 'https');
  } catch (error) {
    if (!isNetworkFailure(error)) {
      // The handshake failed on the certificate: read what the clock shows now, for the user to judge.
      const certificate = await probeCertificate(endpoint.host, endpoint.httpsPort, timeouts.connectMs);
      if (!certificate) return { ok: false, reason: 'unreachable' };
      if (certificate.sha256 !== normaliseFingerprint(endpoint.pinnedSha256)) return { ok: false, reason: 'certificate-changed', certificate };
      return { ok: false, reason: 'unreachable' };
    }
  }
  if (!endpoint.allowHttp) return { ok: false, reason: 'unreachable' };
  try {
    return answer(await call(`http://${host}:${endpoint.httpPort}${path}`, method, endpoint, json, timeouts, false), 'http');
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}
