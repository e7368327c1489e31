/**
 * Add an Autolab server through the UI and sign in to it with the loopback flow.
 */
import { expect, type Page } from '@playwright/test';
import { DEMO, finishBrowserSignIn, openCourses } from './demo-sign-in';
import type { SandboxProcess } from './sandbox-process';

/**
 * Fill "Add an Autolab server" with the sandbox's app and save; leaves the sign-in panel open.
 * `appUrl` null stays on the accounts screen already shown (a signed-in reload opens on Upcoming).
 */
export async function addServer(page: Page, appUrl: string | null, sandbox: Pick<SandboxProcess, 'baseUrl' | 'applications'>): Promise<void> {
  if (appUrl !== null) await page.goto(appUrl);
  await page.getByRole('button', { name: 'Add an Autolab server' }).click();
  const app = sandbox.applications[0]!;
  await page.getByRole('textbox', { name: 'Autolab address' }).fill(sandbox.baseUrl);
  await page.getByRole('textbox', { name: 'Client ID' }).fill(app.client_id);
  await page.getByRole('textbox', { name: 'Client secret' }).fill(app.client_secret);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
}

/** Add the server, then sign in as `user` through the browser (loopback + PKCE). */
export async function addServerAndSignIn(
  page: Page,
  appUrl: string,
  sandbox: Pick<SandboxProcess, 'baseUrl' | 'applications'>,
  user: { email: string; password: string } = DEMO.student,
): Promise<void> {
  await addServer(page, appUrl, sandbox);
  await finishBrowserSignIn(page, user);
  await openCourses(page);
}

/** From the courses screen, open the demo course and one of its assessments. */
export async function openAssessment(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await page.getByRole('button', { name: displayName, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
}
