/**
 * Start at login (issue 15): only where the host can do it (Electron's login
 * items, through the Platform interface); the web host says why not.
 */
import { useActivity } from '../../store/activity-store';
import { useAppStore } from '../../store/app-store';

/** The start-at-login switch. */
export function StartupSection() {
  const settings = useActivity((s) => s.settings);
  const update = useActivity((s) => s.updateSettings);
  const host = useAppStore((s) => s.info?.host);
  if (host !== 'electron') {
    return <p className="muted">Starting at login is available in the desktop app; this window is the web host.</p>;
  }
  if (!settings) return null;
  return (
    <label className="check">
      <input type="checkbox" checked={settings.startAtLogin} onChange={(e) => void update({ startAtLogin: e.target.checked })} />
      Start Autolab Desktop when I log in
    </label>
  );
}
