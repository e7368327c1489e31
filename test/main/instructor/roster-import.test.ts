import { describe, expect, it } from 'vitest';
import type { AutolabClient } from '../../../main/autolab/autolab-client';
import type { Clock } from '../../../main/autolab/autolab-http';
import { applyImport, importReportCsv } from '../../../main/instructor/roster-import';
import type { PlannedRow } from '../../../main/instructor/roster-plan';
import { UserError } from '../../../main/user-error';

function fakeClock(start: number) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = { now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
  return { clock, sleeps };
}
const add = (row: number, email: string): PlannedRow => ({ row, email, action: 'add', changes: [], message: null, write: { kind: 'add', entry: { email, lecture: '1', section: 'A', auth_level: 'student' } } });
const same = (row: number, email: string): PlannedRow => ({ row, email, action: 'unchanged', changes: [], message: null, write: { kind: 'none' } });

describe('applying an import', () => {
  it('after a 429 waits for the next 30-second window and sends only the refused row again', async () => {
    const { clock, sleeps } = fakeClock(1_000_000_000_000); // 10 s into a 30-s window (1e12 mod 30 000 = 10 000)
    const sent: string[] = [];
    let refused = false;
    const client = {
      createEnrollment: async (_c: string, e: { email: string }) => {
        if (e.email === 'b@x.edu' && !refused) {
          refused = true;
          throw new UserError('rate-limited', 'Autolab is limiting how often the app may ask; wait half a minute and try again.');
        }
        sent.push(e.email);
        return {};
      },
    } as unknown as AutolabClient;
    const progress: Array<[number, number]> = [];
    const rows = await applyImport(client, 'c', [add(2, 'a@x.edu'), same(3, 's@x.edu'), add(4, 'b@x.edu')], {
      clock, initialInFlight: 1, onProgress: (p) => progress.push([p.done, p.waitingMs]),
    });
    expect(sent).toEqual(['a@x.edu', 'b@x.edu']);
    expect(rows.map((r) => r.outcome)).toEqual(['added', 'unchanged', 'added']);
    expect(sleeps).toEqual([30_000 - 10_000 + 250]); // the 429 came 10 s into the window; no fixed gaps
    expect(progress).toEqual([[2, 0], [2, 20_250], [3, 0]]);
  });

  it('turns a failing row into a result with its sentence, and marks the rest cancelled after a cancel', async () => {
    const { clock } = fakeClock(0);
    const controller = new AbortController();
    const client = {
      createEnrollment: async (_c: string, e: { email: string }) => {
        if (e.email === 'a@x.edu') throw new UserError('already-enrolled', 'This person is already enrolled in the course; edit their enrollment instead.');
        controller.abort();
        return {};
      },
    } as unknown as AutolabClient;
    const rows = await applyImport(client, 'c', [add(2, 'a@x.edu'), add(3, 'b@x.edu'), add(4, 'c@x.edu')], { clock, signal: controller.signal, initialInFlight: 1 });
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'added', 'cancelled']);
    expect(rows[0]!.message).toMatch(/already enrolled/);
    expect(importReportCsv(rows).split('\r\n')[1]).toBe('2,a@x.edu,add,failed,,This person is already enrolled in the course; edit their enrollment instead.');
  });
});
