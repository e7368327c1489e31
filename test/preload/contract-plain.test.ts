/**
 * The renderer's zod-free checks (preload/contract-plain.ts) agree with the
 * schemas main validates with, so keeping zod out of the renderer changes no
 * verdict.
 */
import { describe, expect, it } from 'vitest';
import { AddOpenedxSiteInputSchema, BaseUrlSchema, channels, events, OpenedxTargetSchema, SiteIdSchema } from '../../preload/contract';
import { isAllowedAutolabUrl, isBaseUrl, isSiteId, openedxSiteInputProblem } from '../../preload/contract-plain';
import { SiteRecordSchema } from '../../main/openedx/site-store';

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

  it('one site id rule: isSiteId, SiteIdSchema, and every contract and store schema that carries a site id agree', () => {
    const ids = ['edx-0f8fad5b-d9cb-469f-a165-70867728950e', 'edx-1', 'edx-', 'EDX-1', 'edx-A', 'site-1', `edx-${'a'.repeat(61)}`, 'edx-1/../x', ' edx-1'];
    const bad = '../etc';
    const record = { name: 'n', baseUrl: 'https://lms.example.org', clientId: 'c', mode: 'client-credentials', redirectPort: null, isDemo: false, username: null, fullName: null, notice: null, signedIn: false };
    for (const id of ids) {
      const want = SiteIdSchema.safeParse(id).success;
      expect([id, isSiteId(id)]).toEqual([id, want]);
      expect([id, OpenedxTargetSchema.safeParse({ siteId: id, courseKey: 'course-v1:A+B+C' }).success]).toEqual([id, want]);
      expect([id, SiteRecordSchema.safeParse({ ...record, id }).success]).toEqual([id, want]);
    }
    // Every channel input and event that names a site refuses a malformed id.
    const withSite = [channels['openedx:remove'].input, channels['openedx:sign-in'].input, channels['openedx:courses'].input, channels['openedx:course'].input, events['openedx:authorize-url'], events['openedx:open']];
    for (const schema of withSite) {
      const shape = (schema as unknown as { shape: Record<string, unknown> }).shape;
      expect(shape.siteId).toBeDefined();
      const parsed = (shape.siteId as typeof SiteIdSchema).safeParse(bad);
      expect(parsed.success).toBe(false);
    }
  });
});
