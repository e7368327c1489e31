/**
 * The header's account controls: which signed-in account is shown, who that
 * is, sign out, and the way to the accounts screen.
 */
import { accountLabel, useAccounts } from '../store/accounts-store';
import { useNavigation } from '../store/navigation-store';

/** Account switcher, identity and sign out. */
export function AccountSwitcher() {
  const accounts = useAccounts((s) => s.accounts);
  const currentId = useAccounts((s) => s.currentId);
  const busy = useAccounts((s) => s.busy);
  const select = useAccounts((s) => s.select);
  const signOut = useAccounts((s) => s.signOut);
  const go = useNavigation((s) => s.go);
  const signedIn = accounts.filter((a) => a.status === 'signed-in');
  const current = accounts.find((a) => a.id === currentId);

  return (
    <div className="account-switcher">
      {signedIn.length > 1 ? (
        <select aria-label="Account" value={currentId ?? ''} onChange={(e) => select(e.target.value)}>
          {signedIn.map((a) => (
            <option key={a.id} value={a.id}>
              {accountLabel(a)} — {a.serverName}
            </option>
          ))}
        </select>
      ) : (
        current?.identity && (
          <span className="identity" data-testid="identity" title={current.serverName}>
            <span className="avatar" aria-hidden="true">
              {(current.identity.firstName[0] ?? current.identity.email[0] ?? '?').toUpperCase()}
            </span>
            {accountLabel(current)}
          </span>
        )
      )}
      <button type="button" className="ghost" onClick={() => go({ name: 'home' })}>
        Accounts
      </button>
      {current?.status === 'signed-in' && (
        <button type="button" className="ghost" disabled={busy} onClick={() => void signOut(current.id)}>
          Sign out
        </button>
      )}
    </div>
  );
}
