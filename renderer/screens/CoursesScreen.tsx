/**
 * An account's courses: current ones as cards with their next deadline and
 * how many items are open (issue 15), then upcoming, completed and disabled
 * in groups that open on demand; the semester spelled out and the user's role
 * in words. A completed course opens on its Grades.
 */
import { useEffect, useMemo } from 'react';
import type { CourseView, OverviewEntry } from '../../preload/contract';
import { Collapsible } from '../components/Collapsible';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../components/StaleBanner';
import { courseSummary } from '../domain/overview';
import { roleInWords, spellSemester } from '../domain/semester';
import { formatLocal } from '../domain/time-format';
import { countdown } from '../domain/countdown';
import { useNow } from '../hooks/use-now';
import { useCourses } from '../store/courses-store';
import { useNavigation } from '../store/navigation-store';
import { OpenedxCoursesBeside } from './openedx/OpenedxCourseList';
import { useOverview } from '../store/overview-store';

/** Where a course opens: its Grades when it is over, else its assessments. */
function courseRoute(accountId: string, course: CourseView) {
  return course.state === 'completed' ? ({ name: 'grades', accountId, course: course.name } as const) : ({ name: 'course', accountId, course: course.name } as const);
}

/** A current course as a card: name, semester, role, open count and next deadline. */
function CourseCard({ accountId, course, entries, now }: { accountId: string; course: CourseView; entries: OverviewEntry[] | null; now: number }) {
  const go = useNavigation((s) => s.go);
  const summary = entries ? courseSummary(entries, now) : null;
  const semester = spellSemester(course.semester);
  return (
    <li className="course-card">
      <button type="button" className="course-card-button" onClick={() => go(courseRoute(accountId, course))}>
        <span className="course-card-title">{course.displayName}</span>
        <span className="muted small">
          {semester ? `${semester} · ` : ''}
          {roleInWords(course.role)}
        </span>
        <span className="course-card-facts">
          {summary === null ? (
            <span className="muted">Checking deadlines…</span>
          ) : summary.next ? (
            <>
              <span>
                {summary.open} open · next: <strong>{summary.next.entry.assessment.displayName}</strong>
              </span>
              <span className="muted small">
                Due <time dateTime={summary.next.entry.assessment.dueAt}>{formatLocal(summary.next.entry.assessment.dueAt)}</time> ·{' '}
                {countdown(summary.next.state.kind, summary.next.entry.assessment, summary.next.state.acceptedUntil, now)}
              </span>
            </>
          ) : (
            <span className="muted">Nothing open right now</span>
          )}
        </span>
        <span className="badge platform-autolab">Autolab</span>
      </button>
    </li>
  );
}

/** A non-current course as a row. */
function CourseRow({ accountId, course }: { accountId: string; course: CourseView }) {
  const go = useNavigation((s) => s.go);
  const semester = spellSemester(course.semester);
  return (
    <li>
      <button type="button" className="row-button" onClick={() => go(courseRoute(accountId, course))}>
        <span className="row-main">
          <span className="row-title">{course.displayName}</span>
          <span className="row-sub muted">
            {semester ?? 'No semester'}
            {course.state === 'completed' ? ' · opens on its grades' : ''}
          </span>
        </span>
        <span className={`badge role-${course.role}`}>{roleInWords(course.role)}</span>
        <span className="badge platform-autolab">Autolab</span>
        <span className="chevron" aria-hidden="true">›</span>
      </button>
    </li>
  );
}

/** The courses screen. */
export function CoursesScreen({ accountId }: { accountId: string }) {
  const query = useCourses((s) => s.courses[accountId]);
  const load = useCourses((s) => s.loadCourses);
  const overview = useOverview((s) => s.byScope.all);
  const loadOverview = useOverview((s) => s.load);
  const now = useNow(30_000);
  useEffect(() => {
    void load(accountId);
    if (useOverview.getState().byScope.all) return;
    void loadOverview();
    return () => useOverview.getState().cancel();
  }, [accountId, load, loadOverview]);

  const courses = query?.result?.data ?? [];
  const by = (state: CourseView['state']) => courses.filter((c) => c.state === state);
  const current = by('current');
  const entriesOf = useMemo(() => {
    return (course: string): OverviewEntry[] | null => {
      if (!overview?.courses.some((c) => c.accountId === accountId && c.name === course)) return null;
      return overview.entries.filter((e) => e.accountId === accountId && e.course.name === course);
    };
  }, [overview, accountId]);

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
          <h2 className="section-title" id="current-courses">
            Current
          </h2>
          {current.length ? (
            <ul className="course-cards" aria-labelledby="current-courses">
              {current.map((c) => (
                <CourseCard key={c.name} accountId={accountId} course={c} entries={entriesOf(c.name)} now={now} />
              ))}
            </ul>
          ) : (
            <p className="muted">No current courses.</p>
          )}
          {(['upcoming', 'completed', 'disabled'] as const).map((state) => {
            const list = by(state);
            if (!list.length) return null;
            const title = state.charAt(0).toUpperCase() + state.slice(1);
            return (
              <Collapsible key={state} title={title} count={list.length}>
                <ul className="row-list">
                  {list.map((c) => (
                    <CourseRow key={c.name} accountId={accountId} course={c} />
                  ))}
                </ul>
              </Collapsible>
            );
          })}
        </>
      )}
      <OpenedxCoursesBeside />
    </section>
  );
}
