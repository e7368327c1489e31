/**
 * Roster and scores, finished (issue 12), through the web host in Chromium:
 * select 50 students and drop them in one paced action with a result per
 * row; Drop from a row's menu; the scores' "not submitted" filter, sortable
 * problem columns with their maximum, and the confirmation after an edit.
 */
import { DEMO, grantInstructorAccess, signInToDemo } from './demo-sign-in';
import { shootScreens } from './screenshots';
import { expect, spawnWebHost, test } from './web-host-fixture';


test('an instructor drops 50 selected students at once, drops one from its row menu, and works the scores', async ({ page }) => {
  test.setTimeout(120_000);
  const { host, stop } = await spawnWebHost({ AUTOLAB_DEMO_SEED_STUDENTS: '50' });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInToDemo(page, host.url, DEMO.instructor);
    await page.getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
    await grantInstructorAccess(page, DEMO.instructor);
    const tabs = page.getByRole('navigation', { name: 'Course pages' });
    await tabs.getByRole('button', { name: 'Roster' }).click({ timeout: 15_000 });
    await expect(page.getByText('Showing 55 of 55 enrollments')).toBeVisible({ timeout: 15_000 });

    // Bulk: the 50 generated students.
    await page.getByLabel('Search').fill('Generated');
    await expect(page.getByText('Showing 50 of 55 enrollments')).toBeVisible();
    await page.getByLabel('Select all shown').check();
    const bar = page.getByRole('region', { name: 'Selected rows' });
    await expect(bar).toContainText('50 selected');
    await shootScreens(page, 'roster-selection');
    await bar.getByRole('button', { name: 'Drop selected…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Drop 50 students?' });
    await confirm.getByRole('button', { name: 'Drop 50' }).click();
    const done = page.getByRole('dialog', { name: 'Roster change' });
    await expect(done.getByRole('status')).toHaveText('Dropped: 50 of 50 done.', { timeout: 30_000 });
    await done.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('dropped');
    await expect(page.getByText('Showing 50 of 55 enrollments')).toBeVisible({ timeout: 15_000 });
    await page.getByLabel('Status').selectOption('all');

    // A row's menu: Drop lives there, not as a button on every row.
    await expect(page.getByRole('button', { name: 'Drop bob@example.edu' })).toHaveCount(0);
    await page.getByRole('button', { name: 'More actions for bob@example.edu' }).click();
    await expect(page.getByRole('menuitem', { name: 'Drop…' })).toBeFocused();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/roster-row-menu-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('menuitem', { name: 'Drop…' }).click();
    await page.getByRole('dialog', { name: 'Drop bob@example.edu?' }).getByRole('button', { name: 'Drop' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'bob@example.edu was dropped' })).toBeVisible();
    // Escape closes a menu and gives focus back to its button.
    await page.getByRole('button', { name: 'More actions for alice@example.edu' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'More actions for alice@example.edu' })).toBeFocused();

    // Scores: assessments by due date; "not submitted"; sort by a problem column; a saved edit is confirmed.
    await tabs.getByRole('button', { name: 'Scores' }).click();
    const picker = page.getByLabel('Assessment');
    const options = await picker.locator('option').allTextContents();
    expect(options[0]).toMatch(/^Clac|^Cache Lab/);
    await picker.selectOption('bomblab');
    const scores = page.getByRole('table', { name: 'Scores' });
    await expect(scores.getByRole('columnheader', { name: /Defused \(\/60\)/ })).toBeVisible();
    await page.getByLabel('Show', { exact: true }).selectOption('not-submitted');
    await expect(scores.getByRole('row').filter({ hasText: 'student@example.edu' })).toHaveCount(0);
    await expect(scores.getByRole('row').filter({ hasText: 'alice@example.edu' })).toHaveCount(1);
    await page.getByLabel('Show', { exact: true }).selectOption('submitted');
    await scores.getByRole('button', { name: /Defused/ }).click();
    await expect(scores.getByRole('columnheader', { name: /Defused/ })).toHaveAttribute('aria-sort', 'ascending');
    await page.getByRole('button', { name: 'Edit scores of student@example.edu' }).click();
    const edit = page.getByRole('dialog', { name: /^Scores of student@example.edu/ });
    await edit.getByRole('textbox').first().fill('55');
    await edit.getByRole('button', { name: 'Save scores' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the scores of student@example.edu (version 2).' })).toBeVisible();
    await expect(scores.getByRole('row').filter({ hasText: 'student@example.edu' })).toContainText('55');
    await shootScreens(page, 'scores-finished');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});
