/**
 * The app frame: header, and the current screen.
 */
import { useAppStore } from './store/app-store';
import { WelcomeScreen } from './screens/WelcomeScreen';

/** The root component. */
export function App() {
  const info = useAppStore((s) => s.info);
  const fatal = useAppStore((s) => s.fatal);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-name">Autolab Desktop</span>
        </div>
        {info && (
          <span className="host-badge" data-testid="host-kind" title={`Version ${info.version}`}>
            {info.host === 'web' ? 'Web host' : 'Desktop'} · v{info.version}
          </span>
        )}
      </header>
      <main className="app-main">
        {fatal ? (
          <div role="alert" className="banner banner-error">{fatal}</div>
        ) : (
          <WelcomeScreen />
        )}
      </main>
    </div>
  );
}
