/**
 * The non-API routes (Devise, Doorkeeper, device flow) and their names.
 *
 * Why: one table says which path answers what; names are used by faults and logs.
 */
import type { RequestContext } from '../http/request-context.js';
import type { SandboxApp } from './sandbox-app.js';
import { getSignIn, home, postSignIn, signOut } from './web-login.js';
import { getAuthorize, getNative, postAuthorize } from './oauth/oauth-authorize.js';
import { getTokenInfo, postIntrospect, postRevoke, postToken } from './oauth/oauth-token.js';
import { getActivate, getDeviceFlowAuthCb, getDeviceFlowAuthorize, getDeviceFlowInit, getDeviceFlowResolve } from './oauth/device-flow.js';

/** A non-API route. */
export interface WebRoute {
  name: string;
  methods: string[];
  path: string;
  handle: (app: SandboxApp, ctx: RequestContext) => void | Promise<void>;
}

/** All non-API routes. */
export const WEB_ROUTES: WebRoute[] = [
  { name: 'home', methods: ['GET'], path: '/', handle: home },
  { name: 'sign_in', methods: ['GET'], path: '/auth/users/sign_in', handle: getSignIn },
  { name: 'sign_in', methods: ['POST'], path: '/auth/users/sign_in', handle: postSignIn },
  { name: 'sign_out', methods: ['GET', 'DELETE'], path: '/auth/users/sign_out', handle: signOut },
  { name: 'authorize', methods: ['GET'], path: '/oauth/authorize', handle: getAuthorize },
  { name: 'authorize', methods: ['POST', 'DELETE'], path: '/oauth/authorize', handle: postAuthorize },
  { name: 'authorize_native', methods: ['GET'], path: '/oauth/authorize/native', handle: getNative },
  { name: 'token', methods: ['POST'], path: '/oauth/token', handle: postToken },
  { name: 'revoke', methods: ['POST'], path: '/oauth/revoke', handle: postRevoke },
  { name: 'introspect', methods: ['POST'], path: '/oauth/introspect', handle: postIntrospect },
  { name: 'token_info', methods: ['GET'], path: '/oauth/token/info', handle: getTokenInfo },
  { name: 'device_flow_init', methods: ['GET'], path: '/oauth/device_flow_init', handle: getDeviceFlowInit },
  { name: 'device_flow_authorize', methods: ['GET'], path: '/oauth/device_flow_authorize', handle: getDeviceFlowAuthorize },
  { name: 'activate', methods: ['GET'], path: '/activate', handle: getActivate },
  { name: 'device_flow_resolve', methods: ['GET'], path: '/device_flow_resolve', handle: getDeviceFlowResolve },
  { name: 'device_flow_auth_cb', methods: ['GET'], path: '/device_flow_auth_cb', handle: getDeviceFlowAuthCb },
];

/** Find the web route for a request. */
export function matchWebRoute(method: string, path: string): WebRoute | undefined {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return WEB_ROUTES.find((r) => r.path === p && r.methods.includes(method));
}
