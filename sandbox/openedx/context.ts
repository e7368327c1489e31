/**
 * What every Open edX sandbox handler sees: the state, the clock, runtime
 * switches, and one parsed request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../http/clock.js';
import type { EdxState } from './state.js';

/** A pending authorization code (DOT Grant). */
export interface EdxCode {
  clientId: string;
  userId: number;
  redirectUri: string;
  scopes: string[];
  challenge?: string;
  challengeMethod?: string;
  expiresAt: number;
}

/** The running sandbox. */
export interface EdxServer {
  state: EdxState;
  clock: SandboxClock;
  baseUrl: string;
  /** Relative course dates and due dates are measured from this instant (server start, on the hour). */
  anchor: number;
  save(): void;
  runtime: {
    /** JWT_ACCESS_TOKEN_EXPIRE_SECONDS (default 3600). */
    jwtLifetimeSec: number;
    /** DOT ACCESS_TOKEN_EXPIRE_SECONDS for opaque tokens (default 3600, inference). */
    opaqueLifetimeSec: number;
    /** DRF user throttle: requests per `throttlePeriodSec` per user (0 = off). */
    throttleLimit: number;
    throttlePeriodSec: number;
  };
  /** Browser session id → user id. */
  sessions: Map<string, number>;
  codes: Map<string, EdxCode>;
  /** Per-user fixed-window request counts for the throttle. */
  throttleCounts: Map<number, { window: number; count: number }>;
}

/** One parsed request. */
export interface EdxRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** urlencoded or multipart fields (first value of each). */
  form: Map<string, string>;
  cookies: Record<string, string>;
}

/** The DOT default scopes every application may have (`OAUTH2_DEFAULT_SCOPES`). */
export const DEFAULT_SCOPES = ['read', 'write', 'email', 'profile'];

/** Every scope the LMS defines (`lms/envs/common.py`). */
export const KNOWN_SCOPES = [...DEFAULT_SCOPES, 'certificates:read', 'grades:read', 'tpa:read', 'user_id'];
