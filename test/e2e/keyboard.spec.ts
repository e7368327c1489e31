/**
 * Keyboard access (issue 5: "keyboard-navigable"): after signing in, a user
 * reaches a course, an assessment and a version's feedback with Tab and
 * Enter only, and Escape closes the feedback.
 */
import type { Page } from '@playwright/test';
import { DEMO, signInToDemo } from './demo-sign-in';
import { expect, test } from './web-host-fixture';

/** The accessible label (aria-label, else text) of the focused element. */
async function focusedLabel(page: Page): Promise<string> {
  // A string expression: this test file is type-checked without the DOM library.
  return page.evaluate<string>("(() => { const el = document.activeElement; return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : ''; })()");
}

/** Press Tab until the focused element matches `name` (a button's accessible name); fails after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedLabel(page);
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('courses, an assessment and its feedback are reachable with the keyboard alone', async ({ page, webHost }) => {
  await signInToDemo(page, webHost.url, DEMO.student);
  await tabTo(page, /^Introduction to Computer Systems/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Introduction to Computer Systems (Demo)' })).toBeVisible();
  await tabTo(page, /^Data Lab/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toBeVisible();
  await tabTo(page, /^Feedback for version 1$|^Feedback$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Feedback for version 1/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus goes back to the button that opened the dialog, with a visible focus ring.
  expect(await focusedLabel(page)).toMatch(/Feedback/);
  expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
});
