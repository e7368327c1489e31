/**
 * Issue 11 item 4 in the UI: "Add an Autolab server" refuses a plain http://
 * address (other than this computer) with the reason, before anything is sent.
 */
import { expect, test } from './web-host-fixture';

test('the add-server form refuses http:// for another host and says why', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByRole('button', { name: 'Add an Autolab server' }).click();
  await page.getByRole('textbox', { name: 'Autolab address' }).fill('http://autolab.example.edu');
  await page.getByRole('textbox', { name: 'Client ID' }).fill('id');
  await page.getByRole('textbox', { name: 'Client secret' }).fill('secret');
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText(/over plain http:\/\/ the client secret, sign-in codes and tokens would cross the network unencrypted/)).toBeVisible();
  for (const [w, h] of [[1280, 800], [860, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/plain-http-${w}x${h}-${scheme}.png` });
    }
  }
});
