import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { INSTRUCTOR, api, signInForToken, type Tokens } from './sandbox-client.js';

let sb: Sandbox;
let instructor: Tokens;
let alice: Tokens;
const A = '/courses/demo-15213/assessments';
const ALICE = ['alice@example.edu', 'demo-alice'] as const;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, autogradeDelayMs: 50 });
  [instructor, alice] = await Promise.all([signInForToken(sb, ...INSTRUCTOR), signInForToken(sb, ...ALICE)]);
});
afterAll(async () => sb.close());

function submit(token: string, assessment: string, content: string): ReturnType<typeof api> {
  const fd = new FormData();
  fd.append('submission[file]', new Blob([content]), 'upload.c');
  return api(sb, token, `${A}/${assessment}/submit`, { method: 'POST', body: fd });
}

describe('sandbox: a group submit answers with the first member\'s row (autolab-api.md §4.8, corrected)', () => {
  it('reports the first member\'s version and filename, while the submitter gets their own next version', async () => {
    const set = await api(sb, instructor.access_token, `${A}/datalab/set_group_settings`, { method: 'POST', body: new URLSearchParams({ group_size: '2' }) });
    expect(set.status).toBe(200);
    // Alice submits alone first, so her version counter runs ahead of Bob's.
    expect((await submit(alice.access_token, 'datalab', 'solo')).text).toBe('{"version":1,"filename":"1_bits.c"}');
    const created = await api(sb, instructor.access_token, `${A}/datalab/groups`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: [{ group_members: ['bob@example.edu', 'alice@example.edu'] }] }),
    });
    expect(created.status).toBe(200);
    const posts = sb.controls.requestLog().filter((e) => e.method === 'POST' && e.path.endsWith('/submit')).length;

    const answer = await submit(alice.access_token, 'datalab', 'together');
    // Bob is the group's first member: his row (his version 1) is what the answer names.
    expect(answer.text).toBe('{"version":1,"filename":"1_bits.c"}');
    const mine = (await api(sb, alice.access_token, `${A}/datalab/submissions`)).json as Array<{ version: number; filename: string }>;
    expect(mine.map((s) => s.filename)).toEqual(['2_bits.c', '1_bits.c']);
    expect(sb.controls.requestLog().filter((e) => e.method === 'POST' && e.path.endsWith('/submit')).length).toBe(posts + 1);
  });

  it('stamps every answer\'s Date header with the sandbox clock, offset included', async () => {
    sb.controls.setClockOffset(3 * 3600_000);
    try {
      const r = await api(sb, alice.access_token, '/user');
      const skew = Date.parse(r.headers.get('date') ?? '') - Date.now();
      expect(Math.abs(skew - 3 * 3600_000)).toBeLessThan(60_000);
    } finally {
      sb.controls.setClockOffset(0);
    }
  });
});
