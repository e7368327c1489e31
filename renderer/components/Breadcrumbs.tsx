/**
 * Courses › Course › Assessment: where the user is, and the way back.
 */
import { useAssessment } from '../store/assessment-store';
import { courseKey, useCourses } from '../store/courses-store';
import { useNavigation } from '../store/navigation-store';
import { useOpenedx } from '../store/openedx-store';

/** Open edX courses › Course. */
function OpenedxCrumbs({ siteId, courseKey }: { siteId: string; courseKey: string | null }) {
  const go = useNavigation((s) => s.go);
  const site = useOpenedx((s) => s.sites.find((x) => x.id === siteId));
  const course = useOpenedx((s) => s.courses[siteId]?.result?.data.find((c) => c.courseKey === courseKey));
  const crumbs = [{ label: `${site?.name ?? 'Open edX'} courses`, onClick: () => go({ name: 'openedx-courses', siteId }) }];
  if (courseKey) crumbs.push({ label: course?.name ?? courseKey, onClick: () => undefined });
  return <Trail crumbs={crumbs} />;
}

/** The breadcrumb trail for the course screens; nothing on the home screen. */
export function Breadcrumbs() {
  const route = useNavigation((s) => s.route);
  if (route.name === 'openedx-courses') return <OpenedxCrumbs siteId={route.siteId} courseKey={null} />;
  if (route.name === 'openedx-course') return <OpenedxCrumbs siteId={route.siteId} courseKey={route.courseKey} />;
  return <AutolabCrumbs />;
}

function AutolabCrumbs() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const courses = useCourses((s) => ('accountId' in route ? s.courses[route.accountId]?.result?.data : undefined));
  const assessments = useCourses((s) =>
    route.name === 'course' || route.name === 'assessment' ? s.assessments[courseKey(route.accountId, route.course)]?.result?.data : undefined,
  );
  const detail = useAssessment((s) => s.detail?.data);
  if (!('accountId' in route)) return null;

  const crumbs: { label: string; onClick: () => void }[] = [
    { label: 'Courses', onClick: () => go({ name: 'courses', accountId: route.accountId }) },
  ];
  if (route.name === 'course' || route.name === 'assessment' || route.name === 'roster' || route.name === 'scores') {
    const course = courses?.find((c) => c.name === route.course);
    crumbs.push({ label: course?.displayName ?? route.course, onClick: () => go({ name: 'course', accountId: route.accountId, course: route.course }) });
  }
  if (route.name === 'roster' || route.name === 'scores') crumbs.push({ label: route.name === 'roster' ? 'Roster' : 'Scores', onClick: () => undefined });
  if (route.name === 'assessment') {
    const a = assessments?.find((x) => x.name === route.assessment);
    const label = a?.displayName ?? (detail?.name === route.assessment ? detail.displayName : route.assessment);
    crumbs.push({ label, onClick: () => undefined });
  }

  return <Trail crumbs={crumbs} />;
}

function Trail({ crumbs }: { crumbs: { label: string; onClick: () => void }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={c.label + i}>
              {last ? (
                <span aria-current="page">{c.label}</span>
              ) : (
                <button type="button" className="link" onClick={c.onClick}>
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
