/**
 * The LaMetric desk clock end to end (issue 14), through the web host and the real pages:
 * configure the LaMetric app, "Find my clocks" through the cloud sandbox's real login and
 * consent pages, pair the clock; a graded submit in the demo Autolab lands in the clock's queue
 * with the expected frames and priority; a changed certificate is refused until trusted; an
 * unreachable clock causes no error toast, only a status in Settings → Devices. Axe (light and dark) on
 * every Devices state, and screenshots of the card, light and dark, at 1280×800 and 860×700.
 */
import type { Page } from '@playwright/test';
import { startLametricSandbox, type LametricSandbox } from '../../sandbox/lametric/index';
import { DEMO, openCourses, signInToDemo } from './demo-sign-in';
import { expect, test } from './web-host-fixture';
import { expectAccessible } from './axe-check';
import { freePort } from '../helpers/free-port';


/**
 * Axe (light and dark, whole page) at 1280×800, and with `narrow` also at 860×700; the Devices card's
 * screenshots at both sizes.
 */
async function shots(page: Page, name: string, narrow = false): Promise<void> {
  const card = page.getByRole('region', { name: 'Devices', exact: true });
  for (const size of [{ width: 1280, height: 800 }, { width: 860, height: 700 }]) {
    await page.setViewportSize(size);
    if (size.width === 1280 || narrow) {
      await card.scrollIntoViewIfNeeded();
      await expectAccessible(page, `devices-page-${name}`);
    }
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await card.screenshot({ path: `test-results/screens/devices-${name}-${size.width}-${scheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function submitDataLab(page: Page): Promise<void> {
  // From Settings: Courses in the main navigation, then the demo course.
  await openCourses(page);
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  await page.locator('#submit-file-input').setInputFiles({ name: 'bits.c', mimeType: 'text/plain', buffer: Buffer.from('int bitAnd(int x, int y) { return ~(~x | ~y); }\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByText(/Submitted as version/i).or(page.getByRole('status').filter({ hasText: /version/i })).first()).toBeVisible();
  await openCourses(page);
}

/** Devices is a section of the Settings screen (issue 15). */
async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible({ timeout: 15_000 });
}

let sb: LametricSandbox | null = null;
test.afterEach(async () => {
  await sb?.close();
  sb = null;
});

test('find my clocks through the LaMetric cloud, pair, and a graded submit reaches the clock; certificate change and an unreachable clock', async ({ page, webHost }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  sb = await startLametricSandbox({ redirectUris: [`http://127.0.0.1:${port}/callback`] });
  const app = sb.applications[0]!;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInToDemo(page, webHost.url, DEMO.student);
  await openSettings(page);
  const card = page.getByRole('region', { name: 'Devices', exact: true });
  await expect(card).toBeVisible();
  await expect(card).toContainText('never the implicit flow');

  // The user's LaMetric app registration, then Find my clocks in the browser.
  await card.getByLabel('LaMetric address').fill(sb.cloudUrl);
  await card.getByLabel('Client ID').fill(app.client_id);
  await card.getByLabel('Client secret').fill(app.client_secret);
  await card.getByLabel('Redirect port').fill(String(port));
  await card.getByRole('button', { name: 'Save LaMetric app' }).click();
  await expect(card.getByTestId('cloud-redirect-uri')).toHaveText(`http://127.0.0.1:${port}/callback`);
  await shots(page, 'unpaired');
  await card.getByRole('button', { name: 'Find my clocks' }).click();
  const address = card.getByTestId('cloud-authorize-url');
  await expect(address).toContainText('/api/v2/oauth2/authorize/', { timeout: 15_000 });
  const url = new URL((await address.textContent())!);
  expect(url.searchParams.get('response_type')).toBe('code');
  expect(url.searchParams.get('scope')).toBe('basic devices_read');
  const tab = await page.context().newPage();
  await tab.goto(url.toString());
  await tab.getByLabel('Email').fill(sb.users[0]!.email);
  await tab.getByLabel('Password').fill(sb.users[0]!.password);
  await tab.getByRole('button', { name: 'Log in' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  await expect(tab.getByText('You can close this tab')).toBeVisible();
  await tab.close();

  const clocks = card.getByRole('list', { name: 'Your LaMetric clocks' });
  await expect(clocks).toContainText('Desk clock');
  await expect(clocks.getByLabel('Address of Desk clock')).toHaveValue('127.0.0.1');
  await shots(page, 'found', true);
  await clocks.getByLabel('Address of Desk clock').fill(`127.0.0.1:${new URL(sb.device.httpsUrl).port}`);
  await clocks.getByRole('button', { name: 'Pair Desk clock' }).click();
  await expect(card.getByTestId('clock-fingerprint')).toHaveText(sb.device.certificateSha256);
  await expect(card.getByTestId('clock-last-push')).toHaveText('Nothing sent yet.');
  await card.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(card.getByTestId('clock-last-push')).toContainText('over HTTPS');
  // The optional Indicator app push through the cloud.
  await card.getByLabel('Push URL').fill(sb.indicator.pushUrl);
  await card.getByLabel('Access token').fill(sb.indicator.accessToken);
  await card.getByRole('button', { name: 'Save Indicator app' }).click();
  await expect(card.getByTestId('indicator-last-push')).toHaveText('Nothing sent yet.');
  await shots(page, 'paired', true);
  expect(sb.controls.requestLog().some((e) => e.responseType === 'token')).toBe(false);

  // A graded submit reaches the clock with its frames and priority info.
  await submitDataLab(page);
  await expect(page.getByTestId('toast').filter({ hasText: 'Data Lab graded' })).toBeVisible({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Dismiss "Data Lab graded"' }).click();
  await expect.poll(() => sb!.controls.received().filter((n) => n.model.frames.some((f) => 'text' in f && f.text.startsWith('datalab '))).length, { timeout: 15_000 }).toBe(1);
  const grade = sb.controls.received().find((n) => n.model.frames.some((f) => 'text' in f && f.text.startsWith('datalab ')))!;
  expect(grade.priority).toBe('info');
  expect(grade.model.frames).toEqual([{ icon: 'i620', text: 'datalab 100/100' }, { icon: 'i620', goalData: { start: 0, current: 100, end: 100, unit: '' } }]);
  await expect.poll(() => sb!.controls.indicatorFrames()).toEqual([{ icon: 'i620', text: 'datalab 100/100', index: 0 }, { icon: 'i620', goalData: { start: 0, current: 100, end: 100, unit: '' }, index: 1 }]);

  // A changed certificate is refused until the user trusts it.
  const fresh = await sb.controls.rotateCertificate();
  await openSettings(page);
  const received = sb.controls.received().length;
  await card.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(card.getByRole('alert').filter({ hasText: 'different certificate' }).first()).toBeVisible();
  await expect(card.getByTestId('clock-new-fingerprint')).toHaveText(fresh);
  expect(sb.controls.received()).toHaveLength(received);
  await shots(page, 'certificate-changed');
  await card.getByRole('button', { name: 'Trust the new certificate' }).click();
  await expect(card.getByTestId('clock-fingerprint')).toHaveText(fresh);
  await card.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(card.getByTestId('clock-last-push')).toContainText('over HTTPS');
  expect(sb.controls.received()).toHaveLength(received + 1);

  // Away from home: the clock does not answer. The grade still notifies; no error toast; the status says so.
  await sb.close();
  await submitDataLab(page);
  await expect(page.getByTestId('toast').filter({ hasText: 'Data Lab graded' })).toBeVisible({ timeout: 45_000 });
  await openSettings(page);
  await expect(card.getByTestId('clock-last-push')).toContainText(/Last push failed at .* \(clock not reachable\)\./, { timeout: 15_000 });
  await expect(card.getByTestId('indicator-last-push')).toContainText(/Last push failed at .* \(LaMetric cloud not reachable\)\./);
  await expect(page.getByTestId('toast').filter({ hasText: /clock|LaMetric|reach/i })).toHaveCount(0);
  await expect(card.getByRole('alert')).toHaveCount(0);
  await shots(page, 'unreachable');
  expect(errors).toEqual([]);
});
