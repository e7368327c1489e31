/**
 * What a roster change really needs to send: enrollment views, field diffs,
 * and the per-row plan of a CSV import.
 *
 * Why: Autolab's PUT applies whatever it is sent (autolab-api.md §4.14), so
 * the only way never to un-drop someone by accident is to send nothing but
 * the fields whose value actually changes. Pure functions, tested on their own.
 */
import type { EnrollmentChanges, ImportAction, RosterEntry } from '../../preload/contract';
import type { EnrollmentPatch, NewEnrollment } from '../autolab/autolab-client';
import type { CourseUserDatum } from '../autolab/schemas';
import type { ImportRow } from './roster-csv';

/** Autolab's enrollment as the contract's roster entry. */
export function toRosterEntry(d: CourseUserDatum): RosterEntry {
  return {
    email: d.email,
    firstName: d.first_name ?? '',
    lastName: d.last_name ?? '',
    lecture: d.lecture ?? '',
    section: d.section ?? '',
    gradePolicy: d.grade_policy ?? '',
    nickname: d.nickname ?? '',
    dropped: d.dropped,
    role: d.auth_level,
  };
}

const LABELS: Record<keyof EnrollmentChanges, string> = {
  lecture: 'lecture',
  section: 'section',
  role: 'auth_level',
  gradePolicy: 'grade_policy',
  nickname: 'nickname',
  dropped: 'dropped',
};

/** Keep only the wanted values that differ from the current enrollment. */
export function diffEnrollment(current: RosterEntry, wanted: EnrollmentChanges): EnrollmentChanges {
  const out: EnrollmentChanges = {};
  for (const key of Object.keys(LABELS) as Array<keyof EnrollmentChanges>) {
    const value = wanted[key];
    if (value !== undefined && value !== current[key]) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Human labels of a diff, e.g. `section: A → B`. */
export function describeChanges(current: RosterEntry, changes: EnrollmentChanges): string[] {
  return (Object.keys(changes) as Array<keyof EnrollmentChanges>).map((k) => `${LABELS[k]}: ${show(current[k])} → ${show(changes[k])}`);
}
const show = (v: unknown) => (v === '' || v === undefined ? '(empty)' : String(v));

/** The contract's changes as Autolab's form fields (only those present). */
export function toPatch(changes: EnrollmentChanges): EnrollmentPatch {
  const patch: EnrollmentPatch = {};
  if (changes.lecture !== undefined) patch.lecture = changes.lecture;
  if (changes.section !== undefined) patch.section = changes.section;
  if (changes.role !== undefined) patch.auth_level = changes.role;
  if (changes.gradePolicy !== undefined) patch.grade_policy = changes.gradePolicy;
  if (changes.nickname !== undefined) patch.nickname = changes.nickname;
  if (changes.dropped !== undefined) patch.dropped = changes.dropped;
  return patch;
}

/** Why a resulting enrollment would be refused by Autolab's validation, or null (§4.14). */
export function invalidResult(current: RosterEntry, changes: EnrollmentChanges): string | null {
  const role = changes.role ?? current.role;
  const dropped = changes.dropped ?? current.dropped;
  if (dropped && role !== 'student') return 'Instructors and course assistants cannot be dropped; make them a student first if they are leaving the course.';
  return null;
}

/** What the importer will send for one row. */
export type PlannedWrite = { kind: 'add'; entry: NewEnrollment } | { kind: 'update'; email: string; changes: EnrollmentChanges } | { kind: 'none' };

/** One planned row. */
export interface PlannedRow {
  row: number;
  email: string;
  action: ImportAction;
  changes: string[];
  message: string | null;
  write: PlannedWrite;
}

/**
 * Plan every row of an import against the current roster (emails compared
 * case-insensitively, updates addressed to the email Autolab stores).
 */
export function planImport(rows: readonly ImportRow[], roster: readonly RosterEntry[]): PlannedRow[] {
  const byEmail = new Map(roster.map((e) => [e.email.toLowerCase(), e] as const));
  return rows.map((r): PlannedRow => {
    const base = { row: r.row, email: r.email };
    if (r.error || !r.role) return { ...base, action: 'error', changes: [], message: r.error ?? 'The role is missing.', write: { kind: 'none' } };
    const current = byEmail.get(r.email.toLowerCase());
    const wanted: EnrollmentChanges = { lecture: r.lecture, section: r.section, role: r.role };
    if (r.gradePolicy !== undefined) wanted.gradePolicy = r.gradePolicy;
    if (r.nickname !== undefined) wanted.nickname = r.nickname;
    if (r.dropped !== undefined) wanted.dropped = r.dropped;
    if (!current) {
      const entry: NewEnrollment = { email: r.email, lecture: r.lecture, section: r.section, auth_level: r.role };
      if (r.gradePolicy !== undefined) entry.grade_policy = r.gradePolicy;
      if (r.nickname !== undefined) entry.nickname = r.nickname;
      if (r.dropped === true) entry.dropped = true;
      return { ...base, action: 'add', changes: [], message: null, write: { kind: 'add', entry } };
    }
    const changes = diffEnrollment(current, wanted);
    if (Object.keys(changes).length === 0) return { ...base, email: current.email, action: 'unchanged', changes: [], message: null, write: { kind: 'none' } };
    const invalid = invalidResult(current, changes);
    if (invalid) return { ...base, email: current.email, action: 'error', changes: [], message: invalid, write: { kind: 'none' } };
    // Dropping someone is destructive (they can no longer submit): shown as its own action.
    const action = changes.dropped === true && !current.dropped ? 'drop' : 'update';
    return { ...base, email: current.email, action, changes: describeChanges(current, changes), message: null, write: { kind: 'update', email: current.email, changes } };
  });
}

/**
 * Mark planned adds whose email has no Autolab account as errors.
 *
 * Why: Autolab enrolls only existing users and answers 400 "Nonexistent user"
 * (autolab-api.md §4.14); the preview says so before Apply, not after.
 */
export function markUnknownUsers(plan: readonly PlannedRow[], unknown: ReadonlySet<string>, sentence: string): PlannedRow[] {
  return plan.map((p) => (p.action === 'add' && unknown.has(p.email.toLowerCase()) ? { ...p, action: 'error', message: sentence, write: { kind: 'none' } } : p));
}
