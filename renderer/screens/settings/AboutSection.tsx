/**
 * About: which host runs the app, its version, and the shortcuts.
 */
import { useAppStore } from '../../store/app-store';
import { useUi } from '../../store/ui-store';

/** The about section. */
export function AboutSection() {
  const info = useAppStore((s) => s.info);
  const setShortcuts = useUi((s) => s.setShortcuts);
  return (
    <>
      {info && (
        <p>
          {info.name} {info.version} · {info.host === 'web' ? 'web host (in your browser)' : 'desktop app'} on {info.platform}
        </p>
      )}
      <button type="button" onClick={() => setShortcuts(true)}>
        Keyboard shortcuts
      </button>
    </>
  );
}
