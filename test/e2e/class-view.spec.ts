/**
 * The instructor's assessment through the web host in Chromium (issue 12):
 * with instructor access, an assessment shows the class instead of "Your
 * submissions", with numbers from the demo's data; groups are created and
 * deleted and a problem is added against the sandbox.
 */
import { DEMO, grantInstructorAccess, signInToDemo } from './demo-sign-in';
import { shootScreens } from './screenshots';
import { expect, test } from './web-host-fixture';

test('an instructor sees the class view, manages groups and adds a problem', async ({ page, webHost }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInToDemo(page, webHost.url, DEMO.instructor);
  await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await grantInstructorAccess(page, DEMO.instructor);
  await expect(page.getByRole('navigation', { name: 'Course pages' }).getByRole('button', { name: 'Roster' })).not.toHaveAttribute('aria-disabled', 'true', { timeout: 15_000 });

  // Data Lab: of Sam, Alice and Bob only Sam submitted ("TODO": half marks, 40 + 10).
  await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
  const classCard = page.getByRole('region', { name: 'The class' });
  await expect(classCard.getByTestId('class-submitted')).toHaveText('1 of 3');
  await expect(page.getByRole('heading', { name: 'Your submissions' })).toHaveCount(0);
  await expect(classCard.getByTestId('class-missing')).toHaveText('2');
  const perProblem = classCard.getByRole('table', { name: 'Mean and median per problem' });
  await expect(perProblem.getByRole('row', { name: /Correctness/ })).toContainText('80' + '40' + '40' + '1');
  await expect(perProblem.getByRole('row', { name: /Total/ })).toContainText('100' + '50' + '50' + '1');
  await expect(classCard.getByRole('table', { name: /Latest totals/ }).getByRole('row', { name: /50–60 %/ })).toContainText('1');
  await classCard.getByRole('button', { name: 'Show the list' }).click();
  const missing = classCard.getByRole('table', { name: 'Students who have not submitted' });
  await expect(missing.getByRole('row')).toHaveCount(3);
  await expect(missing.getByRole('row', { name: /bob@example.edu/ })).toContainText('B');
  const download = page.waitForEvent('download');
  await classCard.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^demo-15213-datalab-not-submitted-.*\.csv$/);
  await shootScreens(page, 'class-view', undefined, true);

  // Attack Lab (pairs): one group (Sam and Alice); create one for Bob, then delete it.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: /Introduction to Computer Systems/ }).click();
  await page.getByRole('button', { name: 'Attack Lab (pairs)', exact: true }).click();
  const groups = page.getByRole('region', { name: 'Groups' });
  await expect(groups.getByRole('list', { name: 'Groups of this assessment' }).getByRole('listitem')).toHaveCount(1);
  await expect(groups.getByLabel('Group size')).toHaveValue('2');
  await groups.getByLabel('Name').fill('Pair B');
  // Only students without a group can be picked: Bob, not Sam or Alice.
  const pick = groups.getByRole('list', { name: 'Students without a group' });
  await expect(pick.getByRole('checkbox', { name: /student@example\.edu/ })).toHaveCount(0);
  await pick.getByRole('checkbox', { name: /bob@example\.edu/ }).check();
  await groups.getByRole('button', { name: 'Create group' }).click();
  await expect(groups.getByRole('status')).toHaveText('Created the groups.');
  await expect(groups.getByRole('listitem').filter({ hasText: 'Pair B' })).toContainText('bob@example.edu');
  await shootScreens(page, 'groups', undefined, true);
  await groups.getByRole('button', { name: 'Delete group Pair B' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete group' }).click();
  await expect(groups.getByRole('status')).toHaveText('Deleted Pair B.');
  await expect(groups.getByRole('list', { name: 'Groups of this assessment' }).getByRole('listitem')).toHaveCount(1);

  // Add a problem; the same name again is Autolab's 500, said as one sentence.
  const add = page.getByRole('form', { name: 'Add a problem' });
  await add.getByLabel('Problem name').fill('Bonus');
  await add.getByLabel('Max score').fill('5');
  await add.getByRole('button', { name: 'Add problem' }).click();
  await expect(add.getByRole('status')).toHaveText('Added the problem Bonus (max 5).');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('Bonus');
  await add.getByLabel('Problem name').fill('bonus');
  await add.getByLabel('Max score').fill('5');
  await add.getByRole('button', { name: 'Add problem' }).click();
  await expect(add.getByRole('alert')).toContainText('Autolab could not create the problem');
  expect(errors).toEqual([]);
});
