/**
 * A course's roster for its instructors: list, add, edit, drop, CSV import
 * and export — the handlers behind the `roster:*` channels (issue 7).
 *
 * Edits send only the fields whose value changes against a fresh read of the
 * enrollment, so nobody is un-dropped by accident (the official CLI's bug);
 * drop is Autolab's DELETE, which only sets `dropped` (autolab-api.md §4.14).
 * An import is parsed and previewed first, then re-planned against a fresh
 * roster and applied at the pace the server's answers allow, with progress events.
 */
import { randomUUID } from 'node:crypto';
import type { UploadedTextReader } from '../files/uploaded-text';
import type { ChannelInput, ChannelOutput, ImportAction } from '../../preload/contract';
import type { Clock } from '../autolab/autolab-http';
import { systemClock } from '../autolab/autolab-http';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import { UserError } from '../user-error';
import type { AutolabClient } from '../autolab/autolab-client';
import { explainAddError, InstructorGuard, NO_SUCH_ACCOUNT_SENTENCE, type InstructorGuardDeps } from './instructor-guard';
import { runPaced } from './paced-writes';
import { csvFilename, parseRosterCsv, RosterFileError, rosterToCsv, type ImportRow } from './roster-csv';
import { applyImport, countOutcomes, importReportCsv } from './roster-import';
import { diffEnrollment, invalidResult, markUnknownUsers, planImport, toPatch, toRosterEntry, type PlannedRow } from './roster-plan';

/** What the roster service needs. */
export interface RosterServiceDeps extends InstructorGuardDeps {
  events: EventBus;
  log: Logger;
  clock?: Clock;
  /** Writes in flight at the start of an import (default 3; 1 makes tests deterministic). */
  importInFlight?: number;
  /** Reads a staged or granted file (an import given as a file rather than inline text). */
  readUploaded?: UploadedTextReader;
}

interface PendingImport {
  accountId: string;
  course: string;
  filename: string;
  rows: ImportRow[];
  /** Lower-cased emails of "Add" rows that have no Autolab account (checked at preview). */
  unknownUsers: Set<string>;
  controller: AbortController | null;
}

const MAX_PENDING = 8;

/** The roster channels' implementation. */
export class RosterService {
  private readonly guard: InstructorGuard;
  private readonly imports = new Map<string, PendingImport>();

  constructor(private readonly deps: RosterServiceDeps) {
    this.guard = new InstructorGuard(deps);
  }

  /** `roster:list`: every enrollment, dropped ones included. */
  async list({ accountId, course }: ChannelInput<'roster:list'>): Promise<ChannelOutput<'roster:list'>> {
    const entries = await this.guard.run(accountId, course, (c) => c.enrollments(course));
    return { entries: entries.map(toRosterEntry), fetchedAt: Date.now() };
  }

  /** `roster:add`: enroll a person who has an Autolab account. */
  async add({ accountId, course, entry }: ChannelInput<'roster:add'>): Promise<ChannelOutput<'roster:add'>> {
    if (entry.dropped && entry.role !== 'student') {
      throw new UserError('cannot-drop-staff', 'Instructors and course assistants cannot be dropped; make them a student first if they are leaving the course.');
    }
    return this.guard.run(accountId, course, async (c) => {
      try {
        const created = await c.createEnrollment(course, {
          email: entry.email,
          lecture: entry.lecture,
          section: entry.section,
          auth_level: entry.role,
          ...(entry.gradePolicy ? { grade_policy: entry.gradePolicy } : {}),
          ...(entry.nickname ? { nickname: entry.nickname } : {}),
          ...(entry.dropped ? { dropped: true } : {}),
        });
        return toRosterEntry(created);
      } catch (err) {
        if (err instanceof UserError && err.code === 'unknown-user') throw new UserError('unknown-user', explainAddError(err), { cause: err });
        throw err;
      }
    });
  }

  /** `roster:update`: send only what differs from the enrollment as Autolab has it now. */
  async update({ accountId, course, email, changes }: ChannelInput<'roster:update'>): Promise<ChannelOutput<'roster:update'>> {
    return this.guard.run(accountId, course, async (c) => {
      const current = toRosterEntry(await c.enrollment(course, email));
      const diff = diffEnrollment(current, changes);
      if (Object.keys(diff).length === 0) return current;
      const invalid = invalidResult(current, diff);
      if (invalid) throw new UserError('cannot-drop-staff', invalid);
      return toRosterEntry(await c.updateEnrollment(course, current.email, toPatch(diff)));
    });
  }

  /** `roster:drop`: Autolab's DELETE (sets dropped, keeps the enrollment). */
  async drop({ accountId, course, email }: ChannelInput<'roster:drop'>): Promise<ChannelOutput<'roster:drop'>> {
    return this.guard.run(accountId, course, async (c) => toRosterEntry(await c.dropEnrollment(course, email)));
  }

  /** `roster:export`: the roster in the import format. */
  async exportCsv(input: ChannelInput<'roster:export'>): Promise<ChannelOutput<'roster:export'>> {
    const { entries } = await this.list(input);
    return { filename: csvFilename(input.course, 'roster'), csv: rosterToCsv(entries) };
  }

  /** `roster:import-preview`: parse the file and say per row what would happen. */
  async preview({ accountId, course, csv, file, filename }: ChannelInput<'roster:import-preview'>): Promise<ChannelOutput<'roster:import-preview'>> {
    let text = csv;
    if (text === undefined) {
      if (!file || !this.deps.readUploaded) throw new UserError('bad-csv', 'No file was given to import; choose the CSV file again.');
      text = await this.deps.readUploaded(file);
    }
    let rows: ImportRow[];
    try {
      rows = parseRosterCsv(text);
    } catch (err) {
      if (err instanceof RosterFileError) throw new UserError('bad-csv', err.message);
      throw err;
    }
    if (rows.length === 0) throw new UserError('bad-csv', 'The file has a header row but nobody in it.');
    const roster = await this.list({ accountId, course });
    const planned = planImport(rows, roster.entries);
    const unknownUsers = await this.guard.run(accountId, course, (c) => this.unknownUsers(c, course, planned));
    const plan = markUnknownUsers(planned, unknownUsers, NO_SUCH_ACCOUNT_SENTENCE);
    const importId = randomUUID();
    this.imports.set(importId, { accountId, course, filename: filename ?? 'roster.csv', rows, unknownUsers, controller: null });
    while (this.imports.size > MAX_PENDING) this.imports.delete(this.imports.keys().next().value as string);
    const counts: Record<ImportAction, number> = { add: 0, update: 0, drop: 0, unchanged: 0, error: 0 };
    for (const p of plan) counts[p.action]++;
    return { importId, rows: plan.map(({ write: _w, ...view }) => view), counts };
  }

  /**
   * `roster:import-apply`: re-plan against a fresh roster (someone may have
   * changed it since the preview), then write row by row.
   *
   * @throws UserError `import-gone` when the preview is unknown or already running.
   */
  async apply({ accountId, course, importId }: ChannelInput<'roster:import-apply'>): Promise<ChannelOutput<'roster:import-apply'>> {
    const pending = this.imports.get(importId);
    if (!pending || pending.accountId !== accountId || pending.course !== course) {
      throw new UserError('import-gone', 'That import preview is no longer available; choose the file again.');
    }
    if (pending.controller) throw new UserError('import-running', 'This import is already being applied.');
    const controller = new AbortController();
    pending.controller = controller;
    try {
      const roster = await this.list({ accountId, course });
      const plan = markUnknownUsers(planImport(pending.rows, roster.entries), pending.unknownUsers, NO_SUCH_ACCOUNT_SENTENCE);
      const rows = await this.guard.run(accountId, course, (client) =>
        applyImport(client, course, plan, {
          clock: this.deps.clock ?? systemClock,
          ...(this.deps.importInFlight ? { initialInFlight: this.deps.importInFlight } : {}),
          signal: controller.signal,
          explain: (err, row) => (row.write.kind === 'add' ? explainAddError(err) : err.message),
          onProgress: (p) => this.deps.events.emit('roster:import-progress', { importId, ...p }),
        }),
      );
      this.imports.delete(importId);
      this.deps.log.info('roster import applied', { course, rows: rows.length });
      return { rows, counts: countOutcomes(rows), report: { filename: csvFilename(course, 'import-report'), csv: importReportCsv(rows) } };
    } finally {
      pending.controller = null;
    }
  }

  /**
   * Which "Add" rows name nobody Autolab knows.
   *
   * Why: there is no user lookup in API v1, but `GET course_user_data/{email}`
   * tells the cases apart: 404 "User is not in course" for an existing user,
   * 400 "Nonexistent user" for an unknown email (§4.14). One GET per add row,
   * a few in flight, paced like the writes.
   */
  private async unknownUsers(client: AutolabClient, course: string, plan: readonly PlannedRow[]): Promise<Set<string>> {
    const adds = plan.filter((p) => p.action === 'add').map((p) => p.email);
    const { results } = await runPaced(adds.length, async (i) => {
      try {
        await client.enrollment(course, adds[i]!);
        return false; // enrolled meanwhile: the user exists
      } catch (err) {
        if (err instanceof UserError && err.code === 'not-in-course') return false;
        if (err instanceof UserError && err.code === 'unknown-user') return true;
        throw err;
      }
    }, { clock: this.deps.clock ?? systemClock });
    const failed = results.find((r) => r.kind === 'failed');
    if (failed?.kind === 'failed') throw failed.error;
    return new Set(adds.filter((_, i) => { const r = results[i]!; return r.kind === 'ok' && r.value; }).map((e) => e.toLowerCase()));
  }

  /** `roster:import-cancel`: stop after the row being written. */
  cancel({ importId }: ChannelInput<'roster:import-cancel'>): ChannelOutput<'roster:import-cancel'> {
    const controller = this.imports.get(importId)?.controller;
    controller?.abort();
    return { cancelled: controller !== undefined && controller !== null };
  }

  /** Stop running imports (app quit). */
  dispose(): void {
    for (const p of this.imports.values()) p.controller?.abort();
    this.imports.clear();
  }
}
