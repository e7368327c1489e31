/**
 * An account's courses: current ones first, then upcoming, completed and
 * disabled in groups that open on demand; the user's role on each.
 */
import { useEffect } from 'react';
import type { CourseView } from '../../preload/contract';
import { Collapsible } from '../components/Collapsible';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../components/StaleBanner';
import { useCourses } from '../store/courses-store';
import { useNavigation } from '../store/navigation-store';
import { OpenedxCoursesBeside } from './openedx/OpenedxCourseList';

const ROLE_LABEL: Record<CourseView['role'], string> = {
  instructor: 'Instructor',
  course_assistant: 'Course assistant',
  student: 'Student',
};

/** A course row: a button named by the course, with its semester and role. */
function CourseRow({ accountId, course }: { accountId: string; course: CourseView }) {
  const go = useNavigation((s) => s.go);
  return (
    <li>
      <button type="button" className="row-button" aria-label={course.displayName} onClick={() => go({ name: 'course', accountId, course: course.name })}>
        <span className="row-main">
          <span className="row-title">{course.displayName}</span>
          <span className="row-sub muted">
            {course.name}
            {course.semester ? ` · ${course.semester}` : ''}
          </span>
        </span>
        <span className={`badge role-${course.role}`}>{ROLE_LABEL[course.role]}</span>
        <span className="badge platform-autolab">Autolab</span>
        <span className="chevron" aria-hidden="true">›</span>
      </button>
    </li>
  );
}

function CourseList({ accountId, courses }: { accountId: string; courses: CourseView[] }) {
  return (
    <ul className="row-list">
      {courses.map((c) => (
        <CourseRow key={c.name} accountId={accountId} course={c} />
      ))}
    </ul>
  );
}

/** The courses screen. */
export function CoursesScreen({ accountId }: { accountId: string }) {
  const query = useCourses((s) => s.courses[accountId]);
  const load = useCourses((s) => s.loadCourses);
  useEffect(() => {
    void load(accountId);
  }, [accountId, load]);

  const courses = query?.result?.data ?? [];
  const by = (state: CourseView['state']) => courses.filter((c) => c.state === state);
  const current = by('current');

  return (
    <section aria-labelledby="courses-title">
      <ScreenHeading id="courses-title">Courses</ScreenHeading>
      {query?.result && <StaleBanner {...query.result} accountId={accountId} onRetry={() => void load(accountId)} />}
      {query?.result && <RefreshingNote refreshing={query.refreshing ?? false} fetchedAt={query.result.fetchedAt} />}
      <ErrorBanner message={query?.error ?? null} onRetry={() => void load(accountId)} />
      {!query?.result && !query?.error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading your courses…
        </p>
      )}
      {query?.result && (
        <>
          <h2 className="section-title">Current</h2>
          {current.length ? <CourseList accountId={accountId} courses={current} /> : <p className="muted">No current courses.</p>}
          {(['upcoming', 'completed', 'disabled'] as const).map((state) => {
            const list = by(state);
            if (!list.length) return null;
            const title = state.charAt(0).toUpperCase() + state.slice(1);
            return (
              <Collapsible key={state} title={title} count={list.length}>
                <CourseList accountId={accountId} courses={list} />
              </Collapsible>
            );
          })}
        </>
      )}
      <OpenedxCoursesBeside />
    </section>
  );
}
