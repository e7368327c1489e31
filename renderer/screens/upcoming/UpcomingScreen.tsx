/**
 * Upcoming, the home once signed in (issue 15): every open or soon-open
 * assessment of every account and course, most urgent first, with its state,
 * latest score and submissions used; and the grades of the last 14 days.
 * Open edX graded subsections due ahead sit in the same list by due date,
 * marked with their platform (issue 13). Shown from the cache at once (the
 * Open edX watcher's last look), then refreshed at each watcher's pace.
 */
import { useEffect, useMemo } from 'react';
import { AssessmentRow } from '../../components/AssessmentRow';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RECENT_GRADE_MS, recentGrades, upcoming } from '../../domain/overview';
import { formatAsOf } from '../../domain/time-format';
import { mergeRecentGrades, mergeUpcoming } from '../../domain/upcoming-rows';
import { useNow } from '../../hooks/use-now';
import { useAccounts } from '../../store/accounts-store';
import { useActivity } from '../../store/activity-store';
import { useNavigation } from '../../store/navigation-store';
import { useOpenedx } from '../../store/openedx-store';
import { useOverview } from '../../store/overview-store';
import { OpenedxUpcomingRow } from '../openedx/OpenedxUpcoming';
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
  const edxSites = useOpenedx((s) => s.sites.length);
  const edx = useOpenedx((s) => s.overview);
  const edxError = useOpenedx((s) => s.overviewError);
  const loadEdx = useOpenedx((s) => s.loadOverview);
  const now = useNow(30_000);
  useEffect(() => {
    if (!signedIn) return;
    void load();
    return () => useOverview.getState().cancel();
  }, [signedIn, load]);
  useEffect(() => {
    if (edxSites) void loadEdx();
  }, [edxSites, loadEdx]);

  const items = useMemo(() => mergeUpcoming(upcoming(overview?.entries ?? [], now), edx?.deadlines ?? [], now), [overview, edx, now]);
  const grades = useMemo(() => {
    const gradedAt = new Map<string, number>();
    for (const i of activity) {
      if ((i.kind === 'graded' || i.kind === 'score-released') && i.target) {
        const key = `${i.target.accountId}/${i.target.course}/${i.target.assessment}`;
        gradedAt.set(key, Math.max(gradedAt.get(key) ?? 0, i.at));
      }
    }
    const autolab = recentGrades(overview?.entries ?? [], now, (e) => gradedAt.get(`${e.accountId}/${e.course.name}/${e.assessment.name}`));
    return mergeRecentGrades(autolab, (edx?.recentGrades ?? []).filter((g) => now - g.at <= RECENT_GRADE_MS));
  }, [overview, activity, edx, now]);
  const accounts = new Set(overview?.courses.map((c) => c.accountId)).size;
  const many = accounts > 1;
  // Open edX rows name their site when there is more than one place work comes from.
  const manyPlaces = accounts + (edx?.sites.length ?? 0) > 1;
  const edxSite = (siteId: string) => edx?.sites.find((x) => x.siteId === siteId);
  const busy = (signedIn > 0 && (!overview || overview.refreshing)) || (edxSites > 0 && (!edx || edx.refreshing));

  if (loaded && !signedIn && !edxSites) {
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
    <section aria-labelledby="upcoming-title" aria-busy={busy} data-testid="upcoming">
      <ScreenHeading id="upcoming-title">Upcoming</ScreenHeading>
      <p className="lead">Everything open or opening soon in every course, most urgent first.</p>
      {overview?.errors.map((e) => (
        <div key={e} role="status" className="banner banner-warn">
          {e}
        </div>
      ))}
      <ErrorBanner message={error || null} onRetry={() => void load()} />
      <ErrorBanner message={edxError} onRetry={() => void loadEdx()} />
      {edx?.sites
        .filter((x) => x.signedIn && x.checkedAt === null && x.problem)
        .map((x) => (
          <div key={x.siteId} role="status" className="banner banner-warn">
            {x.siteName}: {x.problem} Its deadlines appear here once it answers.
          </div>
        ))}
      {edx?.refreshing && (
        <p className="muted progress-line" role="status">
          <span className="spinner" aria-hidden="true" />
          Checking your Open edX sites for deadlines…
        </p>
      )}
      {overview?.refreshing && (
        <p className="muted progress-line" role="status">
          <span className="spinner" aria-hidden="true" />
          {overview.fetchedAt ? `Showing what was known at ${formatAsOf(overview.fetchedAt)} — updating at Autolab's pace…` : "Asking Autolab at its pace…"}
        </p>
      )}
      {signedIn > 0 && !overview && !error && (
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
          {items.map((r) =>
            r.kind === 'autolab' ? (
              <AssessmentRow key={`${r.item.entry.accountId}/${r.item.entry.course.name}/${r.item.entry.assessment.name}`} item={r.item} now={now} showCourse showServer={many} />
            ) : (
              <OpenedxUpcomingRow key={`edx|${r.item.siteId}|${r.item.id}`} item={r.item} now={now} site={edxSite(r.item.siteId)} showSite={manyPlaces} />
            ),
          )}
        </ul>
      ) : (
        !busy && <p className="muted">Nothing is open or opening in the next two weeks.</p>
      )}
      <RecentGrades grades={grades} showServer={many} edxNote={edxSites > 0} />
    </section>
  );
}
