import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { ADMIN, INSTRUCTOR, STUDENT, TA, api, signInForToken, type Tokens } from './sandbox-client.js';

let sb: Sandbox;
let student: Tokens;
let instructor: Tokens;
let ta: Tokens;
let infoOnly: Tokens;
let noInfo: Tokens;
const C = '/courses/demo-15213';
const A = `${C}/assessments`;
const SCOPE = '{"error":"Your client does not have the required scope for this action"}';
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[45]:00$/;

beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, autogradeDelayMs: 50 });
  [student, instructor, ta, infoOnly, noInfo] = await Promise.all([
    signInForToken(sb, ...STUDENT),
    signInForToken(sb, ...INSTRUCTOR),
    signInForToken(sb, ...TA),
    signInForToken(sb, ...STUDENT, { appIndex: 1 }),
    signInForToken(sb, ...STUDENT, { scope: 'user_courses user_scores' }),
  ]);
});
afterAll(async () => sb.close());

function submit(token: string, path: string, content: string | Buffer, field = 'submission[file]'): ReturnType<typeof api> {
  const fd = new FormData();
  fd.append(field, new Blob([content]), 'upload.c');
  return api(sb, token, `${path}/submit`, { method: 'POST', body: fd });
}

describe('sandbox API v1: filter chain (§4.0)', () => {
  it('401 without a token, even on unknown paths', async () => {
    const r = await fetch(`${sb.baseUrl}/api/v1/nope`);
    expect([r.status, await r.text()]).toEqual([401, '{"error":"OAuth2 authorization failed"}']);
    expect(r.headers.get('cache-control')).toBe('no-store, no-cache');
  });
  it('requires user_info on every route, including the 404 catch-all', async () => {
    for (const p of ['/user', '/courses', '/nope', `${A}/datalab`]) expect((await api(sb, noInfo.access_token, p)).text).toBe(SCOPE);
  });
  it('accepts the token as Bearer, access_token and bearer_token parameters', async () => {
    expect((await fetch(`${sb.baseUrl}/api/v1/user?access_token=${student.access_token}`)).status).toBe(200);
    expect((await fetch(`${sb.baseUrl}/api/v1/user?bearer_token=${student.access_token}`)).status).toBe(200);
    const form = await fetch(`${sb.baseUrl}/api/v1/courses/demo-15213/course_user_data/student@example.edu`, { method: 'DELETE', body: new URLSearchParams({ access_token: ta.access_token }) });
    expect(form.status).toBe(403);
  });
  it('404 Invalid request path for unknown paths and wrong methods, after the token check', async () => {
    for (const [p, m] of [['/nope', 'GET'], [`${C}`, 'GET'], ['/user', 'POST'], [`${A}/datalab/submit`, 'GET']] as const) {
      const r = await api(sb, student.access_token, p, { method: m });
      expect([r.status, r.text]).toEqual([404, '{"error":"Invalid request path"}']);
    }
  });
  it('orders course, enrollment, scope, privilege and assessment checks', async () => {
    expect((await api(sb, student.access_token, '/courses/nope/assessments')).text).toBe('{"error":"Course does not exist"}');
    const admin = await signInForToken(sb, ...ADMIN);
    expect((await api(sb, instructor.access_token, '/courses/demo-15440/assessments')).status).toBe(403);
    expect((await api(sb, instructor.access_token, '/courses/demo-15440/assessments')).text).toBe('{"error":"User is not in this course"}');
    expect((await api(sb, admin.access_token, '/courses/demo-15440/course_user_data')).status).toBe(200);
    expect((await api(sb, student.access_token, '/courses/demo-disabled/assessments')).text).toBe(
      '{"error":"Your course has been disabled by your instructor. Please contact them directly if you have any questions"}',
    );
    expect((await api(sb, infoOnly.access_token, `${A}`)).text).toBe(SCOPE);
    expect((await api(sb, infoOnly.access_token, `${A}/datalab`)).status).toBe(200);
    expect((await api(sb, ta.access_token, `${C}/course_user_data`)).text).toBe('{"error":"User does not have instructor privileges for this course"}');
    expect((await api(sb, student.access_token, `${A}/nope`)).text).toBe('{"error":"Assessment does not exist"}');
    expect((await api(sb, student.access_token, `${A}/malloclab`)).text).toBe('{"error":"Assessment not released yet"}');
    expect((await api(sb, instructor.access_token, `${A}/malloclab`)).status).toBe(200);
    const create = await api(sb, instructor.access_token, '/courses', { method: 'POST', body: new URLSearchParams({ name: 'x', semester: 'f', instructor_email: 'i@x' }) });
    expect(create.text).toBe(SCOPE);
  });
});

describe('sandbox API v1: routes (§4.2–§4.14)', () => {
  it('GET /user and GET /courses with state filter', async () => {
    expect((await api(sb, student.access_token, '/user')).text).toBe('{"email":"student@example.edu","first_name":"Sam","last_name":"Student","school":"SCS","major":"CS","year":"2"}');
    const all = (await api(sb, student.access_token, '/courses')).json as Array<Record<string, unknown>>;
    expect(all.map((c) => c.display_name)).toEqual([...all.map((c) => c.display_name)].sort());
    const current = (await api(sb, student.access_token, '/courses?state=current')).json as Array<Record<string, unknown>>;
    expect(current.map((c) => c.name)).toContain('demo-15213');
    expect(Object.keys(current[0] ?? {})).toEqual(['name', 'semester', 'late_slack', 'grace_days', 'display_name', 'auth_level']);
    expect(((await api(sb, student.access_token, '/courses?state=completed')).json as Array<{ name: string }>).map((c) => c.name)).toEqual(['demo-15122']);
    expect(((await api(sb, student.access_token, '/courses?state=upcoming')).json as Array<{ name: string }>).map((c) => c.name)).toEqual(['demo-15440']);
    for (const s of ['', 'bogus']) expect((await api(sb, student.access_token, `/courses?state=${s}`)).text).toBe('{"error":"Unexpected course state"}');
  });
  it('POST /courses (admin_all + admin)', async () => {
    const admin = await signInForToken(sb, ...ADMIN, { scope: 'user_info admin_all' }).catch(() => null);
    expect(admin).toBeNull();
  });
  it('assessments list hides unreleased ones from students and sorts by due_at', async () => {
    const list = (await api(sb, student.access_token, A)).json as Array<Record<string, string>>;
    expect(list.map((a) => a.name)).not.toContain('malloclab');
    expect(list.every((a) => DATE.test(a.due_at ?? ''))).toBe(true);
    const all = (await api(sb, instructor.access_token, A)).json as Array<Record<string, string>>;
    expect(all.map((a) => a.name)).toContain('malloclab');
    expect(all.map((a) => a.due_at)).toEqual([...all.map((a) => a.due_at)].sort());
  });
  it('assessment details write floats as 80.0 and integers as integers', async () => {
    const r = await api(sb, student.access_token, `${A}/datalab`);
    expect(r.text).toContain('"max_total_score":100.0');
    expect(r.text).toContain('"max_scores":{"Correctness":80.0,"Performance":20.0}');
    expect(r.text).toContain('"max_submissions":-1');
    const proxy = (await api(sb, student.access_token, `${A}/writtenhw1`)).json as Record<string, unknown>;
    expect(proxy.disable_handins).toBeNull();
  });
  it('writeup and handout as file (Content-Disposition), URL and none', async () => {
    const f = await api(sb, student.access_token, `${A}/datalab/writeup`);
    expect(f.headers.get('content-disposition')).toBe(`inline; filename="writeup.pdf"; filename*=UTF-8''writeup.pdf`);
    expect(f.text.startsWith('%PDF-1.4')).toBe(true);
    expect((await api(sb, student.access_token, `${A}/bomblab/handout`)).text).toBe('{"url":"https://example.edu/15213/bomblab-handout.tar"}');
    const none = await api(sb, student.access_token, `${A}/writtenhw1/handout`);
    expect([none.text, none.headers.get('content-type')]).toEqual(['{"handout":"none"}', 'application/json; charset=utf-8']);
    expect((await api(sb, student.access_token, `${A}/writtenhw1/writeup`)).text).toBe('{"writeup":"none"}');
  });
  it('problems: list (user_courses) and create (201, duplicate 500)', async () => {
    expect((await api(sb, student.access_token, `${A}/datalab/problems`)).text).toContain('{"name":"Correctness","description":"Correctness points","max_score":80.0,"optional":false,"starred":false}');
    const c = await api(sb, instructor.access_token, `${A}/writtenhw1/problems`, { method: 'POST', body: new URLSearchParams({ name: 'Q3', max_score: '5' }) });
    expect([c.status, c.text]).toEqual([201, '{"name":"Q3","description":"","max_score":5.0,"optional":false,"starred":false}']);
    const dup = await api(sb, instructor.access_token, `${A}/writtenhw1/problems`, { method: 'POST', body: new URLSearchParams({ name: 'q3', max_score: '5' }) });
    expect([dup.status, dup.text]).toEqual([500, '{"error":"Unable to create problem"}']);
  });
  it('submissions show "unreleased" scores; feedback ignores problem and returns the raw log', async () => {
    const subs = (await api(sb, student.access_token, `${A}/bomblab/submissions`)).text;
    expect(subs).toMatch(/^\[\{"version":2,"filename":"2_defuse.txt","created_at":"[^"]+","scores":\{"Defused":"unreleased","Secret":"unreleased"\}\}/);
    const fb = (await api(sb, student.access_token, `${A}/bomblab/submissions/2/feedback?problem=Secret`)).json as { feedback: string };
    expect(fb.feedback.split('\n').pop()).toBe('{"scores": {"Defused": 50.0, "Secret": 0.0}}');
    expect((await api(sb, student.access_token, `${A}/bomblab/submissions/2/feedback`)).text).toBe(`{"error":"Required parameter 'problem' not found"}`);
    expect((await api(sb, student.access_token, `${A}/bomblab/submissions/2/feedback?problem=X`)).text).toBe('{"error":"Problem named X does not exist for bomblab"}');
    expect((await api(sb, student.access_token, `${A}/bomblab/submissions/9/feedback?problem=Secret`)).text).toBe('{"error":"Submission version 9 does not exist for bomblab"}');
  });
  it('submit: checks in order, 500 validation failures, version_handin filename, autograding', async () => {
    expect((await submit(student.access_token, `${A}/quiz1`, 'x')).text).toBe('{"error":"Assessment is an embedded quiz"}');
    const noSub = await api(sb, student.access_token, `${A}/datalab/submit`, { method: 'POST', body: new URLSearchParams({ other: '1' }) });
    expect(noSub.text).toBe(`{"error":"Required parameter 'submission' not found"}`);
    const noFile = await api(sb, student.access_token, `${A}/datalab/submit`, { method: 'POST', body: new URLSearchParams({ 'submission[x]': '1' }) });
    expect(noFile.text).toBe(`{"error":"Required parameter 'submission['file']' not found"}`);
    expect((await submit(student.access_token, `${A}/proxylab`, 'x')).text).toBe('{"error":"Handins for this assessment is disabled"}');
    const big = await submit(student.access_token, `${A}/datalab`, Buffer.alloc(2 * 2 ** 20 + 1));
    expect([big.status, big.text]).toEqual([403, '{"error":"Submission is larger than the max allowed size (2 MB) - please remove any unnecessary logfiles and binaries."}']);
    const late = await submit(student.access_token, `${A}/cachelab`, 'x');
    expect([late.status, late.text]).toEqual([500, '{"error":"Unexpected error during submission handin.\\nDetails: Validation failed: You cannot submit because it is past the deadline."}']);
    expect((await submit(instructor.access_token, `${A}/cachelab`, 'x')).status).toBe(200);
    const ok = await submit(student.access_token, `${A}/datalab`, 'SCORE Correctness 75\n');
    expect([ok.status, ok.text]).toEqual([200, '{"version":2,"filename":"2_bits.c"}']);
    await new Promise((r) => setTimeout(r, 300));
    const subs = (await api(sb, student.access_token, `${A}/datalab/submissions`)).text;
    expect(subs).toContain('"scores":{"Correctness":75.0,"Performance":20.0}');
    const once = await submit(student.access_token, `${A}/writtenhw1`, 'x');
    expect(once.status).toBe(200);
    expect((await submit(student.access_token, `${A}/writtenhw1`, 'x')).text).toContain('You have already reached the submission limit.');
    const group = await submit(student.access_token, `${A}/attacklab`, 'late but open');
    expect(group.text).toBe('{"version":1,"filename":"1_exploit.txt"}');
    const scores = (await api(sb, instructor.access_token, `${A}/attacklab/scores`)).json as Record<string, unknown>;
    expect(Object.keys(scores).sort()).toEqual(['alice@example.edu', 'student@example.edu']);
  });
  it('saves the submission when autograding fails (500)', async () => {
    sb.controls.setAutograderFailure(true);
    const r = await submit(student.access_token, `${A}/datalab`, 'x');
    expect(r.status).toBe(500);
    expect((r.json as { error: string }).error).toMatch(/^Submission accepted, but autograding failed: /);
    const subs = (await api(sb, student.access_token, `${A}/datalab/submissions`)).json as Array<{ version: number }>;
    expect(subs[0]?.version).toBe(3);
  });
  it('scores: list, by email (400 unknown), update_latest with a JSON string', async () => {
    const one = await api(sb, instructor.access_token, `${A}/bomblab/scores/student@example.edu`);
    expect(one.text).toBe('{"1":{"Defused":0.0,"Secret":0.0},"2":{"Defused":50.0,"Secret":0.0}}');
    expect((await api(sb, instructor.access_token, `${A}/bomblab/scores/nobody@x.edu`)).text).toBe('{"error":"User with email nobody@x.edu not found in course."}');
    const up = await api(sb, instructor.access_token, `${A}/bomblab/scores/student@example.edu/update_latest`, { method: 'PUT', body: new URLSearchParams({ problems: '{"Secret": 10}' }) });
    expect(up.text).toBe('{"student@example.edu":{"Secret":10}}');
    const bad = await api(sb, instructor.access_token, `${A}/bomblab/scores/student@example.edu/update_latest`, { method: 'PUT', body: new URLSearchParams({ problems: '{"Nope": 1}' }) });
    expect(bad.text).toBe(`{"error":"Problem 'Nope' not found in this assessment"}`);
    const obj = await api(sb, instructor.access_token, `${A}/bomblab/scores/student@example.edu/update_latest`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ problems: { Secret: 1 } }) });
    expect(obj.status).toBe(500);
  });
  it('groups: settings, list, show (members array), create, delete', async () => {
    const g = (await api(sb, instructor.access_token, `${A}/attacklab/groups`)).json as { group_size: number; groups: Array<{ id: number }> };
    expect(g.group_size).toBe(2);
    const id = g.groups[0]?.id ?? 0;
    const members = (await api(sb, instructor.access_token, `${A}/attacklab/groups/${id}`)).json as Array<{ email: string }>;
    expect(members.map((m) => m.email).sort()).toEqual(['alice@example.edu', 'student@example.edu']);
    expect((await api(sb, instructor.access_token, `${A}/attacklab/groups/999999`)).text).toBe(`{"error":"Couldn't find group with id 999999"}`);
    const one = await api(sb, instructor.access_token, `${A}/datalab/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: [] }) });
    expect(one.text).toBe(`{"error":"Group size of assessment is currently 1, so you can't create group"}`);
    const set = await api(sb, instructor.access_token, `${A}/datalab/set_group_settings`, { method: 'POST', body: new URLSearchParams({ group_size: '3', allow_student_assign_group: 'true' }) });
    expect(set.text).toBe('{"group_size":3,"allow_student_assign_group":true}');
    const created = await api(sb, instructor.access_token, `${A}/datalab/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: [{ group_members: ['bob@example.edu', 'alice@example.edu'] }] }) });
    const list = created.json as Array<{ id: number; name: string }>;
    expect(list[0]?.name).toBe('Unnamed Group');
    const del = await api(sb, instructor.access_token, `${A}/datalab/groups/${list[0]?.id ?? 0}`, { method: 'DELETE' });
    expect(del.text).toBe(`{"message":"Group ${list[0]?.id ?? 0} successfully deleted"}`);
    expect((await api(sb, instructor.access_token, `${A}/datalab/groups/424242`, { method: 'DELETE' })).text).toBe(`{"error":"Couldn't find group 424242"}`);
  });
  it('course_user_data: list, show, create (200), update, drop', async () => {
    const list = (await api(sb, instructor.access_token, `${C}/course_user_data`)).json as Array<{ email: string }>;
    expect(list.map((e) => e.email)).toEqual([...list.map((e) => e.email)].sort());
    expect((await api(sb, instructor.access_token, `${C}/course_user_data/nobody@x.edu`)).text).toBe('{"error":"Nonexistent user"}');
    expect((await api(sb, instructor.access_token, `/courses/demo-15122/course_user_data/bob%40example.edu`)).text).toBe('{"error":"User is not in course"}');
    const form = (o: Record<string, string>): RequestInit => ({ method: 'POST', body: new URLSearchParams(o) });
    expect((await api(sb, instructor.access_token, `${C}/course_user_data`, form({ email: 'bob@example.edu', lecture: '1', section: 'A', auth_level: 'student' }))).text).toBe('{"error":"User is already in the course"}');
    expect((await api(sb, instructor.access_token, `/courses/demo-15122/course_user_data`, form({ email: 'bob@example.edu', lecture: '1', section: 'A', auth_level: 'god' }))).text).toBe('{"error":"Invalid auth_level"}');
    const created = await api(sb, instructor.access_token, `/courses/demo-15122/course_user_data`, form({ email: 'bob@example.edu', lecture: '2', section: 'C', auth_level: 'student' }));
    expect(created.status).toBe(200);
    expect(Object.keys(created.json as object)).toEqual(['lecture', 'section', 'grade_policy', 'dropped', 'nickname', 'email', 'first_name', 'last_name', 'school', 'major', 'year', 'auth_level']);
    const upd = await api(sb, instructor.access_token, `/courses/demo-15122/course_user_data/bob@example.edu`, { method: 'PUT', body: new URLSearchParams({ section: 'D' }) });
    expect((upd.json as { section: string }).section).toBe('D');
    const drop = await api(sb, instructor.access_token, `/courses/demo-15122/course_user_data/bob@example.edu`, { method: 'DELETE' });
    expect((drop.json as { dropped: boolean }).dropped).toBe(true);
    const dropTa = await api(sb, instructor.access_token, `${C}/course_user_data/ta@example.edu`, { method: 'DELETE' });
    expect(dropTa.text).toBe(`{"error":"Update failed: User can't be dropped if they are an instructor or course assistant"}`);
  });
});
