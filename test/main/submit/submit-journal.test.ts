import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitJournalEntry } from '../../../preload/contract';
import { createLogger } from '../../../main/logger';
import { KEEP_FINISHED_MS, MAX_ENTRIES, SubmitJournal } from '../../../main/submit/submit-journal';

const log = createLogger(() => undefined);
let dir: string;
beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), 'journal-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (id: string, at: number, patch: Partial<SubmitJournalEntry> = {}): SubmitJournalEntry => ({
  id, accountId: 'a', course: 'c', assessment: 'x', assessmentName: 'X', fileName: 'f.c', fileSize: 1, sha256: 'ab',
  startedAt: at, lastByteAt: null, updatedAt: at, responseTimeoutMs: 1000, before: [1], clock: null, group: false,
  sent: 0, total: 0, state: 'sending', outcome: null, finishedAt: null, acknowledged: false, ...patch,
});
const done = (id: string, at: number) => entry(id, at, { state: 'done', finishedAt: at, outcome: { landed: 'yes', version: 2, code: 'submitted', message: 'ok', reconciled: false } });

describe('submit journal', () => {
  it('persists entries atomically and reads them back after a restart; progress stays in memory', async () => {
    const changes: string[] = [];
    const j = new SubmitJournal(dir, log, (e) => changes.push(`${e.id}:${e.sent}`));
    await j.load();
    await j.put(entry('one', Date.now()));
    j.touch('one', { sent: 50, total: 100 });
    await j.update('one', { lastByteAt: 123 });
    await j.flush();
    expect(changes).toEqual(['one:0', 'one:50', 'one:50']);
    const again = new SubmitJournal(dir, log);
    await again.load();
    expect(again.get('one')).toMatchObject({ lastByteAt: 123, state: 'sending' });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prunes finished entries after a week and keeps at most MAX_ENTRIES, never an unfinished one', async () => {
    const now = Date.now();
    const j = new SubmitJournal(dir, log, () => undefined, () => now);
    await j.load();
    await j.put(done('old', now - KEEP_FINISHED_MS - 1));
    await j.put(entry('open-old', now - KEEP_FINISHED_MS - 1));
    expect(j.get('old')).toBeUndefined();
    expect(j.get('open-old')).toBeDefined();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) await j.put(done(`d${i}`, now - 1000 + i));
    expect(j.list()).toHaveLength(MAX_ENTRIES);
    expect(j.get('open-old')).toBeDefined();
    expect(j.get('d0')).toBeUndefined();
  });

  it('keeps an unreadable journal aside instead of overwriting it, and says so once', async () => {
    await writeFile(path.join(dir, 'submit-journal.json'), '{"version":1,"entries":[{"id":');
    const j = new SubmitJournal(dir, log);
    const told: string[] = [];
    await j.load((sentence) => told.push(sentence));
    await j.put(entry('new', Date.now()));
    await j.flush();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^The file holding the record of recent submits was damaged and could not be read; it was kept aside as submit-journal\.json\.corrupt-/);
    const aside = (await readdir(dir)).find((f) => f.startsWith('submit-journal.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe('{"version":1,"entries":[{"id":');
  });
});
