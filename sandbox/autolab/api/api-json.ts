/**
 * JSON shapes of the API v1 objects.
 *
 * Why: key names, order and types as Autolab's controllers render them (autolab-api.md §4.3–§4.14).
 */
import { easternWallTime, formatAutolabTime } from '../../http/clock.js';
import { float, Float, type RailsJsonValue } from '../rails-json.js';
import type { SandboxApp } from '../sandbox-app.js';
import type { Assessment, Course, Enrollment, Submission, User } from '../state.js';

/** Course temporal states (§4.3). */
export type CourseState = 'disabled' | 'completed' | 'current' | 'upcoming';

/** Whether a course is in a given state at `now` (§4.3 semantics). */
export function courseIn(course: Course, state: CourseState, now: number): boolean {
  const start = easternWallTime(course.start_date, 0, 0);
  const end = easternWallTime(course.end_date, 0, 0);
  switch (state) {
    case 'upcoming':
      return now < start;
    case 'current':
      return start <= now && now <= end;
    case 'completed':
      return now > end && !course.disable_on_end;
    case 'disabled':
      return course.disabled || (course.disable_on_end && now > end);
  }
}

/** A course element of `GET /courses` (§4.3). */
export function courseJson(course: Course, e: Enrollment): RailsJsonValue {
  return {
    name: course.name,
    semester: course.semester,
    late_slack: course.late_slack,
    grace_days: course.grace_days,
    display_name: course.display_name,
    auth_level: e.auth_level,
  };
}

/** An element of `GET …/assessments` (§4.5). */
export function assessmentSummaryJson(a: Assessment): RailsJsonValue {
  return {
    due_at: formatAutolabTime(a.due_at),
    end_at: formatAutolabTime(a.end_at),
    start_at: formatAutolabTime(a.start_at),
    name: a.name,
    display_name: a.display_name,
    category_name: a.category_name,
  };
}

/** `GET …/assessments/{a}` (§4.6). */
export function assessmentDetailJson(app: SandboxApp, a: Assessment, course: Course): RailsJsonValue {
  const problems = app.state.problems.filter((p) => p.assessment_id === a.id);
  const maxScores: Record<string, Float | null> = {};
  for (const p of problems) maxScores[p.name] = float(p.max_score);
  const total = problems.reduce((s, p) => s + p.max_score, 0);
  return {
    name: a.name,
    display_name: a.display_name,
    description: a.description,
    start_at: formatAutolabTime(a.start_at),
    due_at: formatAutolabTime(a.due_at),
    end_at: formatAutolabTime(a.end_at),
    updated_at: formatAutolabTime(a.updated_at),
    max_grace_days: a.max_grace_days,
    max_submissions: a.max_submissions,
    max_unpenalized_submissions: a.version_threshold ?? course.version_threshold,
    disable_handins: a.disable_handins,
    category_name: a.category_name,
    group_size: a.group_size,
    writeup_format: a.writeup.kind,
    handout_format: a.handout.kind,
    has_scoreboard: a.has_scoreboard,
    has_autograder: a.has_autograder,
    max_total_score: problems.length ? new Float(total) : 0,
    max_scores: maxScores,
  };
}

/** The enrollment object of `course_user_data` (§4.14). */
export function enrollmentJson(e: Enrollment, u: User): RailsJsonValue {
  return {
    lecture: e.lecture,
    section: e.section,
    grade_policy: e.grade_policy,
    dropped: e.dropped,
    nickname: e.nickname,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    school: u.school,
    major: u.major,
    year: u.year,
    auth_level: e.auth_level,
  };
}

/** Scores of a submission keyed by problem name, as students see them (§4.9). */
export function submissionScoresJson(app: SandboxApp, s: Submission, showUnreleased: boolean): Record<string, RailsJsonValue> {
  const out: Record<string, RailsJsonValue> = {};
  for (const sc of app.state.scores.filter((x) => x.submission_id === s.id)) {
    const p = app.state.problems.find((x) => x.id === sc.problem_id);
    if (!p) continue;
    out[p.name] = !sc.released && !showUnreleased ? 'unreleased' : float(sc.score);
  }
  return out;
}

/** A User record as Rails renders it (Devise hides the password), for the groups bug (§4.13). */
export function userRecordJson(u: User, extra: Record<string, RailsJsonValue> = {}): RailsJsonValue {
  return {
    id: u.id,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    administrator: u.administrator,
    created_at: formatAutolabTime(u.created_at),
    updated_at: formatAutolabTime(u.created_at),
    school: u.school,
    major: u.major,
    year: u.year,
    ...extra,
  };
}
