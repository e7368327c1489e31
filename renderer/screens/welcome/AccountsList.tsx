/**
 * The configured servers with their accounts: sign in, open, sign out, remove.
 */
import type { AccountView } from '../../../preload/contract';
import { ServerList, ServerRow } from '../../components/ServerList';
import { accountLabel, useAccounts } from '../../store/accounts-store';

/** What each Autolab scope lets the app do (autolab-api.md §2.10, the consent page's words). */
const SCOPE_WORDS: Record<string, string> = {
  user_info: 'your name and email',
  user_courses: 'courses and assessments',
  user_scores: 'submissions, scores and feedback',
  user_submit: 'submitting for you',
  instructor_all: 'instructor operations (roster, scores, groups)',
  admin_all: 'administration',
};

/** The account's granted scopes, in words, behind a disclosure. */
function GrantedScopes({ account }: { account: AccountView }) {
  if (account.status !== 'signed-in' || !account.scopes.length) return null;
  return (
    <details className="small account-details">
      <summary>Access granted</summary>
      <ul aria-label={`Access granted on ${account.serverName}`}>
        {account.scopes.map((s) => (
          <li key={s}>
            {SCOPE_WORDS[s] ?? s} <code>{s}</code>
          </li>
        ))}
      </ul>
      {account.instructorAskedAtSignIn && !account.scopes.includes('instructor_all') && (
        <p className="notice">Instructor access was asked for but not granted.</p>
      )}
    </details>
  );
}

/** One account row. */
function AccountRow({ account, onRemove }: { account: AccountView; onRemove(): void }) {
  const busy = useAccounts((s) => s.busy);
  const signInTo = useAccounts((s) => s.signInTo);
  const signOut = useAccounts((s) => s.signOut);
  const select = useAccounts((s) => s.select);
  const name = account.serverName;
  return (
    <ServerRow
      name={name}
      badges={account.isDemo && <span className="badge">Demo</span>}
      baseUrl={account.baseUrl}
      onRemove={onRemove}
      removeDisabled={busy}
      actions={
        account.status === 'signed-in' ? (
          <>
            <button type="button" className="primary" aria-label={`Open courses on ${name}`} onClick={() => select(account.id)}>
              Open courses
            </button>
            <button type="button" aria-label={`Sign out of ${name}`} disabled={busy} onClick={() => void signOut(account.id)}>
              Sign out
            </button>
          </>
        ) : (
          <button type="button" className="primary" aria-label={`Sign in to ${name}`} onClick={() => void signInTo(account.id, 'loopback')}>
            Sign in
          </button>
        )
      }
    >
      <div className="small">{account.status === 'signed-in' ? accountLabel(account) : account.status === 'signing-in' ? 'Signing in…' : 'Signed out'}</div>
      <GrantedScopes account={account} />
      {account.notice && <p className="notice small">{account.notice}</p>}
    </ServerRow>
  );
}

/** The accounts list, with a confirmation before removing; `embedded` leaves out its card and heading (Settings). */
export function AccountsList({ embedded = false }: { embedded?: boolean }) {
  const accounts = useAccounts((s) => s.accounts);
  const remove = useAccounts((s) => s.remove);
  if (!accounts.length) return embedded ? <p className="muted">No Autolab server yet.</p> : null;
  const body = (
    <ServerList
      items={accounts}
      keyOf={(a) => a.id}
      nameOf={(a) => a.serverName}
      fallbackName="this server"
      reason="This signs you out and forgets the server and its client secret. Your work on Autolab is not affected."
      label={embedded ? 'Accounts' : undefined}
      remove={(a) => void remove(a.id)}
      row={(a, askRemove) => <AccountRow account={a} onRemove={askRemove} />}
    />
  );
  if (embedded) return body;
  return (
    <section className="card" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Your accounts</h2>
      {body}
    </section>
  );
}
