import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { CourseListSchema } from '../../../main/autolab/schemas';
import { createLogger } from '../../../main/logger';
import { UserError } from '../../../main/user-error';
import { sendJson, startFaultServer, type FaultServer } from '../../helpers/fault-server';

const TOKEN = 'Z'.repeat(43);
const COURSES = [{ name: '15213-f24', semester: 'f24', late_slack: 0, grace_days: 5, display_name: 'Intro to Computer Systems', auth_level: 'student' }];
let dir: string;
let server: FaultServer | undefined;
beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'autolab-cache-')); });
afterEach(async () => { await server?.close(); server = undefined; await rm(dir, { recursive: true, force: true }); });
const log = createLogger(() => undefined);

describe('offline cache', () => {
  it('returns cached data with stale: true and the reason when the server is down', async () => {
    let up = true;
    server = await startFaultServer((_req, res) => (up ? sendJson(res, 200, COURSES) : sendJson(res, 503, '<html>down</html>')));
    const client = createAutolabClient({ baseUrl: server.baseUrl, getAccessToken: async () => TOKEN, log, userAgent: 't', retryLimit: 0 });
    let t = Date.parse('2025-01-01T10:00:00Z');
    const cache = createOfflineCache({ dataDir: dir, accountId: `${server.origin}|a@x`, log, now: () => t });

    const fresh = await cache.cached('courses', CourseListSchema, () => client.courses());
    expect(fresh).toEqual({ data: COURSES, fetchedAt: '2025-01-01T10:00:00.000Z', stale: false });

    up = false;
    t += 3_600_000;
    const stale = await cache.cached('courses', CourseListSchema, () => client.courses());
    expect(stale).toMatchObject({ data: COURSES, fetchedAt: '2025-01-01T10:00:00.000Z', stale: true, errorCode: 'server-down' });
    expect(stale.error).toMatch(/^The Autolab server is having trouble/);
  });

  it('falls back when offline (connection refused)', async () => {
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct', log });
    await cache.write('courses', COURSES);
    const offline = createAutolabClient({ baseUrl: 'http://127.0.0.1:1/', getAccessToken: async () => TOKEN, log, userAgent: 't', retryLimit: 0 });
    const r = await cache.cached('courses', CourseListSchema, () => offline.courses());
    expect(r.stale).toBe(true);
    expect(r.errorCode).toBe('offline');
  });

  it('does not hide answers that cached data would misrepresent (signed out)', async () => {
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct', log });
    await cache.write('courses', COURSES);
    await expect(cache.cached('courses', CourseListSchema, async () => { throw new UserError('signed-out', 'x.'); })).rejects.toMatchObject({ code: 'signed-out' });
  });

  it('rethrows when nothing is cached, and ignores a corrupt or mismatching file', async () => {
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct', log });
    const down = async (): Promise<never> => { throw new UserError('offline', 'x.'); };
    await expect(cache.cached('courses', CourseListSchema, down)).rejects.toMatchObject({ code: 'offline' });
    await cache.write('courses', [{ name: 1 }]);
    expect(await cache.read('courses', CourseListSchema)).toBeUndefined();
    const [sub] = await readdir(path.join(dir, 'cache'));
    const [file] = await readdir(path.join(dir, 'cache', sub!));
    await writeFile(path.join(dir, 'cache', sub!, file!), '{not json');
    expect(await cache.read('courses', CourseListSchema)).toBeUndefined();
  });

  it('writes atomically (no temp files left) and never stores the token', async () => {
    server = await startFaultServer((_req, res) => sendJson(res, 200, COURSES));
    const client = createAutolabClient({ baseUrl: server.baseUrl, getAccessToken: async () => TOKEN, log, userAgent: 't' });
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct', log });
    await cache.cached('courses', CourseListSchema, () => client.courses());
    const [sub] = await readdir(path.join(dir, 'cache'));
    const files = await readdir(path.join(dir, 'cache', sub!));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of files) expect(await readFile(path.join(dir, 'cache', sub!, f), 'utf8')).not.toContain(TOKEN);
    await cache.clear();
    expect(await cache.read('courses', CourseListSchema)).toBeUndefined();
  });
});
