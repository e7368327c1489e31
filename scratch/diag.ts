import { chromium } from '@playwright/test';
import { addServer } from '../test/e2e/add-server';
import { DEMO, finishBrowserSignIn } from '../test/e2e/demo-sign-in';
import { startSandboxProcess } from '../test/e2e/sandbox-process';
import { spawnWebHost } from '../test/e2e/web-host-process';
import { CHROMIUM_ARGS } from '../bench/courses-load';

const MARKER = `(() => { const m = {}; window.__m = m; const o = new MutationObserver(() => {
  if (m.header === undefined && document.querySelector('header.app-header .brand-name')) m.header = performance.now();
  if (m.nav === undefined && document.querySelector('nav')) m.nav = performance.now();
  if (m.up === undefined && document.querySelector('[data-testid="upcoming"]')) m.up = performance.now();
  if (m.row === undefined && document.querySelector('[data-testid="upcoming-list"] [data-testid="assessment-row"]')) { m.row = performance.now(); o.disconnect(); }
}); o.observe(document, { childList: true, subtree: true }); })();`;

async function main() {
  const sb = await startSandboxProcess([]);
  const host = await spawnWebHost();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    await addServer(page, host.host.url, sb);
    await finishBrowserSignIn(page, DEMO.student);
    await page.getByTestId('upcoming').and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 240_000 });
    await page.context().addInitScript({ content: MARKER });
    const url = page.url();
    for (let i = 0; i < 6; i++) {
      const frames: Array<{ t: number; dir: string; p: string }> = [];
      const onWs = (ws: import('@playwright/test').WebSocket) => {
        frames.push({ t: Date.now(), dir: 'open', p: '' });
        ws.on('framesent', (f) => frames.push({ t: Date.now(), dir: '>', p: String(f.payload).slice(0, 80) }));
        ws.on('framereceived', (f) => frames.push({ t: Date.now(), dir: '<', p: String(f.payload).slice(0, 80) }));
      };
      page.on('websocket', onWs);
      await page.goto(url, { waitUntil: 'commit' });
      const h = await page.waitForFunction(() => (globalThis as any).__m?.row ? { ...(globalThis as any).__m, origin: performance.timeOrigin } : null, undefined, { polling: 20, timeout: 20000 });
      const m = await h.jsonValue();
      page.off('websocket', onWs);
      console.log(`load ${i}: header ${m.header.toFixed(0)} nav ${m.nav?.toFixed(0)} upcoming ${m.up?.toFixed(0)} row ${m.row.toFixed(0)}`);
      for (const f of frames) if (f.t - m.origin < m.row + 50) console.log(`   ${(f.t - m.origin).toFixed(0)} ${f.dir} ${f.p}`);
      await page.waitForLoadState('networkidle').catch(() => undefined);
    }
  } finally {
    await browser.close();
    await host.stop();
    await sb.stop();
  }
}
void main();
