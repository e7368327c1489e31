/**
 * Notifications and privacy (issue 6; moved from Activity to Settings in
 * issue 15): privacy, deadline reminders, courses to leave out, pausing, and
 * the deadlines calendar.
 */
import { useEffect } from 'react';
import { SavedFileNote } from '../../components/SavedFileNote';
import { formatLocal } from '../../domain/time-format';
import { useAccounts } from '../../store/accounts-store';
import { useActivity } from '../../store/activity-store';
import { useCourses } from '../../store/courses-store';
import { OpenedxMuteToggles } from '../openedx/OpenedxMuteToggles';

const OFFSETS = [
  { min: 3 * 24 * 60, label: '3 days before' },
  { min: 24 * 60, label: '24 hours before' },
  { min: 3 * 60, label: '3 hours before' },
  { min: 60, label: '1 hour before' },
];

/** The notifications and privacy section. */
export function NotificationsSection() {
  const settings = useActivity((s) => s.settings);
  const update = useActivity((s) => s.updateSettings);
  const pause = useActivity((s) => s.pause);
  const exportCalendar = useActivity((s) => s.exportCalendar);
  const exportedTo = useActivity((s) => s.exportedTo);
  const accountId = useAccounts((s) => s.currentId);
  const courses = useCourses((s) => (accountId ? s.courses[accountId]?.result?.data : undefined));
  const loadCourses = useCourses((s) => s.loadCourses);
  useEffect(() => {
    if (accountId && !useCourses.getState().courses[accountId]?.result) void loadCourses(accountId);
  }, [accountId, loadCourses]);
  if (!settings) return null;
  const paused = settings.pausedUntil !== null && settings.pausedUntil > Date.now();
  const toggleOffset = (min: number, on: boolean) =>
    void update({ reminderOffsetsMin: on ? [...settings.reminderOffsetsMin, min] : settings.reminderOffsetsMin.filter((m) => m !== min) });

  return (
    <>
      <label className="check">
        <input type="checkbox" checked={settings.privacy} onChange={(e) => void update({ privacy: e.target.checked })} />
        Hide scores in notifications (show “New grade posted”)
      </label>
      <fieldset className="fieldset">
        <legend>Remind me about deadlines I have not submitted to</legend>
        {OFFSETS.map((o) => (
          <label key={o.min} className="check">
            <input type="checkbox" checked={settings.reminderOffsetsMin.includes(o.min)} onChange={(e) => toggleOffset(o.min, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </fieldset>
      {accountId && courses && courses.length > 0 && (
        <fieldset className="fieldset">
          <legend>Notify me about these courses</legend>
          {courses.filter((c) => c.state === 'current').map((c) => {
            const key = `${accountId}/${c.name}`;
            const on = !settings.mutedCourses.includes(key);
            return (
              <label key={key} className="check">
                <input type="checkbox" checked={on} onChange={(e) => void update({ mutedCourses: e.target.checked ? settings.mutedCourses.filter((k) => k !== key) : [...settings.mutedCourses, key] })} />
                {c.displayName}
              </label>
            );
          })}
        </fieldset>
      )}
      <OpenedxMuteToggles />
      <div className="actions" role="group" aria-label="Pause notifications">
        {paused ? (
          <>
            <span role="status">Paused until {formatLocal(new Date(settings.pausedUntil!).toISOString())}.</span>
            <button type="button" onClick={() => void pause('off')}>Resume notifications</button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void pause('1h')}>Pause for 1 hour</button>
            <button type="button" onClick={() => void pause('tomorrow')}>Pause until tomorrow</button>
          </>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void exportCalendar()}>Export deadlines calendar (.ics)</button>
        {exportedTo && <SavedFileNote path={exportedTo} />}
      </div>
    </>
  );
}
