import { expect, test } from './web-host-fixture';

test('the app loads in Chromium through the web host and shows the welcome screen', async ({ page, webHost }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(webHost.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Autolab Desktop' })).toBeVisible();
  await expect(page.getByTestId('no-account')).toContainText('No account yet');
  await expect(page.getByTestId('host-kind')).toHaveText(/Web host · v\d+\.\d+\.\d+/);
  // The ticket leaves the address bar once it is read; no secret is ever in it.
  expect(page.url()).not.toContain('ticket=');
  expect(page.url()).not.toContain('secret');
  await page.screenshot({ path: 'test-results/screens/welcome.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the info channel round-trips over the WebSocket with the typed client', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.getByTestId('host-kind')).toBeVisible();
  // A reload keeps working: the secret is kept for this tab's session.
  await page.reload();
  await expect(page.getByTestId('host-kind')).toHaveText(/Web host/);
});

test('a page without the secret is refused and says how to fix it', async ({ page, webHost }) => {
  await page.goto(webHost.origin + '/');
  await expect(page.getByRole('alert')).toContainText('could not connect to Autolab Desktop');
});

test('a launch link works once: the history entry of a used link opens nothing in another tab', async ({ page, browser, webHost }) => {
  await page.goto(webHost.url);
  await expect(page.getByTestId('host-kind')).toHaveText(/Web host/);
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(webHost.url);
  await expect(stranger.getByRole('alert')).toContainText('one-time link was already used');
  // A fresh ticket opens it in that other tab.
  await stranger.goto(await webHost.launchUrl());
  await expect(stranger.getByTestId('host-kind')).toHaveText(/Web host/);
  await other.close();
});

test('a WebSocket from a foreign origin is refused even with a ticket', async ({ page, webHost }) => {
  const ticket = new URL(await webHost.launchUrl()).hash.replace('#ticket=', '');
  // A page on another origin (a data: URL has an opaque origin) tries to reach the host.
  await page.goto('data:text/html,<title>evil</title>');
  const outcome = await page.evaluate(
    ({ origin, ticket }) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(origin.replace('http', 'ws') + '/ipc', ['autolab-ipc', `ticket.${ticket}`]);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    { origin: webHost.origin, ticket },
  );
  expect(outcome).toBe('refused');
});
