/**
 * The student's day end to end (issue 5), through the web host against a
 * sandbox process: open a course and an assessment, drop a file, watch the
 * upload, see the new version, and the autograder's feedback arrive; and the
 * failures — past deadline, over-size, 429, a reset mid-upload — each end in
 * one clear sentence with no duplicate submission.
 */
import type { Page } from '@playwright/test';
import { addServerAndSignIn, openAssessment } from './add-server';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

let sandbox: SandboxProcess;
test.beforeAll(async () => {
  sandbox = await startSandboxProcess(['--autograde-delay', '1500']);
});
test.afterAll(async () => {
  await sandbox?.stop();
});
test.afterEach(async () => {
  await sandbox.control('clearFaults');
  await sandbox.control('setClockOffset', 0);
  await sandbox.control('setLatency', 0);
});

const submitPosts = async (assessment: string) =>
  (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(`/assessments/${assessment}/submit`)).length;

async function versionCount(page: Page): Promise<number> {
  return page.getByRole('button', { name: /^Feedback for version \d+$/ }).count();
}

test('drop a file, watch the upload, see the new version and the autograder feedback arrive', async ({ page, webHost }) => {
  const progress: Array<{ sent: number; total: number }> = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (text.includes('"submit:progress"')) progress.push((JSON.parse(text) as { payload: { sent: number; total: number } }).payload);
    }),
  );
  await addServerAndSignIn(page, webHost.url, sandbox);
  await page.screenshot({ path: 'test-results/screens/student-courses.png', fullPage: true });
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await expect(page.getByRole('button', { name: 'Data Lab', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/student-assessments.png', fullPage: true });
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  const before = await versionCount(page);

  const content = Buffer.from('/* bits.c */\nint bitAnd(int x, int y) { return ~(~x | ~y); }\n' + '// padding\n'.repeat(60_000));
  await page.getByRole('region', { name: 'Drop a file to submit' }).drop({ files: { name: 'bits.c', mimeType: 'text/x-c', buffer: content } });
  await expect(page.getByTestId('picked-file')).toContainText('bits.c');
  await sandbox.control('setLatency', 600);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Submitted as version \d+/ })).toBeVisible({ timeout: 20_000 });
  await sandbox.control('setLatency', 0);

  // Progress reached the whole body, growing monotonically.
  expect(progress.length).toBeGreaterThan(0);
  const last = progress[progress.length - 1]!;
  expect(last.sent).toBe(last.total);
  expect(last.total).toBeGreaterThan(content.length);
  expect(progress.every((p, i) => i === 0 || p.sent >= progress[i - 1]!.sent)).toBe(true);

  // The new version appears, then its scores arrive without a manual refresh.
  await expect.poll(() => versionCount(page)).toBe(before + 1);
  await expect(page.getByText('Grading…')).toBeHidden({ timeout: 20_000 });
  // The result panel turned from "Submitted as version N" into the score (issue 10 item 7).
  await expect(page.getByTestId('submitted-score')).toHaveText(/^Version \d+ scored \d+(\.\d+)? of 100\.$/);
  await page.screenshot({ path: 'test-results/screens/student-assessment.png', fullPage: true });
  const newest = before + 1;
  await page.getByRole('button', { name: `Feedback for version ${newest}` }).click();
  const dialog = page.getByRole('dialog', { name: `Feedback for version ${newest}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Autograder scores' })).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Search the log' }).fill('scores');
  await page.screenshot({ path: 'test-results/screens/student-feedback.png', fullPage: true });
  expect(await submitPosts('datalab')).toBe(1);
});

test('a submit that meets the deadline passing on the server ends in one sentence, not landed', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, sandbox);
  await openAssessment(page, 'Attack Lab (pairs)');
  const before = await versionCount(page);
  const posts = await submitPosts('attacklab');
  await page.getByLabel('Choose file…').setInputFiles({ name: 'exploit.txt', mimeType: 'text/plain', buffer: Buffer.from('48 c7 c7 fa 97 b9 59\n') });
  // The deadline passes while the user decides (the server's clock moves three weeks on).
  await sandbox.control('setClockOffset', 21 * 24 * 3600 * 1000);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: /Submit late\?/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /deadline/i })).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/student-past-deadline.png', fullPage: true });
  expect(await submitPosts('attacklab')).toBe(posts + 1);
  // A fresh look at the list (a reload comes back to the same assessment): no new version.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Attack Lab/ }).first()).toBeVisible();
  expect(await versionCount(page)).toBe(before);
});

test('an over-size file is refused with the limit in one sentence', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, sandbox);
  await openAssessment(page, 'Data Lab');
  const before = await versionCount(page);
  await page.getByLabel('Choose file…').setInputFiles({ name: 'huge.tar', mimeType: 'application/x-tar', buffer: Buffer.alloc(3 * 1024 * 1024, 7) });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /larger than|too large/i })).toBeVisible({ timeout: 15_000 });
  expect(await versionCount(page)).toBe(before);
});

test('a 429 from the server ends in one sentence and nothing is sent twice', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, sandbox);
  await openAssessment(page, 'Data Lab');
  const before = await versionCount(page);
  const posts = await submitPosts('datalab');
  await sandbox.control('injectFault', { route: 'submit', kind: 'status429' });
  await page.getByLabel('Choose file…').setInputFiles({ name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.from('int x;\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /too many|rate|wait/i })).toBeVisible({ timeout: 15_000 });
  expect(await submitPosts('datalab')).toBe(posts + 1);
  expect(await versionCount(page)).toBe(before);
});

test('a connection reset mid-upload is checked, reported, and only then retried by the user', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, sandbox);
  await openAssessment(page, 'Data Lab');
  const before = await versionCount(page);
  const posts = await submitPosts('datalab');
  await sandbox.control('injectFault', { route: 'submit', kind: 'reset-mid-upload' });
  await page.getByLabel('Choose file…').setInputFiles({ name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.alloc(512 * 1024, 65) });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: 'test-results/screens/student-reset.png', fullPage: true });
  // Exactly one upload was attempted, and nothing landed.
  expect(await submitPosts('datalab')).toBe(posts + 1);
  expect(await versionCount(page)).toBe(before);
  // The user's retry goes through once.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Submitted as version \d+/ })).toBeVisible({ timeout: 20_000 });
  expect(await submitPosts('datalab')).toBe(posts + 2);
  await expect.poll(() => versionCount(page)).toBe(before + 1);
});

test('offline: the last data seen is shown with its age when the server is gone', async ({ page, webHost }) => {
  const own = await startSandboxProcess([]);
  try {
    await addServerAndSignIn(page, webHost.url, own);
    await expect(page.getByRole('button', { name: /Introduction to Computer Systems/ })).toBeVisible();
  } finally {
    await own.stop();
  }
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /Offline — showing data as of/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: /Introduction to Computer Systems/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/student-offline.png', fullPage: true });
});
