/**
 * Requests per screen and the feedback viewer (issue 15, "Speed, measured").
 *
 * Through the web host in Chromium against a sandbox process: sign in, then
 * count the foreground API requests of each screen (courses → a course's
 * assessments → an assessment page → a version's feedback; the watcher's
 * background requests are told apart by their User-Agent). Then hand in a
 * file whose log is 60,000 lines (~5 MB) and, in rounds, time opening its
 * feedback against opening a small log's (the baseline of the same round),
 * and each keystroke of a search in it (from the input event to the frame
 * after the highlighted matches show the new query).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { addServerAndSignIn } from '../test/e2e/add-server';
import { submitForBigLog } from '../test/e2e/big-feedback';
import { startSandboxProcess, type SandboxProcess } from '../test/e2e/sandbox-process';
import { spawnWebHost } from '../test/e2e/web-host-process';
import { CHROMIUM_ARGS, describeRequests, foregroundRequests } from './courses-load';
import { fmt, fmtSpread, median, ratioSpread, type BenchRow } from './stats';

/** Targets of issue 15 for a 5 MB log. */
export const FEEDBACK_TARGETS = { showMs: 300, keystrokeMs: 50 } as const;

/** Options of {@link benchScreens}. */
export interface ScreensBenchOptions {
  /** Rounds of opening the feedback (default 5). */
  rounds?: number;
  log?: (line: string) => void;
}

/** Installed in the page before a click: when the click happened and when a log line first showed. */
const OPEN_MARKER = `(() => {
  const m = {};
  window.__feedbackMarks = m;
  document.addEventListener('click', () => { if (m.click === undefined) m.click = performance.now(); }, { capture: true, once: true });
  const seen = () => { const el = document.querySelector('[role=dialog] .log'); return el && el.textContent && el.textContent.length > 200; };
  const o = new MutationObserver(() => { if (m.shown === undefined && seen()) { m.shown = performance.now(); o.disconnect(); } });
  o.observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/** Installed before typing: per keystroke, the time from its input event to the frame after the marks show the new query. */
const KEY_MARKER = `(() => {
  const times = [];
  window.__keyTimes = times;
  const box = document.querySelector('[role=dialog] input[type=search]');
  box.addEventListener('input', () => {
    const started = performance.now();
    const query = box.value.toLowerCase();
    const check = () => {
      const mark = document.querySelector('[role=dialog] .log mark');
      if (mark && mark.textContent.toLowerCase() === query) requestAnimationFrame(() => times.push(performance.now() - started));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { capture: true });
})()`;

/** Foreground API requests made while `action` runs and the page settles. */
async function requestsOf(page: Page, sb: SandboxProcess, action: () => Promise<void>): Promise<string[]> {
  await sb.control('resetRequestLog');
  await action();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300); // WebSocket calls do not count as network activity for Playwright
  return foregroundRequests(await sb.requests());
}

/** Open a version's feedback, wait for its log, close it; ms from the click to the first log lines. */
async function timeOpen(page: Page, version: number): Promise<number> {
  await page.evaluate(OPEN_MARKER);
  await page.getByRole('button', { name: `Feedback for version ${version}` }).click();
  const handle = await page.waitForFunction(
    () => {
      const m = (globalThis as unknown as { __feedbackMarks?: { click?: number; shown?: number } }).__feedbackMarks;
      return m?.click !== undefined && m.shown !== undefined ? m.shown - m.click : null;
    },
    undefined,
    { timeout: 30_000, polling: 20 },
  );
  const ms = (await handle.jsonValue()) as number;
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  return ms;
}

/** Type `query` into the open dialog's search box, one key at a time; ms per keystroke. */
async function timeKeystrokes(page: Page, query: string): Promise<number[]> {
  const box = page.getByRole('dialog').getByRole('searchbox', { name: 'Search the log' });
  await box.fill('');
  await page.evaluate(KEY_MARKER);
  for (const key of query) {
    const before = (await page.evaluate('window.__keyTimes.length')) as number;
    await box.press(key);
    await page.waitForFunction((n) => (globalThis as unknown as { __keyTimes: number[] }).__keyTimes.length > n, before, { timeout: 30_000, polling: 20 });
  }
  return (await page.evaluate('window.__keyTimes')) as number[];
}

/**
 * Sign in, count each screen's requests, then time the feedback viewer on a 5 MB log.
 *
 * @throws Error when the sandbox, the web host or Chromium cannot start.
 */
export async function benchScreens(opts: ScreensBenchOptions = {}): Promise<{ rows: BenchRow[]; failures: string[] }> {
  const rounds = opts.rounds ?? 5;
  const log = opts.log ?? (() => undefined);
  const sb = await startSandboxProcess(['--no-rate-limits', '--autograde-delay', '300']);
  let host: Awaited<ReturnType<typeof spawnWebHost>> | undefined;
  let browser: Browser | undefined;
  try {
    host = await spawnWebHost();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    log('signing in through the UI…');
    await addServerAndSignIn(page, host.host.url, sb);
    await page.getByRole('button', { name: /Introduction to Computer Systems/ }).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const rows: BenchRow[] = [];
    const screen = (name: string, lines: string[]) => {
      log(`requests: ${name}: ${describeRequests(lines)}`);
      rows.push({ name: `requests: ${name}`, value: describeRequests(lines), target: '1 per thing', pass: lines.length === new Set(lines).size });
    };
    screen('a course\'s assessments (first visit)', await requestsOf(page, sb, async () => {
      await page.getByRole('button', { name: /Introduction to Computer Systems/ }).click();
      await page.getByRole('button', { name: 'Data Lab', exact: true }).waitFor();
    }));
    screen('an assessment page (first visit)', await requestsOf(page, sb, async () => {
      await page.getByRole('button', { name: 'Data Lab', exact: true }).click();
      await page.getByRole('heading', { name: 'Your submissions' }).waitFor();
    }));
    screen('an assessment page (again, cached first)', await requestsOf(page, sb, async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Your submissions' }).waitFor();
    }));
    screen('a version\'s feedback', await requestsOf(page, sb, async () => {
      await page.getByRole('button', { name: 'Feedback for version 1' }).click();
      await page.getByRole('dialog').locator('.log').waitFor();
      await page.keyboard.press('Escape');
    }));

    log('handing in a file whose log is 60,000 lines…');
    const big = await submitForBigLog(page);
    const bigMs: number[] = [];
    const smallMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always follows the other.
      const pair = i % 2 === 0 ? [await timeOpen(page, 1), await timeOpen(page, big)] : [await timeOpen(page, big), await timeOpen(page, 1)].reverse();
      smallMs.push(pair[0]!);
      bigMs.push(pair[1]!);
      log(`round ${i + 1}/${rounds}: feedback shown, small log ${fmt(pair[0]!, 0)} ms, 5 MB log ${fmt(pair[1]!, 0)} ms`);
    }
    await page.getByRole('button', { name: `Feedback for version ${big}` }).click();
    await page.getByRole('dialog').locator('.log').waitFor();
    const keys = [...(await timeKeystrokes(page, 'failed')), ...(await timeKeystrokes(page, 'bitand(0x'))];
    log(`keystrokes (ms): ${keys.map((k) => fmt(k, 0)).join(' ')}`);
    const show = median(bigMs);
    const worstKey = Math.max(...keys);
    const failures: string[] = [];
    if (show > FEEDBACK_TARGETS.showMs) failures.push(`a 5 MB log took ${fmt(show, 0)} ms to show (target ≤ ${FEEDBACK_TARGETS.showMs} ms)`);
    if (median(keys) > FEEDBACK_TARGETS.keystrokeMs) failures.push(`a search keystroke in a 5 MB log took ${fmt(median(keys), 0)} ms (target ≤ ${FEEDBACK_TARGETS.keystrokeMs} ms)`);
    rows.push(
      { name: `feedback: small log shown after the click (median of ${rounds})`, value: `${fmt(median(smallMs), 0)} ms`, target: 'baseline', pass: null },
      { name: `feedback: 5 MB, 60,000-line log shown after the click (median of ${rounds})`, value: `${fmt(show, 0)} ms`, target: `≤ ${FEEDBACK_TARGETS.showMs} ms`, pass: show <= FEEDBACK_TARGETS.showMs },
      { name: `feedback: 5 MB / small log, per round (median, min, max of ${rounds})`, value: fmtSpread(ratioSpread(bigMs, smallMs)), target: '', pass: null },
      { name: `feedback: search keystroke in the 5 MB log (median of ${keys.length}, worst ${fmt(worstKey, 0)} ms)`, value: `${fmt(median(keys), 0)} ms`, target: `≤ ${FEEDBACK_TARGETS.keystrokeMs} ms`, pass: median(keys) <= FEEDBACK_TARGETS.keystrokeMs },
    );
    return { rows, failures };
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.stop().catch(() => undefined);
    await sb.stop();
  }
}
