/**
 * "Try the demo": start the embedded sandbox and sign in through the real
 * browser flow; the demo users' credentials show in the sign-in card (DemoUsers).
 */
import { roleInWords } from '../../domain/semester';
import { useAccounts } from '../../store/accounts-store';

/** The demo card. */
export function DemoCard() {
  const busy = useAccounts((s) => s.busy);
  const startDemo = useAccounts((s) => s.startDemo);
  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">Try the demo</h2>
      <p className="muted">
        A built-in Autolab server on this computer with sample courses. You sign in through your browser, just like with a real
        school.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void startDemo()}>
        Try the demo
      </button>
    </section>
  );
}

/** The demo's users, to type on the demo's sign-in page: shown inside the sign-in card (issue 15). */
export function DemoUsers() {
  const users = useAccounts((s) => s.demoUsers);
  if (!users) return null;
  return (
    <div className="demo-users">
      <p>Sign in on the demo's page with one of these users:</p>
      <table className="table compact">
        <caption className="sr-only">Demo users</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Email</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.email}>
              <td>{roleInWords(u.role)}</td>
              <td className="mono">{u.email}</td>
              <td className="mono">{u.password}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
