/**
 * The instructor's assessment against the sandbox (issue 12): the class view's
 * numbers from the sandbox's data, groups created and deleted, a problem
 * added, and a bulk drop of 50 rows with per-row results.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutolabClient } from '../../../main/autolab/autolab-client';
import type { Clock } from '../../../main/autolab/autolab-http';
import { createOfflineCache } from '../../../main/autolab/offline-cache';
import { EventBus } from '../../../main/events';
import { ClassService } from '../../../main/instructor/class-service';
import { RosterBulk } from '../../../main/instructor/roster-bulk';
import { createLogger } from '../../../main/logger';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from './sandbox-session';

const C = 'demo-15213';

describe('class view, groups, problems and bulk actions against the sandbox', () => {
  let sb: Sandbox;
  let dir: string;
  let instructor: { client: AutolabClient; scopes: string[] };
  let classes: ClassService;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, seedStudents: 60, autogradeDelayMs: 20 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'class-view-'));
    instructor = await clientFor(sb, 'instructor@example.edu');
    const cache = createOfflineCache({ dataDir: dir, accountId: 'acct-test', log: createLogger(() => undefined) });
    classes = new ClassService({ session: async () => ({ client: instructor.client, cache }), scopes: () => instructor.scopes });
  });
  afterAll(async () => {
    await sb?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("counts who submitted, lists who has not with lecture and section, and summarises the latest scores", async () => {
    // Alice submits a perfect Data Lab; Sam's seeded submission has "TODO" (half marks: 40 + 10).
    const alice = await clientFor(sb, 'alice@example.edu', ['user_info', 'user_courses', 'user_scores', 'user_submit'], 'demo-alice');
    const file = path.join(dir, 'bits.c');
    await (await import('node:fs/promises')).writeFile(file, 'SCORE Correctness 80\nSCORE Performance 20\n');
    await alice.client.submit(C, 'datalab', file);
    await expect.poll(async () => Object.keys(await instructor.client.scores(C, 'datalab')).length, { timeout: 5000 }).toBe(2);
    await expect.poll(async () => (await instructor.client.scores(C, 'datalab'))['alice@example.edu']?.['1']?.Correctness, { timeout: 5000 }).toBe(80);

    const { data, stale } = await classes.view({ accountId: 'acct-test', course: C, assessment: 'datalab' });
    expect(stale).toBe(false);
    // Sam, Alice, Bob and 60 generated students are enrolled students; the TA and the instructor are not.
    expect(data.enrolled).toBe(63);
    expect(data.submitted).toBe(2);
    expect(data.notSubmitted).toHaveLength(61);
    expect(data.notSubmitted.find((s) => s.email === 'bob@example.edu')).toEqual({ email: 'bob@example.edu', firstName: 'Bob', lastName: expect.any(String), lecture: '1', section: 'B' });
    expect(data.problems).toEqual([
      { name: 'Correctness', maxScore: 80, mean: 60, median: 60, graded: 2 },
      { name: 'Performance', maxScore: 20, mean: 15, median: 15, graded: 2 },
    ]);
    expect(data.total).toEqual({ name: 'Total', maxScore: 100, mean: 75, median: 75, graded: 2 });
    expect(data.histogram.filter((b) => b.count > 0)).toEqual([{ fromPercent: 50, toPercent: 60, count: 1 }, { fromPercent: 90, toPercent: 100, count: 1 }]);
    const csvLines = data.notSubmittedCsv.csv.trim().split('\r\n');
    expect(csvLines[0]).toBe('email,first_name,last_name,lecture,section');
    expect(csvLines).toHaveLength(62);
  });

  it('shows the cached class view with its age when Autolab cannot be reached', async () => {
    sb.controls.injectFault({ route: 'scores', kind: 'status500', count: 10 });
    try {
      const view = await classes.view({ accountId: 'acct-test', course: C, assessment: 'datalab' });
      expect(view.stale).toBe(true);
      expect(view.data.submitted).toBe(2);
    } finally {
      sb.controls.clearFaults();
    }
  });

  it('lists groups with their members, creates groups from a CSV (reporting who Autolab left out), and deletes one', async () => {
    const ref = { accountId: 'acct-test', course: C, assessment: 'attacklab' };
    const before = await classes.groups(ref);
    expect(before.groupSize).toBe(2);
    expect(before.groups).toHaveLength(1);
    expect(before.groups[0]!.members.map((m) => m.email).sort()).toEqual(['alice@example.edu', 'student@example.edu']);
    expect(before.ungrouped.map((u) => u.email)).toContain('bob@example.edu');
    expect(before.ungrouped.map((u) => u.email)).not.toContain('alice@example.edu');
    expect(before.ungrouped.some((u) => u.email === 'ta@example.edu')).toBe(false);

    const created = await classes.create({ ...ref, csv: 'group,email\nPair B,bob@example.edu\nPair B,student0001@example.edu\nPair C,student@example.edu\n' });
    const pairB = created.groups.find((g) => g.name === 'Pair B')!;
    expect(pairB.members.map((m) => m.email).sort()).toEqual(['bob@example.edu', 'student0001@example.edu']);
    // Sam is already in a group: Autolab skips him and creates no "Pair C".
    expect(created.leftOut).toEqual(['student@example.edu']);
    expect(created.groups.some((g) => g.name === 'Pair C')).toBe(false);

    const picked = await classes.create({ ...ref, groups: [{ name: 'Picked', members: ['student0002@example.edu', 'student0003@example.edu'] }] });
    expect(picked.groups.map((g) => g.name)).toContain('Picked');

    const after = await classes.deleteGroup({ ...ref, id: pairB.id });
    expect(after.groups.map((g) => g.name)).not.toContain('Pair B');
    await expect(classes.deleteGroup({ ...ref, id: pairB.id })).rejects.toMatchObject({ code: 'not-found', message: 'That group no longer exists on Autolab; refresh the groups.' });
    await expect(classes.create({ ...ref, groups: [{ name: 'Too big', members: ['a@x.edu', 'b@x.edu', 'c@x.edu'] }] })).rejects.toMatchObject({ code: 'group-too-big' });
  });

  it('sets the group size and whether students may form groups', async () => {
    const ref = { accountId: 'acct-test', course: C, assessment: 'datalab' };
    await expect(classes.create({ ...ref, groups: [{ name: 'x', members: ['bob@example.edu'] }] })).rejects.toMatchObject({ code: 'groups-off' });
    const view = await classes.settings({ ...ref, groupSize: 3, allowStudentAssign: true });
    expect([view.groupSize, view.allowStudentAssign]).toEqual([3, true]);
  });

  it('adds a problem (201), and a duplicate name is one sentence', async () => {
    const ref = { accountId: 'acct-test', course: C, assessment: 'cachelab' };
    expect(await classes.addProblem({ ...ref, name: 'Style', maxScore: 10 })).toEqual({ name: 'Style', maxScore: 10 });
    expect((await instructor.client.problems(C, 'cachelab')).map((p) => p.name)).toContain('Style');
    await expect(classes.addProblem({ ...ref, name: 'style', maxScore: 5 })).rejects.toMatchObject({
      code: 'problem-not-created',
      message: expect.stringMatching(/^Autolab could not create the problem; .*already exists/),
    });
  });

  it('drops 50 selected students in one action, paced, with a result per row, resending only a row Autolab refused with 429', async () => {
    const events = new EventBus();
    const progress: number[] = [];
    events.attach((event, payload) => {
      if (event === 'roster:bulk-progress') progress.push((payload as { done: number }).done);
    });
    // Real time, but waiting for the next rate window is instant in the test.
    const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };
    const bulk = new RosterBulk({ session: async () => ({ client: instructor.client }), scopes: () => instructor.scopes, events, clock });
    const emails = Array.from({ length: 50 }, (_, i) => `student${String(i + 11).padStart(4, '0')}@example.edu`);
    sb.controls.resetRequestLog();
    sb.controls.injectFault({ route: 'drop_course_user_datum', kind: 'status429', count: 1 });
    const { rows } = await bulk.run({ accountId: 'acct-test', course: C, emails: [...emails, 'ghost@example.edu'], action: { kind: 'drop' }, bulkId: 'bulk-0001' });
    expect(rows.slice(0, 50).every((r) => r.outcome === 'done')).toBe(true);
    expect(progress.at(-1)).toBe(51);
    expect(rows[50]).toMatchObject({ email: 'ghost@example.edu', outcome: 'failed', message: expect.stringMatching(/no such user|no account/i) });
    const deletes = sb.controls.requestLog().filter((e) => e.method === 'DELETE');
    expect(deletes.filter((e) => e.status === 429)).toHaveLength(1);
    expect(deletes.filter((e) => e.status === 200)).toHaveLength(50);
    const roster = await instructor.client.enrollments(C);
    expect(roster.filter((e) => emails.includes(e.email)).every((e) => e.dropped)).toBe(true);

    const moved = await bulk.run({ accountId: 'acct-test', course: C, emails: emails.slice(0, 5), action: { kind: 'move', section: 'Z' }, bulkId: 'bulk-0002' });
    expect(moved.rows.map((r) => r.outcome)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect((await instructor.client.enrollment(C, emails[0]!)).section).toBe('Z');
  });
});
