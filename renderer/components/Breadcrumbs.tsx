/**
 * Where the user is, on every screen (issue 15): "Upcoming", "Settings", or
 * Courses › Course › Assessment with display names, never slugs (a name not
 * loaded yet shows as a placeholder, not as the slug).
 */
import { useAccounts } from '../store/accounts-store';
import { useAssessment } from '../store/assessment-store';
import { courseKey, useCourses } from '../store/courses-store';
import { useNavigation, type Route } from '../store/navigation-store';
import { useOpenedx, useOpenedxCourseName } from '../store/openedx-store';
import { overviewScope, useOverview } from '../store/overview-store';

interface Crumb {
  label: string;
  go?: Route;
}

const TOP: Partial<Record<Route['name'], string>> = { home: 'Accounts', upcoming: 'Upcoming', activity: 'Activity', settings: 'Settings' };

/** The display name of a course, from whichever store knows it. */
function useCourseName(route: Route): string | undefined {
  const accountId = 'accountId' in route ? route.accountId : undefined;
  const course = 'course' in route ? route.course : undefined;
  const fromCourses = useCourses((s) => (accountId && course ? s.courses[accountId]?.result?.data.find((c) => c.name === course)?.displayName : undefined));
  const fromOverview = useOverview((s) =>
    accountId && course ? (s.byScope.all?.courses.find((c) => c.accountId === accountId && c.name === course) ?? s.byScope[overviewScope({ accountId, course })]?.courses[0])?.displayName : undefined,
  );
  return fromCourses ?? fromOverview;
}

/** The breadcrumb trail. */
export function Breadcrumbs() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const many = useAccounts((s) => s.accounts.filter((a) => a.status === 'signed-in').length > 1);
  const server = useAccounts((s) => ('accountId' in route ? s.accounts.find((a) => a.id === route.accountId)?.serverName : undefined));
  const courseName = useCourseName(route);
  const assessmentName = useCourses((s) =>
    route.name === 'assessment' ? s.assessments[courseKey(route.accountId, route.course)]?.result?.data.find((a) => a.name === route.assessment)?.displayName : undefined,
  );
  const detail = useAssessment((s) => s.detail?.data);
  const siteId = 'siteId' in route ? route.siteId : undefined;
  const siteName = useOpenedx((s) => (siteId ? s.sites.find((x) => x.id === siteId)?.name : undefined));
  const edxCourse = useOpenedxCourseName(siteId, route.name === 'openedx-course' ? route.courseKey : undefined);

  const top = TOP[route.name];
  const crumbs: Crumb[] = [];
  if (top) crumbs.push({ label: top });
  if ('accountId' in route) {
    crumbs.push({ label: many && server ? `Courses on ${server}` : 'Courses', go: { name: 'courses', accountId: route.accountId } });
    if ('course' in route) crumbs.push({ label: courseName ?? 'Course', go: { name: 'course', accountId: route.accountId, course: route.course } });
    if (route.name === 'grades') crumbs.push({ label: 'Grades' });
    if (route.name === 'roster') crumbs.push({ label: 'Roster' });
    if (route.name === 'scores') crumbs.push({ label: 'Scores' });
    if (route.name === 'assessment') {
      const label = assessmentName ?? (detail?.name === route.assessment ? detail.displayName : 'Assessment');
      crumbs.push({ label });
    }
  }
  // Open edX: Site courses › Course (issue 13).
  if (route.name === 'openedx-courses' || route.name === 'openedx-course') {
    crumbs.push({ label: `${siteName ?? 'Open edX'} courses`, go: { name: 'openedx-courses', siteId: route.siteId } });
    if (route.name === 'openedx-course') crumbs.push({ label: edxCourse ?? 'Course' });
  }
  if (!crumbs.length) return null;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={c.label + i}>
              {last || !c.go ? (
                <span aria-current={last ? 'page' : undefined}>{c.label}</span>
              ) : (
                <button type="button" className="link" onClick={() => go(c.go!)}>
                  {c.label}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
