/**
 * The scores service against the sandbox as the demo instructor (autolab-api.md §4.12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_ASSISTANT_SENTENCE } from '../../../preload/contract';
import { parseCsv } from '../../../main/instructor/csv';
import { ScoresService } from '../../../main/instructor/scores-service';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { clientFor } from './sandbox-session';

describe('scores service against the sandbox', () => {
  let sb: Sandbox;
  let scores: ScoresService;
  const ref = { accountId: 'acct-test', course: 'demo-15213', assessment: 'bomblab' };
  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    const { client, scopes } = await clientFor(sb, 'instructor@example.edu');
    scores = new ScoresService({ session: async () => ({ client }), scopes: () => scopes });
  });
  afterAll(async () => {
    await sb?.close();
  });

  it("lists every student with every version's problem scores, newest first, and students without submissions", async () => {
    const table = await scores.list(ref);
    expect(table.problems).toEqual([{ name: 'Defused', maxScore: 60 }, { name: 'Secret', maxScore: 10 }]);
    const sam = table.rows.find((r) => r.email === 'student@example.edu')!;
    expect(sam.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(sam.versions[0]!.scores).toEqual({ Defused: 50, Secret: 0 });
    expect(table.rows.find((r) => r.email === 'bob@example.edu')!.versions).toEqual([]);
    expect(table.rows.some((r) => r.email === 'instructor@example.edu')).toBe(false);
  });

  it('exports one CSV line per version with a total, and one per student without submissions', async () => {
    const { filename, csv } = await scores.exportCsv(ref);
    expect(filename).toMatch(/^demo-15213-bomblab-scores-/);
    const rows = parseCsv(csv).map((r) => r.cells);
    expect(rows[0]).toEqual(['email', 'first_name', 'last_name', 'lecture', 'section', 'dropped', 'version', 'latest', 'Defused', 'Secret', 'total']);
    expect(rows.filter((r) => r[0] === 'student@example.edu').map((r) => [r[6], r[7], r[10]])).toEqual([['2', 'true', '50'], ['1', 'false', '0']]);
    expect(rows.find((r) => r[0] === 'bob@example.edu')?.[6]).toBe('');
  });

  it("edits the latest submission's problem scores through update_latest (string-encoded JSON) and only those", async () => {
    sb.controls.resetRequestLog();
    const row = await scores.updateLatest({ ...ref, email: 'student@example.edu', problems: { Secret: 7.5 } });
    expect(row.versions[0]!.scores).toEqual({ Defused: 50, Secret: 7.5 });
    expect(row.versions[1]!.scores.Secret).toBe(0);
    expect(sb.controls.requestLog().filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      '/api/v1/courses/demo-15213/assessments/bomblab/scores/student%40example.edu/update_latest',
    ]);
  });

  it('refuses a student without a submission and an unknown problem with one sentence each', async () => {
    await expect(scores.updateLatest({ ...ref, email: 'bob@example.edu', problems: { Secret: 1 } })).rejects.toMatchObject({ code: 'no-submission' });
    await expect(scores.updateLatest({ ...ref, email: 'student@example.edu', problems: { Nope: 1 } }))
      .rejects.toMatchObject({ code: 'unknown-problem', message: 'This assessment has no problem named "Nope"; refresh the scores and try again.' });
  });

  it('a course assistant gets the one-sentence explanation', async () => {
    const ta = await clientFor(sb, 'ta@example.edu');
    const service = new ScoresService({ session: async () => ({ client: ta.client }), scopes: () => ta.scopes });
    await expect(service.list(ref)).rejects.toMatchObject({ message: COURSE_ASSISTANT_SENTENCE });
  });
});
