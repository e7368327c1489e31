/**
 * The first minute without a keychain (issue 15): the warning that sign-ins
 * cannot be stored safely is not the first thing a new user reads; it appears
 * where it matters, inside the sign-in card. The web host is started with a
 * D-Bus address that leads nowhere, so the system keychain is unavailable and
 * the app falls back to memory.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe-check';
import { finishBrowserSignIn, DEMO } from './demo-sign-in';
import { spawnWebHost } from './web-host-process';

test('without a keychain, the warning is in the sign-in card, not on the welcome screen', async ({ page }) => {
  test.setTimeout(90_000);
  const { host, stop } = await spawnWebHost({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/autolab-desktop-test-bus' });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await expect(page.getByTestId('no-account')).toBeVisible();
    await expect(page.getByText('cannot be stored safely')).toHaveCount(0);
    await expect(page.getByText(/No secure storage is available/)).toHaveCount(0);

    await page.getByRole('button', { name: 'Try the demo' }).click();
    const card = page.getByRole('region', { name: 'Continue in your browser' });
    const warning = card.getByRole('note').filter({ hasText: 'Your sign-in cannot be stored safely on this computer.' });
    await expect(warning).toContainText('No secure storage is available on this computer');
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `sign-in-card-no-keychain-${w}`);
    }
    // Signing in still works (the tokens live in memory until the app stops).
    await finishBrowserSignIn(page, DEMO.student);
    await expect(page.getByTestId('upcoming')).toBeVisible();

    // Settings lists the accounts; the accounts screen and both add forms pass axe in light and dark.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('Control+,');
    const accounts = page.getByRole('region', { name: 'Accounts' });
    await expect(accounts).toContainText('Demo Autolab');
    await expect(accounts.getByRole('button', { name: 'Sign out of Demo Autolab' })).toBeVisible();
    await accounts.getByRole('button', { name: 'Add an Autolab server or try the demo…' }).click();
    await expect(page.getByRole('button', { name: 'Add an Autolab server' })).toBeVisible();
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `accounts-${w}`);
    }
    await page.getByRole('button', { name: 'Add an Autolab server' }).click();
    await expect(page.getByRole('form', { name: 'Add an Autolab server' })).toBeVisible();
    await expectAccessible(page, 'add-autolab-server');
    await page.getByRole('button', { name: 'Add an Open edX site' }).click();
    await expect(page.getByRole('form', { name: 'Add an Open edX site' })).toBeVisible();
    await expectAccessible(page, 'add-openedx-site');
    await page.getByRole('radio', { name: 'Sign in with the browser' }).check();
    await expectAccessible(page, 'add-openedx-site-browser');
  } finally {
    await stop();
  }
});

test('with no browser to ask, nothing claims one opened: the sign-in card and a link-only writeup give the address to copy', async ({ page }) => {
  test.setTimeout(90_000);
  // No `xdg-open` on the host's PATH: the system browser cannot be asked.
  const { host, stop } = await spawnWebHost({ PATH: '/nonexistent' });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    const card = page.getByRole('region', { name: 'Continue in your browser' });
    await expect(card).toContainText('No browser could be asked to open the page');
    await expect(card).not.toContainText('was asked to open');
    await finishBrowserSignIn(page, DEMO.student);
    // Bomb Lab's writeup is a link: the page says no browser could be asked, with the address and Copy.
    await page.getByTestId('upcoming-list').getByRole('button', { name: 'Bomb Lab', exact: true }).click();
    await page.getByRole('button', { name: 'Open writeup' }).click();
    const said = page.getByRole('alert').filter({ hasText: 'No browser could be asked to open the writeup; copy the address:' });
    await expect(said).toContainText('https://example.edu/15213/bomblab.html');
    await expect(said.getByRole('button', { name: /^Copy address/ })).toBeVisible();
    await expect(page.getByText(/opened in your browser/)).toHaveCount(0);
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `assessment-no-browser-${w}`);
    }
    // An Open edX course page's "Open in browser" says the same, with the address to copy.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Upcoming' }).click();
    const edxRow = page.getByTestId('upcoming-list').getByTestId('openedx-row').first();
    await expect(edxRow).toBeVisible({ timeout: 30_000 });
    await edxRow.locator('.row-link').click();
    const table = page.getByRole('table', { name: 'Graded subsections and due dates' });
    await table.getByRole('button', { name: /^Open in browser: / }).first().click();
    const edxSaid = table.getByRole('status').filter({ hasText: 'No browser could be asked to open it; copy the address:' });
    await expect(edxSaid).toContainText('http');
    await expect(edxSaid.getByRole('button', { name: /^Copy address/ })).toBeVisible();
    await expectAccessible(page, 'openedx-course-no-browser');
  } finally {
    await stop();
  }
});
