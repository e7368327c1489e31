/**
 * A course's assessments (issue 15): open ones by due date, then those not
 * yet open, then closed ones; each row with the same state chip as the
 * assessment page and the latest score or "Not submitted". The dates show
 * from the course's list at once; scores fill in from the course's overview.
 */
import { useEffect, useMemo } from 'react';
import type { CourseView, OverviewEntry } from '../../preload/contract';
import { AssessmentRow } from '../components/AssessmentRow';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../components/StaleBanner';
import { courseOrder } from '../domain/overview';
import { spellSemester } from '../domain/semester';
import { useNow } from '../hooks/use-now';
import { useAccounts } from '../store/accounts-store';
import { courseKey, useCourses } from '../store/courses-store';
import { mergedCourseEntries, useOverview } from '../store/overview-store';
import { CourseTabs } from './instructor/CourseTabs';
import { CourseLinks } from './grades/CourseLinks';

const PLACEHOLDER_COURSE = (name: string): CourseView => ({ name, displayName: name, semester: null, role: 'student', state: 'current', lateSlackSec: 0, graceDays: 0 });

/** The assessments screen of a course. */
export function AssessmentsScreen({ accountId, course }: { accountId: string; course: string }) {
  const key = courseKey(accountId, course);
  const query = useCourses((s) => s.assessments[key]);
  const courseView = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course));
  const serverName = useAccounts((s) => s.accounts.find((a) => a.id === accountId)?.serverName ?? '');
  const byScope = useOverview((s) => s.byScope);
  const loadAssessments = useCourses((s) => s.loadAssessments);
  const loadCourses = useCourses((s) => s.loadCourses);
  const loadOverview = useOverview((s) => s.load);
  const now = useNow(30_000);
  useEffect(() => {
    void loadAssessments(accountId, course);
    void loadOverview({ accountId, course });
    if (!useCourses.getState().courses[accountId]?.result) void loadCourses(accountId);
    return () => useOverview.getState().cancel({ accountId, course });
  }, [accountId, course, loadAssessments, loadCourses, loadOverview]);

  const list = query?.result?.data ?? [];
  const ordered = useMemo(() => {
    const known = new Map((mergedCourseEntries(byScope, accountId, course) ?? []).map((e) => [e.assessment.name, e]));
    const entries: OverviewEntry[] = list.map(
      (a) =>
        known.get(a.name) ?? {
          accountId,
          serverName,
          course: courseView ?? PLACEHOLDER_COURSE(course),
          assessment: a,
          maxTotalScore: null,
          maxSubmissions: null,
          disableHandins: null,
          submissions: null,
          embeddedQuiz: false,
          checkedAt: null,
        },
    );
    return courseOrder(entries, now);
  }, [list, byScope, accountId, course, courseView, serverName, now]);
  const semester = spellSemester(courseView?.semester ?? null);

  return (
    <section aria-labelledby="assessments-title">
      <ScreenHeading id="assessments-title">{courseView?.displayName ?? 'Course'}</ScreenHeading>
      {semester && <p className="lead">{semester}</p>}
      <CourseTabs accountId={accountId} course={course} current="assessments" />
      <CourseLinks accountId={accountId} course={course} current="assessments" />
      {query?.result && <StaleBanner {...query.result} accountId={accountId} onRetry={() => void loadAssessments(accountId, course)} />}
      {query?.result && <RefreshingNote refreshing={query.refreshing ?? false} fetchedAt={query.result.fetchedAt} />}
      <ErrorBanner message={query?.error ?? null} onRetry={() => void loadAssessments(accountId, course)} />
      {!query?.result && !query?.error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading assessments…
        </p>
      )}
      {query?.result && !list.length && <p className="muted">This course has no released assessments yet.</p>}
      {ordered.length > 0 && (
        <ul className="assess-list" aria-label="Assessments" data-testid="course-assessments">
          {ordered.map((i) => (
            <AssessmentRow key={i.entry.assessment.name} item={i} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
