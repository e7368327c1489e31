/**
 * The welcome and accounts screen: the demo, adding a server, the accounts,
 * and the sign-in in progress.
 */
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAccounts } from '../store/accounts-store';
import { useAppStore } from '../store/app-store';
import { AccountsList } from './welcome/AccountsList';
import { AddServerForm } from './welcome/AddServerForm';
import { DemoCard } from './welcome/DemoCard';
import { SignInPanel } from './welcome/SignInPanel';
import { AddOpenedxSiteForm, OpenedxSitesList } from './openedx/OpenedxSites';

/** Welcome screen: the first screen, and where accounts are managed. */
export function WelcomeScreen() {
  const info = useAppStore((s) => s.info);
  const accounts = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.loaded);
  const error = useAccounts((s) => s.error);
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <ScreenHeading id="welcome-title">Welcome to Autolab Desktop</ScreenHeading>
      <p className="lead">Your courses, deadlines, handins and grades in one place.</p>
      <ErrorBanner message={error} />
      <SignInPanel />
      {loaded && !accounts.length && (
        <div className="empty-card" data-testid="no-account">
          <h2>No account yet</h2>
          <p>Sign in to your school's Autolab, or try the app with the built-in demo server.</p>
        </div>
      )}
      <AccountsList />
      <OpenedxSitesList />
      <div className="card-grid">
        <DemoCard />
        <AddServerForm />
        <AddOpenedxSiteForm />
      </div>
      {!info && (
        <p className="muted" aria-live="polite">
          Connecting…
        </p>
      )}
    </section>
  );
}
