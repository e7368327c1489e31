/**
 * Sign-in progress: continue in the browser (with the address to copy), the
 * device code, or why it failed — always with Cancel or a way forward.
 */
import { CopyButton } from '../../components/CopyButton';
import { requireApi } from '../../store/app-store';
import { useAccounts, type SignInView } from '../../store/accounts-store';
import { DemoUsers } from './DemoCard';

function openUrl(url: string) {
  void requireApi()
    .shellOpenUrl({ url })
    .catch(() => undefined);
}

/** The panel for the sign-in on screen; nothing when none is running. */
export function SignInPanel() {
  const signIn = useAccounts((s) => s.signIn);
  const account = useAccounts((s) => s.accounts.find((a) => a.id === s.signIn?.accountId));
  const warning = useAccounts((s) => s.secretWarning);
  if (!signIn) return null;
  const asking = signIn.phase === 'browser' || signIn.phase === 'device-code' || signIn.phase === 'starting';
  return (
    <section className="card signin" aria-labelledby="signin-title" aria-live="polite">
      <SignInBody view={signIn} server={account?.serverName ?? 'Autolab'} />
      {asking && account?.isDemo && <DemoUsers />}
      {asking && warning && (
        <p className="banner banner-warn signin-warning" role="note">
          <strong>Your sign-in cannot be stored safely on this computer.</strong> {warning}
        </p>
      )}
    </section>
  );
}

function CancelButton() {
  const cancel = useAccounts((s) => s.cancelSignIn);
  return (
    <button type="button" onClick={() => void cancel()}>
      Cancel
    </button>
  );
}

function DeviceLink({ accountId, primary }: { accountId: string; primary?: boolean }) {
  const signInTo = useAccounts((s) => s.signInTo);
  return (
    <button type="button" className={primary ? 'primary' : 'link'} onClick={() => void signInTo(accountId, 'device')}>
      Sign in with a code instead
    </button>
  );
}

function SignInBody({ view, server }: { view: SignInView; server: string }) {
  const signInTo = useAccounts((s) => s.signInTo);
  const dismiss = useAccounts((s) => s.dismissSignIn);
  const reAdd = useAccounts((s) => s.removeAndReAdd);
  const busy = useAccounts((s) => s.busy);
  switch (view.phase) {
    case 'starting':
    case 'exchanging':
      return (
        <>
          <h2 id="signin-title">Signing in to {server}</h2>
          <p className="progress-line">
            <span className="spinner" aria-hidden="true" />
            {view.phase === 'starting' ? 'Starting sign-in…' : 'Finishing sign-in…'}
          </p>
          <div className="actions">
            <CancelButton />
          </div>
        </>
      );
    case 'browser':
      return (
        <>
          <h2 id="signin-title">Continue in your browser</h2>
          <p>
            {view.browserOpened
              ? `Your browser was asked to open ${server}'s sign-in page. Sign in there and allow Autolab Desktop, then come back here.`
              : `No browser could be asked to open the page: open this link in your browser to sign in to ${server}, then come back here.`}
          </p>
          {view.browserOpened && <p className="muted">If your browser did not open, copy this link and open it there:</p>}
          <div className="url-row">
            <input className="mono" readOnly value={view.authorizeUrl} aria-label="Sign-in address" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={view.authorizeUrl} label="Copy address" />
          </div>
          <p className="progress-line muted">
            <span className="spinner" aria-hidden="true" />
            Waiting for you to finish in the browser…
          </p>
          <div className="actions">
            <CancelButton />
            <DeviceLink accountId={view.accountId} />
          </div>
        </>
      );
    case 'device-code':
      return (
        <>
          <h2 id="signin-title">Sign in with a code</h2>
          <p>
            Go to the address below, sign in to {server}, and enter this code:
          </p>
          <div className="user-code-row">
            <output className="user-code" aria-label="Your sign-in code">
              {view.userCode}
            </output>
            <CopyButton text={view.userCode} label="Copy code" />
          </div>
          <p>
            <button type="button" className="link" onClick={() => openUrl(view.verificationUri)}>
              Open {view.verificationUri}
            </button>
          </p>
          <p className="progress-line muted" role="status">
            <span className="spinner" aria-hidden="true" />
            {view.status}
          </p>
          <div className="actions">
            <CancelButton />
          </div>
        </>
      );
    case 'failed':
      return (
        <>
          <h2 id="signin-title">Sign-in did not finish</h2>
          <p role="alert" className="banner banner-error">
            {view.message}
          </p>
          <div className="actions">
            {view.offerReAdd ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void reAdd(view.accountId)}>
                Remove this server and add it again
              </button>
            ) : (
              <>
                {view.suggestDevice && <DeviceLink accountId={view.accountId} primary />}
                <button type="button" className={view.suggestDevice ? '' : 'primary'} onClick={() => void signInTo(view.accountId, 'loopback')}>
                  Try again
                </button>
              </>
            )}
            <button type="button" className="ghost" onClick={dismiss}>
              Close
            </button>
          </div>
        </>
      );
    default:
      return null;
  }
}
