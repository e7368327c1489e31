/**
 * Client authentication at the token and revocation endpoints.
 *
 * Why: Autolab apps are confidential; Doorkeeper checks HTTP Basic first, then
 * `client_id`/`client_secret` parameters; a public app may send `client_id` alone
 * (autolab-api.md §2.4).
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../http/request-context.js';
import { param } from '../../http/request-context.js';
import { appByUid, type SandboxApp } from '../sandbox-app.js';
import type { Application } from '../state.js';

/** Credentials found on a request. */
export interface ClientCredentials {
  uid: string;
  secret: string;
}

/** Extract credentials: Basic header first, then parameters; null when none were sent. */
export function clientCredentials(ctx: RequestContext): ClientCredentials | null {
  const auth = ctx.req.headers.authorization;
  const m = auth ? /^Basic\s+(.+)$/i.exec(auth.trim()) : null;
  if (m?.[1]) {
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const uid = decodeURIComponent(i < 0 ? decoded : decoded.slice(0, i));
    const secret = i < 0 ? '' : decodeURIComponent(decoded.slice(i + 1));
    if (uid) return { uid, secret };
  }
  const uid = param(ctx, 'client_id');
  if (uid) return { uid, secret: param(ctx, 'client_secret') ?? '' };
  return null;
}

function secretMatches(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Authenticate credentials (Doorkeeper `Application.by_uid_and_secret`). */
export function authenticateClient(app: SandboxApp, creds: ClientCredentials | null): Application | undefined {
  if (!creds) return undefined;
  const client = appByUid(app, creds.uid);
  if (!client) return undefined;
  if (!client.confidential && creds.secret === '') return client;
  return secretMatches(creds.secret, client.secret) ? client : undefined;
}
