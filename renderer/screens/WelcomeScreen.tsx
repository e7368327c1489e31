/**
 * The first screen: no account yet.
 */
import { useAppStore } from '../store/app-store';

/** Welcome screen shown while no Autolab account is signed in. */
export function WelcomeScreen() {
  const info = useAppStore((s) => s.info);
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Autolab Desktop</h1>
      <p className="lead">
        Your courses, deadlines, handins and grades in one place. You have no Autolab account here yet.
      </p>
      <div className="empty-card" data-testid="no-account">
        <h2>No account yet</h2>
        <p>Sign in to your school's Autolab, or try the app with the built-in demo server.</p>
      </div>
      {!info && <p className="muted" aria-live="polite">Connecting…</p>}
    </section>
  );
}
