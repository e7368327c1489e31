/**
 * The 25 API v1 routes with their names and scopes.
 *
 * Why: the route → scope table is the code's, not the docs' (autolab-api.md §4.1); names are
 * the ones fault injection and logs use (sandbox/README.md).
 */
import type { ApiRoute } from './api-request.js';
import { getCourses, getUser, postCourse } from './course-routes.js';
import { getAssessment, getAssessments, getHandout, getProblems, getWriteup, postGroupSettings, postProblem } from './assessment-routes.js';
import { getFeedback, getSubmissions, postSubmit } from './submission-routes.js';
import { getScore, getScores, putUpdateLatest } from './score-routes.js';
import { deleteGroup, getGroup, getGroups, postGroups } from './group-routes.js';
import { deleteEnrollment, getEnrollment, getEnrollments, postEnrollment, putEnrollment } from './enrollment-routes.js';

const A = '/courses/{course}/assessments/{assessment}';
const CUD = '/courses/{course}/course_user_data';

/** Every API v1 route (§4.1), in match order. */
export const API_ROUTES: ApiRoute[] = [
  { level: 'user', name: 'user', methods: ['GET'], pattern: '/user', scope: 'user_info', handle: getUser },
  { level: 'user', name: 'courses', methods: ['GET'], pattern: '/courses', scope: 'user_courses', handle: getCourses },
  { level: 'user', name: 'create_course', methods: ['POST'], pattern: '/courses', scope: 'admin_all', handle: postCourse },
  { level: 'course', name: 'assessments', methods: ['GET'], pattern: '/courses/{course}/assessments', scope: 'user_courses', handle: getAssessments },
  { level: 'assessment', name: 'assessment', methods: ['GET'], pattern: A, scope: null, handle: getAssessment },
  { level: 'assessment', name: 'writeup', methods: ['GET'], pattern: `${A}/writeup`, scope: 'user_courses', handle: getWriteup },
  { level: 'assessment', name: 'handout', methods: ['GET'], pattern: `${A}/handout`, scope: 'user_courses', handle: getHandout },
  { level: 'assessment', name: 'submit', methods: ['POST'], pattern: `${A}/submit`, scope: 'user_submit', handle: postSubmit },
  { level: 'assessment', name: 'set_group_settings', methods: ['POST'], pattern: `${A}/set_group_settings`, scope: 'instructor_all', handle: postGroupSettings },
  { level: 'assessment', name: 'problems', methods: ['GET'], pattern: `${A}/problems`, scope: 'user_courses', handle: getProblems },
  { level: 'assessment', name: 'create_problem', methods: ['POST'], pattern: `${A}/problems`, scope: 'instructor_all', handle: postProblem },
  { level: 'assessment', name: 'submissions', methods: ['GET'], pattern: `${A}/submissions`, scope: 'user_scores', handle: getSubmissions },
  { level: 'assessment', name: 'feedback', methods: ['GET'], pattern: `${A}/submissions/{version}/feedback`, scope: 'user_scores', handle: getFeedback },
  { level: 'assessment', name: 'scores', methods: ['GET'], pattern: `${A}/scores`, scope: 'instructor_all', handle: getScores },
  { level: 'assessment', name: 'score', methods: ['GET'], pattern: `${A}/scores/{email}`, scope: 'instructor_all', handle: getScore },
  { level: 'assessment', name: 'update_latest', methods: ['PUT'], pattern: `${A}/scores/{email}/update_latest`, scope: 'instructor_all', handle: putUpdateLatest },
  { level: 'assessment', name: 'groups', methods: ['GET'], pattern: `${A}/groups`, scope: 'instructor_all', handle: getGroups },
  { level: 'assessment', name: 'group', methods: ['GET'], pattern: `${A}/groups/{id}`, scope: 'instructor_all', handle: getGroup },
  { level: 'assessment', name: 'create_groups', methods: ['POST'], pattern: `${A}/groups`, scope: 'instructor_all', handle: postGroups },
  { level: 'assessment', name: 'delete_group', methods: ['DELETE'], pattern: `${A}/groups/{id}`, scope: 'instructor_all', handle: deleteGroup },
  { level: 'course', name: 'course_user_data', methods: ['GET'], pattern: CUD, scope: 'instructor_all', handle: getEnrollments },
  { level: 'course', name: 'create_course_user_datum', methods: ['POST'], pattern: CUD, scope: 'instructor_all', handle: postEnrollment },
  { level: 'course', name: 'course_user_datum', methods: ['GET'], pattern: `${CUD}/{email}`, scope: 'instructor_all', handle: getEnrollment },
  { level: 'course', name: 'update_course_user_datum', methods: ['PUT', 'PATCH'], pattern: `${CUD}/{email}`, scope: 'instructor_all', handle: putEnrollment },
  { level: 'course', name: 'drop_course_user_datum', methods: ['DELETE'], pattern: `${CUD}/{email}`, scope: 'instructor_all', handle: deleteEnrollment },
];
