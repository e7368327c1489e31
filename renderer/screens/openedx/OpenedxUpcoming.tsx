/**
 * Open edX graded subsections due next (from the watcher's last look), for
 * Upcoming and a site's courses screen: name, course, site, due date, and
 * "Open in browser".
 */
import { useEffect, useState } from 'react';
import type { OpenedxUpcoming } from '../../../preload/contract';
import { errorSentence, requireApi } from '../../store/app-store';
import { useNavigation } from '../../store/navigation-store';
import { useOpenedx } from '../../store/openedx-store';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** The list; `siteId` limits it to one site; nothing is shown when nothing is due. */
export function OpenedxUpcomingList({ siteId, limit = 10, heading = 'Open edX: due next' }: { siteId?: string; limit?: number; heading?: string }) {
  const [items, setItems] = useState<OpenedxUpcoming[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sites = useOpenedx((s) => s.sites);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    let live = true;
    requireApi()
      .openedxUpcoming()
      .then(
        (list) => live && setItems(list),
        (err: unknown) => live && setError(errorSentence(err)),
      );
    return () => {
      live = false;
    };
  }, [sites]);
  const shown = (items ?? []).filter((i) => !siteId || i.siteId === siteId).slice(0, limit);
  if (error) return <p className="muted">{error}</p>;
  if (!shown.length) return null;
  return (
    <section aria-label={heading}>
      <h2 className="section-title">{heading}</h2>
      <ul className="row-list">
        {shown.map((i) => (
          <li key={`${i.siteId}|${i.id}`}>
            <div className="row-button">
              <button type="button" className="row-main edx-due-main" onClick={() => go({ name: 'openedx-course', siteId: i.siteId, courseKey: i.courseKey })}>
                <span className="row-title">{i.name}</span>
                <span className="row-sub muted">
                  {i.courseName}
                  {siteId ? '' : ` · ${i.siteName}`} · due {when(i.due)}
                </span>
              </button>
              <span className="badge platform-openedx">Open edX</span>
              {i.lmsWebUrl && (
                <button type="button" aria-label={`Open ${i.name} in browser`} onClick={() => void requireApi().shellOpenUrl({ url: i.lmsWebUrl! })}>
                  Open in browser
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
