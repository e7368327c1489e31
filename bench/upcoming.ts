/**
 * Upcoming benchmark (issue 15), `npm run bench -- --upcoming`:
 *
 * 1. The cold refresh: sign in as the demo student through the UI (landing on
 *    Upcoming, as "Try the demo" does), wait until Upcoming stops updating, and
 *    count every API request the sandbox answered since sign-in, per endpoint,
 *    the screens' and the watcher's apart, and any request asked twice.
 * 2. Upcoming from the cache: fresh page loads of the signed-in app, timed from
 *    navigation start to the first Upcoming row, against the same kind of load
 *    of a second web host with no account (time to its welcome screen: the
 *    same page, socket and account list, without the overview) in the same
 *    rounds; min/median/max of both and of the per-round ratios.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { addServer } from '../test/e2e/add-server';
import { DEMO, finishBrowserSignIn } from '../test/e2e/demo-sign-in';
import { startSandboxProcess, type SandboxProcess } from '../test/e2e/sandbox-process';
import { spawnWebHost } from '../test/e2e/web-host-process';
import { CHROMIUM_ARGS, UPCOMING_TARGET_MS } from './courses-load';
import { fmt, fmtSpread, median, ratioSpread, type BenchRow } from './stats';

type LogEntry = Awaited<ReturnType<SandboxProcess['requests']>>[number];

/** `GET /api/v1/courses/{course}/assessments/{assessment}/submissions`: the endpoint of a logged request, ids replaced. */
export function endpointOf(r: Pick<LogEntry, 'method' | 'path' | 'query'>): string {
  const m = /^\/api\/v1\/courses\/[^/]+(\/assessments(\/[^/]+(\/.*)?)?)?$/.exec(r.path);
  if (!m) return `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;
  const tail = m[1] ? `/assessments${m[2] ? `/{assessment}${m[3] ?? ''}` : ''}` : '';
  return `${r.method} /api/v1/courses/{course}${tail}`.replace(/\/submissions\/\d+/, '/submissions/{version}');
}

/** What a cold Upcoming refresh asked. */
export interface ColdRefresh {
  /** Per endpoint: [screens, watcher]. */
  perEndpoint: Map<string, [number, number]>;
  foreground: number;
  background: number;
  /** Exact requests (method, path, query) asked more than once, with how often. */
  repeated: Array<[string, number]>;
  /** Most API requests in one 30-s window of Autolab's clock (its limit is 10 per user). */
  busiestWindow: number;
  /** Answers 429 (Autolab's rate limit). */
  refused: number;
  /** From the first API request to the last, and from sign-in to Upcoming saying it is up to date. */
  seconds: number;
  refreshSeconds: number;
}

/** Count a sandbox request log (API requests only). */
export function countRequests(log: readonly LogEntry[]): Omit<ColdRefresh, 'refreshSeconds'> {
  const api = log.filter((r) => r.path.startsWith('/api/'));
  const perEndpoint = new Map<string, [number, number]>();
  const exact = new Map<string, number>();
  const windows = new Map<number, number>();
  for (const r of api) {
    const e = perEndpoint.get(endpointOf(r)) ?? [0, 0];
    e[r.background ? 1 : 0] += 1;
    perEndpoint.set(endpointOf(r), e);
    const line = `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;
    exact.set(line, (exact.get(line) ?? 0) + 1);
    windows.set(Math.floor(r.at / 30_000), (windows.get(Math.floor(r.at / 30_000)) ?? 0) + 1);
  }
  const at = api.map((r) => r.at);
  return {
    perEndpoint,
    foreground: api.filter((r) => !r.background).length,
    background: api.filter((r) => r.background).length,
    repeated: [...exact].filter(([, n]) => n > 1),
    busiestWindow: Math.max(0, ...windows.values()),
    refused: api.filter((r) => r.status === 429).length,
    seconds: at.length ? (Math.max(...at) - Math.min(...at)) / 1000 : 0,
  };
}

/** Installed before every page script: when the first Upcoming row, or the welcome screen, is in the page. */
const MARKER = `(() => {
  const marks = {};
  window.__upcomingMarks = marks;
  const check = () => {
    if (marks.row === undefined && document.querySelector('[data-testid="upcoming-list"] [data-testid="assessment-row"]')) marks.row = performance.now();
    if (marks.welcome === undefined && document.querySelector('[data-testid="no-account"]')) marks.welcome = performance.now();
    if (marks.row !== undefined || marks.welcome !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** One fresh load of `url`; ms from navigation start until `mark` showed. */
async function timeLoad(page: Page, url: string, mark: 'row' | 'welcome'): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (name) => (globalThis as unknown as { __upcomingMarks?: Record<string, number> }).__upcomingMarks?.[name] ?? null,
    mark,
    { timeout: 20_000, polling: 20 },
  );
  const ms = (await handle.jsonValue()) as number;
  await page.waitForLoadState('networkidle').catch(() => undefined);
  return ms;
}

/** Options of {@link benchUpcoming}. */
export interface UpcomingBenchOptions {
  /** Fresh loads of each side (default 9). */
  rounds?: number;
  log?: (line: string) => void;
}

const spread = (xs: number[]) => `median ${fmt(median(xs), 0)} ms (min ${fmt(Math.min(...xs), 0)}, max ${fmt(Math.max(...xs), 0)})`;

/**
 * Run both parts; the rows and the missed targets.
 *
 * @throws Error when the sandbox, a web host or Chromium cannot start, or the cold refresh does not end within 4 minutes.
 */
export async function benchUpcoming(opts: UpcomingBenchOptions = {}): Promise<{ rows: BenchRow[]; failures: string[] }> {
  const rounds = opts.rounds ?? 9;
  const log = opts.log ?? (() => undefined);
  // Autolab's own rate limit stays on: a 429 would show in the count.
  const sb = await startSandboxProcess([]);
  const hosts: Array<Awaited<ReturnType<typeof spawnWebHost>>> = [];
  let browser: Browser | undefined;
  try {
    const host = await spawnWebHost();
    hosts.push(host);
    const bare = await spawnWebHost();
    hosts.push(bare);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    log('signing in as the demo student; waiting for the cold Upcoming refresh…');
    await addServer(page, host.host.url, sb);
    await finishBrowserSignIn(page, DEMO.student);
    const started = Date.now();
    await page.getByTestId('upcoming').and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 240_000 });
    const cold = { ...countRequests(await sb.requests()), refreshSeconds: (Date.now() - started) / 1000 };
    for (const [e, [fg, bg]] of cold.perEndpoint) log(`  ${e}: ${fg} by the screens, ${bg} by the watcher`);
    const rows: BenchRow[] = [
      { name: 'requests: cold Upcoming refresh for the demo student (sign-in to up to date)', value: `${cold.foreground + cold.background} (${cold.foreground} by the screens + ${cold.background} by the watcher), Upcoming up to date ${fmt(cold.refreshSeconds, 0)} s after sign-in`, target: '', pass: null },
      ...[...cold.perEndpoint].map(([e, [fg, bg]]) => ({ name: `  ${e}`, value: `${fg + bg} (${fg} + ${bg})`, target: '', pass: null })),
      { name: 'requests: cold Upcoming refresh, asked more than once', value: cold.repeated.length ? `${cold.repeated.length}: ${cold.repeated.slice(0, 3).map(([l, n]) => `${n}× ${l}`).join(', ')}${cold.repeated.length > 3 ? ', …' : ''}` : 'none', target: 'none', pass: cold.repeated.length === 0 },
      { name: 'requests: cold Upcoming refresh, busiest 30-s window (429 answers)', value: `${cold.busiestWindow} (${cold.refused})`, target: '≤ 10 (0)', pass: cold.busiestWindow <= 10 && cold.refused === 0 },
    ];

    await context.addInitScript({ content: MARKER });
    const appUrl = page.url();
    const bareUrl = await bare.host.launchUrl(); // the first link has expired by now (one minute)
    const barePage = await (await browser.newContext()).newPage();
    await barePage.context().addInitScript({ content: MARKER });
    await timeLoad(barePage, bareUrl, 'welcome'); // spends the one-time link; warm-up
    const bareAppUrl = barePage.url();
    await timeLoad(page, appUrl, 'row'); // warm-up
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < rounds; i++) {
      base.push(await timeLoad(barePage, bareAppUrl, 'welcome'));
      ours.push(await timeLoad(page, appUrl, 'row'));
      log(`round ${i + 1}/${rounds}: Upcoming row ${fmt(ours[i]!, 0)} ms, welcome screen (no account) ${fmt(base[i]!, 0)} ms`);
    }
    const visible = median(ours);
    const pass = visible <= UPCOMING_TARGET_MS;
    rows.push(
      { name: `Upcoming visible from the cache after navigation start (${rounds} loads)`, value: spread(ours), target: `≤ ${UPCOMING_TARGET_MS} ms`, pass },
      { name: `baseline: welcome screen of a host with no account (${rounds} loads, same rounds)`, value: spread(base), target: 'baseline', pass: null },
      { name: 'Upcoming from the cache / welcome screen, per round', value: fmtSpread(ratioSpread(ours, base)), target: '', pass: null },
    );
    return { rows, failures: pass ? [] : [`Upcoming appeared from the cache ${fmt(visible, 0)} ms after navigation start (median; target ≤ ${UPCOMING_TARGET_MS} ms)`] };
  } finally {
    await browser?.close().catch(() => undefined);
    for (const h of hosts) await h.stop().catch(() => undefined);
    await sb.stop();
  }
}
