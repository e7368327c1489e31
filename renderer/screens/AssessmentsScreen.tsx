/**
 * A course's assessments, grouped by category, each with its due date in
 * local time, a countdown, and its state at a glance.
 */
import { useEffect } from 'react';
import type { AssessmentSummary } from '../../preload/contract';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../components/StaleBanner';
import { StateChip } from '../components/StateChip';
import { assessmentState } from '../domain/assessment-state';
import { countdown } from '../domain/countdown';
import { formatLocal } from '../domain/time-format';
import { useNow } from '../hooks/use-now';
import { courseKey, useCourses } from '../store/courses-store';
import { useNavigation } from '../store/navigation-store';
import { CourseTabs } from './instructor/CourseTabs';

function AssessmentRow(props: { accountId: string; course: string; a: AssessmentSummary; lateSlackSec: number; now: number }) {
  const { accountId, course, a, lateSlackSec, now } = props;
  const go = useNavigation((s) => s.go);
  const state = assessmentState({ ...a, lateSlackSec, now });
  return (
    <li>
      <button type="button" className="row-button" aria-label={a.displayName} onClick={() => go({ name: 'assessment', accountId, course, assessment: a.name })}>
        <span className="row-main">
          <span className="row-title">{a.displayName}</span>
          <span className="row-sub muted">
            Due <time dateTime={a.dueAt}>{formatLocal(a.dueAt)}</time> · {countdown(state.kind, a, state.acceptedUntil, now)}
          </span>
        </span>
        <StateChip kind={state.kind} />
        <span className="chevron" aria-hidden="true">›</span>
      </button>
    </li>
  );
}

/** The assessments screen of a course. */
export function AssessmentsScreen({ accountId, course }: { accountId: string; course: string }) {
  const key = courseKey(accountId, course);
  const query = useCourses((s) => s.assessments[key]);
  const courseView = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course));
  const loadAssessments = useCourses((s) => s.loadAssessments);
  const loadCourses = useCourses((s) => s.loadCourses);
  const now = useNow(30_000);
  useEffect(() => {
    void loadAssessments(accountId, course);
    if (!useCourses.getState().courses[accountId]?.result) void loadCourses(accountId);
  }, [accountId, course, loadAssessments, loadCourses]);

  const list = query?.result?.data ?? [];
  const categories = [...new Set(list.map((a) => a.category))];
  const lateSlackSec = courseView?.lateSlackSec ?? 0;

  return (
    <section aria-labelledby="assessments-title">
      <ScreenHeading id="assessments-title">{courseView?.displayName ?? course}</ScreenHeading>
      {courseView?.semester && <p className="lead">{courseView.semester}</p>}
      <CourseTabs accountId={accountId} course={course} current="assessments" />
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
      {categories.map((category) => (
        <section key={category} aria-label={category} className="category">
          <h2 className="section-title">{category}</h2>
          <ul className="row-list">
            {list
              .filter((a) => a.category === category)
              .sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt))
              .map((a) => (
                <AssessmentRow key={a.name} accountId={accountId} course={course} a={a} lateSlackSec={lateSlackSec} now={now} />
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
