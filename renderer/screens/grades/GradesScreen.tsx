/**
 * A course's grades (issue 15): every assessment's latest score against its
 * maximum, by category with subtotals and a course total; unreleased scores
 * and work not submitted are shown as such and add nothing.
 */
import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { gradesByCategory, scoreText } from '../../domain/overview';
import { spellSemester } from '../../domain/semester';
import { formatAsOf } from '../../domain/time-format';
import { useNow } from '../../hooks/use-now';
import { useCourses } from '../../store/courses-store';
import { useNavigation } from '../../store/navigation-store';
import { mergedCourseEntries, overviewScope, useOverview } from '../../store/overview-store';
import { CourseLinks } from './CourseLinks';

/** The Grades screen of a course. */
export function GradesScreen({ accountId, course }: { accountId: string; course: string }) {
  const scope = overviewScope({ accountId, course });
  const overview = useOverview((s) => s.byScope[scope]);
  const byScope = useOverview((s) => s.byScope);
  const error = useOverview((s) => s.errors[scope] ?? '');
  const load = useOverview((s) => s.load);
  const courseView = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course));
  const loadCourses = useCourses((s) => s.loadCourses);
  const go = useNavigation((s) => s.go);
  const now = useNow(60_000);
  useEffect(() => {
    void load({ accountId, course });
    if (!useCourses.getState().courses[accountId]?.result) void loadCourses(accountId);
    return () => useOverview.getState().cancel({ accountId, course });
  }, [accountId, course, load, loadCourses]);
  const grades = useMemo(() => gradesByCategory(overview ? (mergedCourseEntries(byScope, accountId, course) ?? []) : [], now), [overview, byScope, accountId, course, now]);
  const name = courseView?.displayName ?? overview?.courses[0]?.displayName ?? 'Course';
  const semester = spellSemester(courseView?.semester ?? overview?.courses[0]?.semester ?? null);

  return (
    <section aria-labelledby="grades-title" aria-busy={!overview || overview.refreshing} data-testid="grades">
      <ScreenHeading id="grades-title">Grades — {name}</ScreenHeading>
      {semester && <p className="lead">{semester}</p>}
      <CourseLinks accountId={accountId} course={course} current="grades" />
      <ErrorBanner message={error || null} onRetry={() => void load({ accountId, course })} />
      {overview?.errors.map((e) => (
        <div key={e} role="status" className="banner banner-warn">
          {e}
        </div>
      ))}
      {overview?.refreshing && (
        <p className="muted progress-line" role="status">
          <span className="spinner" aria-hidden="true" />
          {overview.fetchedAt ? `Showing the scores known at ${formatAsOf(overview.fetchedAt)} — updating…` : 'Asking Autolab for your scores…'}
        </p>
      )}
      {!overview && !error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading your grades…
        </p>
      )}
      {overview && !overview.entries.length && !overview.refreshing && <p className="muted">This course has no released assessments.</p>}
      {grades.categories.length > 0 && (
        <div className="card">
          <table className="table grades-table" data-testid="grades-table">
            <caption className="sr-only">Latest score of every assessment, by category</caption>
            <thead>
              <tr>
                <th scope="col">Assessment</th>
                <th scope="col">Latest version</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col" className="num">
                  Maximum
                </th>
              </tr>
            </thead>
            {grades.categories.map((cat) => (
              <tbody key={cat.name} data-testid="grades-category">
                <tr className="category-row">
                  <th scope="colgroup" colSpan={4}>
                    {cat.name}
                  </th>
                </tr>
                {cat.rows.map(({ entry, score }) => (
                  <tr key={entry.assessment.name}>
                    <th scope="row" className="plain">
                      <button type="button" className="link" onClick={() => go({ name: 'assessment', accountId, course, assessment: entry.assessment.name })}>
                        {entry.assessment.displayName}
                      </button>
                    </th>
                    <td>{'version' in score ? `Version ${score.version}` : <span className="muted">—</span>}</td>
                    <td className="num">
                      {score.kind === 'scored' ? score.total : <span className={score.kind === 'unreleased' ? 'chip chip-muted' : 'muted'}>{score.kind === 'unreleased' ? 'Not released' : scoreText(score)}</span>}
                    </td>
                    <td className="num">{entry.maxTotalScore ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
                <tr className="subtotal-row" data-testid="category-subtotal">
                  <th scope="row" colSpan={2}>
                    {cat.name} subtotal
                  </th>
                  <td className="num">{cat.earned}</td>
                  <td className="num">{cat.possible}</td>
                </tr>
              </tbody>
            ))}
            <tfoot>
              <tr data-testid="grades-total">
                <th scope="row" colSpan={2}>
                  Course total (released scores)
                </th>
                <td className="num">{grades.earned}</td>
                <td className="num">{grades.possible}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted small">
            Subtotals add released scores against the maximums of graded or closed assessments; unreleased scores and work not yet due add nothing.
            Autolab's own gradebook may weigh categories differently.
          </p>
        </div>
      )}
    </section>
  );
}
