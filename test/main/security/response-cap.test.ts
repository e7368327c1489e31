/**
 * Issue 11 item 5: a hostile or broken server cannot exhaust memory. Every
 * answer body is capped while it streams, and a schema failure reports one
 * issue instead of one per element.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutolabClient } from '../../../main/autolab/autolab-client';
import { MAX_RESPONSE_BYTES } from '../../../main/autolab/response-cap';
import { CourseListSchema, CourseUserDataListSchema } from '../../../main/autolab/schemas';
import { OAuthClient } from '../../../main/auth/oauth-client';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { sendJson, startFaultServer, type FaultServer } from '../../helpers/fault-server';
import { INSTRUCTOR, api, signInForToken } from '../../sandbox/sandbox-client.js';
import { rejection } from '../../helpers/rejection';

let endless: FaultServer;
let sent = 0;
beforeAll(async () => {
  endless = await startFaultServer((req, res) => {
    if (req.url?.includes('declared')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * MAX_RESPONSE_BYTES) });
      res.write('[');
      return;
    }
    if (req.url?.includes('bad-array')) {
      // 2 MB of elements that each fail several checks.
      return sendJson(res, 200, `[${Array.from({ length: 2 * 1024 * 1024 / 3 }, () => '{}').join(',')}]`);
    }
    // An endless body: 1 MiB chunks until the client hangs up.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) {
        sent += chunk.length;
        if (sent > 4 * MAX_RESPONSE_BYTES) {
          res.end();
          return;
        }
      }
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => undefined);
    pump();
  });
});
afterAll(() => endless.close());

const client = () =>
  createAutolabClient({ baseUrl: endless.baseUrl, getAccessToken: async () => 't', log: createLogger(() => undefined), userAgent: 'test', retryLimit: 0 });

describe('response size cap', () => {
  it('an endless API answer is refused after the cap, with a sentence, without reading it all', async () => {
    sent = 0;
    const err = await rejection(client().courses());
    expect(err.code).toBe('too-large-answer');
    expect(err.message).toMatch(/larger than 32 MB/);
    expect(sent).toBeLessThan(3 * MAX_RESPONSE_BYTES);
  });

  it('an answer that declares a size past the cap is refused at once', async () => {
    const err = await rejection(createAutolabClient({ baseUrl: `${endless.origin}/declared/`, getAccessToken: async () => 't', log: createLogger(() => undefined), userAgent: 'test', retryLimit: 0 }).courses());
    expect(err.code).toBe('too-large-answer');
  });

  it('the OAuth client caps the token endpoint too', async () => {
    sent = 0;
    const oauth = new OAuthClient({ baseUrl: endless.origin, clientId: 'x', clientSecret: 'y' });
    const err = await rejection(oauth.exchangeCode({ code: 'c', codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:1/callback' }));
    expect(err.code).toBe('too-large-answer');
  });

  it('the cap is over ten times the largest real answer: a 2,000-student roster from the sandbox', async () => {
    const sb: Sandbox = await startSandbox({ seedStudents: 2000 });
    try {
      const t = await signInForToken(sb, ...INSTRUCTOR, { scope: 'user_info user_courses instructor_all' });
      const roster = await api(sb, t.access_token, '/courses/demo-15213/course_user_data');
      expect(roster.status).toBe(200);
      expect((roster.json as unknown[]).length).toBeGreaterThanOrEqual(2000);
      expect(CourseUserDataListSchema.safeParse(roster.json).success).toBe(true);
      expect(Buffer.byteLength(roster.text) * 10).toBeLessThan(MAX_RESPONSE_BYTES);
    } finally {
      await sb.close();
    }
  });
});

describe('schema failures', () => {
  it('a 2 MB array of bad elements yields one issue and little memory', () => {
    const bad = Array.from({ length: (2 * 1024 * 1024) / 3 }, () => ({}));
    const before = process.memoryUsage().heapUsed;
    const r = CourseListSchema.safeParse(bad);
    const grown = process.memoryUsage().heapUsed - before;
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.path[0]).toBe(0);
    // With z.array this built ~4 issues per element (hundreds of MB).
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('the client reports such an answer as one sentence', async () => {
    const err = await rejection(createAutolabClient({ baseUrl: `${endless.origin}/bad-array/`, getAccessToken: async () => 't', log: createLogger(() => undefined), userAgent: 'test' }).courses());
    expect(err.code).toBe('malformed-answer');
  });
});
