/**
 * Hand in a file whose autograder log is 60,000 lines (~5 MB: the sandbox's
 * `LOG <n>` rule) and wait until it is graded; shared by the feedback viewer's
 * e2e test and `npm run bench`.
 */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Lines of test output the big log starts with. */
export const BIG_LOG_LINES = 60_000;

/** On an open assessment page, submit a file asking for a 60,000-line log; resolves to the new version. */
export async function submitForBigLog(page: Page): Promise<number> {
  const feedbackButtons = page.getByRole('button', { name: /^Feedback for version \d+$/ });
  const before = await feedbackButtons.count();
  const content = Buffer.from(`/* bits.c */\nint bitAnd(int x, int y) { return ~(~x | ~y); }\nLOG ${BIG_LOG_LINES}\n`);
  await page.getByLabel('Choose file…').setInputFiles({ name: 'bits.c', mimeType: 'text/x-c', buffer: content });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: /Submit late\?/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Submitted as version \d+/ })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => feedbackButtons.count(), { timeout: 20_000 }).toBe(before + 1);
  await expect(page.getByText('Grading…')).toBeHidden({ timeout: 30_000 });
  return before + 1;
}
