/**
 * "Try the demo": start the embedded Autolab sandbox (signed in through the
 * real browser flow) and the embedded Open edX beside it. The Autolab demo's
 * users show inside the sign-in card (DemoUsers, issue 15); the Open edX
 * demo's users show here, since it connects without a browser sign-in.
 */
import { useState } from 'react';
import { roleInWords } from '../../domain/semester';
import { errorSentence } from '../../store/app-store';
import { useAccounts } from '../../store/accounts-store';
import { useOpenedx } from '../../store/openedx-store';

/** A demo server's users: a first column (role or username), email and password. */
function UsersTable({ intro, caption, first, rows }: { intro: string; caption: string; first: string; rows: [string, string, string][] }) {
  return (
    <div className="demo-users">
      <p>{intro}</p>
      <table className="table compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">Email</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, email, password]) => (
            <tr key={email}>
              <td>{name}</td>
              <td className="mono">{email}</td>
              <td className="mono">{password}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The demo card. */
export function DemoCard() {
  const busy = useAccounts((s) => s.busy);
  const startAutolabDemo = useAccounts((s) => s.startDemo);
  const edxUsers = useOpenedx((s) => s.demoUsers);
  const startEdxDemo = useOpenedx((s) => s.startDemo);
  const [edxError, setEdxError] = useState<string | null>(null);
  // The demo Open edX is added beside the demo Autolab; a failure of one does not stop the other.
  const startDemo = async () => {
    setEdxError(null);
    await Promise.all([startAutolabDemo(), startEdxDemo().catch((err: unknown) => setEdxError(errorSentence(err)))]);
  };
  return (
    <section className={edxUsers ? 'card card-wide' : 'card'} aria-labelledby="demo-title">
      <h2 id="demo-title">Try the demo</h2>
      <p className="muted">
        A built-in Autolab server and a built-in Open edX site on this computer with sample courses. You sign in to Autolab through your
        browser, just like with a real school; the Open edX demo connects with its own client id and secret.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void startDemo()}>
        Try the demo
      </button>
      {edxError && (
        <p role="alert" className="banner banner-error">
          {edxError}
        </p>
      )}
      {edxUsers && (
        <UsersTable
          intro="The demo Open edX is connected as the first of these users (sign in as either on its pages):"
          caption="Demo Open edX users"
          first="Username"
          rows={edxUsers.map((u) => [u.username, u.email, u.password])}
        />
      )}
    </section>
  );
}

/** The Autolab demo's users, to type on the demo's sign-in page: shown inside the sign-in card (issue 15). */
export function DemoUsers() {
  const users = useAccounts((s) => s.demoUsers);
  if (!users) return null;
  return (
    <UsersTable
      intro="Sign in on the demo's page with one of these users:"
      caption="Demo users"
      first="Role"
      rows={users.map((u) => [roleInWords(u.role), u.email, u.password])}
    />
  );
}
