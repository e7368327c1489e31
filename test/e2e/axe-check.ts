/**
 * Accessibility checks for the end-to-end tests (issue 15): axe-core through
 * `@axe-core/playwright`, WCAG 2.x A/AA rules plus best practices, in the
 * colour scheme the page is emulating. Screenshots go to test-results/screens.
 * axe's `label-content-name-mismatch` (WCAG 2.5.3 Label in Name) is tagged
 * experimental and off by default; it is turned on here, so an accessible name
 * that does not contain the visible label fails every check.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The axe rule tags every check runs: WCAG 2.0/2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The violations on the page as one readable line each (rule, impact, target, summary). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({
      runOnly: { type: 'tag', values: AXE_TAGS },
      rules: { 'label-content-name-mismatch': { enabled: true } },
    })
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? v.help}`));
}

/**
 * Check the page with axe in light and in dark, and screenshot both at the
 * current viewport. Fails with every violation listed.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    // Let any colour transition settle so the screenshot shows the scheme as the user sees it.
    await page.waitForTimeout(300);
    const size = page.viewportSize();
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}-${size?.width ?? 0}.png` });
    expect(await axeViolations(page), `axe on ${name} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
}
