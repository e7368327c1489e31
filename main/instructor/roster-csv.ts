/**
 * The roster CSV format: what an import file may contain, and the export.
 *
 * Header row (names case-insensitive, any order, extra columns ignored):
 * `email, first_name?, last_name?, lecture, section, auth_level,
 * grade_policy?, nickname?, dropped?`. `email`, `lecture`, `section` and
 * `auth_level` are required; `first_name`/`last_name` are for people reading
 * the file only (Autolab's enrollment API cannot change a user's name,
 * autolab-api.md §4.14). An empty optional cell means "leave as it is", so a
 * file never clears a nickname or un-drops anyone by omission. The export
 * writes every column, so importing an export changes nothing.
 */
import type { Role, RosterEntry } from '../../preload/contract';
import { CsvSyntaxError, parseCsv, toCsv } from './csv';

/** The columns, in export order. */
export const ROSTER_COLUMNS = ['email', 'first_name', 'last_name', 'lecture', 'section', 'auth_level', 'grade_policy', 'nickname', 'dropped'] as const;
const REQUIRED = ['email', 'lecture', 'section', 'auth_level'] as const;

/** One data row of an import file, checked for shape (not yet against the roster). */
export interface ImportRow {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  email: string;
  /** The wanted values; `undefined` means "leave as it is". */
  lecture: string;
  section: string;
  role: Role | undefined;
  gradePolicy: string | undefined;
  nickname: string | undefined;
  dropped: boolean | undefined;
  /** Why the row cannot be used, or null. */
  error: string | null;
}

/** A whole file that cannot be imported, as one sentence. */
export class RosterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterFileError';
  }
}

const ROLE_WORDS: Record<string, Role> = {
  student: 'student',
  course_assistant: 'course_assistant',
  ca: 'course_assistant',
  ta: 'course_assistant',
  instructor: 'instructor',
};

/** Read a role cell leniently: `Course Assistant`, `course-assistant`, `CA` all mean course_assistant. */
export function parseRole(cell: string): Role | undefined {
  return ROLE_WORDS[cell.trim().toLowerCase().replace(/[\s-]+/g, '_')];
}

/** Read a yes/no cell: true/false, yes/no, 1/0, t/f, y/n; empty is undefined; anything else is null. */
export function parseFlag(cell: string): boolean | undefined | null {
  const v = cell.trim().toLowerCase();
  if (v === '') return undefined;
  if (['true', 'yes', 'y', '1', 't'].includes(v)) return true;
  if (['false', 'no', 'n', '0', 'f'].includes(v)) return false;
  return null;
}

const EMAIL = /^[^\s@/]+@[^\s@/]+$/;

/**
 * Parse an import file into rows, each with its own error (nothing dropped).
 *
 * @throws RosterFileError when the file is not CSV, has no header, or lacks a required column.
 */
export function parseRosterCsv(text: string): ImportRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new RosterFileError(`The file is not valid CSV: ${err.message}`);
    throw err;
  }
  const header = records.shift();
  if (!header) throw new RosterFileError('The file is empty; it needs a header row and one row per person.');
  const index = new Map(header.cells.map((h, i) => [h.trim().toLowerCase().replace(/[\s-]+/g, '_'), i] as const));
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    throw new RosterFileError(`The header row needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.cells.join(', ') || 'nothing'}).`);
  }
  const seen = new Map<string, number>();
  return records.map(({ line, cells }) => {
    const cell = (name: string): string | undefined => {
      const i = index.get(name);
      return i === undefined ? undefined : (cells[i] ?? '').trim();
    };
    const email = cell('email') ?? '';
    const roleCell = cell('auth_level') ?? '';
    const droppedCell = cell('dropped') ?? '';
    const nickname = cell('nickname') || undefined;
    const gradePolicy = cell('grade_policy') || undefined;
    const dropped = parseFlag(droppedCell);
    const role = parseRole(roleCell);
    const errors: string[] = [];
    if (!EMAIL.test(email)) errors.push(email ? `"${email}" is not an email address` : 'the email is missing');
    const key = email.toLowerCase();
    const earlier = seen.get(key);
    if (EMAIL.test(email) && earlier !== undefined) errors.push(`this email is already on row ${earlier}; each person may appear once`);
    else if (EMAIL.test(email)) seen.set(key, line);
    if (!cell('lecture')) errors.push('the lecture is missing');
    if (!cell('section')) errors.push('the section is missing');
    if (!role) errors.push(roleCell ? `"${roleCell}" is not a role (use student, course_assistant or instructor)` : 'the auth_level is missing');
    if (dropped === null) errors.push(`"${droppedCell}" is not yes or no in the dropped column`);
    if (nickname !== undefined && (nickname.length > 32 || /[^\x00-\x7f]/.test(nickname))) errors.push('the nickname must be at most 32 plain ASCII characters');
    if (dropped === true && role && role !== 'student') errors.push('instructors and course assistants cannot be dropped');
    return {
      row: line,
      email,
      lecture: cell('lecture') ?? '',
      section: cell('section') ?? '',
      role,
      gradePolicy,
      nickname,
      dropped: dropped ?? undefined,
      error: errors.length ? `${capitalize(errors.join('; '))}.` : null,
    };
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The roster as CSV in the import format (so re-importing it is a no-op). */
export function rosterToCsv(entries: readonly RosterEntry[]): string {
  return toCsv([
    [...ROSTER_COLUMNS],
    ...entries.map((e) => [e.email, e.firstName, e.lastName, e.lecture, e.section, e.role, e.gradePolicy, e.nickname, e.dropped ? 'true' : 'false']),
  ]);
}

/** A file name for a course's CSV, e.g. `demo-15213-roster-2025-04-01.csv`. */
export function csvFilename(course: string, what: string, now = new Date()): string {
  return `${course}-${what}-${now.toISOString().slice(0, 10)}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
