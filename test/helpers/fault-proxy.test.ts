import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { STUDENT, signInForToken, type Tokens } from '../sandbox/sandbox-client.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

let sb: Sandbox;
let student: Tokens;
let proxy: FaultProxy;
const SUBMIT = '/api/v1/courses/demo-15213/assessments/datalab/submit';
const posts = () => sb.controls.requestLog().filter((e) => e.method === 'POST' && e.path.endsWith('/submit')).length;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, autogradeDelayMs: 50 });
  student = await signInForToken(sb, ...STUDENT);
});
afterAll(async () => sb.close());

function submitVia(origin: string, bytes: number): Promise<Response> {
  const fd = new FormData();
  fd.append('submission[file]', new Blob([Buffer.alloc(bytes, 'a')]), 'handin.c');
  return fetch(`${origin}${SUBMIT}`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${student.access_token}` } });
}
const versions = async () =>
  ((await (await fetch(`${sb.baseUrl}/api/v1/courses/demo-15213/assessments/datalab/submissions`, { headers: { authorization: `Bearer ${student.access_token}` } })).json()) as Array<{ version: number }>).length;

describe('fault proxy (test helper)', () => {
  it('passes requests through unchanged when no rule matches, and records them', async () => {
    proxy = await startFaultProxy(sb.baseUrl);
    const r = await fetch(`${proxy.origin}/api/v1/user`, { headers: { authorization: `Bearer ${student.access_token}` } });
    expect(r.status).toBe(200);
    expect(proxy.requests).toMatchObject([{ method: 'GET', path: '/api/v1/user', fault: 'pass', status: 200, answered: true }]);
    await proxy.close();
  });

  it('cut-upload resets the client after N body bytes and the server saves nothing; the rule is used up after one request', async () => {
    proxy = await startFaultProxy(sb.baseUrl);
    proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'cut-upload', afterBytes: 10_000 } });
    const before = await versions();
    const posted = posts();
    await expect(submitVia(proxy.origin, 100_000)).rejects.toThrow();
    expect(proxy.requests[0]).toMatchObject({ fault: 'cut-upload', bodyBytesForwarded: 10_000, answered: false });
    expect(await versions()).toBe(before);
    const ok = await submitVia(proxy.origin, 1000);
    expect(ok.status).toBe(200);
    expect(await versions()).toBe(before + 1);
    await vi.waitFor(() => expect(posts() - posted).toBe(2)); // the sandbox logs a request when its connection closes
    await proxy.close();
  });

  it('drop-answer lets the server save and answer, then the client sees a reset', async () => {
    proxy = await startFaultProxy(sb.baseUrl);
    let seen = 0;
    proxy.addRule({ method: 'POST', path: /\/submit$/, mode: { kind: 'drop-answer', afterAnswer: (status) => void (seen = status) } });
    const before = await versions();
    await expect(submitVia(proxy.origin, 1000)).rejects.toThrow();
    expect(seen).toBe(200);
    expect(await versions()).toBe(before + 1);
    await proxy.close();
  });

  it('stall holds the request open until close(), which ends it', async () => {
    proxy = await startFaultProxy(sb.baseUrl);
    proxy.addRule({ path: /\/submit$/, mode: { kind: 'stall', afterBytes: 500 } });
    const pending = submitVia(proxy.origin, 50_000);
    await proxy.waitForBodyBytes(500, { path: /\/submit$/ });
    await proxy.close();
    await expect(pending).rejects.toThrow();
  });

  it('throttle forwards the whole body and answer, reporting progress on the way', async () => {
    proxy = await startFaultProxy(sb.baseUrl);
    proxy.addRule({ path: /\/submit$/, mode: { kind: 'throttle', bytesPerSecond: 200_000 } });
    const pending = submitVia(proxy.origin, 60_000);
    const half = await proxy.waitForBodyBytes(30_000, { path: /\/submit$/ });
    expect(half.answered).toBe(false);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ filename: expect.stringMatching(/^\d+_/) });
    expect(proxy.requests[0]).toMatchObject({ fault: 'throttle', bodyBytesForwarded: expect.any(Number), status: 200 });
    expect(proxy.requests[0]!.bodyBytesForwarded).toBeGreaterThan(60_000);
    await proxy.close();
  });
});
