/**
 * Screenshots for looking at a screen in light and dark, at the sizes the
 * project checks (1280×800 and 860×700). Kept out of git (test-results/).
 */
import type { Page } from '@playwright/test';

/** Shoot `name` in light and dark at each size, then restore light at 1280×800. */
export async function shootScreens(page: Page, name: string, sizes = [{ width: 1280, height: 800 }, { width: 860, height: 700 }], fullPage = false): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/${name}-${size.width}-${scheme}.png`, fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}
