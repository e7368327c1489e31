/**
 * The sandbox, faithful where instructors meet it (issue 12): each rule that a
 * real Autolab client found different, as a contract test against the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { INSTRUCTOR, api, signInForToken, type Tokens } from './sandbox-client.js';

let sb: Sandbox;
let instructor: Tokens;
const C = '/courses/demo-15213';
const CUD = `${C}/course_user_data`;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, seedStudents: 4 });
  instructor = await signInForToken(sb, ...INSTRUCTOR);
});
afterAll(async () => sb.close());

const put = (email: string, form: Record<string, string>) =>
  api(sb, instructor.access_token, `${CUD}/${email}`, { method: 'PUT', body: new URLSearchParams(form) });
const get = async (email: string) => (await api(sb, instructor.access_token, `${CUD}/${email}`)).json as Record<string, unknown>;

describe('PUT course_user_data is two-phase, like Autolab (§4.14)', () => {
  it('promoting a dropped student to course assistant fails with 400 and changes nothing', async () => {
    expect((await put('student0001@example.edu', { dropped: 'true' })).status).toBe(200);
    const r = await put('student0001@example.edu', { auth_level: 'course_assistant', section: 'Q' });
    expect([r.status, r.text]).toEqual([400, '{"error":"Update failed: User can\'t be dropped if they are an instructor or course assistant"}']);
    const after = await get('student0001@example.edu');
    expect([after.auth_level, after.dropped, after.section]).toEqual(['student', true, 'B']);
  });
  it('a failed later step (a too-long nickname) keeps the new auth_level', async () => {
    const r = await put('student0002@example.edu', { auth_level: 'course_assistant', nickname: 'x'.repeat(33), lecture: '9' });
    expect([r.status, r.text]).toEqual([400, '{"error":"Update failed: Nickname is too long (maximum is 32 characters)"}']);
    const after = await get('student0002@example.edu');
    expect([after.auth_level, after.nickname, after.lecture]).toEqual(['course_assistant', null, '1']);
  });
});

describe('course_user_data text fields and nickname (§4.14)', () => {
  it('strips < from lecture, section and grade_policy and trims them, on update and create', async () => {
    const r = await put('student0003@example.edu', { lecture: '  <b>2 ', section: '<A<  ', grade_policy: ' <pass/fail> ' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ lecture: 'b>2', section: 'A', grade_policy: 'pass/fail>' });
    const admin = await api(sb, instructor.access_token, CUD, { method: 'POST', body: new URLSearchParams({ email: 'admin@example.edu', lecture: ' <1 ', section: 'x<', auth_level: 'student' }) });
    expect(admin.json).toMatchObject({ lecture: '1', section: 'x' });
  });
  it("answers a non-ASCII nickname with Autolab's message, and accepts tabs (Ruby's ascii_only?)", async () => {
    const bad = await put('student0004@example.edu', { nickname: 'Zoë' });
    expect([bad.status, bad.text]).toEqual([400, '{"error":"Update failed: Nickname can only contain ASCII characters"}']);
    const tab = await put('student0004@example.edu', { nickname: 'a\tb' });
    expect(tab.status).toBe(200);
    expect(tab.json).toMatchObject({ nickname: 'a\tb' });
  });
});

describe('routing and downloads', () => {
  it('a path segment containing "." gets the catch-all "Invalid request path"', async () => {
    for (const p of [`/courses/demo.15213/assessments`, `${C}/assessments/data.lab`, `${C}/assessments/attacklab/groups/1.5`]) {
      const r = await api(sb, instructor.access_token, p);
      expect([p, r.status, r.text]).toEqual([p, 404, '{"error":"Invalid request path"}']);
    }
    // Emails keep their dots, and .json is still a format suffix.
    expect((await api(sb, instructor.access_token, `${CUD}/student@example.edu`)).status).toBe(200);
    expect((await api(sb, instructor.access_token, `${C}/assessments.json`)).status).toBe(200);
  });
  it('a file whose extension Rails does not know is application/octet-stream', async () => {
    const c = await api(sb, instructor.access_token, `${C}/assessments/datalab/handout`);
    expect(c.headers.get('content-type')).toBe('application/octet-stream');
    expect(c.headers.get('content-disposition')).toContain('filename="bits.c"');
    const txt = await api(sb, instructor.access_token, `${C}/assessments/attacklab/writeup`);
    expect(txt.headers.get('content-type')).toBe('text/plain');
  });
});
