/**
 * An Open edX course: its grade (percent, letter, passed) and its graded
 * subsections with due dates, each with "Open in browser" (`lms_web_url`).
 */
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { OpenExternal } from '../../components/OpenExternal';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RefreshingNote, StaleBanner } from '../../components/StaleBanner';
import { edxCourseKey, useOpenedx, useOpenedxCourseName } from '../../store/openedx-store';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** The course page. */
export function OpenedxCourseScreen({ siteId, courseKey }: { siteId: string; courseKey: string }) {
  const query = useOpenedx((s) => s.course[edxCourseKey(siteId, courseKey)]);
  const load = useOpenedx((s) => s.loadCourse);
  const loadCourses = useOpenedx((s) => s.loadCourses);
  const course = useOpenedx((s) => s.courses[siteId]?.result?.data.find((c) => c.courseKey === courseKey));
  const name = useOpenedxCourseName(siteId, courseKey);
  const siteName = useOpenedx((s) => s.sites.find((x) => x.id === siteId)?.name);
  useEffect(() => {
    void load(siteId, courseKey);
    if (!course) void loadCourses(siteId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [siteId, courseKey, load, loadCourses]);
  const detail = query?.result?.data;
  const now = Date.now();
  return (
    <section aria-labelledby="edx-course-title">
      {/* The course's name, never its key (the key is on the line below); a placeholder until a name is known. */}
      <ScreenHeading id="edx-course-title">{name ?? 'Open edX course'}</ScreenHeading>
      <p className="muted">
        <span className="badge platform-openedx">Open edX</span> {course?.siteName ?? siteName ?? ''} · <span className="mono">{courseKey}</span>
      </p>
      {query?.result && <StaleBanner {...query.result} />}
      {query?.result && <RefreshingNote refreshing={query.refreshing ?? false} fetchedAt={query.result.fetchedAt} />}
      <ErrorBanner message={query?.error ?? null} onRetry={() => void load(siteId, courseKey)} />
      {!query?.result && !query?.error && (
        <p className="muted progress-line" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Loading the course…
        </p>
      )}
      {detail && (
        <>
          <h2 className="section-title">Course grade</h2>
          {detail.grade ? (
            <dl className="facts edx-grade" data-testid="edx-grade">
              <div className="fact">
                <dt>Percent</dt>
                <dd>{Math.round(detail.grade.percent * 1000) / 10}%</dd>
              </div>
              <div className="fact">
                <dt>Letter</dt>
                <dd>{detail.grade.letter ?? '—'}</dd>
              </div>
              <div className="fact">
                <dt>Passed</dt>
                <dd>{detail.grade.passed ? 'Yes' : 'Not yet'}</dd>
              </div>
            </dl>
          ) : (
            <p className="muted">{detail.gradeError ?? 'No grade yet.'}</p>
          )}
          <h2 className="section-title">Graded subsections</h2>
          {detail.subsections.length ? (
            <table className="table">
              <caption className="sr-only">Graded subsections and due dates</caption>
              <thead>
                <tr>
                  <th scope="col">Subsection</th>
                  <th scope="col">Type</th>
                  <th scope="col">Due</th>
                  <th scope="col">
                    <span className="sr-only">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.subsections.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{s.format ?? '—'}</td>
                    <td>{s.due ? `${when(s.due)}${Date.parse(s.due) < now ? ' (past)' : ''}` : 'No due date'}</td>
                    <td>
                      {s.lmsWebUrl && (
                        <OpenExternal url={s.lmsWebUrl} ariaLabel={`Open in browser: ${s.name}`}>
                          Open in browser
                        </OpenExternal>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">This course has no graded subsections.</p>
          )}
        </>
      )}
    </section>
  );
}
