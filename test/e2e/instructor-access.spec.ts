/**
 * Scopes asked for honestly (issue 12): a student is never shown
 * `instructor_all` on Autolab's consent page; an instructor who added the
 * server without "I teach a course on this Autolab" is offered instructor
 * access on the locked Roster tab, and one sign-in later Roster opens — same
 * account, no second entry in the accounts list.
 */
import { addServerAndSignIn } from './add-server';
import { approveInBrowser, DEMO, grantInstructorAccess, openCourses } from './demo-sign-in';
import { startSandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

test('a student signing in to the demo is asked only for student scopes', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const address = page.getByRole('textbox', { name: 'Sign-in address' });
  await expect(address).toHaveValue(/\/oauth\/authorize\?/, { timeout: 15_000 });
  const url = new URL(await address.inputValue());
  expect(url.searchParams.get('scope')).toBe('user_info user_courses user_scores user_submit');
  const tab = await page.context().newPage();
  await tab.goto(url.toString());
  await tab.getByLabel('Email').fill(DEMO.student.email);
  await tab.getByLabel('Password').fill(DEMO.student.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.getByRole('button', { name: 'Authorize' })).toBeVisible();
  const consent = (await tab.locator('body').textContent()) ?? '';
  expect(consent).toContain('user_submit');
  expect(consent).not.toContain('instructor_all');
  expect(consent).not.toContain('Instructor operations');
  await tab.close();
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('an instructor without instructor access is offered it on the Roster tab, and one sign-in later Roster opens', async ({ page, webHost }) => {
  test.setTimeout(60_000);
  const sandbox = await startSandboxProcess();
  try {
    await addServerAndSignIn(page, webHost.url, sandbox, DEMO.instructor);
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
    const tabs = page.getByRole('navigation', { name: 'Course pages' });
    await expect(tabs.getByRole('button', { name: 'Roster' })).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByRole('note')).toContainText('sign in again with instructor access');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/instructor-access-locked-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Starting and cancelling does not turn the note into "not granted": that sign-in never happened.
    await page.getByRole('button', { name: 'Sign in again with instructor access' }).click();
    await expect(page.getByRole('textbox', { name: 'Sign-in address' })).toHaveValue(/instructor_all/, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('note')).toContainText('which this sign-in did not ask for');

    const consent = await grantInstructorAccess(page, DEMO.instructor);
    expect(consent).toContain('instructor_all');
    // Same page, same account: the tab unlocks in place.
    await expect(tabs.getByRole('button', { name: 'Roster' })).not.toHaveAttribute('aria-disabled', 'true', { timeout: 15_000 });
    await tabs.getByRole('button', { name: 'Roster' }).click();
    await expect(page.getByRole('table', { name: 'Roster' })).toBeVisible({ timeout: 15_000 });

    // Still one account, now showing what was granted.
    // The accounts list lives in Settings → Accounts (issue 15).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const accounts = page.getByRole('region', { name: 'Accounts', exact: true });
    await expect(accounts.getByRole('list').locator('.account-row')).toHaveCount(1);
    await accounts.getByText('Access granted').click();
    await expect(accounts.getByRole('list', { name: /^Access granted on/ })).toContainText('instructor_all');
  } finally {
    await sandbox.stop();
  }
});

test('"I teach a course on this Autolab" asks for instructor access at the first sign-in', async ({ page, webHost }) => {
  const sandbox = await startSandboxProcess();
  try {
    await page.goto(webHost.url);
    await page.getByRole('button', { name: 'Add an Autolab server' }).click();
    const app = sandbox.applications[0]!;
    await page.getByRole('textbox', { name: 'Autolab address' }).fill(sandbox.baseUrl);
    await page.getByRole('textbox', { name: 'Client ID' }).fill(app.client_id);
    await page.getByRole('textbox', { name: 'Client secret' }).fill(app.client_secret);
    await page.getByRole('checkbox', { name: 'I teach a course on this Autolab' }).check();
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    const address = page.getByRole('textbox', { name: 'Sign-in address' });
    await expect(address).toHaveValue(/\/oauth\/authorize\?/, { timeout: 15_000 });
    expect(new URL(await address.inputValue()).searchParams.get('scope')).toBe('user_info user_courses user_scores user_submit instructor_all');
    const tab = await approveInBrowser(page, await address.inputValue(), DEMO.instructor);
    await tab.close();
    await expect(page.getByRole('heading', { name: 'Upcoming', level: 1 })).toBeVisible({ timeout: 15_000 });
    await openCourses(page);
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
    await expect(page.getByRole('navigation', { name: 'Course pages' }).getByRole('button', { name: 'Roster' })).not.toHaveAttribute('aria-disabled', 'true');
  } finally {
    await sandbox.stop();
  }
});
