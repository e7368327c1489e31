/**
 * Turn Autolab's answers (main/autolab/schemas.ts) into the contract's views.
 *
 * Pure functions: the renderer gets camelCase views with the derived facts it
 * needs (totals, "grading"), never raw server objects.
 */
import type { AssessmentDetail as DetailView, CourseView, FeedbackView, SubmissionView } from '../../preload/contract';
import type { AssessmentDetail, AssessmentSummary, Course, CourseState, Problem, Submission } from '../autolab/schemas';

/** A course and the state bucket Autolab put it in. */
export function toCourseView(course: Course, state: CourseState): CourseView {
  return {
    name: course.name,
    displayName: course.display_name,
    semester: course.semester,
    role: course.auth_level,
    state,
    lateSlackSec: course.late_slack,
    graceDays: course.grace_days,
  };
}

/** An assessment of the list. */
export function toSummaryView(a: AssessmentSummary) {
  return {
    name: a.name,
    displayName: a.display_name,
    category: a.category_name ?? 'Uncategorized',
    startAt: a.start_at,
    dueAt: a.due_at,
    endAt: a.end_at,
  };
}

/**
 * A submission with its total and whether it is still being graded.
 *
 * "Grading" means the assessment has an autograder and no problem has a
 * score yet (numbers or "unreleased" both mean the grader finished).
 */
export function toSubmissionView(s: Submission, hasAutograder: boolean): SubmissionView {
  const values = Object.values(s.scores);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const finished = values.some((v) => v !== null);
  return {
    version: s.version,
    filename: s.filename,
    createdAt: s.created_at,
    scores: s.scores,
    total: numbers.length ? Math.round(numbers.reduce((a, b) => a + b, 0) * 100) / 100 : null,
    grading: hasAutograder && !finished,
  };
}

/** The assessment page: details, problems and the user's submissions. */
export function toDetailView(d: AssessmentDetail, problems: Problem[], submissions: Submission[], lateSlackSec: number): Omit<DetailView, 'embeddedQuiz' | 'maxSizeBytes'> {
  const hasAutograder = d.has_autograder === true;
  return {
    ...toSummaryView(d),
    description: d.description,
    updatedAt: d.updated_at ?? null,
    maxGraceDays: d.max_grace_days,
    maxSubmissions: d.max_submissions,
    maxUnpenalizedSubmissions: d.max_unpenalized_submissions,
    disableHandins: d.disable_handins === true,
    groupSize: d.group_size,
    writeupFormat: d.writeup_format,
    handoutFormat: d.handout_format,
    hasAutograder,
    hasScoreboard: d.has_scoreboard === true,
    maxTotalScore: d.max_total_score,
    problems: (problems.length
      ? problems.map((p) => ({ name: p.name, description: p.description ?? '', maxScore: p.max_score, optional: p.optional === true }))
      : Object.entries(d.max_scores).map(([name, maxScore]) => ({ name, description: '', maxScore, optional: false }))),
    submissions: submissions.map((s) => toSubmissionView(s, hasAutograder)),
    lateSlackSec,
  };
}

/** The last line of `text` that is not blank, trimmed (without splitting a 5 MB log into lines). */
function lastNonEmptyLine(text: string): string | undefined {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line) return line;
    end = start - 1;
  }
  return undefined;
}

/**
 * The autograder's log with its final JSON autoresult line parsed.
 *
 * Tango/Autolab autograders end their output with a line like
 * `{"scores": {"Correctness": 80.0}}` (autolab-api.md §4.10: feedback is the
 * raw log); when the last non-empty line is not such JSON, `autoresult` is null.
 */
export function toFeedbackView(version: number, log: string): FeedbackView {
  let autoresult: Record<string, number> | null = null;
  const last = lastNonEmptyLine(log);
  if (last?.startsWith('{')) {
    try {
      const parsed = JSON.parse(last) as { scores?: unknown };
      if (parsed.scores && typeof parsed.scores === 'object' && !Array.isArray(parsed.scores)) {
        const entries = Object.entries(parsed.scores as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
        autoresult = Object.fromEntries(entries);
      }
    } catch {
      autoresult = null;
    }
  }
  return { version, log, autoresult };
}
