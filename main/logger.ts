/**
 * A tiny leveled logger that scrubs secrets.
 *
 * Every log line passes through `redact`, which removes anything shaped like an
 * OAuth token or a bearer header, so that no token ever reaches a log file
 * (design.md "Secrets"). Autolab tokens are 43 url-safe base64 characters
 * (autolab-api.md §2.4).
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const TOKEN_LIKE = /[A-Za-z0-9_-]{40,}/g;
const BEARER = /(bearer|basic|jwt)\s+[^\s"',]+/gi;
/** A JWS (Open edX access tokens): three base64url parts, the first a JSON header. */
const JWS = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const SECRET_KEYS = /token|secret|password|code_verifier|authorization|cookie/i;

/** Remove token-shaped strings and secret-named fields from a log line. */
export function redact(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, (key, v) => (key && SECRET_KEYS.test(key) ? '[redacted]' : v));
  return (text ?? '').replace(BEARER, '$1 [redacted]').replace(JWS, '[redacted]').replace(TOKEN_LIKE, '[redacted]');
}

/** A logger writing redacted lines to a sink (stderr by default). */
export function createLogger(sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    sink(`${new Date().toISOString()} ${level} ${redact(message)}${fields ? ` ${redact(fields)}` : ''}`);
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
