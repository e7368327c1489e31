/**
 * The Open edX calls a student needs (providers.md §1.4): who am I, my
 * enrollments, the course list (paginated), a course's graded subsections
 * and due dates from the blocks API, and my course grade.
 *
 * Course keys (`course-v1:Org+Num+Run`) are URL-encoded wherever they go in a
 * path or query; paginated lists are followed to the end (bounded).
 */
import { z } from 'zod';
import type { OpenedxGet } from './openedx-http';
import { AccountSchema, BlocksSchema, CourseSummarySchema, EnrollmentListSchema, GradeAnswerSchema, MeSchema, pageSchema, type Block, type Enrollment } from './schemas';

/** A graded subsection (a `sequential` block). */
export interface Subsection {
  id: string;
  name: string;
  /** Assignment type, e.g. `Homework` (null when the site gives none). */
  format: string | null;
  graded: boolean;
  /** ISO-8601 due date, or null. */
  due: string | null;
  /** Where it opens in a browser. */
  lmsWebUrl: string | null;
}

/** A course grade. */
export interface CourseGrade {
  /** 0..1 */
  percent: number;
  letter: string | null;
  passed: boolean;
}

/** Most pages followed for one list (100 items each: 2,000 courses). */
const MAX_PAGES = 20;

/**
 * Follow a paginated DRF list from `firstPath` to its end (or MAX_PAGES).
 *
 * @throws what `get` throws.
 */
export async function followPages<T extends z.ZodType>(get: OpenedxGet, firstPath: string, item: T): Promise<z.infer<T>[]> {
  const schema = pageSchema(item);
  const out: z.infer<T>[] = [];
  let next: string | null | undefined = firstPath;
  for (let i = 0; next && i < MAX_PAGES; i++) {
    const page: z.infer<typeof schema> = await get(next, schema);
    out.push(...page.results);
    next = page.pagination?.next ?? page.next ?? null;
  }
  return out;
}

/** The calls, bound to one site's GET. */
export function createOpenedxClient(get: OpenedxGet) {
  return {
    /**
     * `/api/user/v1/me`, then the account.
     *
     * @throws UserError from the HTTP layer.
     */
    async me(): Promise<{ username: string; name: string | null; email: string | null }> {
      const { username } = await get('/api/user/v1/me', MeSchema);
      const account = await get(`/api/user/v1/accounts/${encodeURIComponent(username)}`, AccountSchema);
      return { username, name: account.name ?? null, email: account.email ?? null };
    },

    /**
     * The caller's active enrollments (a list on stock sites; pages followed if a site paginates).
     *
     * @throws UserError from the HTTP layer.
     */
    async enrollments(): Promise<Enrollment[]> {
      const first = await get('/api/enrollment/v1/enrollment', EnrollmentListSchema);
      let all: Enrollment[];
      if (Array.isArray(first)) all = first;
      else {
        const next = first.pagination?.next ?? first.next;
        all = [...first.results, ...(next ? await followPages(get, next, EnrollmentListSchema.options[0].element) : [])];
      }
      return all.filter((e) => e.is_active);
    },

    /**
     * The course list the site shows this user (paginated; org and number per course).
     *
     * @throws UserError from the HTTP layer.
     */
    courses(username: string) {
      return followPages(get, `/api/courses/v1/courses/?${new URLSearchParams({ username, page_size: '100' })}`, CourseSummarySchema);
    },

    /**
     * The course's subsections with graded flag, format, due date and browser link.
     *
     * @throws UserError from the HTTP layer.
     */
    async outline(courseKey: string, username: string): Promise<Subsection[]> {
      const q = new URLSearchParams({
        course_id: courseKey,
        username,
        depth: 'all',
        requested_fields: 'graded,format,due,children',
        block_types_filter: 'sequential',
      });
      const answer = await get(`/api/courses/v1/blocks/?${q}`, BlocksSchema);
      const blocks: Block[] = Array.isArray(answer) ? answer : Object.values(answer.blocks);
      return blocks
        .filter((b) => b.type === 'sequential')
        .map((b) => ({ id: b.id, name: b.display_name ?? 'Untitled', format: b.format ?? null, graded: b.graded ?? false, due: validDate(b.due), lmsWebUrl: b.lms_web_url ?? null }));
    },

    /**
     * The user's course grade, or null when the site returns none.
     *
     * @throws UserError from the HTTP layer (`forbidden` without `grades:read`).
     */
    async grade(courseKey: string, username: string): Promise<CourseGrade | null> {
      const answer = await get(`/api/grades/v1/courses/${encodeURIComponent(courseKey)}/?${new URLSearchParams({ username })}`, GradeAnswerSchema);
      const row = Array.isArray(answer) ? answer[0] : answer;
      return row ? { percent: row.percent, letter: row.letter_grade ?? null, passed: row.passed } : null;
    },
  };
}

/** @see createOpenedxClient */
export type OpenedxClient = ReturnType<typeof createOpenedxClient>;

function validDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
