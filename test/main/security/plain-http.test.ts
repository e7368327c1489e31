/**
 * Issue 11 item 4: plain `http://` Autolab addresses are refused except on
 * loopback, with a sentence saying why, at the contract, in the OAuth client
 * and in the API client.
 */
import { describe, expect, it } from 'vitest';
import { BaseUrlSchema, PLAIN_HTTP_REFUSED } from '../../../preload/contract';
import { OAuthClient } from '../../../main/auth/oauth-client';
import { createAutolabHttp } from '../../../main/autolab/autolab-http';
import { createLogger } from '../../../main/logger';

const refused = ['http://autolab.example.edu', 'http://10.0.0.5:3000', 'http://128.0.0.1', 'http://127.0.0.1.evil.example', 'http://[::2]', 'http://localhost.evil.example'];
const allowed = ['https://autolab.example.edu', 'http://127.0.0.1:3000', 'http://127.8.9.10', 'http://localhost:3000', 'http://[::1]:8080'];

describe('plain http Autolab addresses', () => {
  it('the contract refuses http:// to any non-loopback host with the reason', () => {
    for (const url of refused) {
      const r = BaseUrlSchema.safeParse(url);
      expect(r.success, url).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toContain(PLAIN_HTTP_REFUSED);
    }
    for (const url of allowed) expect(BaseUrlSchema.safeParse(url).success, url).toBe(true);
    expect(PLAIN_HTTP_REFUSED).toMatch(/unencrypted/);
  });

  it('the OAuth client and the API client refuse them too (accounts stored before the check)', () => {
    const log = createLogger(() => undefined);
    for (const url of refused) {
      expect(() => new OAuthClient({ baseUrl: url, clientId: 'x', clientSecret: 'y' }), url).toThrow(PLAIN_HTTP_REFUSED);
      expect(() => createAutolabHttp({ baseUrl: url, getAccessToken: async () => 't', log, userAgent: 'ua' }), url).toThrow(PLAIN_HTTP_REFUSED);
    }
    for (const url of allowed) {
      expect(() => new OAuthClient({ baseUrl: url, clientId: 'x', clientSecret: 'y' })).not.toThrow();
      expect(() => createAutolabHttp({ baseUrl: url, getAccessToken: async () => 't', log, userAgent: 'ua' })).not.toThrow();
    }
  });
});
