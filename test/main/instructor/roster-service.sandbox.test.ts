/**
 * The roster service against the sandbox (a faithful local Autolab), as the
 * demo instructor, a course assistant and a student (autolab-api.md §4.14).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_ASSISTANT_SENTENCE, MISSING_SCOPE_SENTENCE, STUDENT_SENTENCE } from '../../../preload/contract';
import type { AutolabClient, EnrollmentPatch } from '../../../main/autolab/autolab-client';
import { EventBus } from '../../../main/events';
import { NO_SUCH_ACCOUNT_SENTENCE } from '../../../main/instructor/instructor-guard';
import { RosterService } from '../../../main/instructor/roster-service';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from './sandbox-session';

const COURSE = 'demo-15213';
const OLD = 'demo-15122'; // the instructor teaches it; seeded students are not in it

function serviceFor(client: AutolabClient, scopes: string[], events = new EventBus()) {
  return new RosterService({ session: async () => ({ client }), scopes: () => scopes, events, log: createLogger(() => undefined) });
}

describe('roster service against the sandbox', () => {
  let sb: Sandbox;
  let instructor: { client: AutolabClient; scopes: string[] };
  let roster: RosterService;
  const patches: EnrollmentPatch[] = [];
  const ref = { accountId: 'acct-test', course: COURSE };

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, seedStudents: 300 });
    instructor = await clientFor(sb, 'instructor@example.edu');
    const spied: AutolabClient = {
      ...instructor.client,
      updateEnrollment: (c, email, patch) => {
        patches.push(patch);
        return instructor.client.updateEnrollment(c, email, patch);
      },
    };
    roster = serviceFor(spied, instructor.scopes);
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('lists every enrollment, dropped ones included, as roster entries', async () => {
    const { entries } = await roster.list(ref);
    expect(entries.length).toBe(305);
    expect(entries.find((e) => e.email === 'ta@example.edu')).toMatchObject({ role: 'course_assistant', lecture: '1', section: 'B', dropped: false });
  });

  it('adds a person, and explains unknown users, double enrollments and staff drops in one sentence each', async () => {
    const added = await roster.add({ accountId: 'acct-test', course: OLD, entry: { email: 'alice@example.edu', lecture: '2', section: 'C', role: 'student', nickname: 'ali' } });
    expect(added).toMatchObject({ email: 'alice@example.edu', lecture: '2', section: 'C', nickname: 'ali', dropped: false, role: 'student' });
    await expect(roster.add({ accountId: 'acct-test', course: OLD, entry: { email: 'alice@example.edu', lecture: '2', section: 'C', role: 'student' } }))
      .rejects.toMatchObject({ code: 'already-enrolled', message: 'This person is already enrolled in the course; edit their enrollment instead.' });
    await expect(roster.add({ accountId: 'acct-test', course: OLD, entry: { email: 'nobody@example.edu', lecture: '1', section: 'A', role: 'student' } }))
      .rejects.toMatchObject({ code: 'unknown-user', message: NO_SUCH_ACCOUNT_SENTENCE });
    await expect(roster.drop({ ...ref, email: 'ta@example.edu' })).rejects.toMatchObject({ code: 'cannot-drop-staff', message: expect.stringMatching(/^Instructors and course assistants cannot be dropped/) });
    await expect(roster.drop({ ...ref, email: 'instructor@example.edu' })).rejects.toMatchObject({ code: 'cannot-drop-staff' });
    await expect(roster.drop({ ...ref, email: 'ghost@example.edu' })).rejects.toMatchObject({ code: 'unknown-user' });
  });

  it('maps an invalid role from Autolab to its sentence', async () => {
    // The contract never lets a bad role through, so talk to Autolab directly to prove the mapping.
    await expect(instructor.client.updateEnrollment(COURSE, 'bob@example.edu', { auth_level: 'teacher' as never }))
      .rejects.toMatchObject({ code: 'invalid-role', message: 'Autolab did not accept that role; choose student, course assistant or instructor.' });
  });

  it('drops with DELETE and edits send only changed fields, never un-dropping', async () => {
    const dropped = await roster.drop({ ...ref, email: 'student0001@example.edu' });
    expect(dropped.dropped).toBe(true);
    patches.length = 0;
    const edited = await roster.update({ ...ref, email: 'student0001@example.edu', changes: { lecture: '9', section: 'B', dropped: true } });
    expect(patches).toEqual([{ lecture: '9' }]); // section was already B, dropped already true
    expect(edited).toMatchObject({ lecture: '9', section: 'B', dropped: true });
    expect((await instructor.client.enrollment(COURSE, 'student0001@example.edu')).dropped).toBe(true);
    // Saving an unchanged form writes nothing.
    await roster.update({ ...ref, email: 'student0001@example.edu', changes: { lecture: '9' } });
    expect(patches).toHaveLength(1);
    // Un-dropping is explicit.
    const back = await roster.update({ ...ref, email: 'student0001@example.edu', changes: { dropped: false } });
    expect(patches[1]).toEqual({ dropped: false });
    expect(back.dropped).toBe(false);
  });

  it('refuses to drop staff through an edit before asking Autolab', async () => {
    patches.length = 0;
    await expect(roster.update({ ...ref, email: 'ta@example.edu', changes: { dropped: true } })).rejects.toMatchObject({ code: 'cannot-drop-staff' });
    expect(patches).toEqual([]);
  });

  it('imports a 300-row file with mixed rows, reports every row, and a second run writes nothing', async () => {
    // Enrol seeded students 1–130 in the old course first: 1–80 will be updated, 81–130 unchanged.
    for (let i = 1; i <= 130; i++) {
      await instructor.client.createEnrollment(OLD, { email: seed(i), lecture: '1', section: 'A', auth_level: 'student' });
    }
    const lines = ['email,first_name,last_name,lecture,section,auth_level,grade_policy,nickname,dropped'];
    for (let i = 1; i <= 80; i++) lines.push(`${seed(i)},Student${i},Generated,1,B,student,,,`);
    for (let i = 81; i <= 130; i++) lines.push(`${seed(i)},,,1,A,Student,,,`);
    for (let i = 131; i <= 280; i++) lines.push(`${seed(i)},,,2,"C",student,,nick${i},`);
    const errors = [
      'not-an-email,,,1,A,student,,,',
      `${seed(1)},,,1,B,student,,,`, // duplicate of row 2
      `${seed(281)},,,1,A,teacher,,,`,
      `${seed(282)},,,1,A,instructor,,,yes`,
      `${seed(283)},,,,A,student,,,`,
      `${seed(284)},,,1,A,student,,,maybe`,
      `${seed(285)},,,1,A,student,,"${'x'.repeat(40)}",`,
    ];
    lines.push(...errors);
    const unknown = Array.from({ length: 13 }, (_, i) => `newcomer${i}@example.edu,,,1,A,student,,,`);
    lines.push(...unknown);
    expect(lines.length - 1).toBe(300);
    const csv = lines.join('\r\n');

    const events = new EventBus();
    const progress: number[] = [];
    events.attach((name, p) => name === 'roster:import-progress' && progress.push((p as { done: number }).done));
    const importer = serviceFor(instructor.client, instructor.scopes, events);
    const preview = await importer.preview({ accountId: 'acct-test', course: OLD, csv, filename: 'class.csv' });
    // The 13 newcomers have no Autolab account: checked before Apply (GET course_user_data/{email} → 400 "Nonexistent user").
    expect(preview.counts).toEqual({ add: 150, update: 80, drop: 0, unchanged: 50, error: 20 });
    expect(preview.rows.filter((r) => r.email.startsWith('newcomer')).every((r) => r.action === 'error' && r.message === NO_SUCH_ACCOUNT_SENTENCE)).toBe(true);
    expect(preview.rows[0]).toMatchObject({ row: 2, action: 'update', changes: ['section: A → B'] });
    expect(preview.rows.find((r) => r.row === 283)).toMatchObject({ action: 'error', message: expect.stringContaining('already on row 2') });

    sb.controls.resetRequestLog();
    const result = await importer.apply({ accountId: 'acct-test', course: OLD, importId: preview.importId });
    expect(result.counts).toEqual({ added: 150, updated: 80, dropped: 0, unchanged: 50, failed: 0, 'not-applied': 20, cancelled: 0 });
    expect(result.rows.map((r) => r.row)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
    expect(result.rows.filter((r) => r.email.startsWith('newcomer')).every((r) => r.outcome === 'not-applied' && r.message === NO_SUCH_ACCOUNT_SENTENCE)).toBe(true);
    expect(result.report.csv.split('\r\n')[0]).toBe('row,email,planned,result,changes,message');
    expect(result.report.csv.trim().split('\r\n')).toHaveLength(301);
    expect(progress.at(-1)).toBe(300);
    const writes = sb.controls.requestLog().filter((r) => r.method !== 'GET');
    expect(writes).toHaveLength(80 + 150); // nothing is sent for the newcomers
    expect((await instructor.client.enrollment(OLD, seed(200))).nickname).toBe('nick200');

    sb.controls.resetRequestLog();
    const again = await importer.preview({ accountId: 'acct-test', course: OLD, csv });
    expect(again.counts).toEqual({ add: 0, update: 0, drop: 0, unchanged: 280, error: 20 });
    const rerun = await importer.apply({ accountId: 'acct-test', course: OLD, importId: again.importId });
    expect(rerun.counts).toMatchObject({ added: 0, updated: 0, unchanged: 280 });
    expect(sb.controls.requestLog().filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('marks dropped false → true as a destructive "Drop" in the preview', async () => {
    const csv = ['email,lecture,section,auth_level,dropped', 'bob@example.edu,1,B,student,yes', 'alice@example.edu,1,A,student,no'].join('\n');
    const preview = await roster.preview({ ...ref, csv });
    expect(preview.rows.map((r) => r.action)).toEqual(['drop', 'unchanged']);
    expect(preview.rows[0]!.changes).toEqual(['dropped: false → true']);
    expect(preview.counts.drop).toBe(1);
    const result = await roster.apply({ ...ref, importId: preview.importId });
    expect(result.rows[0]!.outcome).toBe('dropped');
    expect((await instructor.client.enrollment(COURSE, 'bob@example.edu')).dropped).toBe(true);
    await roster.update({ ...ref, email: 'bob@example.edu', changes: { dropped: false } });
  });

  it('a re-import of the export changes nothing and sends no write at all, even with formula-like values', async () => {
    await roster.update({ ...ref, email: 'student@example.edu', changes: { nickname: '=HYPERLINK("x")', gradePolicy: '@risky' } });
    await roster.update({ ...ref, email: 'ta@example.edu', changes: { nickname: '-3.5', section: '+B' } });
    const exported = await roster.exportCsv(ref);
    expect(exported.csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(exported.csv).toContain("'@risky");
    expect(exported.csv).toContain(",'+B,");
    expect(exported.csv).toContain(',-3.5,');
    expect(exported.filename).toMatch(/^demo-15213-roster-\d{4}-\d{2}-\d{2}\.csv$/);
    const preview = await roster.preview({ ...ref, csv: exported.csv });
    expect(preview.counts).toEqual({ add: 0, update: 0, drop: 0, unchanged: preview.rows.length, error: 0 });
    sb.controls.resetRequestLog();
    await roster.apply({ ...ref, importId: preview.importId });
    expect(sb.controls.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a course assistant is told in one sentence that only instructors manage the roster', async () => {
    const ta = await clientFor(sb, 'ta@example.edu');
    await expect(serviceFor(ta.client, ta.scopes).list(ref)).rejects.toMatchObject({ code: 'not-instructor', message: COURSE_ASSISTANT_SENTENCE });
  });

  it("a student's token is refused with one sentence", async () => {
    const student = await clientFor(sb, 'student@example.edu');
    await expect(serviceFor(student.client, student.scopes).list(ref)).rejects.toMatchObject({ code: 'not-instructor', message: STUDENT_SENTENCE });
  });

  it('a token without instructor_all is told what to do, without a request', async () => {
    const limited = await clientFor(sb, 'instructor@example.edu', ['user_info', 'user_courses', 'user_scores', 'user_submit']);
    sb.controls.resetRequestLog();
    await expect(serviceFor(limited.client, limited.scopes).list(ref)).rejects.toMatchObject({ code: 'missing-scope', message: MISSING_SCOPE_SENTENCE });
    expect(sb.controls.requestLog()).toEqual([]);
  });
});

function seed(i: number): string {
  return `student${String(i).padStart(4, '0')}@example.edu`;
}
