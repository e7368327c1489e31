/**
 * The semester home and moving around the app (issue 15), through the web
 * host against the demo Autolab: Upcoming in urgency order with states and
 * scores, the Grades view's totals, the command palette reaching a second
 * account by keyboard alone, Settings, and axe on every screen in light and
 * dark with screenshots at 1280×800 and 860×700.
 */
import type { Page } from '@playwright/test';
import { addServer } from './add-server';
import { expectAccessible } from './axe-check';
import { DEMO, finishBrowserSignIn, grantInstructorAccess } from './demo-sign-in';
import { startSandboxProcess } from './sandbox-process';
import { expect, test } from './web-host-fixture';

/** From the welcome screen: Try the demo and sign in as `user`, ending on Upcoming. */
async function demoToUpcoming(page: Page, url: string, user: { email: string; password: string } = DEMO.student): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await finishBrowserSignIn(page, user);
}

/** Wait until the screen's overview is loaded and its paced refresh has finished (`aria-busy` false). */
async function refreshed(page: Page, screen: 'upcoming' | 'grades', timeout = 280_000): Promise<void> {
  await expect(page.getByTestId(screen)).toHaveAttribute('aria-busy', 'false', { timeout });
}

// Autolab rows only: "Try the demo" also adds the demo Open edX, whose deadlines sit in the same list as `openedx-row`s (openedx.spec.ts).
const row = (page: Page, name: string) => page.getByTestId('upcoming-list').getByTestId('assessment-row').filter({ has: page.getByRole('button', { name, exact: true }) });

test('Upcoming lists the demo\'s open assessments, most urgent first, with states, scores and submissions used', async ({ page, webHost }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await demoToUpcoming(page, webHost.url);
  await refreshed(page, 'upcoming');
  const names = await page.getByTestId('upcoming-list').getByTestId('assessment-row').locator('.row-link').allTextContents();
  // Due in 3 h, due in 2 days, late (accepted 15 min past end_at, 2 days away), 4 days, 6 days; then open without handins.
  expect(names).toEqual(['Bomb Lab', 'Quiz 1 (embedded)', 'Attack Lab (pairs)', 'Written Homework 1', 'Data Lab', 'Proxy Lab (handins disabled)']);
  // Cache Lab closed 8 days ago and Malloc Lab is not released to students: neither is "upcoming".
  await expect(row(page, 'Cache Lab')).toHaveCount(0);

  const bomb = row(page, 'Bomb Lab');
  await expect(bomb.locator('.chip')).toHaveText('Due soon');
  await expect(bomb.locator('.countdown')).toHaveText(/^due in 2 h \d+ min$/);
  await expect(bomb.getByTestId('row-score')).toHaveText('Version 2: score not released');
  await expect(bomb).toContainText('2 of 5 submissions used');
  await expect(row(page, 'Attack Lab (pairs)').locator('.chip')).toHaveText('Late');
  await expect(row(page, 'Attack Lab (pairs)').locator('.countdown')).toHaveText(/^late — accepted until /);
  await expect(row(page, 'Attack Lab (pairs)').getByTestId('row-score')).toHaveText('Not submitted');
  await expect(row(page, 'Data Lab').locator('.chip')).toHaveText('Open');
  await expect(row(page, 'Data Lab').getByTestId('row-score')).toHaveText('50/100');
  await expect(row(page, 'Proxy Lab (handins disabled)').locator('.chip')).toHaveText('Handins disabled');
  await expect(row(page, 'Proxy Lab (handins disabled)').getByRole('button', { name: /^Submit/ })).toHaveCount(0);

  const recent = page.getByTestId('recent-grades');
  await expect(recent).toContainText('Data Lab');
  await expect(recent).toContainText('50/100');
  await expect(recent).toContainText('Cache Lab');
  await expect(recent).toContainText('94/100');

  await expectAccessible(page, 'upcoming');
  await page.setViewportSize({ width: 860, height: 700 });
  // The header stays one row at 860 px.
  const header = await page.locator('.app-header').boundingBox();
  expect(header?.height ?? 999).toBeLessThan(70);
  await expectAccessible(page, 'upcoming');

  // One click from a row to submitting.
  await row(page, 'Data Lab').getByRole('button', { name: 'Submit Data Lab' }).click();
  await expect(page.getByRole('heading', { name: 'Data Lab', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Drop a file to submit' })).toBeInViewport();
});

test('the Grades view adds the latest released scores by category, matching the submissions', async ({ page, webHost }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await demoToUpcoming(page, webHost.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  const card = page.getByRole('button', { name: /^Introduction to Computer Systems \(Demo\)/ });
  await expect(card).toContainText('Fall 2024 · Student');
  await expect(card).toContainText(/\d+ open · next: Bomb Lab/, { timeout: 280_000 });
  await expectAccessible(page, 'courses');
  await card.click();

  // The course list: open by due date, then closed; each row with its state and score.
  const list = page.getByTestId('course-assessments');
  await expect(list.getByTestId('assessment-row').first()).toContainText('Bomb Lab');
  await expect(list.getByTestId('assessment-row').last()).toContainText('Cache Lab');
  await expect(list.getByTestId('assessment-row').last().locator('.chip')).toHaveText('Closed');
  await expect(list.getByTestId('assessment-row').last().getByTestId('row-score')).toHaveText('94/100', { timeout: 280_000 });
  await expectAccessible(page, 'course');

  await page.getByRole('navigation', { name: 'Course views' }).getByRole('button', { name: 'Grades' }).click();
  await refreshed(page, 'grades');
  const table = page.getByTestId('grades-table');
  await expect(table.getByRole('row', { name: /Data Lab/ })).toContainText('50');
  await expect(table.getByRole('row', { name: /Bomb Lab/ })).toContainText('Not released');
  // Labs: Data Lab 50/100 + Cache Lab 94/100; Bomb Lab unreleased and open work add nothing.
  await expect(page.getByTestId('category-subtotal').first()).toHaveText(/Labs subtotal\s*144\s*200/);
  await expect(page.getByTestId('grades-total')).toHaveText(/Course total \(released scores\)\s*144\s*200/);
  await expectAccessible(page, 'grades');

  // The same figure as the assessment page's latest version.
  await table.getByRole('button', { name: 'Data Lab' }).click();
  const latest = page.getByRole('table').filter({ hasText: 'Version' }).getByRole('row').nth(1);
  await expect(latest).toContainText('50 / 100');

  // A completed course opens on its grades.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  await page.getByRole('button', { name: /^Completed/ }).click();
  await page.getByRole('button', { name: /^Principles of Imperative Computation/ }).click();
  await expect(page.getByRole('heading', { name: 'Grades — Principles of Imperative Computation (Demo)', level: 1 })).toBeVisible();
  await expect(page.getByTestId('grades-total')).toHaveText(/91\.5\s*100/, { timeout: 280_000 });
});

test('the command palette opens an assessment of a second account by keyboard alone', async ({ page, webHost }) => {
  test.setTimeout(60_000);
  const second = await startSandboxProcess([]);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await demoToUpcoming(page, webHost.url);
    // A second server, signed in as another user.
    await page.getByTestId('identity').click();
    await page.getByRole('menuitem', { name: 'Manage accounts…' }).click();
    await addServer(page, null, second); // from the accounts screen Manage accounts… opened
    await finishBrowserSignIn(page, DEMO.ta);
    const secondHost = new URL(second.baseUrl).host;
    await expect(page.getByTestId('upcoming-list')).toContainText(secondHost, { timeout: 30_000 });

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Go to' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox', { name: 'Go to a screen, course or assessment' })).toBeFocused();
    await page.keyboard.type(`attack ${secondHost}`);
    await expect(palette.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('option').first()).toContainText(secondHost);
    await expectAccessible(page, 'palette');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Attack Lab (pairs)', level: 1 })).toBeVisible();
    await expect(page.getByTestId('identity')).toContainText(secondHost);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(`Courses on ${secondHost}`);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Introduction to Computer Systems (Demo)');

    // The account menu is a real menu with the server names.
    await page.getByTestId('identity').focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Accounts' });
    await expect(menu.getByRole('menuitemradio')).toHaveCount(2);
    await expect(menu.getByRole('menuitemradio', { checked: true })).toContainText(secondHost);
    await expectAccessible(page, 'account-menu');
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // Ctrl+, opens Settings; ? lists the shortcuts; Esc closes.
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(shortcuts).toContainText('Open Settings');
    await expectAccessible(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await expect(shortcuts).toBeHidden();
  } finally {
    await second.stop();
  }
});

test('every screen has no axe violation in light and dark; Settings holds theme, notifications, downloads, cache and accounts', async ({ page, webHost }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const [i, size] of [{ width: 1280, height: 800 }, { width: 860, height: 700 }].entries()) {
    await page.setViewportSize(size);
    // The host's launch link works once: the second visit asks for a fresh one.
    await page.goto(i === 0 ? webHost.url : await webHost.launchUrl());
    await expect(page.getByTestId('no-account')).toBeVisible();
    await expectAccessible(page, 'welcome');
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // First minute: the demo users are inside the sign-in card, roles in words, and no claim that a browser opened.
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const card = page.getByRole('region', { name: 'Continue in your browser' });
  await expect(card.getByRole('table', { name: 'Demo users' })).toContainText('Course assistant');
  await expect(card.getByRole('table', { name: 'Demo users' })).toContainText('demo-student');
  await expect(card).not.toContainText('Your browser opened');
  await expect(card).toContainText(/If your browser did not open, copy this link|No browser could be asked/);
  await expectAccessible(page, 'sign-in-card');
  await finishBrowserSignIn(page, DEMO.student);

  // The assessment page: maximums beside the scores, late versions marked, Open on Autolab.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  await page.getByRole('button', { name: /^Introduction to Computer Systems/ }).click();
  await page.getByRole('button', { name: 'Cache Lab', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Simulator / 60' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Total / 100' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Assessment on Autolab/ })).toBeVisible();
  await expectAccessible(page, 'assessment');
  await page.setViewportSize({ width: 860, height: 700 });
  await expectAccessible(page, 'assessment');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A version submitted after the due date is marked late, with the note that Autolab charges grace days itself.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
  await page.getByRole('button', { name: 'Attack Lab (pairs)', exact: true }).click();
  await page.getByLabel('Choose file…').setInputFiles({ name: 'exploit.txt', mimeType: 'text/plain', buffer: Buffer.from('48 c7 c7\n') });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Submit late?' }).getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Submitted as version \d+/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table').filter({ hasText: 'Version' }).getByRole('row').nth(1).locator('.late-mark')).toHaveText('Late');
  await expect(page.getByTestId('late-note')).toContainText('Autolab charges grace days or penalties itself');
  await expectAccessible(page, 'assessment-late');

  // An empty file asks first.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  await page.getByLabel('Choose file…').setInputFiles({ name: 'empty.c', mimeType: 'text/x-c', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Submit an empty file?' });
  await expect(confirm).toContainText('empty.c is empty (0 bytes)');
  await expectAccessible(page, 'empty-file-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  await expectAccessible(page, 'activity');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications and privacy' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Hide scores in notifications/ })).toBeVisible();
  await expect(page.getByText('Your Downloads folder')).toBeVisible();
  await expect(page.getByTestId('cache-size')).toHaveText(/\d+(\.\d+)? (B|KB|MB) in \d+ files/);
  await page.getByRole('button', { name: 'Export deadlines calendar (.ics)' }).click();
  const saved = page.getByRole('status').filter({ hasText: /Saved to .*autolab-deadlines\.ics/ });
  await expect(saved.getByRole('button', { name: 'Copy path' })).toBeVisible(); // the web host cannot open a file manager
  await expectAccessible(page, 'settings');
  await page.setViewportSize({ width: 860, height: 700 });
  await expectAccessible(page, 'settings');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The theme choice wins over the system's.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/screens/settings-forced-dark.png' });
  await page.getByRole('radio', { name: 'Same as the system' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

  await page.getByRole('button', { name: 'Clear the cache' }).click();
  await expect(page.getByText('Cleared. Screens will ask Autolab again as you open them.')).toBeVisible();
  await expect(page.getByTestId('cache-size')).toHaveText('0 B in 0 files');
  expect(errors).toEqual([]);
});

test('the instructor screens have no axe violation in light and dark', async ({ page, webHost }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await demoToUpcoming(page, webHost.url, DEMO.instructor);
  await expectAccessible(page, 'upcoming-instructor');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Courses' }).click();
  await page.getByRole('button', { name: /^Introduction to Computer Systems/ }).click();
  // The demo signs everyone in with student scopes only (issue 12); the instructor asks for instructor access here.
  await grantInstructorAccess(page, DEMO.instructor);
  const tabs = page.getByRole('navigation', { name: 'Course pages' });
  await tabs.getByRole('button', { name: 'Roster' }).click();
  await expect(page.getByRole('table', { name: 'Roster' })).toBeVisible();
  await expectAccessible(page, 'roster');
  await page.getByLabel('Search').fill('nobody-matches-this');
  await expect(page.getByText(/^Showing 0 of/)).toBeVisible();
  await expectAccessible(page, 'roster-empty');
  await tabs.getByRole('button', { name: 'Scores' }).click();
  await page.getByLabel('Assessment').selectOption('datalab');
  await expect(page.getByRole('table', { name: 'Scores' })).toContainText('student@example.edu');
  await expectAccessible(page, 'scores');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  // An instructor sees the class view in place of "Your submissions" (issue 12).
  await expect(page.getByRole('heading', { name: 'The class' })).toBeVisible();
  await expectAccessible(page, 'assessment-instructor');
});

test('the feedback dialog has no axe violation in light and dark', async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await demoToUpcoming(page, webHost.url);
  await page.getByTestId('upcoming-list').getByRole('button', { name: 'Data Lab', exact: true }).click();
  await page.getByRole('button', { name: 'Feedback for version 1' }).click();
  await expect(page.getByRole('dialog', { name: /Feedback for version 1/ })).toBeVisible();
  await expectAccessible(page, 'feedback');
});
