/**
 * Issue 11 item 3: a large roster CSV (the 900 KB quoted file that used to
 * overflow one WebSocket frame and crash the web host) goes through the
 * staging upload like a handin, and is previewed from disk.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../main/composition-root';
import { createLogger } from '../../../main/logger';
import { startWebHost, type WebHost } from '../../../main/web-host/web-host';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { sandboxToken } from '../../helpers/sandbox-token';
import { INSTRUCTOR } from '../../sandbox/sandbox-client.js';

let sb: Sandbox;
let core: Core;
let host: WebHost;
let dir: string;
let accountId: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ad-csv-'));
  sb = await startSandbox({ rateLimits: false });
  const log = createLogger(() => undefined);
  core = await createCore({ platform: { kind: 'web', openExternal: async () => false, chooseFolder: async () => null }, secrets: { loadKeytar: null }, dataDir: dir, version: '1.0.0', log });
  host = await startWebHost({ core, rendererDir: dir, log });
  const app = sb.applications.find((a) => a.scopes.includes('instructor_all'))!;
  const view = await core.accounts.addServer({ baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret, instructorAccess: true });
  accountId = view.id;
  const t = await sandboxToken({ baseUrl: sb.baseUrl, clientId: app.client_id, clientSecret: app.client_secret, redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1'))!, scopes: app.scopes, email: INSTRUCTOR[0], password: INSTRUCTOR[1] });
  await core.accounts.completeSignIn(accountId, { accessToken: t.access_token, refreshToken: t.refresh_token!, scope: t.scope });
});
afterAll(async () => {
  await host.close();
  await core.dispose();
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

/** A ~950 KB roster whose names are quoted and padded. */
function bigCsv(): { text: string; rows: number } {
  const lines = ['email,first_name,last_name,lecture,section,auth_level'];
  let rows = 0;
  let length = lines[0]!.length;
  while (length < 950_000) {
    rows++;
    lines.push(`s${rows}@example.edu,"Stu, ""the"" ${'dent'.repeat(100)}",Number ${rows},1,A,student`);
    length += lines[rows]!.length + 2;
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows };
}

function call(ws: WebSocket, message: unknown): Promise<{ ok: boolean; output?: { rows: unknown[]; counts: Record<string, number> }; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { kind: string };
      if (parsed.kind !== 'result') return; // events may come first
      ws.off('message', onMessage);
      resolve(parsed as never);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}

describe('roster CSV import through the web host', () => {
  it('a 950 KB quoted CSV is staged over HTTP and previewed from disk; the staged copy is then deleted', async () => {
    const { text, rows } = bigCsv();
    expect(Buffer.byteLength(text)).toBeGreaterThan(900_000);
    const staged = await fetch(`${host.origin}/staging`, {
      method: 'POST',
      headers: { Origin: host.origin, 'X-Autolab-Secret': host.secret, 'X-File-Name': 'roster.csv', 'Content-Type': 'application/octet-stream' },
      body: text,
    });
    expect(staged.status).toBe(200);
    const { id } = (await staged.json()) as { id: string };
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc`, ['autolab-ipc', `secret.${host.secret}`], { origin: host.origin });
    await new Promise((r) => ws.once('open', r));
    const request = { id: 1, channel: 'roster:import-preview', input: { accountId, course: 'demo-15213', file: { kind: 'staged', id }, filename: 'roster.csv' } };
    expect(JSON.stringify(request).length).toBeLessThan(1000);
    const answer = await call(ws, request);
    expect(answer.ok, JSON.stringify(answer).slice(0, 300)).toBe(true);
    expect(answer.output!.rows).toHaveLength(rows);
    // Every row was read and planned; none of these made-up students has an Autolab account, so each "Add" is an
    // error in the preview (issue 12), not a surprise at Apply.
    expect(answer.output!.counts.error).toBe(rows);
    expect(await readdir(path.join(dir, 'staging'))).toEqual([]);
    ws.close();
  });

  it('a path never handed over is refused for an import too', async () => {
    const answer = await core.router.dispatch('roster:import-preview', { accountId, course: 'demo-15213', file: { kind: 'path', path: '/etc/passwd' } }, { trusted: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'file-not-granted' } });
  });
});
