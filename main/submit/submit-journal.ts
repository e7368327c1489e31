/**
 * The submit journal: a small file in the data folder recording every submit main runs.
 *
 * Why: a reload, a closed tab or a crash during an upload must not lose track of it (issue 10 item 3). Main owns
 * every submit; the journal keeps what is needed to tell the user later whether it arrived (account, assessment,
 * file size and SHA-256, timings, the versions before the upload, the server-clock sample) and its outcome. Writes
 * are atomic (json-file.ts) and serialized; progress is kept in memory only (it changes many times a second). A
 * damaged file is kept aside, never overwritten (json-file.ts).
 * Finished entries are pruned after a week, and the file never holds more than {@link MAX_ENTRIES}.
 */
import path from 'node:path';
import { z } from 'zod';
import { SubmitJournalEntrySchema, type SubmitJournalEntry } from '../../preload/contract';
import type { Logger } from '../logger';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/** Finished entries older than this are dropped (ms). */
export const KEEP_FINISHED_MS = 7 * 24 * 3600_000;
/** At most this many entries are kept (oldest finished ones go first). */
export const MAX_ENTRIES = 50;

const FileSchema = z.object({ version: z.literal(1), entries: z.array(SubmitJournalEntrySchema) });

/** The journal of one data folder. */
export class SubmitJournal {
  private entries = new Map<string, SubmitJournalEntry>();
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  /**
   * @param dataDir the app's data folder
   * @param onChange told of every change (the host forwards it as the `submit:journal` event)
   */
  constructor(dataDir: string, private readonly log: Logger, private readonly onChange: (entry: SubmitJournalEntry) => void = () => undefined, private readonly now: () => number = Date.now) {
    this.file = path.join(dataDir, 'submit-journal.json');
  }

  /**
   * Read the file. One that cannot be understood is kept aside by json-file.ts (never overwritten) and the user is
   * told through `onProblem`; an I/O failure is logged and the journal starts empty in memory.
   */
  async load(onProblem?: (sentence: string) => void): Promise<void> {
    try {
      const data = await readJsonFile(this.file, FileSchema, { label: 'the record of recent submits', now: this.now, ...(onProblem ? { onProblem } : {}) });
      this.entries = new Map((data?.entries ?? []).map((e) => [e.id, e]));
    } catch (err) {
      this.log.warn('submit journal: could not be read', { error: String(err) });
    }
    this.prune();
  }

  /** Every entry, newest first. */
  list(accountId?: string): SubmitJournalEntry[] {
    return [...this.entries.values()].filter((e) => !accountId || e.accountId === accountId).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** One entry. */
  get(id: string): SubmitJournalEntry | undefined {
    return this.entries.get(id);
  }

  /** The unfinished entry of an assessment, if any. */
  sending(accountId: string, course: string, assessment: string): SubmitJournalEntry | undefined {
    return this.list(accountId).find((e) => e.state === 'sending' && e.course === course && e.assessment === assessment);
  }

  /**
   * Add or change an entry and persist it.
   *
   * @throws when the journal cannot be written (disk full, no permission): a submit that cannot be journaled is
   * not started
   */
  async put(entry: SubmitJournalEntry): Promise<void> {
    this.entries.set(entry.id, entry);
    this.prune();
    this.onChange(entry);
    await this.persist();
  }

  /** Change an entry in memory only and tell the listeners (upload progress). */
  touch(id: string, patch: Partial<SubmitJournalEntry>): SubmitJournalEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const next = { ...entry, ...patch };
    this.entries.set(id, next);
    this.onChange(next);
    return next;
  }

  /** Change an entry and persist it; never throws (a failed write is logged, the entry stays in memory). */
  async update(id: string, patch: Partial<SubmitJournalEntry>): Promise<SubmitJournalEntry | undefined> {
    const next = this.touch(id, { ...patch, updatedAt: this.now() });
    if (!next) return undefined;
    await this.persist().catch((err: unknown) => this.log.warn('submit journal: could not be written', { error: String(err) }));
    return next;
  }

  /** Wait for pending writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }

  private persist(): Promise<void> {
    const run = this.writing.catch(() => undefined).then(() => writeJsonFile(this.file, { version: 1, entries: [...this.entries.values()] }, 'the record of recent submits'));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private prune(): void {
    const now = this.now();
    for (const e of this.entries.values()) {
      if (e.state === 'done' && e.finishedAt !== null && now - e.finishedAt > KEEP_FINISHED_MS) this.entries.delete(e.id);
    }
    const done = [...this.entries.values()].filter((e) => e.state === 'done').sort((a, b) => a.startedAt - b.startedAt);
    while (this.entries.size > MAX_ENTRIES && done.length) this.entries.delete((done.shift() as SubmitJournalEntry).id);
  }
}
