/**
 * Sign in to the built-in demo Autolab through the real browser flow.
 *
 * The web host cannot open Chromium's own window as "the system browser", so
 * the test does what a user on a desktop without a default browser does: it
 * copies the sign-in address the app shows and opens it in a new tab, then
 * signs in and authorizes on the sandbox's real HTML pages.
 */
import { expect, type Page } from '@playwright/test';

/** Demo users of the sandbox (sandbox/README.md). */
export const DEMO = {
  student: { email: 'student@example.edu', password: 'demo-student' },
  instructor: { email: 'instructor@example.edu', password: 'demo-instructor' },
  ta: { email: 'ta@example.edu', password: 'demo-ta' },
} as const;

/** On a freshly loaded sandbox page: fill its login form when it shows one (no session in this browser yet). */
export async function logInIfAsked(tab: Page, user: { email: string; password: string }): Promise<void> {
  if (!(await tab.getByLabel('Email').isVisible().catch(() => false))) return;
  await tab.getByLabel('Email').fill(user.email);
  await tab.getByLabel('Password').fill(user.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
}

/** Log in and approve on the sandbox pages opened at `url` in a new tab; returns that tab. */
export async function approveInBrowser(page: Page, url: string, user: { email: string; password: string }): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(url);
  await logInIfAsked(tab, user);
  const authorize = tab.getByRole('button', { name: 'Authorize' });
  // Consent is skipped when the user already granted these scopes (autolab-api.md §2.7).
  // isVisible() does not wait (its timeout is ignored), so wait for either page first.
  await authorize.or(tab.getByText('You can close this tab')).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  if (await authorize.isVisible()) await authorize.click();
  return tab;
}

/** With the app showing "Continue in your browser": approve in a new tab and wait for Upcoming, the home once signed in. */
export async function finishBrowserSignIn(page: Page, user: { email: string; password: string }): Promise<void> {
  const address = page.getByRole('textbox', { name: 'Sign-in address' });
  await expect(address).toHaveValue(/\/oauth\/authorize\?/, { timeout: 15_000 });
  const tab = await approveInBrowser(page, await address.inputValue(), user);
  await expect(tab.getByText('You can close this tab')).toBeVisible();
  await tab.close();
  await expect(page.getByRole('heading', { name: 'Upcoming', level: 1 })).toBeVisible({ timeout: 15_000 });
}

/** Open the Courses screen from the main navigation. */
export async function openCourses(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  await expect(page.getByRole('heading', { name: 'Courses', level: 1 })).toBeVisible({ timeout: 15_000 });
}

/** From the welcome screen: Try the demo, sign in as `user` with the loopback flow, then open the Courses screen. */
export async function signInToDemo(page: Page, appUrl: string, user: { email: string; password: string } = DEMO.student): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await finishBrowserSignIn(page, user);
  await openCourses(page);
}

/**
 * On a course whose Roster/Scores tabs are locked for want of `instructor_all`:
 * "Sign in again with instructor access", approve in the browser, and return
 * the consent page's text (empty when consent was skipped) for checks.
 */
export async function grantInstructorAccess(page: Page, user: { email: string; password: string }): Promise<string> {
  await page.getByRole('button', { name: 'Sign in again with instructor access' }).click();
  const address = page.getByRole('textbox', { name: 'Sign-in address' });
  await expect(address).toHaveValue(/\/oauth\/authorize\?.*instructor_all/, { timeout: 15_000 });
  const tab = await page.context().newPage();
  await tab.goto(await address.inputValue());
  await logInIfAsked(tab, user);
  const authorize = tab.getByRole('button', { name: 'Authorize' });
  await authorize.or(tab.getByText('You can close this tab')).first().waitFor({ timeout: 15_000 });
  let consent = '';
  if (await authorize.isVisible()) {
    consent = (await tab.locator('body').textContent()) ?? '';
    await authorize.click();
  }
  await expect(tab.getByText('You can close this tab')).toBeVisible();
  await tab.close();
  return consent;
}
