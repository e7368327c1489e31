/**
 * Issue 10 items 2 and 7 in the page: what the user reads when a saved submit was never autograded, and when a
 * lost answer cannot be told apart from a group partner's submit. Through the web host, the fault proxy and a
 * sandbox process; POSTs counted in the sandbox's request log.
 */
import type { Page } from '@playwright/test';
import { addServerAndSignIn, openAssessment } from './add-server';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { sandboxToken } from '../helpers/sandbox-token';

let sandbox: SandboxProcess;
let proxy: FaultProxy;
test.beforeAll(async () => {
  sandbox = await startSandboxProcess(['--autograde-delay', '1500']);
  proxy = await startFaultProxy(sandbox.baseUrl);
});
test.afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
});

const submitPosts = async (assessment: string) =>
  (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(`/assessments/${assessment}/submit`)).length;

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `test-results/screens/${name}-${scheme}-${w}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('"autograding failed": saved, says the autograder did not run for this version, never "Grading…"; one POST', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, { baseUrl: proxy.origin, applications: sandbox.applications });
  await openAssessment(page, 'Data Lab');
  const posts = await submitPosts('datalab');
  await sandbox.control('setAutograderFailure', true);
  await page.getByLabel('Choose file…').setInputFiles({ name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.from('int bitAnd(int x, int y) { return x & y; }\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const banner = page.getByRole('alert').filter({ hasText: /^Autolab saved your submission as version \d+, but the autograder did not run for this version; tell your instructor\.$/ });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  const table = page.getByRole('table').filter({ hasText: 'Version' });
  await expect(table.getByText('The autograder did not run for this version; tell your instructor.')).toBeVisible();
  // Long after the autograder would have finished, still no "Grading…".
  await page.waitForTimeout(4_000);
  await expect(table.getByText('Grading…')).toHaveCount(0);
  await shoot(page, 'submit-autograder-failed');
  expect(await submitPosts('datalab')).toBe(posts + 1);
});

test('a lost answer while a group partner submits: says what appeared, claims nothing; one POST of ours', async ({ page, webHost }) => {
  await addServerAndSignIn(page, webHost.url, { baseUrl: proxy.origin, applications: sandbox.applications });
  await openAssessment(page, 'Attack Lab (pairs)');
  const app = sandbox.applications[0]!;
  const alice = await sandboxToken({ baseUrl: sandbox.baseUrl, clientId: app.client_id, clientSecret: app.client_secret, redirectUri: 'http://127.0.0.1/callback', scopes: app.scopes, email: 'alice@example.edu', password: 'demo-alice' });
  const posts = await submitPosts('attacklab');
  proxy.addRule({
    method: 'POST', path: /\/submit$/,
    mode: {
      kind: 'drop-answer',
      // Our submit was saved; before we could hear so, the partner submits too.
      afterAnswer: async () => {
        const fd = new FormData();
        fd.append('submission[file]', new Blob(['partner']), 'exploit.txt');
        await fetch(`${sandbox.baseUrl}/api/v1/courses/demo-15213/assessments/attacklab/submit`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${alice.access_token}` } });
      },
    },
  });
  await page.getByLabel('Choose file…').setInputFiles({ name: 'exploit.txt', mimeType: 'text/plain', buffer: Buffer.from('ours') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit late?' }).getByRole('button', { name: 'Submit anyway' }).click();
  const banner = page.getByRole('alert').filter({ hasText: /Versions \d+ and \d+ appeared at \d\d:\d\d( and \d\d:\d\d)?; either may be from a partner or another device, so open their feedback to check before you submit again\.$/ });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).not.toContainText('did not arrive');
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await shoot(page, 'submit-uncertain');
  expect(await submitPosts('attacklab')).toBe(posts + 2); // ours once, the partner's once
});
