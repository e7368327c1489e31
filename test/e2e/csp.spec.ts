/**
 * Issue 11: the CSP allows no inline styles (`style-src 'self'`), and the
 * renderer still works under it: the virtual table (React `style={}` through
 * the CSSOM) lays out, and no CSP violation is reported.
 */
import { DEMO, grantInstructorAccess, signInToDemo } from './demo-sign-in';
import { expect, test } from './web-host-fixture';

test('the app runs under a CSP without unsafe-inline styles: no violation, the roster table lays out', async ({ page, webHost }) => {
  test.setTimeout(60_000);
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to apply/i.test(m.text()) && violations.push(m.text()));
  // The test tsconfig has no DOM lib: the listener is a string evaluated in the page.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' in ' + e.documentURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));",
  });
  // A launch link works once: this first visit uses its own, and signInToDemo the fixture's unused one
  // (a second visit of a spent link before its session arrived is refused, as it should be).
  const response = await page.goto(await webHost.launchUrl());
  expect(response?.headers()['content-security-policy']).toMatch(/style-src 'self';/);
  await signInToDemo(page, webHost.url, DEMO.instructor);
  await page.getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
  await grantInstructorAccess(page, DEMO.instructor);
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('button', { name: 'Roster' }).click();
  const table = page.getByRole('table', { name: 'Roster' });
  await expect(table.getByRole('row').nth(2)).toBeVisible({ timeout: 20_000 });
  // The rows are positioned by inline transforms: the second data row sits below the first.
  const first = await table.getByRole('row').nth(1).boundingBox();
  const second = await table.getByRole('row').nth(2).boundingBox();
  expect(second!.y).toBeGreaterThan(first!.y);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/csp-roster-${scheme}.png` });
  }
  expect(violations).toEqual([]);
});
