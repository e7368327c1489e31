/**
 * The logger's redaction: Open edX JWTs and the `JWT` authorization scheme
 * never reach a log line (issue 13), besides the Bearer/Basic headers and
 * token-shaped strings it already removed.
 */
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../main/logger';

const jwt = ['{"alg":"HS256","typ":"JWT"}', '{"preferred_username":"ada","exp":1}'].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.c2ln';

describe('redact', () => {
  it('removes a JWT anywhere in a line, and the value after a JWT or Bearer scheme', () => {
    expect(redact(`got ${jwt} back`)).toBe('got [redacted] back');
    expect(redact('Authorization: JWT abc.def')).toBe('Authorization: JWT [redacted]');
    expect(redact('Authorization: Bearer opaque123')).toBe('Authorization: Bearer [redacted]');
  });

  it('never writes a JWT through the logger, in the message or the fields', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info(`token ${jwt}`, { body: `{"access_token":"${jwt}"}`, access_token: jwt });
    expect(lines.join('\n')).not.toContain(jwt.split('.')[1]!);
    expect(lines.join('\n')).not.toMatch(/eyJ/);
  });
});
