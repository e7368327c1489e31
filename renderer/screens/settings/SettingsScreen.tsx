/**
 * Settings (issue 15): one screen of sections (see sections.ts), with a list
 * of them to jump to.
 */
import { ScreenHeading } from '../../components/ScreenHeading';
import { useActivity } from '../../store/activity-store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SETTINGS_SECTIONS } from './sections';

/** The Settings screen. */
export function SettingsScreen() {
  const error = useActivity((s) => s.error);
  return (
    <section aria-labelledby="settings-title" className="settings-screen">
      <ScreenHeading id="settings-title">Settings</ScreenHeading>
      <ErrorBanner message={error} />
      <nav aria-label="Settings sections" className="settings-toc">
        <ul>
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#settings-${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-sections">
        {SETTINGS_SECTIONS.map(({ id, title, Component }) => (
          <section key={id} className="card settings" aria-labelledby={`settings-${id}`}>
            <h2 id={`settings-${id}`} tabIndex={-1}>
              {title}
            </h2>
            <Component />
          </section>
        ))}
      </div>
    </section>
  );
}
