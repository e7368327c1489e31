/**
 * One Open edX site's enrolled courses, each marked with its platform, current
 * first (used in Courses beside Autolab's, and on the site's own screen).
 */
import { useEffect } from 'react';
import type { OpenedxCourseView } from '../../../preload/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RefreshingNote, StaleBanner } from '../../components/StaleBanner';
import { useNavigation } from '../../store/navigation-store';
import { useOpenedx } from '../../store/openedx-store';

const STATE_LABEL: Record<OpenedxCourseView['state'], string> = { current: 'Current', upcoming: 'Upcoming', completed: 'Completed' };

/** A course row: a button named by the course, its org and number, and the platform. */
function CourseRow({ course }: { course: OpenedxCourseView }) {
  const go = useNavigation((s) => s.go);
  return (
    <li>
      <button type="button" className="row-button" onClick={() => go({ name: 'openedx-course', siteId: course.siteId, courseKey: course.courseKey })}>
        <span className="row-main">
          <span className="row-title">{course.name}</span>
          <span className="row-sub muted">
            {[course.org, course.number].filter(Boolean).join(' · ') || course.courseKey}
            {course.state !== 'current' ? ` · ${STATE_LABEL[course.state]}` : ''}
          </span>
        </span>
        <span className="badge platform-openedx">Open edX</span>
        <span className="chevron" aria-hidden="true">›</span>
      </button>
    </li>
  );
}

/** The course list of one site, loading it cached-first. */
export function OpenedxCourseList({ siteId, heading }: { siteId: string; heading?: string }) {
  const query = useOpenedx((s) => s.courses[siteId]);
  const load = useOpenedx((s) => s.loadCourses);
  useEffect(() => {
    void load(siteId);
  }, [siteId, load]);
  const courses = query?.result?.data ?? [];
  return (
    <section aria-label={heading ?? 'Open edX courses'} data-testid={`openedx-courses-${siteId}`}>
      {heading && <h2 className="section-title">{heading}</h2>}
      {query?.result && <StaleBanner {...query.result} />}
      {query?.result && <RefreshingNote refreshing={query.refreshing ?? false} fetchedAt={query.result.fetchedAt} />}
      <ErrorBanner message={query?.error ?? null} onRetry={() => void load(siteId)} />
      {!query?.result && !query?.error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading Open edX courses…
        </p>
      )}
      {query?.result &&
        (courses.length ? (
          <ul className="row-list">
            {courses.map((c) => (
              <CourseRow key={c.courseKey} course={c} />
            ))}
          </ul>
        ) : (
          <p className="muted">No Open edX enrollments.</p>
        ))}
    </section>
  );
}

/** Every signed-in Open edX site's courses, one section per site (for the Courses screen). */
export function OpenedxCoursesBeside() {
  const all = useOpenedx((s) => s.sites); // select the array itself: a filtered copy per render would loop
  const sites = all.filter((x) => x.status === 'signed-in');
  if (!sites.length) return null;
  return (
    <>
      {sites.map((site) => (
        <OpenedxCourseList key={site.id} siteId={site.id} heading={`Open edX · ${site.name}`} />
      ))}
    </>
  );
}
