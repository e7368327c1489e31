/**
 * Open edX graded subsections due next (from the Open edX watcher's last
 * look), as rows of Upcoming's one list beside Autolab's assessments and as
 * "Due next" on a site's courses screen: name (opens the course page),
 * course, due date with countdown, the platform, and "Open in browser"
 * (`lms_web_url`). A row says so when its date is from an earlier look because
 * the site could not be reached (or the account is signed out).
 */
import { useEffect } from 'react';
import type { OpenedxOverview, OpenedxUpcoming } from '../../../preload/contract';
import { OpenExternal } from '../../components/OpenExternal';
import { countdown } from '../../domain/countdown';
import { formatAsOf, formatLocal } from '../../domain/time-format';
import { staleNote } from '../../domain/upcoming-rows';
import { useNow } from '../../hooks/use-now';
import { useNavigation } from '../../store/navigation-store';
import { useOpenedx } from '../../store/openedx-store';

/** Props of {@link OpenedxUpcomingRow}. */
export interface OpenedxUpcomingRowProps {
  item: OpenedxUpcoming;
  now: number;
  /** The site's freshness (for the "could not be reached" note). */
  site: OpenedxOverview['sites'][number] | undefined;
  /** Show the course name (Upcoming) and the site name (several sites or accounts). */
  showCourse?: boolean;
  showSite?: boolean;
}

/** One Open edX deadline, in the same row layout as an Autolab assessment. */
export function OpenedxUpcomingRow({ item, now, site, showCourse = true, showSite = false }: OpenedxUpcomingRowProps) {
  const go = useNavigation((s) => s.go);
  const due = Date.parse(item.due);
  const note = staleNote(site, (ms) => formatAsOf(ms, now));
  const where = [showCourse ? item.courseName : null, showSite ? item.siteName : null].filter(Boolean).join(' · ');
  return (
    <li className="assess-row" data-testid="openedx-row" data-due={item.due}>
      <div className="row-main">
        <button type="button" className="row-link" onClick={() => go({ name: 'openedx-course', siteId: item.siteId, courseKey: item.courseKey })}>
          {item.name}
        </button>
        <span className="row-sub muted">
          {where && <>{where} · </>}
          Due <time dateTime={item.due}>{formatLocal(item.due)}</time> · <span className="countdown">{countdown('open', { startAt: item.due, dueAt: item.due }, due, now)}</span>
        </span>
        {note && (
          <span className="row-note small" data-testid="row-stale">
            {note}
          </span>
        )}
      </div>
      <div className="row-facts">
        <span className="badge platform-openedx">Open edX</span>
      </div>
      <div className="row-action">
        {item.lmsWebUrl && (
          <OpenExternal url={item.lmsWebUrl} className="small-button" ariaLabel={`Open in browser: ${item.name}`}>
            Open in browser
          </OpenExternal>
        )}
      </div>
    </li>
  );
}

/** A site's deadlines ("Due next" on its courses screen); nothing when nothing is due. */
export function OpenedxUpcomingList({ siteId, limit = 10, heading = 'Due next' }: { siteId: string; limit?: number; heading?: string }) {
  const overview = useOpenedx((s) => s.overview);
  const error = useOpenedx((s) => s.overviewError);
  const load = useOpenedx((s) => s.loadOverview);
  const now = useNow(30_000);
  useEffect(() => {
    void load(true); // the watcher's last look; the watcher keeps it current
  }, [siteId, load]);
  const shown = (overview?.deadlines ?? []).filter((i) => i.siteId === siteId && Date.parse(i.due) > now).slice(0, limit);
  if (error) return <p className="muted">{error}</p>;
  if (!shown.length) return null;
  const site = overview?.sites.find((x) => x.siteId === siteId);
  return (
    <section aria-label={heading}>
      <h2 className="section-title">{heading}</h2>
      <ul className="assess-list">
        {shown.map((i) => (
          <OpenedxUpcomingRow key={`${i.siteId}|${i.id}`} item={i} now={now} site={site} />
        ))}
      </ul>
    </section>
  );
}
