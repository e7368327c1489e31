/**
 * Issue 10 item 3 end to end: main owns the submit. A page reloaded half-way through a (throttled) upload finds
 * it again with its progress, sees how it ends, and the sandbox received exactly one POST.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addServerAndSignIn, openAssessment } from './add-server';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { expect, spawnWebHost, test } from './web-host-fixture';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

let sandbox: SandboxProcess;
let proxy: FaultProxy;
test.beforeAll(async () => {
  sandbox = await startSandboxProcess(['--autograde-delay', '60000', '--max-size', '64']);
  proxy = await startFaultProxy(sandbox.baseUrl);
});
test.afterAll(async () => {
  await proxy?.close();
  await sandbox?.stop();
});

const submitPosts = async () => (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/assessments/datalab/submit')).length;

test('a reload at 50% of a throttled upload shows the upload again with its progress; one POST', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  // The app talks to the sandbox through the proxy; uploads crawl at 2 MB/s.
  await addServerAndSignIn(page, webHost.url, { baseUrl: proxy.origin, applications: sandbox.applications });
  await openAssessment(page, 'Data Lab');
  const versionsBefore = await page.getByRole('button', { name: /^Feedback for version \d+$/ }).count();
  const posts = await submitPosts();
  proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'throttle', bytesPerSecond: 2_000_000 } });

  const size = 24 << 20;
  const from = proxy.requests.length;
  await page.getByRole('region', { name: 'Drop a file to submit' }).drop({ files: { name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.alloc(size, 0x20) } });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await proxy.waitForBodyBytes(size / 2, { method: 'POST', path: /\/submit$/, from });

  await page.reload();
  // The page comes back where it was (the route survives a reload).
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThanOrEqual(50);
  await page.screenshot({ path: 'test-results/screens/submit-resumed.png', fullPage: true });

  await expect(page.getByRole('status').filter({ hasText: /Submitted as version \d+/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^Feedback for version \d+$/ })).toHaveCount(versionsBefore + 1);
  expect(await submitPosts()).toBe(posts + 1);
  expect(proxy.requests.filter((r) => r.method === 'POST' && /\/submit$/.test(r.path))).toHaveLength(1);
});

test('a page closed during the upload and opened after it finished shows the outcome once; one POST', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await addServerAndSignIn(page, webHost.url, { baseUrl: proxy.origin, applications: sandbox.applications });
  await openAssessment(page, 'Data Lab');
  const posts = await submitPosts();
  const saved = async () => (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/assessments/datalab/submit') && r.status === 200).length;
  const savedBefore = await saved();
  proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'throttle', bytesPerSecond: 2_000_000 } });
  const size = 12 << 20;
  const from = proxy.requests.length;
  await page.getByRole('region', { name: 'Drop a file to submit' }).drop({ files: { name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.alloc(size, 0x20) } });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await proxy.waitForBodyBytes(size / 4, { method: 'POST', path: /\/submit$/, from });
  await page.goto('about:blank'); // the tab is gone while main finishes the upload
  await expect.poll(saved, { timeout: 60_000 }).toBe(savedBefore + 1);

  await page.goto(webHost.url);
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible(); // the tab's route is restored
  await expect(page.getByRole('status').filter({ hasText: /^Submitted as version \d+/ })).toBeVisible();
  // Told once: coming back to the page does not repeat it.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Feedback for version \d+$/ }).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Submitted as version \d+/ })).toHaveCount(0);
  expect(await submitPosts()).toBe(posts + 1);
});

test('killed right after the server saved: the next start tells "arrived as version N"; one POST', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  // A second host on a data folder of its own, so it can be killed and started again on the same folder.
  const first = await spawnWebHost({}, { dataDir: await mkdtemp(path.join(os.tmpdir(), 'ad-e2e-crash-')) });
  let second: Awaited<ReturnType<typeof spawnWebHost>> | null = null;
  try {
    await addServerAndSignIn(page, first.host.url, { baseUrl: proxy.origin, applications: sandbox.applications });
    await openAssessment(page, 'Data Lab');
    const posts = await submitPosts();
    proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'drop-answer', afterAnswer: () => first.kill() } });
    await page.getByLabel('Choose file…').setInputFiles({ name: 'bits.c', mimeType: 'text/x-c', buffer: Buffer.from('int bitAnd(int x, int y) { return x & y; }\n') });
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect.poll(() => submitPosts(), { timeout: 20_000 }).toBe(posts + 1);

    second = await spawnWebHost({}, { dataDir: first.host.dataDir });
    await page.goto(second.host.url);
    const notice = page.getByRole('status').filter({ hasText: /^Your Data Lab submission from \d\d:\d\d arrived as version \d+\./ });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [[1280, 800], [860, 700]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: `test-results/screens/submit-notice-${scheme}-${w}.png` });
      }
    }
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    expect(await submitPosts()).toBe(posts + 1);
  } finally {
    await second?.stop();
    await first.stop();
    await rm(first.host.dataDir, { recursive: true, force: true });
  }
  void webHost;
});
