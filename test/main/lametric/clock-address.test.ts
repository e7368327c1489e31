/**
 * The address a user types for their clock, and the only URL Find my clocks opens (issue 14).
 */
import { describe, expect, it } from 'vitest';
import { parseClockAddress } from '../../../main/lametric/clock-service';

describe('clock addresses', () => {
  it('reads host and HTTPS port (4343 by default), IPv6 in brackets, and refuses anything else', () => {
    expect(parseClockAddress('192.168.0.128')).toEqual({ host: '192.168.0.128', httpsPort: 4343 });
    expect(parseClockAddress(' clock.local:14343 ')).toEqual({ host: 'clock.local', httpsPort: 14343 });
    expect(parseClockAddress('[fe80::1]:4343')).toEqual({ host: 'fe80::1', httpsPort: 4343 });
    for (const bad of ['http://192.168.0.128', '192.168.0.128:0', '192.168.0.128:70000', 'a b', '']) {
      expect(() => parseClockAddress(bad)).toThrow(/Enter the clock’s address/);
    }
  });
});

describe('the only URL "Find my clocks" opens in the browser', () => {
  it('is the configured cloud’s own authorization endpoint, https or loopback http', async () => {
    const { isCloudAuthorizeUrl } = await import('../../../main/lametric/cloud-service');
    const cloud = 'https://developer.lametric.com';
    expect(isCloudAuthorizeUrl('https://developer.lametric.com/api/v2/oauth2/authorize/?client_id=a&response_type=code', cloud)).toBe(true);
    expect(isCloudAuthorizeUrl('http://127.0.0.1:4000/api/v2/oauth2/authorize/?x=1', 'http://127.0.0.1:4000')).toBe(true);
    expect(isCloudAuthorizeUrl('https://evil.example/api/v2/oauth2/authorize/', cloud)).toBe(false);
    expect(isCloudAuthorizeUrl('http://developer.lametric.com/api/v2/oauth2/authorize/', 'http://developer.lametric.com')).toBe(false);
    expect(isCloudAuthorizeUrl('https://developer.lametric.com/login', cloud)).toBe(false);
    expect(isCloudAuthorizeUrl('javascript:alert(1)', cloud)).toBe(false);
  });
});
