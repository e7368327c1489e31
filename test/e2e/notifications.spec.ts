/**
 * Notifications end to end (issue 6): sign in to the demo through its real
 * login page, submit to Data Lab, and the "graded" in-page notification
 * appears with no user action; clicking it opens the feedback. Screenshots of
 * the toast, the activity list and the settings, light and dark.
 */
import { DEMO, signInToDemo } from './demo-sign-in';
import { expect, test } from './web-host-fixture';

test('a submit is announced as graded in the page without any action, and the notification opens the feedback', async ({ page, webHost }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInToDemo(page, webHost.url, DEMO.student);
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  await page.locator('#submit-file-input').setInputFiles({ name: 'bits.c', mimeType: 'text/plain', buffer: Buffer.from('int bitAnd(int x, int y) { return ~(~x | ~y); }\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByText(/Submitted as version/i).or(page.getByRole('status').filter({ hasText: /version/i })).first()).toBeVisible();
  // Leave the assessment: the notification must arrive by itself.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();

  const toast = page.getByTestId('toast').filter({ hasText: 'Data Lab graded' });
  await expect(toast).toBeVisible({ timeout: 45_000 });
  await expect(toast).toContainText(/Version \d+: 100\/100/);
  await expect(page.getByRole('button', { name: /^Activity \d+ unseen$/ })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/notification-toast-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await toast.getByRole('button', { name: /Open feedback/ }).click();
  const dialog = page.getByRole('dialog', { name: /Feedback for version \d+/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Autograder scores' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The activity list shows it and marks it read; the notification settings are in Settings (issue 15).
  await page.getByRole('button', { name: /^Activity/ }).click();
  await expect(page.getByRole('list', { name: 'Recent activity' })).toContainText('Data Lab graded');
  await expect(page.getByRole('button', { name: 'Activity', exact: true })).toBeVisible({ timeout: 5_000 });
  await page.getByRole('button', { name: 'Settings › Notifications and privacy' }).click();
  await page.getByRole('checkbox', { name: /Hide scores in notifications/ }).click(); // controlled: checked once main saved it
  await expect(page.getByRole('checkbox', { name: /Hide scores in notifications/ })).toBeChecked();
  await page.getByRole('button', { name: 'Pause for 1 hour' }).click();
  await expect(page.getByRole('button', { name: 'Resume notifications' })).toBeVisible();
  await page.getByRole('button', { name: 'Export deadlines calendar (.ics)' }).click();
  await expect(page.getByText(/Saved to .*autolab-deadlines\.ics/)).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/notification-settings-${scheme}.png`, fullPage: true });
  }
  expect(errors).toEqual([]);
});
