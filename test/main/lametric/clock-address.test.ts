/**
 * The address a user types for their clock (issue 14): host and HTTPS port, 4343 by default.
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
