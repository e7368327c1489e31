/**
 * The demo servers' shared start/stop (main/demo/embedded-server.ts), with the real Open edX
 * sandbox: one start for concurrent callers, a failure said once in a sentence and retried on the
 * next call, and a clean stop (also of a start still under way).
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EmbeddedServer, singleFlight } from '../../../main/demo/embedded-server';
import { createLogger } from '../../../main/logger';
import { UserError } from '../../../main/user-error';
import { startOpenedxSandbox, type OpenedxSandbox } from '../../../sandbox/openedx/index';

function logger(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger((line) => void lines.push(String(line))), lines };
}

describe('EmbeddedServer', () => {
  it('starts once for concurrent callers and stops cleanly; a stop during the start closes the server', async () => {
    let starts = 0;
    const { log } = logger();
    const server = new EmbeddedServer<OpenedxSandbox>({ name: 'Open edX', log, start: () => (starts++, startOpenedxSandbox()) });
    expect(server.current).toBeNull();
    const [a, b] = await Promise.all([server.ensure(), server.ensure()]);
    expect(a).toBe(b);
    expect(starts).toBe(1);
    expect((await fetch(`${a.baseUrl}/api/user/v1/me`)).status).toBe(401);
    await server.stop();
    expect(server.current).toBeNull();
    await expect(fetch(`${a.baseUrl}/api/user/v1/me`)).rejects.toThrow();
    await server.stop(); // nothing running: no-op

    const starting = server.ensure();
    await server.stop();
    const late = await starting;
    await expect(fetch(`${late.baseUrl}/api/user/v1/me`)).rejects.toThrow();
  });

  it('a failed start is one sentence, logged, and the next call tries again', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    let usePort = port;
    const { log, lines } = logger();
    const server = new EmbeddedServer<OpenedxSandbox>({ name: 'Open edX', log, start: () => startOpenedxSandbox({ port: usePort }) });
    const err = await server.ensure().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe('The demo Open edX could not start; restart Autolab Desktop and try again.');
    expect(lines.join('\n')).toContain('demo Open edX server failed to start');
    expect(server.current).toBeNull();
    usePort = 0;
    const sb = await server.ensure();
    expect(sb.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await server.stop();
    await new Promise((r) => blocker.close(r));
  });

  it('singleFlight shares one run among overlapping calls, and runs again afterwards', async () => {
    let runs = 0;
    const once = singleFlight(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      return runs;
    });
    expect(await Promise.all([once(), once()])).toEqual([1, 1]);
    expect(await once()).toBe(2);
  });
});
