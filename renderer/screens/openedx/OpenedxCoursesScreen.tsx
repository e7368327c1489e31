/**
 * One Open edX site's courses on their own screen.
 */
import { ScreenHeading } from '../../components/ScreenHeading';
import { useOpenedx } from '../../store/openedx-store';
import { OpenedxCourseList } from './OpenedxCourseList';
import { OpenedxUpcomingList } from './OpenedxUpcoming';

/** The site's courses screen. */
export function OpenedxCoursesScreen({ siteId }: { siteId: string }) {
  const site = useOpenedx((s) => s.sites.find((x) => x.id === siteId));
  return (
    <section aria-labelledby="edx-courses-title">
      <ScreenHeading id="edx-courses-title">Courses</ScreenHeading>
      <p className="muted">
        <span className="badge platform-openedx">Open edX</span> {site ? `${site.name}${site.username ? ` · signed in as ${site.username}` : ''}` : ''}
      </p>
      <OpenedxUpcomingList siteId={siteId} heading="Due next" />
      <OpenedxCourseList siteId={siteId} heading="Enrolled courses" />
    </section>
  );
}
