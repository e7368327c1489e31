/**
 * Upcoming, the home once signed in (issue 15): every open or soon-open
 * assessment of every account and course, most urgent first, with its state,
 * latest score and submissions used; and the grades of the last 14 days.
 * Shown from the cache at once, then refreshed at the watcher's pace.
 */
import { useEffect, useMemo } from 'react';
import { AssessmentRow } from '../../components/AssessmentRow';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { recentGrades, upcoming } from '../../domain/overview';
import { formatAsOf } from '../../domain/time-format';
import { useNow } from '../../hooks/use-now';
import { useAccounts } from '../../store/accounts-store';
import { useActivity } from '../../store/activity-store';
import { useNavigation } from '../../store/navigation-store';
import { useOverview } from '../../store/overview-store';
import { RecentGrades } from './RecentGrades';

/** The Upcoming screen. */
export function UpcomingScreen() {
  const overview = useOverview((s) => s.byScope.all);
  const error = useOverview((s) => s.errors.all ?? '');
  const load = useOverview((s) => s.load);
  const signedIn = useAccounts((s) => s.accounts.filter((a) => a.status === 'signed-in').length);
  const loaded = useAccounts((s) => s.loaded);
  const activity = useActivity((s) => s.items);
  const go = useNavigation((s) => s.go);
  const now = useNow(30_000);
  useEffect(() => {
    if (!signedIn) return;
    void load();
    return () => useOverview.getState().cancel();
  }, [signedIn, load]);

  const items = useMemo(() => upcoming(overview?.entries ?? [], now), [overview, now]);
  const grades = useMemo(() => {
    const gradedAt = new Map<string, number>();
    for (const i of activity) {
      if ((i.kind === 'graded' || i.kind === 'score-released') && i.target) {
        const key = `${i.target.accountId}/${i.target.course}/${i.target.assessment}`;
        gradedAt.set(key, Math.max(gradedAt.get(key) ?? 0, i.at));
      }
    }
    return recentGrades(overview?.entries ?? [], now, (e) => gradedAt.get(`${e.accountId}/${e.course.name}/${e.assessment.name}`));
  }, [overview, activity, now]);
  const many = new Set(overview?.courses.map((c) => c.accountId)).size > 1;

  if (loaded && !signedIn) {
    return (
      <section aria-labelledby="upcoming-title">
        <ScreenHeading id="upcoming-title">Upcoming</ScreenHeading>
        <div className="empty-card">
          <h2>Not signed in</h2>
          <p>Sign in to your school's Autolab, or try the demo, to see what is due.</p>
          <button type="button" className="primary" onClick={() => go({ name: 'home' })}>
            Sign in
          </button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="upcoming-title" aria-busy={!overview || overview.refreshing} data-testid="upcoming">
      <ScreenHeading id="upcoming-title">Upcoming</ScreenHeading>
      <p className="lead">Everything open or opening soon in every course, most urgent first.</p>
      {overview?.errors.map((e) => (
        <div key={e} role="status" className="banner banner-warn">
          {e}
        </div>
      ))}
      <ErrorBanner message={error || null} onRetry={() => void load()} />
      {overview?.refreshing && (
        <p className="muted progress-line" role="status">
          <span className="spinner" aria-hidden="true" />
          {overview.fetchedAt ? `Showing what was known at ${formatAsOf(overview.fetchedAt)} — updating at Autolab's pace…` : "Asking Autolab at its pace…"}
        </p>
      )}
      {!overview && !error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading what is due…
        </p>
      )}
      <h2 className="section-title" id="due-title">
        Due and opening soon
      </h2>
      {items.length ? (
        <ul className="assess-list" aria-labelledby="due-title" data-testid="upcoming-list">
          {items.map((i) => (
            <AssessmentRow key={`${i.entry.accountId}/${i.entry.course.name}/${i.entry.assessment.name}`} item={i} now={now} showCourse showServer={many} />
          ))}
        </ul>
      ) : (
        overview && !overview.refreshing && <p className="muted">Nothing is open or opening in the next two weeks.</p>
      )}
      <RecentGrades grades={grades} showServer={many} />
    </section>
  );
}
