/**
 * Injected faults and the request log.
 *
 * Why: tests and demos need a 500, a throttled 429 (as rack-attack sends it, §5.2, for clients that
 * send the token as a parameter), a connection reset, a hang or a reset in the middle of an
 * upload on a chosen route, and a record of what the client sent (never tokens) (issue 3).
 */

/** Kinds of injected fault. */
export type FaultKind = 'status500' | 'status429' | 'reset' | 'hang' | 'reset-mid-upload';

/** A fault to inject. `route` is a documented route name or a path regex string. */
export interface FaultSpec {
  route: string;
  kind: FaultKind;
  count?: number;
}

/** One entry of the request log. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query of an `/api/` request without its token parameters (e.g. `state=current`); absent when empty. */
  query?: string;
  /** True for an `/api/` request whose User-Agent says it is background work (the app's watcher: `… (background)`). */
  background?: true;
  /** The `grant_type` a `POST /oauth/token` asked for (a grant type is no secret; tests check the app never asks for `password`). */
  grantType?: string;
  status: number;
  at: number;
}

/** Every route name faults can target (README "Route names"). */
export const ROUTE_NAMES = [
  'home', 'sign_in', 'sign_out', 'authorize', 'authorize_native', 'token', 'revoke', 'introspect', 'token_info',
  'device_flow_init', 'device_flow_authorize', 'activate', 'device_flow_resolve', 'device_flow_auth_cb',
  'user', 'courses', 'create_course', 'assessments', 'assessment', 'writeup', 'handout', 'submit', 'set_group_settings',
  'problems', 'create_problem', 'submissions', 'feedback', 'scores', 'score', 'update_latest', 'groups', 'group',
  'create_groups', 'delete_group', 'course_user_data', 'create_course_user_datum', 'course_user_datum',
  'update_course_user_datum', 'drop_course_user_datum', 'api_unknown', 'not_found',
] as const;

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  regex: RegExp | null;
}

/** Holds active faults and hands them out one use at a time. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  /** Add a fault (count defaults to 1). */
  add(spec: FaultSpec): void {
    const isName = (ROUTE_NAMES as readonly string[]).includes(spec.route);
    let regex: RegExp | null = null;
    if (!isName) {
      try {
        regex = new RegExp(spec.route);
      } catch {
        throw new Error(`Unknown route name or invalid regex: ${spec.route}`);
      }
    }
    this.faults.push({ spec, remaining: spec.count ?? 1, regex });
  }

  /** Remove all faults. */
  clear(): void {
    this.faults = [];
  }

  /** Take one use of the first fault matching this request, if any. */
  take(routeName: string, path: string): FaultKind | null {
    const f = this.faults.find((x) => x.remaining > 0 && (x.regex ? x.regex.test(path) : x.spec.route === routeName));
    if (!f) return null;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return f.spec.kind;
  }
}
