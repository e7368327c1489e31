/**
 * What the LaMetric cloud sandbox remembers: its applications, users, devices, codes and tokens.
 *
 * Why: the cloud of providers.md §2.1–§2.2 (lametric/Documentation `cloud-authorization.rst`,
 * `cloud-users.rst`) needs registered apps with exact redirect URIs, a user who owns one clock,
 * one-use authorization codes and expiring, rotating tokens. Memory only: a restart signs
 * every client out, which tests can rely on.
 */
import { randomBytes } from 'node:crypto';

/** The scopes LaMetric's cloud knows (`cloud-authorization.rst` "Scopes"). */
export const LAMETRIC_SCOPES = ['basic', 'devices_read', 'devices_write'] as const;

/** A registered OAuth application ("Notification Source" on developer.lametric.com). */
export interface CloudApplication {
  name: string;
  client_id: string;
  client_secret: string;
  /** Matched exactly on scheme, host, port and path (trailing slash included); extra query allowed. */
  redirect_uris: string[];
  scopes: string[];
}

/** A LaMetric account. */
export interface CloudUser {
  id: number;
  email: string;
  password: string;
  name: string;
}

/** A clock as `/api/v2/users/me/devices` lists it. */
export interface CloudDevice {
  id: number;
  owner: number;
  name: string;
  state: 'new' | 'configured' | 'banned';
  serial_number: string;
  api_key: string;
  ipv4_internal: string;
  mac: string;
  wifi_ssid: string;
  created_at: string;
  updated_at: string;
}

/** An issued authorization code. */
export interface CloudCode {
  code: string;
  clientId: string;
  userId: number;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

/** An issued access/refresh token pair. */
export interface CloudToken {
  access: string;
  refresh: string;
  clientId: string;
  userId: number;
  scopes: string[];
  accessExpiresAt: number;
  revoked: boolean;
}

/** 40 lowercase hex characters, the shape of the documented tokens and codes. */
export function hex40(): string {
  return randomBytes(20).toString('hex');
}

/** A private Indicator app with communication type "Push" (providers.md §2.3 B). */
export interface IndicatorApp {
  /** The `com.lametric.<id>` package's id part. */
  id: string;
  version: number;
  /** The `X-Access-Token` the developer portal shows for it. */
  accessToken: string;
  /** What the app shows now: the frames of the last accepted push (null before any). */
  frames: unknown[] | null;
  /** Every accepted push's frames, in order. */
  pushes: unknown[][];
}

/** The cloud's whole state. */
export class CloudState {
  readonly applications: CloudApplication[] = [];
  readonly indicators: IndicatorApp[] = [];
  readonly users: CloudUser[] = [];
  readonly devices: CloudDevice[] = [];
  readonly codes = new Map<string, CloudCode>();
  readonly tokens: CloudToken[] = [];

  /** The app with this client id. */
  app(clientId: string | undefined): CloudApplication | undefined {
    return clientId === undefined ? undefined : this.applications.find((a) => a.client_id === clientId);
  }

  /** Issue a token pair. */
  issue(clientId: string, userId: number, scopes: string[], now: number, lifetimeSec: number): CloudToken {
    const t: CloudToken = { access: hex40(), refresh: hex40(), clientId, userId, scopes, accessExpiresAt: now + lifetimeSec * 1000, revoked: false };
    this.tokens.push(t);
    return t;
  }

  /** The live token behind an access token, or undefined when missing, unknown, revoked or expired. */
  byAccess(access: string | undefined, now: number): CloudToken | undefined {
    if (!access) return undefined;
    const t = this.tokens.find((x) => x.access === access);
    return t && !t.revoked && now < t.accessExpiresAt ? t : undefined;
  }
}
