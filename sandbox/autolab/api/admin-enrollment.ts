/**
 * Auto-enrolment of site administrators.
 *
 * Why: Autolab creates an instructor enrollment for an administrator who touches a course
 * through the API (autolab-api.md §4.0 step 3, §4.3).
 */
import type { SandboxApp } from '../sandbox-app.js';
import { nextId, type Enrollment } from '../state.js';

/** Create an instructor enrollment for an administrator (side effect of §4.0 step 3, §4.3). */
export function autoEnrollAdmin(app: SandboxApp, courseId: number, userId: number): Enrollment {
  const e: Enrollment = {
    id: nextId(app.state),
    course_id: courseId,
    user_id: userId,
    lecture: '',
    section: '',
    grade_policy: '',
    dropped: false,
    nickname: null,
    auth_level: 'instructor',
  };
  app.state.enrollments.push(e);
  app.save();
  return e;
}
