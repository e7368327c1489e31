/**
 * The instructor's roster and scores through the web host in Chromium (issue 7):
 * sign in to the demo as the instructor, open a 2,000-student roster, scroll
 * to the bottom, edit one row, preview an import, open the scores; with
 * screenshots in light and dark.
 */
import type { Page } from '@playwright/test';
import { COURSE_ASSISTANT_SENTENCE } from '../../preload/contract';
import { DEMO, grantInstructorAccess, signInToDemo } from './demo-sign-in';
import { expect, spawnWebHost, test } from './web-host-fixture';

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an instructor scrolls a 2,000-student roster, edits one row, previews an import and sees the scores', async ({ page }) => {
  test.setTimeout(90_000);
  const { host, stop } = await spawnWebHost({ AUTOLAB_DEMO_SEED_STUDENTS: '2000' });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInToDemo(page, host.url, DEMO.instructor);
    await page.getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
    await grantInstructorAccess(page, DEMO.instructor);
    await page.getByRole('navigation', { name: 'Course pages' }).getByRole('button', { name: 'Roster' }).click();

    await expect(page.getByText('Showing 2005 of 2005 enrollments')).toBeVisible({ timeout: 20_000 });
    const table = page.getByRole('table', { name: 'Roster' });
    await expect(table).toHaveAttribute('aria-rowcount', '2006');
    // Only a window of rows is in the DOM.
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await expect(table.getByRole('columnheader', { name: /Email/ })).toHaveAttribute('aria-sort', 'ascending');
    await shoot(page, 'roster');

    await page.getByTestId('roster-table').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = table.getByRole('row').filter({ hasText: 'student2000@example.edu' });
    await expect(last).toBeVisible();
    await page.getByRole('button', { name: 'Edit student2000@example.edu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit student2000@example.edu' });
    await expect(dialog.getByLabel('Section')).toHaveValue('C');
    await dialog.getByLabel('Section').fill('Z');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the changes to student2000@example.edu.' })).toBeVisible();
    await expect(last.getByRole('cell').nth(4)).toHaveText('Z');
    await expect(last.getByRole('cell').nth(6)).toHaveText('Enrolled');

    // Sort by section, descending: the edited row comes first.
    await table.getByRole('button', { name: /Section/ }).click();
    await table.getByRole('button', { name: /Section/ }).click();
    await expect(table.getByRole('columnheader', { name: /Section/ })).toHaveAttribute('aria-sort', 'descending');
    await page.getByTestId('roster-table').evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(table.getByRole('row').nth(1)).toContainText('student2000@example.edu');

    // Filters and search narrow the table; Escape closes a dialog.
    await page.getByLabel('Search').fill('student19');
    await expect(page.getByText(/^Showing 111 of 2005 enrollments$/)).toBeVisible();
    await page.getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('dialog', { name: 'Add a person' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Add a person' })).toBeHidden();

    // Import preview: one unchanged, one update, one error.
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    const csv = ['email,lecture,section,auth_level,dropped', 'student2000@example.edu,1,Z,student,', 'student1999@example.edu,2,A,student,', 'not-an-email,1,A,student,'].join('\n');
    await page.getByLabel('Roster CSV file').setInputFiles({ name: 'class.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = page.getByRole('table', { name: 'Import preview' });
    await expect(preview.getByRole('row')).toHaveCount(4);
    await expect(preview.getByRole('row').nth(2)).toContainText('Update');
    await expect(preview.getByRole('row').nth(3)).toContainText('is not an email address');
    await shoot(page, 'import-preview');
    await page.getByRole('button', { name: 'Apply 1 change' }).click();
    await expect(page.getByRole('table', { name: 'Import results' }).getByRole('row').nth(2)).toContainText('Updated');
    await expect(page.getByRole('button', { name: 'Download report' })).toBeVisible();
    await page.getByRole('button', { name: 'Close' }).click();

    // Scores of an assessment.
    await page.getByRole('navigation', { name: 'Course pages' }).getByRole('button', { name: 'Scores' }).click();
    await page.getByLabel('Assessment').selectOption('bomblab');
    const scores = page.getByRole('table', { name: 'Scores' });
    await expect(scores.getByRole('row').filter({ hasText: 'student@example.edu' })).toContainText('50');
    await shoot(page, 'scores');

    // A score cannot be cleared (update_latest takes numbers): the dialog says so instead of ignoring the box.
    await page.getByRole('button', { name: 'Edit scores of student@example.edu' }).click();
    const edit = page.getByRole('dialog', { name: /^Scores of student@example.edu/ });
    await expect(edit.getByText("Autolab can set a score but can't clear one, so to give no credit enter 0.")).toBeVisible();
    await edit.getByRole('textbox').first().fill('');
    await edit.getByRole('button', { name: 'Save scores' }).click();
    await expect(edit.getByRole('alert')).toContainText("Autolab can set a score but can't clear one; enter a number for");
    await shoot(page, 'scores-clear-refused');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

test('a course assistant sees Roster and Scores disabled with the reason, and clicking them stays on the course page', async ({ page }) => {
  test.setTimeout(60_000);
  const { host, stop } = await spawnWebHost({});
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInToDemo(page, host.url, DEMO.ta);
    await page.getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
    const tabs = page.getByRole('navigation', { name: 'Course pages' });
    await expect(tabs.getByRole('button', { name: 'Roster' })).toHaveAttribute('aria-disabled', 'true');
    await expect(tabs.getByRole('button', { name: 'Scores' })).toHaveAttribute('aria-disabled', 'true');
    await expect(tabs.getByRole('button', { name: 'Roster' })).toHaveAccessibleDescription(COURSE_ASSISTANT_SENTENCE);
    await expect(page.getByRole('note')).toHaveText(COURSE_ASSISTANT_SENTENCE);
    await tabs.getByRole('button', { name: 'Roster' }).click({ force: true });
    await expect(page.getByRole('heading', { name: 'Introduction to Computer Systems (Demo)' })).toBeVisible();
    await expect(page.getByText('Loading assessments…')).toBeHidden();
    await shoot(page, 'course-assistant-tabs');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

test('a student sees no course tabs and no instructor notice', async ({ page }) => {
  test.setTimeout(60_000);
  const { host, stop } = await spawnWebHost({});
  try {
    await signInToDemo(page, host.url, DEMO.student);
    await page.getByRole('button', { name: 'Introduction to Computer Systems (Demo)' }).click();
    await expect(page.getByRole('heading', { name: 'Introduction to Computer Systems (Demo)' })).toBeVisible();
    await expect(page.getByText('Loading assessments…')).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Course pages' })).toHaveCount(0);
    await expect(page.getByText(COURSE_ASSISTANT_SENTENCE)).toHaveCount(0);
  } finally {
    await stop();
  }
});
