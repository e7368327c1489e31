/**
 * Doorkeeper 5.6.8's error texts and Autolab's scope descriptions.
 *
 * Why: clients and tests compare these strings byte for byte (autolab-api.md §2.7–§2.11,
 * `config/locales/doorkeeper.en.yml`).
 */

/** Doorkeeper error descriptions by error code. */
export const OAUTH_ERRORS = {
  invalid_request: 'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_redirect_uri: "The requested redirect uri is malformed or doesn't match client redirect URI.",
  unauthorized_client: 'The client is not authorized to perform this request using this method.',
  access_denied: 'The resource owner or authorization server denied the request.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  invalid_code_challenge_method: 'The code challenge method must be plain or S256.',
} as const;

/** An error code Doorkeeper can answer with. */
export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

/** `Missing required parameter: <name>.` (§2.8). */
export function missingParam(name: string): string {
  return `Missing required parameter: ${name}.`;
}

/** The 401 descriptions in `WWW-Authenticate` (§2.11). */
export const INVALID_TOKEN = {
  unknown: 'The access token is invalid',
  expired: 'The access token expired',
  revoked: 'The access token was revoked',
} as const;

/** Every scope the server defines (§2.10), in Doorkeeper's order. */
export const SERVER_SCOPES = ['user_info', 'user_courses', 'user_scores', 'user_submit', 'instructor_all', 'admin_all'] as const;

/** Default scopes (`default_scopes :user_info`). */
export const DEFAULT_SCOPES = ['user_info'];

/** Consent-page descriptions of each scope (§2.10). */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  user_info: 'Basic info (name, email, school, year)',
  user_courses: 'Courses and assessments',
  user_scores: 'Submissions, scores, feedback',
  user_submit: 'Submit on the user\u2019s behalf',
  instructor_all: 'Instructor operations',
  admin_all: 'Administrator operations',
};
