/**
 * The renderer's zod-free checks (preload/contract-plain.ts) agree with the
 * schemas main validates with, so keeping zod out of the renderer changes no
 * verdict.
 */
import { describe, expect, it } from 'vitest';
import { AddOpenedxSiteInputSchema, BaseUrlSchema } from '../../preload/contract';
import { isAllowedAutolabUrl, isBaseUrl, openedxSiteInputProblem } from '../../preload/contract-plain';

const urls = ['https://autolab.example.edu', ' https://a.edu/ ', 'http://127.0.0.1:3000', 'http://localhost:1', 'http://autolab.example.edu', 'ftp://x.edu', 'https://u:p@x.edu', 'https://x.edu/#f', 'not a url', '', `https://${'a'.repeat(2050)}.edu`];

describe('contract-plain', () => {
  it('accepts exactly the base URLs BaseUrlSchema accepts', () => {
    for (const u of urls) {
      const plain = isBaseUrl(u) && isAllowedAutolabUrl(new URL(u.trim()));
      expect([u.slice(0, 40), plain]).toEqual([u.slice(0, 40), BaseUrlSchema.safeParse(u).success]);
    }
  });

  it('finds the same first problem in an Open edX site form as AddOpenedxSiteInputSchema', () => {
    const ok = { mode: 'client-credentials' as const, baseUrl: 'https://lms.example.org', clientId: 'abc', clientSecret: 's' };
    const browser = { mode: 'browser' as const, baseUrl: 'https://lms.example.org', clientId: 'abc', redirectPort: 47613 };
    const cases = [
      ok, browser,
      { ...ok, baseUrl: 'http://lms.example.org' }, { ...ok, clientId: ' ' }, { ...ok, clientSecret: '' },
      { ...browser, redirectPort: 80 }, { ...browser, redirectPort: 1.5 }, { ...ok, name: 'x'.repeat(81) },
    ];
    for (const c of cases) {
      const parsed = AddOpenedxSiteInputSchema.safeParse(c);
      expect(openedxSiteInputProblem(c)).toBe(parsed.success ? null : parsed.error.issues[0]?.path[0]);
    }
  });
});
