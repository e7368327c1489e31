/**
 * Open edX end to end (issue 13), in Debian's Chromium against the web host:
 * "Try the demo" adds the demo Open edX beside the demo Autolab and its
 * courses appear in Courses marked with their platform; an Open edX site is
 * added with a client id and secret through the form (a sandbox process with
 * controls); its course page shows the grade and the graded subsections with
 * due dates; an hour of sandbox clock passes and the JWT is re-issued
 * silently; a grade change arrives as a notification; and no JWT or client
 * secret reaches the renderer (WebSocket frames), the data folder or the logs.
 * Screenshots light and dark at 1280×800 and 860×700.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe-check';
import { DEMO, finishBrowserSignIn, openCourses } from './demo-sign-in';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { spawnWebHost } from './web-host-process';

const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

/** The accounts screen, from the account menu in the header (issue 15). */
async function openAccounts(page: Page): Promise<void> {
  await page.getByTestId('identity').click();
  await page.getByRole('menu', { name: 'Accounts' }).getByRole('menuitem', { name: 'Manage accounts…' }).click();
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

test('Open edX: demo site, added site, deadlines, grade, silent re-issue, grade notification, no token leaks', async ({ page }) => {
  test.setTimeout(210_000);
  const edx = (await startSandboxProcess([], 'sandbox/openedx/cli.ts')) as SandboxProcess & { applications: Array<{ name: string; client_id: string; client_secret: string }> };
  const { host, stop } = await spawnWebHost({ AUTOLAB_OPENEDX_SCAN_SECONDS: '5' });
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(String(f.payload)));
    ws.on('framesent', (f) => frames.push(String(f.payload)));
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    // The demo Open edX is added beside the demo Autolab, with its users shown.
    await expect(page.getByRole('table', { name: 'Demo Open edX users' })).toContainText('ada_learner');
    await finishBrowserSignIn(page, DEMO.student);
    await openCourses(page);
    const beside = page.getByRole('region', { name: 'Open edX · Demo Open edX' });
    await expect(beside.getByRole('button', { name: 'Foundations of Programming' })).toBeVisible({ timeout: 20_000 });
    await expect(beside.getByText('Open edX').first()).toBeVisible();
    await expect(page.getByText('Autolab', { exact: true }).first()).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/openedx-courses-beside-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Add a site with the client id and secret an admin issued.
    await openAccounts(page);
    await page.getByRole('button', { name: 'Add an Open edX site' }).click();
    const form = page.getByRole('form', { name: 'Add an Open edX site' });
    const app = edx.applications.find((a) => a.name === 'Autolab Desktop (personal API)')!;
    await form.getByLabel('Name (optional)').fill('Campus edX');
    // A refused address is said under its field (shared add-form fields), before anything is sent.
    await form.getByLabel('LMS address').fill('http://lms.example.org');
    await form.getByRole('button', { name: 'Check and save' }).click();
    await expect(form.getByLabel('LMS address')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Enter the LMS address, like https://courses.example.org.')).toBeVisible();
    await form.getByLabel('LMS address').fill(edx.baseUrl);
    await form.getByLabel('Client ID').fill(app.client_id);
    await form.getByLabel('Client secret').fill('not-the-secret');
    await form.getByRole('button', { name: 'Check and save' }).click();
    await expect(form.getByRole('alert')).toContainText('did not accept the client secret');
    await form.getByLabel('Client secret').fill(app.client_secret);
    await form.getByRole('button', { name: 'Check and save' }).click();
    await expect(page.getByRole('heading', { name: 'Courses', exact: true })).toBeVisible();
    await page.getByRole('region', { name: 'Enrolled courses' }).getByRole('button', { name: 'R Basics' }).click();
    await expect(page.getByRole('heading', { name: 'R Basics' })).toBeVisible();
    await expect(page.getByTestId('edx-grade')).toContainText('91%');
    await expect(page.getByTestId('edx-grade')).toContainText('A');
    const rows = page.getByRole('table', { name: 'Graded subsections and due dates' });
    await expect(rows).toContainText('Final Assessment');
    await expect(rows.getByRole('button', { name: 'Open in browser: Final Assessment' })).toBeVisible();
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `test-results/screens/openedx-course-${w}-${scheme}.png`, fullPage: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });

    // The watcher's first look at the new site has to have seen the old grade before it changes:
    // its courses screen lists what is due next from that look.
    await expect(async () => {
      await openAccounts(page);
      await page.getByRole('button', { name: 'Open courses on Campus edX' }).click();
      await expect(page.getByRole('region', { name: 'Due next' })).toContainText('Final Assessment', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });

    // Never the password grant: adding the site (the refused secret included) asked only for client credentials.
    const addGrants = (await edx.requests()).filter((r) => r.path === '/oauth2/access_token').map((r) => r.grantType);
    expect(addGrants.length).toBeGreaterThan(0);
    expect(addGrants.filter((g) => g !== 'client_credentials')).toEqual([]);

    // An hour of sandbox clock: the JWT expires on the server; the next look re-issues it without a word to the user.
    await edx.control('resetRequestLog');
    await edx.control('advanceClock', 3_700_000);
    await edx.control('setGrade', 'ada_learner', 'course-v1:HarvardX+PH125.1x+3T2026', 0.82);
    const toast = page.getByTestId('toast').filter({ hasText: 'R Basics: grade changed' });
    await expect(toast).toBeVisible({ timeout: 45_000 });
    await expect(toast).toContainText('82% (B)');
    const log = await edx.requests();
    expect(log.filter((r) => r.path === '/oauth2/access_token').length).toBeGreaterThanOrEqual(1);
    expect(log.filter((r) => r.path === '/oauth2/access_token' && r.grantType !== 'client_credentials')).toEqual([]);
    expect(log.some((r) => r.status === 401)).toBe(true);
    // The notification opens the course page.
    await openAccounts(page);
    await toast.getByRole('button', { name: /Open course$/ }).click();
    await expect(page.getByRole('heading', { name: 'R Basics' })).toBeVisible();
    await expect(page.getByTestId('edx-grade')).toContainText('82%');
    await expect(page.getByRole('alert')).toHaveCount(0);
    // A reload comes back to the same Open edX course page.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'R Basics' })).toBeVisible();
    await expect(page.getByTestId('edx-grade')).toContainText('82%');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/openedx-toast-${scheme}.png` });
    }
    // The activity list has the grade change; Settings → Notifications can mute Open edX courses too.
    await page.getByRole('button', { name: /^Activity/ }).click();
    await expect(page.getByRole('list', { name: 'Recent activity' })).toContainText('R Basics: grade changed');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const mute = page.getByRole('region', { name: 'Notifications and privacy' }).getByRole('group', { name: 'Notify me about these Open edX courses' });
    await expect(mute.getByRole('checkbox', { name: /R Basics/ }).first()).toBeChecked();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/openedx-activity-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // The site's courses screen lists what is due next (from the watcher's look).
    await openAccounts(page);
    await page.getByRole('button', { name: 'Open courses on Campus edX' }).click();
    const dueNext = page.getByRole('region', { name: 'Due next' });
    await expect(dueNext).toContainText('Final Assessment');
    await expect(dueNext.getByRole('button', { name: 'Open in browser: Final Assessment' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/openedx-site-courses-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await openAccounts(page);
    await expect(page.getByRole('region', { name: 'Your Open edX sites' }).or(page.getByRole('heading', { name: 'Your Open edX sites' })).first()).toBeVisible();
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `test-results/screens/openedx-welcome-${w}-${scheme}.png`, fullPage: true });
      }
    }

    // The site goes away: Upcoming keeps its last dates and says on each row that they could not be checked.
    await edx.stop();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Upcoming' }).click();
    const campus = page.getByTestId('upcoming-list').getByTestId('openedx-row').filter({ hasText: 'Campus edX' });
    await expect(campus.first().getByTestId('row-stale')).toContainText(/^Date as of .+: Campus edX could not be reached$/, { timeout: 30_000 });
    await expect(page.getByTestId('upcoming-list').getByTestId('openedx-row').filter({ hasText: 'Demo Open edX' }).first().getByTestId('row-stale')).toHaveCount(0);
    // The grade change the watcher saw (and persisted) is in Recent grades, marked Open edX.
    await expect(page.getByTestId('recent-grades').getByTestId('openedx-grade').filter({ hasText: 'R Basics' })).toContainText('82% (B)');
    await expectAccessible(page, 'upcoming-openedx-unreachable');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/upcoming-openedx-unreachable-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // No JWT or client secret in the renderer's traffic, the data folder or the logs.
    const wire = frames.join('\n');
    expect(wire).not.toMatch(JWT);
    expect(wire.includes(app.client_secret)).toBe(frames.some((f) => f.includes('"openedx:add-site"') && f.includes(app.client_secret))); // only the one the user typed, going in
    expect(frames.filter((f) => f.includes(app.client_secret)).every((f) => f.includes('"openedx:add-site"'))).toBe(true);
    for (const f of await filesUnder(host.dataDir)) {
      const text = await readFile(f, 'utf8');
      expect(text, f).not.toMatch(JWT);
      expect(text.includes(app.client_secret), f).toBe(false);
    }
    expect(host.output()).not.toMatch(JWT);
    expect(host.output().includes(app.client_secret)).toBe(false);
    expect(errors).toEqual([]);
  } finally {
    await stop();
    await edx.stop();
  }
});

test('Open edX deadlines in Upcoming beside the demo Autolab\'s assessments, in one urgency order; Open edX courses in the palette; keyboard, axe, screenshots', async ({ page }) => {
  test.setTimeout(90_000);
  const { host, stop } = await spawnWebHost();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await finishBrowserSignIn(page, DEMO.student);
    const list = page.getByTestId('upcoming-list');
    const hw2 = list.getByTestId('openedx-row').filter({ has: page.getByRole('button', { name: 'Homework 2: Machine Code', exact: true }) });
    await expect(hw2).toBeVisible({ timeout: 30_000 });
    await expect(list.getByTestId('assessment-row').filter({ hasText: 'Bomb Lab' })).toBeVisible({ timeout: 30_000 });
    await expect(list.getByTestId('assessment-row').filter({ hasText: 'Data Lab' })).toBeVisible({ timeout: 30_000 });
    // The row: platform, course and site, due date with a countdown, "Open in browser" (lms_web_url).
    await expect(hw2.locator('.platform-openedx')).toHaveText('Open edX');
    await expect(hw2.locator('.row-sub')).toContainText('Foundations of Programming · Demo Open edX · Due ');
    await expect(hw2.locator('.countdown')).toHaveText(/^due in (29|30) h/);
    await expect(hw2.getByRole('button', { name: 'Open in browser: Homework 2: Machine Code' })).toBeVisible();
    await expect(hw2.getByTestId('row-stale')).toHaveCount(0); // just looked: no "could not be reached"
    // Past due dates are not upcoming (Homework 1 and Section 1 Assessment were due days ago).
    await expect(list.getByText('Homework 1: Bits and Bytes')).toHaveCount(0);
    await expect(list.getByText('Section 1 Assessment')).toHaveCount(0);

    // One urgency order: every row that takes work now (Autolab open/due soon, Open edX) by its due date,
    // Open edX rows among Autolab's, and none after the Autolab rows that cannot take work.
    await expect(async () => {
      const rows = await list.locator(':scope > li').evaluateAll((lis) =>
        lis.map((li) => ({ name: li.querySelector('.row-link')?.textContent ?? '', edx: li.getAttribute('data-testid') === 'openedx-row', state: li.getAttribute('data-state'), due: li.getAttribute('data-due') ?? li.querySelector('time')?.getAttribute('datetime') ?? '' })),
      );
      const names = rows.map((r) => r.name);
      expect(names.indexOf('Bomb Lab')).toBeLessThan(names.indexOf('Homework 2: Machine Code'));
      expect(names.indexOf('Homework 2: Machine Code')).toBeLessThan(names.indexOf('Data Lab'));
      expect(names.indexOf('Data Lab')).toBeLessThan(names.indexOf('Midterm Exam'));
      const firstOther = rows.findIndex((r) => !r.edx && !['open', 'due-soon', 'late'].includes(r.state ?? ''));
      const taking = firstOther < 0 ? rows : rows.slice(0, firstOther);
      expect(rows.filter((r) => r.edx).every((r) => taking.includes(r))).toBe(true);
      const dues = taking.filter((r) => r.state !== 'late').map((r) => Date.parse(r.due));
      expect(dues).toEqual([...dues].sort((x, y) => x - y));
      expect(rows.filter((r) => r.edx).map((r) => r.name)).toEqual(['Homework 2: Machine Code', 'Lab 1: Pandas', 'Final Assessment', 'Lab 2: Plotting', 'Midterm Exam']);
    }).toPass({ timeout: 20_000 });

    // Axe and screenshots of Upcoming with Open edX rows, light and dark, 1280×800 and 860×700.
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `upcoming-openedx-${w}`);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.screenshot({ path: `test-results/screens/upcoming-openedx-full-${w}-${scheme}.png`, fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Keyboard: the row's name opens the course page.
    await hw2.getByRole('button', { name: 'Homework 2: Machine Code', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Foundations of Programming', level: 1 })).toBeVisible();
    // Breadcrumbs with display names, never the course key (issue 15), even before the site's course list has loaded.
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('button', { name: 'Demo Open edX courses' })).toBeVisible();
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Foundations of Programming');
    await expect(crumbs).not.toContainText('course-v1:');
    // The palette lists Open edX courses (from the watcher's look) and opens one by keyboard alone.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Go to' });
    await expect(palette.getByRole('combobox', { name: 'Go to a screen, course or assessment' })).toBeFocused();
    await page.keyboard.type('r basics');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('option').first()).toContainText('Open edX · Demo Open edX');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('heading', { name: 'R Basics', level: 1 })).toBeVisible();
    await expect(page.getByTestId('edx-grade')).toContainText('%');
    await expect(page.getByTestId('edx-grade')).toContainText(/Passed(Yes|Not yet)/);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('R Basics');
    // "Open in browser" buttons: the accessible name starts with the visible text (issue 15, label in name).
    const openButtons = page.getByRole('table', { name: 'Graded subsections and due dates' }).getByRole('button', { name: /^Open in browser: / });
    await expect(openButtons.first()).toBeVisible();
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `openedx-course-page-${w}`);
    }
    // The site's courses screen through the breadcrumb, and Settings' breadcrumb.
    await crumbs.getByRole('button', { name: 'Demo Open edX courses' }).click();
    await expect(page.getByRole('region', { name: 'Enrolled courses' }).getByRole('button', { name: 'R Basics' })).toBeVisible();
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Demo Open edX courses');
    for (const [w, h] of [[1280, 800], [860, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expectAccessible(page, `openedx-courses-page-${w}`);
    }
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Settings');
    expect(errors).toEqual([]);
  } finally {
    await stop();
  }
});

test('Open edX browser sign-in: authorization code + PKCE on the fixed loopback port, through the real login and consent pages', async ({ page }) => {
  test.setTimeout(90_000);
  const edx = (await startSandboxProcess([], 'sandbox/openedx/cli.ts')) as SandboxProcess & { applications: Array<{ name: string; client_id: string; redirect_uris: string[] }> };
  const { host, stop } = await spawnWebHost();
  try {
    await page.goto(host.url);
    const app = edx.applications.find((a) => a.name === 'Autolab Desktop (browser sign-in)')!;
    const port = new URL(app.redirect_uris[0]!).port;
    await page.getByRole('button', { name: 'Add an Open edX site' }).click();
    await page.getByRole('radio', { name: 'Sign in with the browser' }).check();
    const form = page.getByRole('form', { name: 'Add an Open edX site' });
    await expect(page.getByText(`http://127.0.0.1:${port}/callback`)).toBeVisible();
    await form.getByLabel('LMS address').fill(edx.baseUrl);
    await form.getByLabel('Client ID').fill(app.client_id);
    await form.getByLabel('Loopback port').fill(port);
    await form.getByRole('button', { name: 'Save and sign in' }).click();
    const address = page.getByRole('textbox', { name: 'Open edX sign-in address' });
    await expect(address).toHaveValue(/\/oauth2\/authorize\?/);
    const url = new URL(await address.inputValue());
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const tab = await page.context().newPage();
    await tab.goto(url.toString());
    await tab.getByLabel('Email').fill('ada@example.org');
    await tab.getByLabel('Password').fill('edx-demo-learner');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByRole('button', { name: 'Allow' }).click();
    await expect(tab.getByText('You can close this tab')).toBeVisible();
    await tab.close();
    await expect(page.getByText('Signed in as Ada Lovelace (ada_learner)')).toBeVisible();
    await page.getByRole('button', { name: /^Open courses on 127\.0\.0\.1/ }).click();
    await expect(page.getByRole('region', { name: 'Enrolled courses' }).getByRole('button', { name: 'Data Science in Practice' })).toBeVisible();
    // Never the password grant: the browser sign-in's token requests were the empty probe that checks the
    // address is Open edX (no grant at all), then authorization code (or refresh) only.
    const grants = (await edx.requests()).filter((r) => r.path === '/oauth2/access_token').map((r) => r.grantType);
    expect(grants).toContain('authorization_code');
    expect(grants.filter((g) => g !== '' && g !== 'authorization_code' && g !== 'refresh_token')).toEqual([]);
  } finally {
    await stop();
    await edx.stop();
  }
});
