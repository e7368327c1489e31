/**
 * The feedback viewer with a 5 MB, 60,000-line autograder log (issue 15): only
 * the visible lines are in the page, every match is reachable with
 * Next/Previous (far past the old 2,000-highlight cap), and the dialog shows
 * the version's time, file, lateness and score total, with Copy and Save.
 * Timings are in `npm run bench`, not here.
 */
import { readFile } from 'node:fs/promises';
import { addServerAndSignIn, openAssessment } from './add-server';
import { BIG_LOG_LINES, submitForBigLog } from './big-feedback';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

let sandbox: SandboxProcess;
test.beforeAll(async () => {
  sandbox = await startSandboxProcess(['--autograde-delay', '300']);
});
test.afterAll(async () => {
  await sandbox?.stop();
});

test('a 60,000-line log: visible lines only, every match reachable, facts, total, Copy and Save', async ({ page, webHost, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.url.replace(/\/[^/]*$/, '') });
  await addServerAndSignIn(page, webHost.url, sandbox);
  await openAssessment(page, 'Data Lab');
  const version = await submitForBigLog(page);
  await page.getByRole('button', { name: `Feedback for version ${version}` }).click();
  const dialog = page.getByRole('dialog', { name: `Feedback for version ${version}` });
  const log = dialog.getByRole('region', { name: `Autograder output, ${BIG_LOG_LINES + 9} lines` });
  await expect(log).toBeVisible();
  expect(await log.locator('.log-line').count()).toBeLessThan(200);

  // When, which file, on time; the scores with their total.
  await expect(dialog.getByText('Handed in')).toBeVisible();
  await expect(dialog.getByText(`${version}_bits.c`)).toBeVisible();
  await expect(dialog.getByText('On time')).toBeVisible();
  const scores = dialog.getByRole('table', { name: 'Autograder scores' });
  await expect(scores.getByRole('row', { name: /^Total/ })).toHaveText(/Total\s*100\s*100/);

  // Every 7th test line FAILED: 8,571 matches; Previous from the first wraps to the last one, on line 59,997.
  const search = dialog.getByRole('searchbox', { name: 'Search the log' });
  await search.fill('failed');
  await expect(dialog.getByText('1 of 8571 matches')).toBeVisible();
  await search.press('Shift+Enter');
  await expect(dialog.getByText('8571 of 8571 matches')).toBeVisible();
  await expect(log.locator('mark.current')).toBeInViewport();
  await expect(log.locator('.log-line', { has: page.locator('mark.current') })).toContainText('test 059997: FAILED');
  await dialog.getByRole('button', { name: 'Previous match' }).click();
  await expect(log.locator('.log-line', { has: page.locator('mark.current') })).toContainText('test 059990: FAILED');
  expect(await log.locator('.log-line').count()).toBeLessThan(200);
  for (const [width, height] of [[1280, 800], [860, 700]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screens/feedback-big-log-${width}-${colorScheme}.png` });
    }
  }

  // Copy puts the whole log on the clipboard; Save downloads it.
  await dialog.getByRole('button', { name: 'Copy the log' }).click();
  await expect(dialog.getByText('Copied')).toBeVisible();
  // A string, not a function: the test tsconfig has no DOM lib.
  const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
  expect(copied.split('\n').length).toBe(BIG_LOG_LINES + 9);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save the log' }).click()]);
  expect(download.suggestedFilename()).toBe(`datalab-version-${version}-feedback.txt`);
  expect((await readFile((await download.path())!, 'utf8')).length).toBe(copied.length);

  // Opened again, the log is the one in memory: no request, shown at once.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const feedbackGets = async () => (await sandbox.requests()).filter((r) => r.path.endsWith(`/submissions/${version}/feedback`)).length;
  const before = await feedbackGets();
  await page.getByRole('button', { name: `Feedback for version ${version}` }).click();
  await expect(log).toBeVisible();
  await page.waitForTimeout(500);
  expect(await feedbackGets()).toBe(before);
});
