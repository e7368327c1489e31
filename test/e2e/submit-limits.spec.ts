/**
 * What a refused submit teaches, on screen (issue 15), through the web host
 * against a sandbox process (1 MB upload limit): Autolab's "embedded quiz"
 * answer replaces the drop zone by "Open the quiz on Autolab", and the size
 * limit named by its 403 is shown and refuses the next too-large file before
 * any byte is uploaded (no second POST reaches the server). Axe in light and
 * dark at 1280×800 and 860×700 on both states.
 */
import { addServerAndSignIn, openAssessment } from './add-server';
import { expectAccessible } from './axe-check';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

let sandbox: SandboxProcess;
test.beforeAll(async () => {
  sandbox = await startSandboxProcess(['--max-size', '1']);
});
test.afterAll(async () => {
  await sandbox?.stop();
});

const submitPosts = async (assessment: string) =>
  (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(`/assessments/${assessment}/submit`)).length;

test('an embedded quiz and a 403 size limit are remembered: the quiz opens on Autolab, a too-large file is refused before uploading', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await addServerAndSignIn(page, webHost.url, sandbox);

  // The quiz: Autolab refuses the upload once; then the page offers the quiz on Autolab instead of a drop zone.
  await openAssessment(page, 'Quiz 1 (embedded)');
  const quizPosts = await submitPosts('quiz1');
  await page.getByLabel('Choose file…').setInputFiles({ name: 'quiz.json', mimeType: 'application/json', buffer: Buffer.from('{"answers":[1,2]}\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByTestId('embedded-quiz')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('embedded-quiz').getByRole('button', { name: /^Open the quiz on Autolab/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Drop a file to submit' })).toHaveCount(0);
  // Trying the same upload again cannot work: no "Try again" is offered.
  await expect(page.getByRole('alert').getByRole('button', { name: 'Try again' })).toHaveCount(0);
  expect(await submitPosts('quiz1')).toBe(quizPosts + 1);
  for (const [w, h] of [[1280, 800], [860, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expectAccessible(page, `assessment-embedded-quiz-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // Upcoming's row for the quiz offers the quiz on Autolab, not a submit.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Upcoming' }).click();
  const quizRow = page.getByTestId('upcoming-list').getByTestId('assessment-row').filter({ has: page.getByRole('button', { name: 'Quiz 1 (embedded)', exact: true }) });
  await expect(quizRow.getByRole('button', { name: /^Open quiz/ })).toBeVisible({ timeout: 30_000 });
  await expect(quizRow.getByRole('button', { name: /^Submit/ })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();

  // The size limit: the 403 names it; it is shown, and the next too-large file goes nowhere.
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  // "Open on Autolab" for the assessment and for the course.
  await expect(page.getByRole('button', { name: /^Assessment on Autolab/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Course on Autolab/ })).toBeVisible();
  const big = { name: 'big.tar', mimeType: 'application/x-tar', buffer: Buffer.alloc(1536 * 1024, 7) };
  const dataPosts = await submitPosts('datalab');
  await page.getByLabel('Choose file…').setInputFiles(big);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /larger than|too large/i })).toBeVisible({ timeout: 20_000 });
  expect(await submitPosts('datalab')).toBe(dataPosts + 1);
  await expect(page.getByText(/^Autolab takes files up to 1(\.0)? MB here\.$/)).toBeVisible();
  await expect(page.getByRole('alert').getByRole('button', { name: 'Try again' })).toHaveCount(0);
  // The next attempt: refused on the page, before uploading.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  await expect(page.getByText(/^Autolab takes files up to 1(\.0)? MB here\.$/)).toBeVisible();
  await page.getByLabel('Choose file…').setInputFiles(big);
  await expect(page.getByRole('alert').filter({ hasText: /larger than the 1(\.0)? MB Autolab accepts/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit', exact: true })).toBeDisabled();
  expect(await submitPosts('datalab')).toBe(dataPosts + 1);
  for (const [w, h] of [[1280, 800], [860, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expectAccessible(page, `assessment-size-limit-${w}`);
  }
});
