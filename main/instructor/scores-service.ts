/**
 * An assessment's scores for its instructors: every student's versions and
 * problem scores, a CSV export, and editing the latest submission — the
 * handlers behind the `scores:*` channels (issue 7).
 *
 * `GET …/scores` lists only people with submissions and mixes released and
 * unreleased scores (autolab-api.md §4.12); the roster adds everyone else so
 * the table shows who has not submitted. `update_latest` takes its problems
 * as a JSON-encoded string (the client sends it that way) and crashes with a
 * 500 for a student without a submission, so that is refused here first.
 */
import type { ChannelInput, ChannelOutput, ScoreRow, ScoreTable } from '../../preload/contract';
import type { AllScores, CourseUserDatum, Problem, UserScores } from '../autolab/schemas';
import { UserError } from '../user-error';
import { toCsv } from './csv';
import { InstructorGuard, type InstructorGuardDeps } from './instructor-guard';
import { csvFilename } from './roster-csv';

/** Versions newest first, as the contract's rows carry them. */
function versionsOf(scores: UserScores | undefined): ScoreRow['versions'] {
  return Object.entries(scores ?? {})
    .map(([version, s]) => ({ version: Number(version), scores: s }))
    .filter((v) => Number.isFinite(v.version))
    .sort((a, b) => b.version - a.version);
}

function rowOf(email: string, person: CourseUserDatum | undefined, scores: UserScores | undefined): ScoreRow {
  return {
    email,
    firstName: person?.first_name ?? '',
    lastName: person?.last_name ?? '',
    lecture: person?.lecture ?? '',
    section: person?.section ?? '',
    dropped: person?.dropped ?? false,
    versions: versionsOf(scores),
  };
}

/**
 * Join scores and roster: every student of the roster plus anyone with
 * submissions (e.g. staff who submitted), sorted by email.
 */
export function buildScoreTable(all: AllScores, roster: readonly CourseUserDatum[], problems: readonly Problem[]): ScoreTable {
  const people = new Map(roster.map((p) => [p.email, p] as const));
  const emails = new Set([...roster.filter((p) => p.auth_level === 'student').map((p) => p.email), ...Object.keys(all)]);
  const rows = [...emails].sort().map((email) => rowOf(email, people.get(email), all[email]));
  return { problems: problems.map((p) => ({ name: p.name, maxScore: p.max_score })), rows, fetchedAt: Date.now() };
}

/** One CSV line per submission version (and one per student without any). */
export function scoresToCsv(table: ScoreTable): string {
  const names = table.problems.map((p) => p.name);
  const lines: Array<Array<string | number | null>> = [['email', 'first_name', 'last_name', 'lecture', 'section', 'dropped', 'version', 'latest', ...names, 'total']];
  for (const r of table.rows) {
    const person = [r.email, r.firstName, r.lastName, r.lecture, r.section, r.dropped ? 'true' : 'false'];
    if (r.versions.length === 0) lines.push([...person, '', '', ...names.map(() => ''), '']);
    r.versions.forEach((v, i) => {
      const cells = names.map((n) => v.scores[n] ?? '');
      const numbers = names.map((n) => v.scores[n]).filter((s): s is number => typeof s === 'number');
      lines.push([...person, v.version, i === 0 ? 'true' : 'false', ...cells, numbers.length ? round(numbers.reduce((a, b) => a + b, 0)) : '']);
    });
  }
  return toCsv(lines);
}
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The scores channels' implementation. */
export class ScoresService {
  private readonly guard: InstructorGuard;

  constructor(deps: InstructorGuardDeps) {
    this.guard = new InstructorGuard(deps);
  }

  /** `scores:list`. */
  async list({ accountId, course, assessment }: ChannelInput<'scores:list'>): Promise<ChannelOutput<'scores:list'>> {
    return this.guard.run(accountId, course, async (c) => {
      const [all, roster, problems] = await Promise.all([c.scores(course, assessment), c.enrollments(course), c.problems(course, assessment)]);
      return buildScoreTable(all, roster, problems);
    });
  }

  /** `scores:export`: every version of every student as CSV. */
  async exportCsv(input: ChannelInput<'scores:export'>): Promise<ChannelOutput<'scores:export'>> {
    const table = await this.list(input);
    return { filename: csvFilename(`${input.course}-${input.assessment}`, 'scores'), csv: scoresToCsv(table) };
  }

  /**
   * `scores:update-latest`: change problem scores of the student's latest submission.
   *
   * @throws UserError `no-submission` when the student has none (Autolab would crash with a 500).
   */
  async updateLatest({ accountId, course, assessment, email, problems }: ChannelInput<'scores:update-latest'>): Promise<ChannelOutput<'scores:update-latest'>> {
    return this.guard.run(accountId, course, async (c) => {
      const before = await c.scoresFor(course, assessment, email);
      if (Object.keys(before).length === 0) {
        throw new UserError('no-submission', 'This student has no submission for this assessment, so there is no latest score to change.');
      }
      await c.updateLatest(course, assessment, email, problems);
      const [after, person] = await Promise.all([c.scoresFor(course, assessment, email), c.enrollment(course, email).catch(() => undefined)]);
      return rowOf(email, person, after);
    });
  }
}
