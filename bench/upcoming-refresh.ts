/**
 * The cold refresh of Upcoming (issue 15): from the demo student's first
 * sign-in until Upcoming stops saying it is updating, how many API requests
 * were made (the screens' and the watcher's apart), and whether any 30-s
 * window went past Autolab's 10 requests per user. Only where the build has
 * an Upcoming screen in its main navigation; otherwise the rows say so.
 */
import type { Page } from '@playwright/test';
import type { SandboxProcess } from '../test/e2e/sandbox-process';
import { fmt, type BenchRow } from './stats';

/** What a cold Upcoming refresh asked, or null when this build has no Upcoming. */
export interface UpcomingRefresh {
  foreground: number;
  background: number;
  /** Most API requests in one 30-s window (Autolab's limit is 10 per user). */
  busiestWindow: number;
  seconds: number;
}

/**
 * Open Upcoming and wait for its first refresh to finish; count every API request since sign-in.
 *
 * @throws Error when Upcoming exists but its refresh does not finish within 3 minutes.
 */
export async function coldUpcomingRefresh(page: Page, sb: SandboxProcess, log: (line: string) => void): Promise<UpcomingRefresh | null> {
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Upcoming' });
  if ((await nav.count()) === 0) return null;
  log('waiting for the cold Upcoming refresh (paced by the request budget)…');
  await nav.click();
  await page.getByTestId('upcoming-list').waitFor({ timeout: 30_000 }).catch(() => undefined);
  await page.getByText(/updating|Asking Autolab/).first().waitFor({ state: 'detached', timeout: 180_000 });
  const api = (await sb.requests()).filter((r) => r.path.startsWith('/api/'));
  const at = api.map((r) => r.at);
  const windows = new Map<number, number>();
  for (const t of at) windows.set(Math.floor(t / 30_000), (windows.get(Math.floor(t / 30_000)) ?? 0) + 1);
  return {
    foreground: api.filter((r) => !r.background).length,
    background: api.filter((r) => r.background).length,
    busiestWindow: Math.max(0, ...windows.values()),
    seconds: at.length ? (Math.max(...at) - Math.min(...at)) / 1000 : 0,
  };
}

/** The table rows of a cold Upcoming refresh. */
export function upcomingRows(r: UpcomingRefresh | null): BenchRow[] {
  if (!r) return [{ name: 'requests: cold Upcoming refresh for the demo student', value: 'n/a (no Upcoming screen in this build)', target: '', pass: null }];
  return [
    { name: 'requests: cold Upcoming refresh for the demo student (sign-in to refreshed)', value: `${r.foreground} by the screens + ${r.background} by the watcher, over ${fmt(r.seconds, 0)} s`, target: '', pass: null },
    { name: 'requests: cold Upcoming refresh, busiest 30-s window', value: `${r.busiestWindow}`, target: '≤ 10', pass: r.busiestWindow <= 10 },
  ];
}
