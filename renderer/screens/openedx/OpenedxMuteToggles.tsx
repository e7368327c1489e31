/**
 * "Notify me about these courses" for Open edX: one switch per current course
 * of each signed-in site, stored in the same `mutedCourses` setting as
 * Autolab's (key `<siteId>/<courseKey>`).
 */
import { useEffect } from 'react';
import { useActivity } from '../../store/activity-store';
import { useOpenedx } from '../../store/openedx-store';

/** The Open edX course switches (nothing when no site is signed in). */
export function OpenedxMuteToggles() {
  const settings = useActivity((s) => s.settings);
  const update = useActivity((s) => s.updateSettings);
  const sites = useOpenedx((s) => s.sites);
  const courses = useOpenedx((s) => s.courses);
  const load = useOpenedx((s) => s.loadCourses);
  const signedIn = sites.filter((x) => x.status === 'signed-in');
  useEffect(() => {
    for (const site of signedIn) if (!useOpenedx.getState().courses[site.id]?.result) void load(site.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn.map((s) => s.id).join(','), load]);
  const current = signedIn.flatMap((site) => (courses[site.id]?.result?.data ?? []).filter((c) => c.state === 'current'));
  if (!settings || !current.length) return null;
  return (
    <fieldset className="fieldset">
      <legend>Notify me about these Open edX courses</legend>
      {current.map((c) => {
        const key = `${c.siteId}/${c.courseKey}`;
        const on = !settings.mutedCourses.includes(key);
        return (
          <label key={key} className="check">
            <input type="checkbox" checked={on} onChange={(e) => void update({ mutedCourses: e.target.checked ? settings.mutedCourses.filter((k) => k !== key) : [...settings.mutedCourses, key] })} />
            {c.name} <span className="muted small">({c.siteName})</span>
          </label>
        );
      })}
    </fieldset>
  );
}
